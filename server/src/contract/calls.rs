//! What the calls did: a campaign's live board and its results table.

use app::api::alerts::CampaignAlerts;
use app::api::backend::{Caller, CallsBackend};
use app::api::board::BoardView;
use app::api::recordings::{Phrase, Speaker, TranscriptView};
use app::api::results::{ResultsFilter, ResultsView};
use app::api::AppError;
use app::i18n::{fill, t};

use super::AppBackend;
use crate::error::Doing;

#[async_trait::async_trait]
impl CallsBackend for AppBackend {
    async fn board(&self, campaign_id: i64) -> Result<BoardView, AppError> {
        let zone = self.time_zone().await?;
        crate::calls::board::board(&self.db, campaign_id, zone, self.alert_rules).await
    }

    async fn alerts(&self) -> Result<Vec<CampaignAlerts>, AppError> {
        crate::calls::alerts::all(&self.db, self.alert_rules).await
    }

    async fn results(&self, campaign_id: i64, filter: ResultsFilter) -> Result<ResultsView, AppError> {
        let zone = self.time_zone().await?;
        crate::calls::results::results(&self.db, campaign_id, &filter, zone).await
    }

    async fn transcript(&self, caller: &Caller, recording: i64) -> Result<TranscriptView, AppError> {
        let (state, phrases) = crate::db::recordings::transcript(&self.db, recording)
            .await
            .doing("read the transcript")?
            .ok_or_else(|| {
                AppError::NotFound(fill(t().results.recordings.no_such_recording, &[&recording]))
            })?;
        self.audit(caller, "transcript_read", Some(&format!("recording {recording}")), None).await;
        Ok(TranscriptView {
            recording,
            state,
            phrases: phrases
                .into_iter()
                .map(|(speaker, text)| Phrase { speaker: Speaker::from_key(&speaker), text })
                .collect(),
        })
    }
}
