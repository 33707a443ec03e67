//! The do-not-call list and "called recently": each change is audited with who, what and why.

use app::api::backend::{Caller, DoNotCallBackend};
use app::api::do_not_call::{DoNotCallView, ListAddition, ListQuery};
use app::api::AppError;
use app::i18n::{fill, t};

use super::AppBackend;

/// The first few numbers of an addition, for the audit line.
pub fn some_numbers(numbers: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = numbers.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if numbers.len() > SHOWN {
        text.push_str(", …");
    }
    text
}

/// The audit line's details of an addition.
pub fn addition_details(addition: &ListAddition, reason: &str) -> String {
    fill(
        t().audit.details.listed,
        &[
            &addition.added.len(),
            &some_numbers(&addition.added),
            &addition.already.len(),
            &addition.refused.len(),
            &reason,
        ],
    )
}

#[async_trait::async_trait]
impl DoNotCallBackend for AppBackend {
    async fn do_not_call(&self, query: ListQuery) -> Result<DoNotCallView, AppError> {
        let zone = self.time_zone().await?;
        self.do_not_call.view(&query, zone).await
    }

    async fn add_to_do_not_call(
        &self,
        caller: &Caller,
        numbers: String,
        reason: String,
    ) -> Result<ListAddition, AppError> {
        let region = self.load_settings().await?.phone_region;
        let addition = self.do_not_call.add_typed(caller.user.id, &numbers, &reason, &region).await?;
        if !addition.added.is_empty() {
            let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
            self.audit(caller, "do_not_call_added", None, Some(addition_details(&addition, &reason))).await;
        }
        Ok(addition)
    }

    async fn add_lead_to_do_not_call(
        &self,
        caller: &Caller,
        campaign_id: i64,
        lead: i64,
        reason: String,
    ) -> Result<ListAddition, AppError> {
        let addition = self.do_not_call.add_lead(caller.user.id, campaign_id, lead, &reason).await?;
        if let Some(number) = addition.added.first() {
            let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
            let details = fill(t().audit.details.listed_lead, &[number, &lead, &campaign_id, &reason]);
            let target = format!("campaign {campaign_id}");
            self.audit(caller, "do_not_call_added", Some(&target), Some(details)).await;
        }
        Ok(addition)
    }

    async fn remove_from_do_not_call(
        &self,
        caller: &Caller,
        id: i64,
        reason: String,
    ) -> Result<(), AppError> {
        let number = self.do_not_call.remove(caller.user.id, id, &reason).await?;
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        let details = fill(t().audit.details.unlisted, &[&number, &reason]);
        self.audit(caller, "do_not_call_removed", None, Some(details)).await;
        Ok(())
    }

    async fn set_called_recently(&self, caller: &Caller, days: u32) -> Result<u32, AppError> {
        let before = self.do_not_call.set_called_recently(caller.user.id, days).await?;
        if before != days {
            let details = fill(t().audit.details.recent_days, &[&before, &days]);
            self.audit(caller, "called_recently_changed", None, Some(details)).await;
        }
        Ok(days)
    }
}
