//! Sending numbers the way the manual's examples send them. The examples quote ids
//! (`"campaign_id": "16340"`, manual 3.8.4.3; `"line_id": "300049196"`, `"operators":
//! ["300049009"]`, `"priority": "1"`, manual 3.8.4.1; `"task_id": "2489649"`, manual 3.8.3;
//! `"start_time": "1399906980"`, manual 4.2) but not everything (`"weekday": 1`,
//! `"duration": 15`). Fields follow their example; those without one go as JSON numbers.

use std::fmt::Display;

use serde::Serializer;

/// A number sent as a string: `16340` → `"16340"`.
pub fn string<S: Serializer, T: Display>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// An optional number sent as a string. Pair with `skip_serializing_if = "Option::is_none"`.
pub fn optional_string<S: Serializer, T: Display>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}

/// Numbers sent as a list of strings: `[1, 2]` → `["1","2"]`.
pub fn strings<S: Serializer, T: Display>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(values.iter().map(ToString::to_string))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Sample {
        #[serde(serialize_with = "super::string")]
        id: i64,
        #[serde(serialize_with = "super::optional_string", skip_serializing_if = "Option::is_none")]
        maybe: Option<i64>,
        #[serde(serialize_with = "super::strings")]
        ids: Vec<i64>,
    }

    #[test]
    fn numbers_go_quoted() {
        let json = serde_json::to_string(&Sample { id: 16340, maybe: Some(7), ids: vec![1, 22] }).unwrap();
        assert_eq!(json, r#"{"id":"16340","maybe":"7","ids":["1","22"]}"#);
        let json = serde_json::to_string(&Sample { id: -1, maybe: None, ids: vec![] }).unwrap();
        assert_eq!(json, r#"{"id":"-1","ids":[]}"#);
    }
}
