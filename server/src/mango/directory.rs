//! Keeps the MANGO directory (operators, lines, audio files) cached in the database: fetched
//! at start, every `REFRESH_EVERY`, and on request; each part independently, so one failing
//! method leaves the others current. The client's shared limiters keep `users/request` at
//! most once per 2 seconds (manual 1.4.1) however often a refresh is asked for.

use std::sync::Arc;
use std::time::Duration;

use app::api::directory::{AudioFileView, DirectoryPartState, DirectoryView, LineView, OperatorView};
use chrono_tz::Tz;

use crate::db::directory::{self as store, FetchedOperator, LineRecord, Part};
use crate::db::Db;
use crate::mango::link::{Connected, MangoLink};
use crate::mango::types::UsersRequest;
use crate::mango::MangoError;
use crate::time_format;

/// How often the server refreshes the directory on its own.
pub const REFRESH_EVERY: Duration = Duration::from_secs(15 * 60);

pub struct DirectorySync {
    db: Db,
    link: Arc<MangoLink>,
    /// One refresh at a time: a second request waits and then finds fresh data.
    running: tokio::sync::Mutex<()>,
}

/// What one refresh did, part by part.
#[derive(Debug, Default)]
pub struct RefreshReport {
    pub failures: Vec<(Part, String)>,
    /// Employees without a `user_id` cannot be campaign operators (manual 3.8.4.1 takes
    /// user ids); they are left out and counted here.
    pub skipped_without_user_id: usize,
}

impl DirectorySync {
    pub fn new(db: Db, link: Arc<MangoLink>) -> DirectorySync {
        DirectorySync { db, link, running: tokio::sync::Mutex::new(()) }
    }

    /// Fetches every part now; failures are recorded per part and returned, never fatal.
    pub async fn refresh(&self) -> anyhow::Result<RefreshReport> {
        let _one_at_a_time = self.running.lock().await;
        let connected = self.link.connect().await?;
        let mut report = RefreshReport::default();
        for part in Part::ALL {
            let outcome = match part {
                Part::Operators => self.fetch_operators(&connected).await.map(|skipped| {
                    report.skipped_without_user_id = skipped;
                }),
                Part::Lines => self.fetch_lines(&connected).await,
                Part::AudioFiles => self.fetch_audio_files(&connected).await,
            };
            if let Err(error) = outcome {
                let text = error.to_string();
                tracing::warn!(part = part.as_str(), error = %text, "directory refresh failed");
                store::mark_failed(&self.db, part, &text).await?;
                report.failures.push((part, text));
            }
        }
        Ok(report)
    }

    async fn fetch_operators(&self, connected: &Connected) -> Result<usize, FetchError> {
        let answer = connected.client.users(&UsersRequest::operators()).await?;
        let mut skipped = 0;
        let mut operators = Vec::new();
        for user in answer.users {
            let Some(user_id) = user.general.user_id else {
                skipped += 1;
                continue;
            };
            let extension = user.telephony.extension.filter(|e| !e.is_empty());
            let name =
                user.general.name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| match &extension {
                    // Stored once, in the language of whoever refreshed (Russian for the timer).
                    Some(extension) => {
                        app::i18n::fill(app::i18n::t().directory.unnamed_extension, &[extension])
                    }
                    None => app::i18n::fill(app::i18n::t().directory.unnamed_employee, &[&user_id]),
                });
            operators.push(FetchedOperator {
                user_id,
                name,
                extension,
                department: user.general.department.filter(|d| !d.is_empty()),
                position: user.general.position.filter(|p| !p.is_empty()),
                // Manual 3.6.1: use_status 1 = the employee's Contact Center status is used.
                uses_cc_status: user.general.use_status == Some(1),
            });
        }
        if skipped > 0 {
            tracing::warn!(skipped, "employees without a user_id were left out of the operators");
        }
        store::replace_operators(&self.db, &connected.source, &operators).await?;
        Ok(skipped)
    }

    async fn fetch_lines(&self, connected: &Connected) -> Result<(), FetchError> {
        let answer = connected.client.incoming_lines().await?;
        let lines: Vec<LineRecord> = answer
            .lines
            .into_iter()
            .map(|line| LineRecord {
                line_id: line.line_id,
                number: line.number.unwrap_or_else(|| line.line_id.to_string()),
                name: line.name.filter(|n| !n.is_empty()),
                comment: line.comment.filter(|c| !c.is_empty()),
                region: line.region.filter(|r| !r.is_empty()),
                fetched_at: 0,
            })
            .collect();
        store::replace_lines(&self.db, &connected.source, &lines).await?;
        Ok(())
    }

    async fn fetch_audio_files(&self, connected: &Connected) -> Result<(), FetchError> {
        let answer = connected.client.audio_files().await?;
        let files: Vec<(i64, String)> = answer
            .audiofiles
            .into_iter()
            .map(|file| {
                let name = file
                    .name
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| app::i18n::fill(app::i18n::t().directory.unnamed_audio, &[&file.id]));
                (file.id, name)
            })
            .collect();
        store::replace_audio_files(&self.db, &connected.source, &files).await?;
        Ok(())
    }

    /// The cached directory as the pages show it, times in `zone`.
    pub async fn view(&self, zone: Tz) -> anyhow::Result<DirectoryView> {
        // What is stored is shown even when MANGO cannot be called (e.g. refused addresses).
        let (sandbox, source_name) = self.link.source().await?;
        let when = |ms: i64| time_format::for_reader(ms, zone);
        // The fetch times first: a part shown as fetched then has its rows read after that
        // fetch committed (read the other way round, a refresh between the two reads showed
        // "fetched" over an empty list).
        let states = store::sync_state(&self.db).await?;
        let operators = store::operators(&self.db)
            .await?
            .into_iter()
            .map(|o| OperatorView {
                user_id: o.user_id,
                name: o.name,
                extension: o.extension,
                department: o.department,
                position: o.position,
                uses_cc_status: o.uses_cc_status,
                cc_status: o.cc_status.and_then(crate::mango::status::cc_status_from_code),
                cc_status_at: o.cc_status_at.map(when),
            })
            .collect();
        let lines = store::lines(&self.db)
            .await?
            .into_iter()
            .map(|l| LineView {
                line_id: l.line_id,
                number: l.number,
                name: l.name,
                comment: l.comment,
                region: l.region,
            })
            .collect();
        let audio_files = store::audio_files(&self.db)
            .await?
            .into_iter()
            .map(|a| AudioFileView { audio_id: a.audio_id, name: a.name })
            .collect();
        let stale_source =
            states.iter().any(|s| s.source.as_deref().is_some_and(|source| source != source_name));
        let parts = Part::ALL
            .iter()
            .map(|part| {
                let state = states.iter().find(|s| s.part == part.as_str());
                DirectoryPartState {
                    label: part_label(*part).to_string(),
                    fetched_at: state.and_then(|s| s.fetched_at).map(when),
                    last_error: state.and_then(|s| s.last_error.clone()),
                }
            })
            .collect();
        Ok(DirectoryView {
            sandbox,
            stale_source,
            operators,
            lines,
            audio_files,
            parts,
            refresh_every_minutes: (REFRESH_EVERY.as_secs() / 60) as u32,
        })
    }

    /// Refreshes now and then every `every`, until the process ends.
    /// Refreshes every `every` until `stop` (a refresh under way is finished).
    pub fn spawn_periodic(
        self: Arc<Self>,
        every: Duration,
        stop: tokio_util::sync::CancellationToken,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = ticks.tick() => {}
                }
                if let Err(error) = self.refresh().await {
                    tracing::warn!(error = format!("{error:#}"), "directory refresh could not run");
                }
            }
        })
    }
}

pub fn part_label(part: Part) -> &'static str {
    let t = &app::i18n::t().directory;
    match part {
        Part::Operators => t.part_operators,
        Part::Lines => t.part_lines,
        Part::AudioFiles => t.part_audio,
    }
}

#[derive(Debug, thiserror::Error)]
enum FetchError {
    #[error(transparent)]
    Mango(#[from] MangoError),
    #[error("cannot store it: {0}")]
    Store(#[from] sqlx::Error),
}
