//! Strict reading of a request's `json` object, as MANGO reads it: numbers may come as JSON
//! numbers or numeric strings (the manual's own examples send both), `null` — and `""`, which
//! the manual's campaign/add example sends for `dial_mode` — mean "not given" for optional
//! fields, and everything else must have the right type, length and value.

use chrono::NaiveDateTime;
use serde_json::{Map, Value};

use super::refusal::Refusal;

pub struct Fields {
    object: Map<String, Value>,
}

pub type Checked<T> = Result<T, Refusal>;

/// An integer from a JSON number (without fraction) or a string of digits.
pub fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

fn as_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

fn given(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null() && v.as_str() != Some(""))
}

impl Fields {
    /// The `json` form field must be a JSON object.
    pub fn parse(json: &str) -> Checked<Fields> {
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(object)) => Ok(Fields { object }),
            Ok(_) => Err(Refusal::format("json", "must be a JSON object")),
            Err(e) => Err(Refusal::format("json", format!("is not valid JSON ({e})"))),
        }
    }

    pub fn from_object(object: Map<String, Value>) -> Fields {
        Fields { object }
    }

    /// Whether the field is given (not absent, `null` or `""`).
    pub fn has(&self, name: &str) -> bool {
        self.value(name).is_some()
    }

    fn value(&self, name: &str) -> Option<&Value> {
        given(self.object.get(name))
    }

    pub fn required_int(&self, name: &str) -> Checked<i64> {
        let value = self.value(name).ok_or_else(|| Refusal::missing(name))?;
        as_int(value).ok_or_else(|| Refusal::format(name, "must be an integer"))
    }

    pub fn optional_int(&self, name: &str) -> Checked<Option<i64>> {
        self.value(name)
            .map(|v| as_int(v).ok_or_else(|| Refusal::format(name, "must be an integer")))
            .transpose()
    }

    pub fn optional_int_in(&self, name: &str, allowed: &[i64]) -> Checked<Option<i64>> {
        let value = self.optional_int(name)?;
        match value {
            Some(v) if !allowed.contains(&v) => {
                Err(Refusal::format(name, format!("{v} is not one of {allowed:?}")))
            }
            _ => Ok(value),
        }
    }

    pub fn optional_decimal_in(&self, name: &str, allowed: &[f64]) -> Checked<Option<f64>> {
        let Some(value) = self.value(name) else { return Ok(None) };
        let number = as_f64(value).ok_or_else(|| Refusal::format(name, "must be a number"))?;
        if allowed.iter().any(|a| (a - number).abs() < 1e-9) {
            Ok(Some(number))
        } else {
            Err(Refusal::format(name, format!("{number} is not one of {allowed:?}")))
        }
    }

    pub fn required_str(&self, name: &str, max_chars: usize) -> Checked<String> {
        let value = self.value(name).ok_or_else(|| Refusal::missing(name))?;
        string(name, value, max_chars)
    }

    pub fn optional_str(&self, name: &str, max_chars: usize) -> Checked<Option<String>> {
        // An empty string is a legitimate value for optional text (the manual's tasks/push
        // example sends `"position": ""`), so read it from the raw object.
        match self.object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => string(name, value, max_chars).map(Some),
        }
    }

    /// `"YYYY-MM-DD HH:MM:SS"`, UTC (manual 3.8.4.1).
    pub fn optional_datetime(&self, name: &str) -> Checked<Option<NaiveDateTime>> {
        let Some(value) = self.value(name) else { return Ok(None) };
        let text = value
            .as_str()
            .ok_or_else(|| Refusal::format(name, "must be a string \"YYYY-MM-DD HH:MM:SS\""))?;
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .map(Some)
            .map_err(|_| Refusal::format(name, format!("{text:?} is not \"YYYY-MM-DD HH:MM:SS\"")))
    }

    /// The field as sent, if given (not absent, `null` or `""`), for shapes the typed
    /// readers do not cover.
    pub fn raw(&self, name: &str) -> Option<&Value> {
        self.value(name)
    }

    /// A flag: JSON `true`/`false`, or `1`/`0` and `"true"`/`"false"` as forms send them.
    pub fn optional_bool(&self, name: &str) -> Checked<Option<bool>> {
        let Some(value) = self.value(name) else { return Ok(None) };
        match value {
            Value::Bool(b) => Ok(Some(*b)),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
            other => match as_int(other) {
                Some(1) => Ok(Some(true)),
                Some(0) => Ok(Some(false)),
                _ => Err(Refusal::format(name, "must be true or false")),
            },
        }
    }

    pub fn required_array(&self, name: &str) -> Checked<&Vec<Value>> {
        match self.value(name) {
            None => Err(Refusal::missing(name)),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(Refusal::format(name, "must be an array")),
        }
    }

    pub fn optional_array(&self, name: &str) -> Checked<Option<&Vec<Value>>> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(Refusal::format(name, "must be an array")),
        }
    }
}

fn string(name: &str, value: &Value, max_chars: usize) -> Checked<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        // Numbers are accepted where text is expected (e.g. a task's `name: 17251`).
        Value::Number(n) => n.to_string(),
        _ => return Err(Refusal::format(name, "must be a string")),
    };
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(Refusal::format(name, format!("is {chars} characters; at most {max_chars}")));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(json: &str) -> Fields {
        Fields::parse(json).unwrap()
    }

    #[test]
    fn numbers_come_as_numbers_or_strings() {
        let f = fields(r#"{"a": 5, "b": "16340", "c": "x", "d": 1.5, "e": null, "g": ""}"#);
        assert_eq!(f.required_int("a").unwrap(), 5);
        assert_eq!(f.required_int("b").unwrap(), 16340);
        assert_eq!(f.required_int("c").unwrap_err().code(), 3104);
        assert_eq!(f.required_int("d").unwrap_err().code(), 3104);
        assert_eq!(f.required_int("e").unwrap_err().code(), 3103, "null is absent");
        assert_eq!(f.required_int("g").unwrap_err().code(), 3103, "empty is absent");
        assert_eq!(f.required_int("z").unwrap_err().code(), 3103);
        assert_eq!(f.optional_int("e").unwrap(), None);
    }

    #[test]
    fn allowed_values_are_enforced() {
        let f = fields(r#"{"count": "3", "bad": 4, "coef": "1.5", "coef_bad": 1.2}"#);
        assert_eq!(f.optional_int_in("count", &[1, 3, 5, 10]).unwrap(), Some(3));
        assert_eq!(f.optional_int_in("bad", &[1, 3, 5, 10]).unwrap_err().code(), 3104);
        assert_eq!(f.optional_decimal_in("coef", &[0.1, 1.5]).unwrap(), Some(1.5));
        assert_eq!(f.optional_decimal_in("coef_bad", &[0.1, 1.5]).unwrap_err().code(), 3104);
    }

    #[test]
    fn text_lengths_count_characters() {
        let f = fields(&format!(r#"{{"name": "{}", "long": "{}"}}"#, "я".repeat(70), "я".repeat(71)));
        assert!(f.required_str("name", 70).is_ok());
        assert_eq!(f.required_str("long", 70).unwrap_err().code(), 3104);
    }

    #[test]
    fn dates_and_shapes() {
        let f = fields(r#"{"start_date": "2019-02-07 12:25:00", "bad": "07.02.2019", "list": 5}"#);
        assert!(f.optional_datetime("start_date").unwrap().is_some());
        assert_eq!(f.optional_datetime("bad").unwrap_err().code(), 3104);
        assert_eq!(f.required_array("list").unwrap_err().code(), 3104);
        assert_eq!(Fields::parse("[1]").err().unwrap().code(), 3104);
        assert_eq!(Fields::parse("{oops").err().unwrap().code(), 3104);
    }

    #[test]
    fn flags() {
        let f = fields(r#"{"a": true, "b": "false", "c": 1, "d": "yes", "e": null}"#);
        assert_eq!(f.optional_bool("a").unwrap(), Some(true));
        assert_eq!(f.optional_bool("b").unwrap(), Some(false));
        assert_eq!(f.optional_bool("c").unwrap(), Some(true));
        assert_eq!(f.optional_bool("d").unwrap_err().code(), 3104);
        assert_eq!(f.optional_bool("e").unwrap(), None);
        assert_eq!(f.optional_bool("z").unwrap(), None);
    }
}
