//! MANGO's operators, lines and audio files as cached, and the refresh that fetches them again.

use app::api::backend::{Caller, DirectoryBackend};
use app::api::directory::DirectoryView;
use app::api::AppError;

use super::AppBackend;
use crate::error::Doing;
use crate::mango::directory::{part_label, RefreshReport};

/// The audit line of a refresh: which parts failed, and why.
fn refresh_details(report: &RefreshReport) -> String {
    if report.failures.is_empty() {
        return app::i18n::t().directory.all_parts_fetched.to_string();
    }
    report
        .failures
        .iter()
        .map(|(part, error)| format!("{}: {error}", part_label(*part)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[async_trait::async_trait]
impl DirectoryBackend for AppBackend {
    async fn directory(&self) -> Result<DirectoryView, AppError> {
        let zone = self.time_zone().await?;
        self.directory_view(zone).await
    }

    async fn refresh_directory(&self, caller: &Caller) -> Result<DirectoryView, AppError> {
        let report = self.directory.refresh().await.doing("refresh the directory")?;
        self.audit(caller, "directory_refreshed", None, Some(refresh_details(&report))).await;
        self.directory().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::directory::Part;

    #[test]
    fn a_refresh_is_audited_with_the_parts_that_failed() {
        app::i18n::in_lang(app::i18n::Lang::En, || {
            let clean = RefreshReport { failures: Vec::new(), skipped_without_user_id: 0 };
            assert_eq!(refresh_details(&clean), "all parts fetched");
            let failed = RefreshReport {
                failures: vec![(Part::Lines, "timed out".into()), (Part::AudioFiles, "result 3101".into())],
                skipped_without_user_id: 2,
            };
            assert_eq!(
                refresh_details(&failed),
                "Lines (incominglines): timed out; Audio files (audiofiles): result 3101"
            );
        });
    }
}
