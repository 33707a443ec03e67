//! Auto-callback tasks (manual 4.2): one typed in, or many from a campaign's results spread over
//! a period and operators. Each is stored first, then sent; a lead with a callback still to
//! happen does not get a second one by accident, and repeating a bulk request finds the batch
//! it made the first time.

pub mod sender;
pub mod state;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use app::api::callbacks::*;
use app::api::types::SessionUser;
use app::api::{AppError, FieldError};
use app::i18n::{fill, t};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::{Mutex, Notify};

use crate::db::callbacks::{self as store, CallbackRecord, NewCallback};
use crate::db::{directory, Db};
use crate::error::Doing;
use crate::leads::phone;
use crate::mango::link::MangoLink;

/// The callbacks page shows this many, newest due first.
pub const SHOWN: i64 = 2_000;

pub struct Callbacks {
    db: Db,
    link: Arc<MangoLink>,
    wake: Arc<Notify>,
    /// Checking for open callbacks and storing new ones is one step: two requests at once
    /// cannot both pass the check.
    storing: Mutex<()>,
}

/// A skipped lead, as stored with its batch.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Skipped {
    name: String,
    number: String,
    reason: String,
}

impl Callbacks {
    pub fn new(db: Db, link: Arc<MangoLink>) -> Callbacks {
        Callbacks { db, link, wake: Arc::new(Notify::new()), storing: Mutex::new(()) }
    }

    /// The background sender of queued callbacks.
    pub fn spawn(&self, stop: tokio_util::sync::CancellationToken) -> tokio::task::JoinHandle<()> {
        sender::spawn(self.db.clone(), self.link.clone(), self.wake.clone(), stop)
    }

    async fn operator_names(&self) -> Result<HashMap<i64, String>, AppError> {
        let operators = directory::operators(&self.db).await.doing("read the directory")?;
        Ok(operators
            .into_iter()
            .map(|o| {
                let title = match &o.extension {
                    Some(extension) => fill(t().callbacks.operator_title, &[&o.name, extension]),
                    None => o.name.clone(),
                };
                (o.user_id, title)
            })
            .collect())
    }

    fn rows(&self, records: &[CallbackRecord], names: &HashMap<i64, String>, zone: Tz) -> Vec<CallbackRow> {
        records.iter().map(|r| state::row(r, names, zone)).collect()
    }

    pub async fn list(&self, zone: Tz) -> Result<CallbacksView, AppError> {
        let records = store::all(&self.db, SHOWN).await.doing("read the callbacks")?;
        let names = self.operator_names().await?;
        let rows = self.rows(&records, &names, zone);
        let counts = CallbackState::ALL
            .into_iter()
            .map(|state| StateCount { state, count: rows.iter().filter(|r| r.state == state).count() as i64 })
            .filter(|c| c.count > 0)
            .collect();
        Ok(CallbacksView {
            rows,
            counts,
            timezone: zone.name().to_string(),
            cc_unavailable: self.cc_unavailable().await,
        })
    }

    /// Said while MANGO's Contact Center API answers 5008 to everything (manual 4.1).
    pub async fn cc_unavailable(&self) -> Option<String> {
        let connected = self.link.connect().await.ok()?;
        let down = connected.client.cc_unavailable()?;
        Some(sender::cc_down_text(app::i18n::current(), Some(down)))
    }

    /// An open callback for `number`, if there is one.
    async fn open_for(&self, number: &str) -> Result<Option<CallbackRecord>, AppError> {
        let records = store::for_number(&self.db, number).await.doing("read the callbacks")?;
        Ok(records.into_iter().rev().find(|r| state::derive(r).0.is_open()))
    }

    async fn check_operators(&self, ids: &[i64], field: &str) -> Result<(), AppError> {
        let known = self.operator_names().await?;
        let missing: Vec<String> =
            ids.iter().filter(|id| !known.contains_key(id)).map(|id| id.to_string()).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(vec![FieldError {
                field: field.into(),
                message: fill(t().callbacks.server.not_in_directory, &[&missing.join(", ")]),
            }]))
        }
    }

    /// One callback: checked, stored, then sent at once; the answer says how it went.
    pub async fn create_one(
        &self,
        actor: &SessionUser,
        form: CallbackForm,
        region: &str,
        zone: Tz,
    ) -> Result<CallbackRow, AppError> {
        let due_at = check_callback(&form, chrono::Utc::now().timestamp()).map_err(AppError::Invalid)?;
        let operator = form.operator_user_id.unwrap_or_default();
        self.check_operators(&[operator], "operator_user_id").await?;
        let number = match form.phone.trim() {
            "" => String::new(),
            raw => normalize(raw, region)
                .map_err(|message| AppError::Invalid(vec![FieldError { field: "phone".into(), message }]))?,
        };
        let id = {
            let _one_at_a_time = self.storing.lock().await;
            if !number.is_empty() && !form.allow_another {
                if let Some(open) = self.open_for(&number).await? {
                    let (state, _) = state::derive(&open);
                    return Err(AppError::Conflict(fill(
                        t().callbacks.server.already_has,
                        &[
                            &number,
                            &state.label().to_lowercase(),
                            &crate::time_format::for_reader(open.due_at * 1000, zone),
                        ],
                    )));
                }
            }
            let callback = NewCallback {
                batch_id: None,
                campaign_id: None,
                lead_task_id: None,
                number,
                name: String::new(),
                operator_user_id: operator,
                due_at,
                duration_minutes: i64::from(form.duration_minutes),
                event_type: i64::from(form.event.mango_number()),
                description: form.description.trim().to_string(),
                auto_call: form.auto_call,
                created_by: Some(actor.id),
            };
            store::insert_one(&self.db, &callback).await.doing("store the callback")?
        };
        match sender::send(&self.db, &self.link, id).await {
            Ok(sender::Sent::Later(_)) | Ok(sender::Sent::CcDown(_)) => self.wake.notify_one(),
            Ok(_) => {}
            Err(error) => tracing::warn!(
                callback = id,
                error = format!("{error:#}"),
                "cannot send the callback now; the sender will"
            ),
        }
        let record = store::get(&self.db, id).await.doing("read the callback")?;
        let record = record.ok_or_else(|| AppError::Internal("read the callback".into()))?;
        Ok(state::row(&record, &self.operator_names().await?, zone))
    }

    /// Callbacks for the leads `wanted` (the form's selection, resolved) of a campaign: every
    /// one stored in one step (or none), then sent in the background.
    pub async fn create_batch(
        &self,
        actor: &SessionUser,
        form: BulkCallbackForm,
        mut wanted: Vec<i64>,
        zone: Tz,
    ) -> Result<BatchView, AppError> {
        let (from, until) = check_bulk(&form, chrono::Utc::now().timestamp()).map_err(AppError::Invalid)?;
        self.check_operators(&form.operators, "operators").await?;
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return Err(AppError::invalid("selection", t().callbacks.server.no_lead_matches));
        }
        if wanted.len() > MAX_BULK {
            return Err(AppError::invalid(
                "selection",
                fill(t().callbacks.rules.too_many, &[&MAX_BULK, &wanted.len()]),
            ));
        }
        let leads = store::leads(&self.db, form.campaign_id).await.doing("read the leads")?;
        let by_id: HashMap<i64, (String, String)> =
            leads.into_iter().map(|(id, number, name)| (id, (number, name))).collect();
        if let Some(stranger) = wanted.iter().find(|id| !by_id.contains_key(id)) {
            return Err(AppError::invalid(
                "selection",
                fill(t().callbacks.server.lead_not_in_campaign, &[stranger, &form.campaign_id]),
            ));
        }
        let digest = request_digest(&form, &wanted, from, until);

        let _one_at_a_time = self.storing.lock().await;
        if let Some(batch) = store::batch_by_digest(&self.db, &digest).await.doing("read the callbacks")? {
            let mut view = self.batch_view(batch.id, zone).await?;
            view.repeated = true;
            return Ok(view);
        }
        let mut skipped = Vec::new();
        let mut chosen = Vec::new();
        let mut numbers_now = HashSet::new();
        for id in &wanted {
            let (number, name) = &by_id[id];
            if !numbers_now.insert(number.clone()) {
                skipped.push(Skipped {
                    name: name.clone(),
                    number: number.clone(),
                    reason: t().callbacks.server.same_number_twice.into(),
                });
                continue;
            }
            if let Some(open) = self.open_for(number).await? {
                let (state, _) = state::derive(&open);
                skipped.push(Skipped {
                    name: name.clone(),
                    number: number.clone(),
                    reason: fill(
                        t().callbacks.server.already_has_skip,
                        &[
                            &state.label().to_lowercase(),
                            &crate::time_format::for_reader(open.due_at * 1000, zone),
                        ],
                    ),
                });
                continue;
            }
            chosen.push((*id, number.clone(), name.clone()));
        }
        let times = spread(from, until, chosen.len());
        let description = form.description.trim().to_string();
        let skipped_json = serde_json::to_string(&skipped).unwrap_or_else(|_| "[]".into());
        let callbacks: Vec<NewCallback> = chosen
            .iter()
            .zip(times)
            .enumerate()
            .map(|(i, ((lead, number, name), due_at))| NewCallback {
                // Set by the store to the batch it makes.
                batch_id: None,
                campaign_id: Some(form.campaign_id),
                lead_task_id: Some(*lead),
                number: number.clone(),
                name: name.clone(),
                // Round robin over the chosen operators, in their order.
                operator_user_id: form.operators[i % form.operators.len()],
                due_at,
                duration_minutes: i64::from(form.duration_minutes),
                event_type: i64::from(form.event.mango_number()),
                description: description.clone(),
                auto_call: form.auto_call,
                created_by: Some(actor.id),
            })
            .collect();
        let batch = store::insert_batch_with(
            &self.db,
            &digest,
            form.campaign_id,
            &skipped_json,
            Some(actor.id),
            &callbacks,
        )
        .await
        .doing("store the callbacks")?;
        self.wake.notify_one();
        self.batch_view(batch, zone).await
    }

    pub async fn batch_view(&self, batch_id: i64, zone: Tz) -> Result<BatchView, AppError> {
        let batch = store::batch(&self.db, batch_id)
            .await
            .doing("read the callbacks")?
            .ok_or_else(|| AppError::NotFound(fill(t().callbacks.server.no_batch, &[&batch_id])))?;
        let records = store::of_batch(&self.db, batch_id).await.doing("read the callbacks")?;
        let names = self.operator_names().await?;
        let skipped: Vec<Skipped> = serde_json::from_str(&batch.skipped_json).unwrap_or_default();
        let rows = self.rows(&records, &names, zone);
        let sent = |s: CallbackState| !matches!(s, CallbackState::Queued | CallbackState::Sending);
        let created = rows
            .iter()
            .filter(|r| sent(r.state) && !matches!(r.state, CallbackState::Refused | CallbackState::Unknown))
            .count();
        let refused = rows
            .iter()
            .filter(|r| matches!(r.state, CallbackState::Refused | CallbackState::Unknown))
            .count();
        let handled = rows.iter().filter(|r| sent(r.state)).count() + skipped.len();
        let total = rows.len() + skipped.len();
        let mut items: Vec<BatchItem> = rows
            .into_iter()
            .map(|row| BatchItem {
                name: row.name.clone(),
                number: row.number.clone(),
                callback: Some(row),
                skipped: None,
            })
            .collect();
        items.extend(skipped.iter().map(|s| BatchItem {
            name: s.name.clone(),
            number: s.number.clone(),
            callback: None,
            skipped: Some(s.reason.clone()),
        }));
        Ok(BatchView {
            id: batch.id,
            campaign_id: batch.campaign_id,
            total,
            handled,
            created,
            refused,
            skipped: skipped.len(),
            finished: handled == total,
            repeated: false,
            items,
        })
    }
}

/// The latest callback of each lead of a campaign, as "Scheduled 2026-11-23 10:00".
pub async fn latest_by_lead(db: &Db, campaign_id: i64, zone: Tz) -> Result<HashMap<i64, String>, AppError> {
    let records = store::of_campaign(db, campaign_id).await.doing("read the callbacks")?;
    let mut latest = HashMap::new();
    for record in records {
        if let Some(lead) = record.lead_task_id {
            let (state, _) = state::derive(&record);
            let due = crate::time_format::for_reader(record.due_at * 1000, zone);
            latest.insert(lead, format!("{} {}", state.label(), due.get(..16).unwrap_or(&due)));
        }
    }
    Ok(latest)
}

/// The number as lead lists store it (`7XXXXXXXXXX`, `sip:` kept).
fn normalize(raw: &str, region: &str) -> Result<String, String> {
    if raw.starts_with("sip:") {
        return Ok(raw.to_string());
    }
    let region = region.parse().unwrap_or(phonenumber::country::Id::RU);
    phone::normalize(raw, region)
}

/// What makes two bulk requests the same: the campaign, the leads, and every setting.
fn request_digest(form: &BulkCallbackForm, leads: &[i64], from: i64, until: i64) -> String {
    let canonical = serde_json::json!({
        "campaign": form.campaign_id,
        "leads": leads,
        "operators": form.operators,
        "from": from,
        "until": until,
        "duration": form.duration_minutes,
        "description": form.description.trim(),
        "event": form.event.mango_number(),
        "auto_call": form.auto_call,
    });
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> BulkCallbackForm {
        BulkCallbackForm {
            campaign_id: 3,
            selection: CallbackSelection::Leads(vec![2, 1]),
            operators: vec![400100101],
            from_local: "2030-01-01T10:00".into(),
            until_local: "2030-01-01T11:00".into(),
            timezone: "Europe/Moscow".into(),
            duration_minutes: 15,
            description: " Перезвонить ".into(),
            event: CallbackEvent::Call,
            auto_call: true,
        }
    }

    #[test]
    fn the_same_request_has_the_same_digest_and_any_change_another() {
        let same = request_digest(&form(), &[1, 2], 10, 20);
        assert_eq!(
            same,
            request_digest(
                &BulkCallbackForm { description: "Перезвонить".into(), ..form() },
                &[1, 2],
                10,
                20
            )
        );
        assert_ne!(same, request_digest(&form(), &[1, 2, 3], 10, 20));
        assert_ne!(
            same,
            request_digest(&BulkCallbackForm { operators: vec![400100102], ..form() }, &[1, 2], 10, 20)
        );
        assert_ne!(same, request_digest(&form(), &[1, 2], 10, 21));
        assert_ne!(same, request_digest(&BulkCallbackForm { auto_call: false, ..form() }, &[1, 2], 10, 20));
    }

    #[test]
    fn numbers_are_normalised_as_lead_lists_do() {
        assert_eq!(normalize("8 (916) 123-45-67", "RU").unwrap(), "79161234567");
        assert_eq!(normalize("sip:op@example.com", "RU").unwrap(), "sip:op@example.com");
        assert!(normalize("12345", "RU").is_err());
    }
}
