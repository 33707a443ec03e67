//! The one writer of MANGO's events. Verified events queue here; the writer appends whatever
//! has queued in one transaction, folds the calls those events concern in the same
//! transaction, commits, and only then answers each request. SQLite has one write lock
//! anyway: a queue in front of it turns many requests waiting for the lock into one commit,
//! and a call is never folded by two at once (folding reads a call's events and writes its
//! record). A request is answered 200 only once its event is stored and its call is folded,
//! so whoever reads after the answer sees the call.

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex};

use sqlx::SqliteConnection;
use tokio::sync::{broadcast, mpsc, oneshot};

use super::call_state;
use super::events::{CallEvent, Kind, RecordingEvent, StatusChanged, SummaryEvent};
use crate::db::{self, events as store, Db};

/// Which MANGO campaign a stored event concerns: the board listens for these.
pub type Updates = broadcast::Sender<i64>;

/// At most this many events in one transaction: a bigger batch only delays the first answer.
const MAX_BATCH: usize = 256;
/// Requests waiting for the writer; more wait for room (the answer is late, nothing is lost).
const QUEUE: usize = 4 * MAX_BATCH;
/// Linked `(campaign, task)` pairs remembered; the set starts over when it is this full.
const LINKED_REMEMBERED: usize = 100_000;

/// A verified event, read.
pub enum Parsed {
    Call(CallEvent),
    Summary(SummaryEvent),
    StatusChanged(StatusChanged),
    Recording(RecordingEvent),
    /// Kept as received; nothing else depends on it yet.
    Other,
}

impl Parsed {
    /// The call group the event belongs to, for call events and summaries.
    fn entry_id(&self) -> Option<&str> {
        match self {
            Parsed::Call(event) => Some(&event.entry_id),
            Parsed::Summary(event) => Some(&event.entry_id),
            // A recording names its call group too, but is not one of its call events: it is
            // linked through the recordings table, not folded.
            Parsed::StatusChanged(_) | Parsed::Recording(_) | Parsed::Other => None,
        }
    }

    fn seq(&self) -> Option<i64> {
        match self {
            Parsed::Call(event) => Some(event.seq),
            _ => None,
        }
    }
}

/// Why the writer could not take an event.
#[derive(Debug)]
pub enum WriteError {
    Database(sqlx::Error),
    /// The writer has stopped with the server.
    Stopped,
}

impl From<sqlx::Error> for WriteError {
    fn from(error: sqlx::Error) -> WriteError {
        WriteError::Database(error)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Database(error) => write!(f, "{error}"),
            WriteError::Stopped => f.write_str("the event writer has stopped"),
        }
    }
}

enum Job {
    /// Store one event (a redelivery is not stored again) and fold its call.
    Event {
        kind: Kind,
        digest: String,
        json: String,
        event: Box<Parsed>,
        done: oneshot::Sender<sqlx::Result<()>>,
    },
    /// Fold these call groups again: something they depend on was learnt (a task's campaign).
    Refold { entries: Vec<String>, done: oneshot::Sender<sqlx::Result<()>> },
}

impl Job {
    fn answer(self, result: sqlx::Result<()>) {
        let done = match self {
            Job::Event { done, .. } | Job::Refold { done, .. } => done,
        };
        // A request that gave up (its client left) needs no answer.
        let _ = done.send(result);
    }
}

/// The writer's queue; cheap to clone.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer on the current Tokio runtime. It ends when every `Writer` is gone.
    /// `lookups` takes task ids whose campaign nobody here knows (asked of MANGO elsewhere).
    pub fn start(db: Db, updates: Updates, lookups: mpsc::Sender<i64>) -> Writer {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let folder = Folder { db, updates, lookups, linked: Arc::default() };
        tokio::spawn(folder.run(queue));
        Writer { jobs }
    }

    /// Stores a verified event and folds its call; returns once both are committed.
    pub async fn write(
        &self,
        kind: Kind,
        digest: String,
        json: String,
        event: Parsed,
    ) -> Result<(), WriteError> {
        let (done, answer) = oneshot::channel();
        self.submit(Job::Event { kind, digest, json, event: Box::new(event), done }, answer).await
    }

    /// Folds these call groups again from their stored events.
    pub async fn refold(&self, entries: Vec<String>) -> Result<(), WriteError> {
        if entries.is_empty() {
            return Ok(());
        }
        let (done, answer) = oneshot::channel();
        self.submit(Job::Refold { entries, done }, answer).await
    }

    async fn submit(&self, job: Job, answer: oneshot::Receiver<sqlx::Result<()>>) -> Result<(), WriteError> {
        self.jobs.send(job).await.map_err(|_| WriteError::Stopped)?;
        Ok(answer.await.map_err(|_| WriteError::Stopped)??)
    }
}

/// What a committed batch changed, acted on after the commit.
#[derive(Default)]
struct Written {
    campaigns: BTreeSet<i64>,
    linked: Vec<(i64, i64)>,
}

struct Folder {
    db: Db,
    updates: Updates,
    lookups: mpsc::Sender<i64>,
    /// `(MANGO campaign, MANGO task)` pairs whose link is committed: linking again would
    /// change nothing, so it is not written again (two statements per event saved).
    linked: Arc<Mutex<HashSet<(i64, i64)>>>,
}

impl Folder {
    async fn run(self, mut queue: mpsc::Receiver<Job>) {
        let mut batch = Vec::with_capacity(MAX_BATCH);
        while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
            match self.write(&batch).await {
                Ok(written) => {
                    self.committed(written);
                    batch.drain(..).for_each(|job| job.answer(Ok(())));
                }
                Err(error) if batch.len() == 1 => {
                    if let Some(job) = batch.pop() {
                        job.answer(Err(error));
                    }
                }
                Err(error) => {
                    // One event should not fail the others: each alone, with its own answer.
                    tracing::warn!(%error, events = batch.len(), "a batch of events failed; writing them one by one");
                    for job in batch.drain(..) {
                        let result = self.write(std::slice::from_ref(&job)).await.map(|w| self.committed(w));
                        job.answer(result);
                    }
                }
            }
        }
    }

    fn committed(&self, written: Written) {
        if !written.linked.is_empty() {
            let mut linked = self.linked.lock().unwrap_or_else(|p| p.into_inner());
            if linked.len() + written.linked.len() > LINKED_REMEMBERED {
                linked.clear();
            }
            linked.extend(written.linked);
        }
        for campaign in written.campaigns {
            // Nobody listening is fine.
            let _ = self.updates.send(campaign);
        }
    }

    /// One transaction: every event of the batch stored, then every call group they name
    /// folded once.
    async fn write(&self, jobs: &[Job]) -> sqlx::Result<Written> {
        let mut tx = db::begin_write(&self.db).await?;
        let mut entries = BTreeSet::new();
        for job in jobs {
            match job {
                Job::Event { kind, digest, json, event, .. } => {
                    let entry = event.entry_id();
                    store::store(&mut *tx, kind.key(), digest, json, entry, entry, event.seq()).await?;
                    if let Parsed::StatusChanged(change) = &**event {
                        // Manual 4.4: ordered by the change time, not the sending time;
                        // applying the same change again is harmless (an older time never
                        // overwrites a newer one).
                        let at = change.changed_at().unwrap_or_else(db::now_ms);
                        db::directory::set_cc_status(&mut *tx, change.abonent_id, change.status, at).await?;
                    }
                    if let Parsed::Recording(recording) = &**event {
                        let stored = db::recordings::by_mango_id(&mut tx, &recording.recording_id).await?;
                        let merged = crate::calls::recordings::merge(stored, recording, db::now_ms());
                        db::recordings::save(&mut tx, &merged).await?;
                    }
                    if let Some(entry) = entry {
                        entries.insert(entry.to_string());
                    }
                }
                Job::Refold { entries: more, .. } => entries.extend(more.iter().cloned()),
            }
        }
        let mut written = Written::default();
        for entry in &entries {
            self.fold(&mut tx, entry, &mut written).await?;
        }
        tx.commit().await?;
        Ok(written)
    }

    /// Rebuilds one call from all its stored events. A redelivery folds too: the earlier fold
    /// may have failed, and folding is a pure function of the stored events.
    async fn fold(
        &self,
        tx: &mut SqliteConnection,
        entry_id: &str,
        written: &mut Written,
    ) -> sqlx::Result<()> {
        let mut events: Vec<CallEvent> = Vec::new();
        let mut summary: Option<SummaryEvent> = None;
        for (kind, raw) in store::raw_for_entry(&mut *tx, entry_id).await? {
            if kind == Kind::Summary.key() {
                // The last summary stored counts.
                if let Ok(read) = serde_json::from_str(&raw) {
                    summary = Some(read);
                }
            } else if let Ok(event) = serde_json::from_str(&raw) {
                events.push(event);
            }
        }
        let Some(mut record) = call_state::derive(&events, summary.as_ref()) else {
            // A summary before any call event: kept, folded when the events come.
            return Ok(());
        };
        if let (None, Some(task)) = (record.mango_campaign_id, record.mango_task_id) {
            // Manual 3.1.1 does not list `campaign_id`: the task says which campaign it is of —
            // one of our linked tasks, MANGO's earlier answer, or a question to MANGO (3.8.3).
            // A callback's automatic call (its `auto_call_task_id`, manual 4.2) is the callback's.
            if !store::is_callback_task(&mut *tx, task).await? {
                record.mango_campaign_id = store::known_campaign_of_task(&mut *tx, task).await?;
                if record.mango_campaign_id.is_some() && record.number.is_none() {
                    record.number = store::looked_up_number(&mut *tx, task).await?;
                }
                if record.mango_campaign_id.is_none() {
                    // A full queue is fine: the next event of the task asks again.
                    let _ = self.lookups.try_send(task);
                }
            }
        }
        let row = store::CallRow {
            call_key: record.entry_id.clone(),
            entry_id: record.entry_id.clone(),
            mango_task_id: record.mango_task_id,
            mango_campaign_id: record.mango_campaign_id,
            // Decided by the database as it stores the row.
            task_id: None,
            initiator: record.initiator.clone(),
            number: record.number.clone(),
            operator_extension: record.operator_extension.clone(),
            state: record.state.key().to_string(),
            last_seq: record.last_seq,
            appeared_at: record.appeared_at,
            connected_at: record.connected_at,
            ended_at: record.ended_at,
            disconnect_reason: record.disconnect_reason,
            talk_seconds: record.talk_seconds,
            talked: record.talked,
            outcome: record.outcome,
            updated_at: db::now_ms(),
        };
        store::save_call(&mut *tx, &row).await?;
        if let (Some(campaign), Some(task), Some(number)) =
            (record.mango_campaign_id, record.mango_task_id, record.number.as_deref())
        {
            let known = self.linked.lock().unwrap_or_else(|p| p.into_inner()).contains(&(campaign, task));
            if !known {
                store::link_task(&mut *tx, campaign, number, task).await?;
                written.linked.push((campaign, task));
            }
        }
        if let Some(campaign) = record.mango_campaign_id {
            written.campaigns.insert(campaign);
        }
        Ok(())
    }
}
