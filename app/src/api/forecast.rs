//! Will the campaign finish in time? Before it starts, the campaign page compares the calling
//! it needs with the hours its schedule has before the end date; while it runs, the board
//! says when it will be done at the current pace.

use serde::{Deserialize, Serialize};

/// Calls an operator handles in an hour, assumed while this installation has too few calls to
/// measure it.
pub const DEFAULT_CALLS_PER_OPERATOR_HOUR: f64 = 20.0;

/// Where a number the forecast uses comes from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Basis {
    /// Measured over this many of this installation's calls.
    History { calls: i64 },
    /// The stated default: too few calls to measure.
    Assumed,
}

/// The campaign page's forecast, before the campaign starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignForecast {
    pub leads: i64,
    /// Expected attempts in all, with MANGO's redials (manual 3.8.4.1 `redial_*`).
    pub attempts: f64,
    pub attempts_per_lead: f64,
    /// Where the outcome shares behind the redials come from.
    pub mix: Basis,
    /// The campaign's operators counted for the capacity: those in outbound dialing when
    /// their statuses are known, else all of them.
    pub operators: i64,
    pub operators_dialing_known: bool,
    pub coefficient_tenths: u32,
    pub calls_per_operator_hour: f64,
    pub rate: Basis,
    pub capacity_per_hour: f64,
    /// Hours of calling the attempts need (infinite without capacity).
    pub hours_needed: f64,
    /// Calling hours the schedule has from now (or the start date) to the end date; `None`
    /// without an end date.
    pub hours_available: Option<f64>,
}

impl CampaignForecast {
    /// `Some(false)`: the end date comes first.
    pub fn fits(&self) -> Option<bool> {
        self.hours_available.map(|available| self.hours_needed <= available)
    }
}

/// The board's "done about Thu 14:00", from the pace observed so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaceForecast {
    /// When, in the campaign's zone, in words ("Чт 03.12 14:00").
    pub done_at: String,
    pub attempts_per_hour: f64,
    pub attempts_left: i64,
}

/// "31", or "0.5" under an hour.
pub fn hours_text(hours: f64) -> String {
    if !hours.is_finite() {
        "∞".into()
    } else if hours < 1.0 {
        format!("{:.1}", hours.max(0.0))
    } else {
        format!("{:.0}", hours)
    }
}

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{backend::*, roles::Permission};

/// The forecast of a campaign that has not started (or was stopped); `None` for one that
/// runs or is over.
#[server(endpoint = "campaigns/forecast", input = Json)]
pub async fn get_forecast(id: i64) -> Result<Option<CampaignForecast>, AppError> {
    respond(async move {
        authorize(Permission::ViewCampaigns)?;
        backend()?.forecast(id).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_as_whole_hours_or_a_tenth_under_one() {
        assert_eq!(hours_text(31.4), "31");
        assert_eq!(hours_text(0.46), "0.5");
        assert_eq!(hours_text(f64::INFINITY), "∞");
    }
}
