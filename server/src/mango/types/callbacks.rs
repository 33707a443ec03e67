//! Auto-callback tasks of the Contact Center (manual 4.2, `POST /cc/task/add`).

use serde::{Deserialize, Serialize, Serializer};

use super::quoted;
use crate::mango::lenient;

/// Manual 4.2: `duration` is at most 1440 minutes; `description` at most 1024 characters.
pub const CALLBACK_MAX_DURATION_MINUTES: u32 = 1440;
pub const CALLBACK_DESCRIPTION_MAX_CHARS: usize = 1024;

/// Manual 4.2 `event_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// 1 "Позвонить".
    Call = 1,
    /// 2 "Написать".
    Write = 2,
    /// 3 "Встретиться".
    Meet = 3,
    /// 4 "Сделать".
    Do = 4,
}

impl Serialize for EventType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(*self as u8)
    }
}

/// `is_auto_call` is 1 or 0 (manual 4.2).
fn one_or_zero<S: Serializer>(value: &Option<bool>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(flag) => serializer.serialize_u8(u8::from(*flag)),
        None => serializer.serialize_none(),
    }
}

/// `task/add` under the CC base (manual 4.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallbackTaskRequest {
    pub event_type: EventType,
    /// Unix timestamp of the event. The manual adds "(время события UTC+3)"; a Unix timestamp
    /// has no zone, so it is sent as is. Quoted, as in the manual's example.
    #[serde(serialize_with = "quoted::string")]
    pub start_time: i64,
    /// Minutes, at most [`CALLBACK_MAX_DURATION_MINUTES`].
    pub duration: u32,
    /// Address-book contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_type: Option<i64>,
    /// The operator's user_id (the same id as `general.user_id` of the VPBX API).
    pub to_user_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `true` also creates the automatic call; MANGO's default is `false`.
    #[serde(serialize_with = "one_or_zero", skip_serializing_if = "Option::is_none")]
    pub is_auto_call: Option<bool>,
    /// The number to call; MANGO does not check it against the contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The answer to `task/add` (manual 4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct CallbackTaskAdded {
    /// The task, "if created".
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub task_id: Option<i64>,
    /// The automatic call's task, if one was created: the `task_id` of that call's events.
    #[serde(default, deserialize_with = "lenient::optional_number")]
    pub auto_call_task_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_as_in_the_manual_example() {
        let request = CallbackTaskRequest {
            event_type: EventType::Call,
            start_time: 1399906980,
            duration: 15,
            contact_id: None,
            source_id: None,
            source_type: None,
            to_user_id: 300052408,
            description: Some("Текст из заявки, которую оставил клиент".into()),
            is_auto_call: Some(true),
            phone: Some("79260297870".into()),
        };
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            concat!(
                r#"{"event_type":1,"start_time":"1399906980","duration":15,"to_user_id":300052408,"#,
                r#""description":"Текст из заявки, которую оставил клиент","is_auto_call":1,"phone":"79260297870"}"#
            )
        );
        let minimal = CallbackTaskRequest {
            is_auto_call: Some(false),
            description: None,
            phone: None,
            contact_id: Some(5),
            ..request
        };
        assert_eq!(
            serde_json::to_string(&minimal).unwrap(),
            r#"{"event_type":1,"start_time":"1399906980","duration":15,"contact_id":5,"to_user_id":300052408,"is_auto_call":0}"#
        );
    }

    #[test]
    fn answer() {
        let added: CallbackTaskAdded =
            serde_json::from_str(r#"{"result":1000,"task_id":402052290,"auto_call_task_id":"2052290"}"#)
                .unwrap();
        assert_eq!((added.task_id, added.auto_call_task_id), (Some(402052290), Some(2052290)));
        let plain: CallbackTaskAdded = serde_json::from_str(r#"{"result":1000,"task_id":1}"#).unwrap();
        assert_eq!(plain.auto_call_task_id, None);
    }
}
