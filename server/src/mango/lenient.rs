//! Reading MANGO's numbers. The manual's own examples send the same field as a JSON number in
//! one place and as a string in another (`"campaign_id": "16340"` vs `campaign_id: 15661`,
//! manual 3.8.2; `"additional_calls_coefficient": "1.0"`, manual 3.8.1; `"wait_sec": "12"` vs
//! `wait_sec: 120`, manual 3.6.1), so every numeric field of an answer is read through this one
//! helper, which accepts both. `null` and `""` mean "not given" (the manual's campaign/add
//! example sends `"dial_mode": ""`, manual 3.8.4.1).
//!
//! Use with `#[serde(deserialize_with = "…")]`; for the `optional_*` functions add
//! `#[serde(default)]` so that an absent field is `None` too.

use std::fmt::{self, Display};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A required number: a JSON number or a string holding one.
pub fn number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    deserializer
        .deserialize_any(NumberVisitor::<T>(PhantomData))?
        .ok_or_else(|| de::Error::custom("a number is required, found null or \"\""))
}

/// An optional number: `None` for `null`, `""` (and, with `#[serde(default)]`, absence).
pub fn optional_number<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    deserializer.deserialize_any(NumberVisitor::<T>(PhantomData))
}

/// A list of numbers, each a number or a numeric string; `null` reads as an empty list.
/// `null` or `""` items are dropped: they carry nothing.
pub fn number_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    let items: Option<Vec<LenientNumber<T>>> = Option::deserialize(deserializer)?;
    Ok(items.unwrap_or_default().into_iter().filter_map(|item| item.0).collect())
}

/// Text that MANGO may send as a number (an extension `"223"` or `223`, a task name
/// `"0002489649"`); `None` for `null`.
pub fn optional_text<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(TextVisitor)
}

/// Required text that MANGO may send as a number (an id `"77"` or `77`).
pub fn number_or_text<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    optional_text(deserializer)?.ok_or_else(|| de::Error::custom("a text is required, found null"))
}

/// A list of texts, each a string or a number; `null` reads as an empty list.
pub fn text_list<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let items: Option<Vec<LenientText>> = Option::deserialize(deserializer)?;
    Ok(items.unwrap_or_default().into_iter().filter_map(|item| item.0).collect())
}

/// One list item read leniently.
struct LenientNumber<T>(Option<T>);

impl<'de, T> Deserialize<'de> for LenientNumber<T>
where
    T: FromStr,
    T::Err: Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        optional_number(deserializer).map(LenientNumber)
    }
}

struct LenientText(Option<String>);

impl<'de> Deserialize<'de> for LenientText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        optional_text(deserializer).map(LenientText)
    }
}

/// Every accepted shape goes through `T::from_str`, so a number and the same number in a
/// string always read alike.
struct NumberVisitor<T>(PhantomData<T>);

fn parse<T, E>(text: &str) -> Result<Option<T>, E>
where
    T: FromStr,
    T::Err: Display,
    E: de::Error,
{
    text.parse::<T>()
        .map(Some)
        .map_err(|e| E::custom(format!("{text:?} is not a number of the expected kind ({e})")))
}

impl<'de, T> Visitor<'de> for NumberVisitor<T>
where
    T: FromStr,
    T::Err: Display,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, or a string holding a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        parse(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        parse(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // Display of an f64 round-trips exactly; "1" for 1.0, so an integer field accepts 1.0.
        parse(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let trimmed = v.trim();
        if trimmed.is_empty() {
            Ok(None)
        } else {
            parse(trimmed)
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Sample {
        #[serde(deserialize_with = "super::number")]
        id: i64,
        #[serde(default, deserialize_with = "super::optional_number")]
        coef: Option<f64>,
        #[serde(default, deserialize_with = "super::optional_number")]
        small: Option<u8>,
        #[serde(default, deserialize_with = "super::number_list")]
        ids: Vec<i64>,
        #[serde(default, deserialize_with = "super::optional_text")]
        extension: Option<String>,
        #[serde(default, deserialize_with = "super::text_list")]
        members: Vec<String>,
    }

    fn read(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_read_from_numbers_and_numeric_strings_alike() {
        let a = read(r#"{"id": 16340, "coef": 1.5, "small": 7, "ids": [1, "2", 3]}"#).unwrap();
        let b = read(r#"{"id": "16340", "coef": "1.5", "small": " 7 ", "ids": ["1", 2, "3"]}"#).unwrap();
        assert_eq!((a.id, a.coef, a.small, &a.ids), (16340, Some(1.5), Some(7), &vec![1, 2, 3]));
        assert_eq!((b.id, b.coef, b.small, &b.ids), (16340, Some(1.5), Some(7), &vec![1, 2, 3]));
        assert_eq!(read(r#"{"id": 1, "coef": "1.0"}"#).unwrap().coef, Some(1.0));
        assert_eq!(read(r#"{"id": 1.0}"#).unwrap().id, 1, "a whole float is accepted for an integer");
    }

    #[test]
    fn null_empty_and_absent_are_not_given() {
        let s =
            read(r#"{"id": 5, "coef": null, "small": "", "ids": null, "extension": null, "members": null}"#)
                .unwrap();
        assert_eq!((s.coef, s.small, s.ids.len(), s.extension, s.members.len()), (None, None, 0, None, 0));
        let s = read(r#"{"id": 5}"#).unwrap();
        assert_eq!((s.coef, s.small), (None, None));
        assert!(read(r#"{"id": [1, null, "", 2]}"#).is_err(), "a list is not a number");
        assert_eq!(read(r#"{"id": 5, "ids": [1, null, "", 2]}"#).unwrap().ids, vec![1, 2]);
    }

    #[test]
    fn what_is_not_a_number_is_refused() {
        for bad in [
            r#"{"id": "16340a"}"#,
            r#"{"id": 1.5}"#,
            r#"{"id": null}"#,
            r#"{"id": ""}"#,
            r#"{}"#,
            r#"{"id": true}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        assert!(read(r#"{"id": 1, "small": 300}"#).is_err(), "out of range for u8");
        assert!(read(r#"{"id": 1, "small": "-1"}"#).is_err());
        assert!(read(r#"{"id": 1, "ids": ["x"]}"#).is_err());
    }

    #[test]
    fn text_reads_from_strings_and_numbers() {
        let s = read(r#"{"id": 1, "extension": 223, "members": ["223", 224]}"#).unwrap();
        assert_eq!(s.extension.as_deref(), Some("223"));
        assert_eq!(s.members, ["223", "224"]);
        assert_eq!(
            read(r#"{"id": 1, "extension": "0002"}"#).unwrap().extension.as_deref(),
            Some("0002"),
            "leading zeros kept"
        );
        assert!(read(r#"{"id": 1, "extension": {}}"#).is_err());
    }

    #[test]
    fn works_on_a_json_value_too() {
        // The client reads `result` from an already parsed `serde_json::Value`.
        let value = serde_json::json!({"id": "42"});
        let code: Option<u32> = super::optional_number(&value["id"]).unwrap();
        assert_eq!(code, Some(42));
        let missing: Option<u32> = super::optional_number(&value["nothing"]).unwrap();
        assert_eq!(missing, None);
    }
}
