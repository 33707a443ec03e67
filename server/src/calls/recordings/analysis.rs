//! Asking MANGO's speech analytics what was said: transcripts (manual 3.4.5) and topics
//! (3.4.4) of completed recordings of talked calls, in batches of up to 500 ids, within the
//! recordings limit of manual 1.4.1 (the client waits for it). Recognition lags the call, so
//! a recording MANGO has nothing for yet is asked again later, each time twice as late, and
//! given up after `MAX_ATTEMPTS`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use app::api::recordings::Speaker;

use crate::db::recordings::{self as store, Analysis};
use crate::db::{now_ms, Db};
use crate::mango::link::MangoLink;
use crate::mango::types::{Category, TRANSCRIPT_IDS_PER_REQUEST};

/// How long after a recording's completion it is first asked about.
pub const FIRST_ASK: Duration = Duration::from_secs(20);
/// How often the worker looks for recordings whose turn has come.
pub const ROUND_EVERY: Duration = Duration::from_secs(5);
/// Waits between asks: `RETRY_FIRST`, doubled each time, at most `RETRY_LONGEST`.
const RETRY_FIRST: Duration = Duration::from_secs(30);
const RETRY_LONGEST: Duration = Duration::from_secs(3600);
/// Asks before a recording is marked unavailable (about 8 hours with the waits above).
pub const MAX_ATTEMPTS: i64 = 15;
/// Batches per kind in one round: a backlog is worked through over several rounds.
const BATCHES_PER_ROUND: usize = 4;

/// When to ask again after `attempts` asks that found nothing; `None`: give up.
pub fn next_ask(now: i64, attempts: i64) -> Option<i64> {
    if attempts + 1 >= MAX_ATTEMPTS {
        return None;
    }
    let doubled = RETRY_FIRST.as_millis().saturating_mul(1u128 << attempts.clamp(0, 20));
    Some(now + doubled.min(RETRY_LONGEST.as_millis()) as i64)
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub requests: usize,
    pub transcripts: usize,
    pub topics: usize,
    pub postponed: usize,
}

pub struct SpeechAnalytics {
    db: Db,
    link: Arc<MangoLink>,
}

impl SpeechAnalytics {
    pub fn new(db: Db, link: Arc<MangoLink>) -> SpeechAnalytics {
        SpeechAnalytics { db, link }
    }

    /// The worker: a round every `every` until `stop`.
    pub fn spawn(
        self: Arc<Self>,
        every: Duration,
        stop: tokio_util::sync::CancellationToken,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(every);
            loop {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = ticker.tick() => {}
                }
                if let Err(error) = self.round(now_ms()).await {
                    tracing::warn!(error = %format!("{error:#}"), "asking MANGO for transcripts and topics failed");
                }
            }
        })
    }

    /// One round at `now` (ms): every due recording asked about, batch by batch.
    pub async fn round(&self, now: i64) -> anyhow::Result<Round> {
        let mut round = Round::default();
        for analysis in [Analysis::Transcript, Analysis::Topics] {
            for _ in 0..BATCHES_PER_ROUND {
                let due = store::due(&self.db, analysis, now, TRANSCRIPT_IDS_PER_REQUEST).await?;
                if due.is_empty() {
                    break;
                }
                let client = self.link.connect().await?.client;
                let ids: Vec<String> = due.iter().map(|d| d.recording_id.clone()).collect();
                round.requests += 1;
                let answers = match analysis {
                    Analysis::Transcript => refused(client.recording_transcripts(&ids).await).map(|found| {
                        found
                            .into_iter()
                            .map(|t| (t.recording_id, Answer::Transcript(t.phrases)))
                            .collect::<Vec<_>>()
                    }),
                    Analysis::Topics => refused(client.recording_categories(&ids).await).map(|found| {
                        found.into_iter().map(|c| (c.recording_id, Answer::Topics(c.categories))).collect()
                    }),
                };
                // A refused or unanswered batch: each of it counts one ask, so a method this
                // account lacks (speech analytics off) is given up in time, not asked every round.
                let refused_batch = answers.is_none();
                let mut waiting: HashMap<&str, &store::Due> =
                    due.iter().map(|d| (d.recording_id.as_str(), d)).collect();
                for (recording_id, answer) in answers.unwrap_or_default() {
                    let Some(row) = waiting.remove(recording_id.as_str()) else { continue };
                    match answer {
                        Answer::Transcript(phrases) => {
                            let phrases: Vec<(Speaker, String)> = phrases
                                .into_iter()
                                .map(|(speaker, text)| (Speaker::from_key(&speaker), text))
                                .collect();
                            store::store_transcript(&self.db, row.id, &phrases).await?;
                            round.transcripts += 1;
                        }
                        Answer::Topics(categories) => {
                            let topics: Vec<(String, Option<i64>)> = categories
                                .iter()
                                .filter_map(|c| c.label().map(|label| (label, c.id)))
                                .collect();
                            store::store_topics(&self.db, row.id, &topics).await?;
                            round.topics += 1;
                        }
                    }
                }
                for row in waiting.into_values() {
                    store::postpone(&self.db, analysis, row.id, next_ask(now, row.attempts)).await?;
                    round.postponed += 1;
                }
                if refused_batch {
                    break;
                }
            }
        }
        Ok(round)
    }
}

/// What MANGO sent for one recording.
enum Answer {
    Transcript(Vec<(String, String)>),
    Topics(Vec<Category>),
}

/// The answer, or `None` after logging why there is none.
fn refused<T>(answer: Result<T, crate::mango::MangoError>) -> Option<T> {
    match answer {
        Ok(answer) => Some(answer),
        Err(error) => {
            tracing::warn!(%error, "MANGO did not give transcripts or topics; asking again later");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_again_twice_as_late_then_gives_up() {
        assert_eq!(next_ask(0, 0), Some(30_000));
        assert_eq!(next_ask(0, 1), Some(60_000));
        assert_eq!(next_ask(0, 3), Some(240_000));
        assert_eq!(next_ask(0, 10), Some(3_600_000), "at most an hour apart");
        assert_eq!(next_ask(0, MAX_ATTEMPTS - 1), None);
        let total: i64 = (0..MAX_ATTEMPTS - 1).map(|a| next_ask(0, a).unwrap()).sum();
        assert!((7 * 3_600_000..9 * 3_600_000).contains(&total), "{total}");
    }
}
