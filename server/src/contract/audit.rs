//! Reading the audit log, a page at a time (the other areas write it through
//! [`AppBackend::audit`]).

use app::api::backend::AuditBackend;
use app::api::types::{AuditEntry, AuditPage, AuditQuery};
use app::api::AppError;

use super::AppBackend;
use crate::db;
use crate::error::Doing;
use crate::time_format;

/// Entries on one page of the log.
const PAGE: i64 = 100;

/// A stored target ("campaign 5", "callback 12", "upload 3", or a user name) in the reader's
/// words; the log keeps the English form so the records read the same whoever wrote them.
fn target_for_reader(stored: &str) -> String {
    let words = &app::i18n::t().audit;
    let Some((kind, id)) = stored.split_once(' ') else { return stored.to_string() };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return stored.to_string();
    }
    match kind {
        "campaign" => app::i18n::fill(words.target_campaign, &[&id]),
        "callback" => app::i18n::fill(words.target_callback, &[&id]),
        "upload" => app::i18n::fill(words.target_upload, &[&id]),
        _ => stored.to_string(),
    }
}

#[async_trait::async_trait]
impl AuditBackend for AppBackend {
    async fn audit_page(&self, query: AuditQuery) -> Result<AuditPage, AppError> {
        let zone = self.time_zone().await?;
        // One more than a page tells whether there is another.
        let mut records = db::audit::page(&self.db, query.action.as_deref(), query.before_id, PAGE + 1)
            .await
            .doing("read the audit log")?;
        let has_more = records.len() as i64 > PAGE;
        records.truncate(PAGE as usize);
        let actions = db::audit::actions(&self.db).await.doing("read the audit log")?;
        Ok(AuditPage {
            entries: records
                .into_iter()
                .map(|r| AuditEntry {
                    id: r.id,
                    at: time_format::for_reader(r.at, zone),
                    actor: r.actor,
                    action: r.action,
                    target: r.target.as_deref().map(target_for_reader),
                    details: r.details,
                    client_ip: r.client_ip,
                })
                .collect(),
            actions,
            has_more,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::target_for_reader;
    use app::i18n::{in_lang, Lang};

    #[test]
    fn targets_are_read_in_the_readers_words_and_names_stay_names() {
        let ru = |stored: &str| in_lang(Lang::Ru, || target_for_reader(stored));
        assert_eq!(ru("campaign 5"), "кампания 5");
        assert_eq!(ru("callback 12"), "автоперезвон 12");
        assert_eq!(ru("upload 3"), "загрузка лидов 3");
        assert_eq!(in_lang(Lang::En, || target_for_reader("campaign 5")), "campaign 5");
        for name in ["marina", "campaign", "campaign x5", "campaign ", "Анна Петрова"] {
            assert_eq!(ru(name), name, "a user name or unknown text is shown as stored");
        }
    }
}
