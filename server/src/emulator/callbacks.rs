//! Auto-callback tasks of the Contact Center (manual 4.2, `/cc/task/add`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::directory;
use super::fields::{Checked, Fields};
use super::refusal::Refusal;
use super::world::World;

#[derive(Clone, Debug)]
pub struct Callback {
    /// `auto_call_task_id`: the `task_id` of the callback's call events.
    pub auto_call_task_id: i64,
    pub due: DateTime<Utc>,
    pub phone: String,
    pub operator_id: i64,
    pub dialled: bool,
}

impl World {
    /// `/cc/task/add` (manual 4.2).
    pub fn add_cc_task(&mut self, fields: &Fields) -> Checked<Value> {
        fields.optional_int_in("event_type", &[1, 2, 3, 4])?;
        if !fields.has("event_type") {
            return Err(Refusal::missing("event_type"));
        }
        let start_time = fields.required_int("start_time")?;
        let due = DateTime::<Utc>::from_timestamp(start_time, 0)
            .ok_or_else(|| Refusal::format("start_time", "is not a timestamp"))?;
        let duration = fields.required_int("duration")?;
        if !(1..=1440).contains(&duration) {
            return Err(Refusal::format("duration", format!("{duration} minutes is not within 1..1440")));
        }
        let operator_id = fields.required_int("to_user_id")?;
        if directory::operator(operator_id).is_none() {
            return Err(Refusal::bad(3300, format!("to_user_id {operator_id} does not exist")));
        }
        fields.optional_str("description", 1024)?;
        for optional in ["contact_id", "source_id", "source_type"] {
            fields.optional_int(optional)?;
        }
        let auto_call = fields.optional_int_in("is_auto_call", &[0, 1])?.unwrap_or(0) == 1;
        let phone = fields.optional_str("phone", 64)?.filter(|p| !p.is_empty());

        let n = self.next_cc_task();
        let mut answer = json!({ "result": 1000, "task_id": 402_000_000 + n });
        if auto_call {
            // Far from campaign task ids, which share the call-event `task_id` field.
            let auto_call_task_id = 90_000_000 + n;
            answer["auto_call_task_id"] = json!(auto_call_task_id);
            if let Some(phone) = phone {
                if self.callbacks.len() >= self.caps.callbacks {
                    // Manual 4.2 documents no limit on callback tasks. The sandbox keeps a
                    // bounded number in memory and refuses more with 5000 ("Ошибка сервера",
                    // the class of server-side failures): not a code MANGO is documented to
                    // answer here, and one no client repeats.
                    return Err(Refusal::not_done(
                        5000,
                        format!("the sandbox keeps at most {} callback tasks", self.caps.callbacks),
                    ));
                }
                self.callbacks.insert(
                    auto_call_task_id,
                    Callback { auto_call_task_id, due, phone, operator_id, dialled: false },
                );
            }
        }
        Ok(answer)
    }
}
