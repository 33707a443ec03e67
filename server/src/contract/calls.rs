//! What the calls did: a campaign's live board and its results table.

use app::api::backend::CallsBackend;
use app::api::board::BoardView;
use app::api::results::{ResultsFilter, ResultsView};
use app::api::AppError;

use super::AppBackend;

#[async_trait::async_trait]
impl CallsBackend for AppBackend {
    async fn board(&self, campaign_id: i64) -> Result<BoardView, AppError> {
        let zone = self.time_zone().await?;
        crate::calls::board::board(&self.db, campaign_id, zone).await
    }

    async fn results(&self, campaign_id: i64, filter: ResultsFilter) -> Result<ResultsView, AppError> {
        let zone = self.time_zone().await?;
        crate::calls::results::results(&self.db, campaign_id, &filter, zone).await
    }
}
