//! Lead lists on the server: an uploaded file is read once (`leads::table`), kept with its
//! mapping, checked row by row (`leads::rows`) whenever it is shown, mapped again, or fixed,
//! and its accepted rows become the campaign's tasks, pushed by `push`.

use std::collections::BTreeMap;
use std::sync::Arc;

use app::api::leads::*;
use app::api::AppError;
use app::i18n::{fill, t};
use chrono_tz::Tz;

use crate::db::leads::{self as uploads, UploadRecord};
use crate::db::tasks;
use crate::db::{campaigns as campaign_store, Db};
use crate::error::Doing;
use crate::leads::push::{Pusher, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE};
use crate::leads::{columns, do_not_call, rows, table};
use crate::time_format;

/// Rows shown in the page's tables (the CSV download has all rejected rows).
const PREVIEW_ROWS: usize = 200;
const REJECTED_SHOWN: usize = 500;

pub struct LeadLists {
    db: Db,
    pusher: Arc<Pusher>,
    last_read: std::sync::Mutex<Option<LastRead>>,
}

/// The stored cells and how they were read. `record.cells` is empty: the cells are `table`.
struct Stored {
    record: UploadRecord,
    table: Arc<table::Table>,
    mapping: ColumnMapping,
}

/// The cells of the upload read last, parsed, at the revision they were read at. A page shows
/// an upload many times (checked view, mapping, fixes, the rejected rows' CSV, acceptance), and
/// parsing 100,000 stored rows again each time was most of a view's time. One upload only, so
/// what it keeps is bounded by the largest file (about 30 MB for 100,000 rows).
struct LastRead {
    upload_id: i64,
    revision: i64,
    table: Arc<table::Table>,
}

impl LeadLists {
    pub fn new(db: Db, pusher: Arc<Pusher>) -> LeadLists {
        LeadLists { db, pusher, last_read: std::sync::Mutex::new(None) }
    }

    /// Reads an uploaded file and keeps it with a guessed mapping. Refusals name the limit.
    pub async fn store(
        &self,
        campaign_id: i64,
        author: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<i64, AppError> {
        campaign_store::get(&self.db, campaign_id)
            .await
            .doing("read the campaign")?
            .ok_or_else(|| AppError::NotFound(fill(t().leads.file.no_campaign, &[&campaign_id])))?;
        let file_name = file_name.trim();
        let file_name = if file_name.is_empty() { "upload" } else { file_name };
        let bytes = bytes.to_vec();
        let bytes_for_sheets = table::is_spreadsheet(&bytes).then(|| bytes.clone());
        let name = file_name.to_string();
        // Parsing a 20 MB file is CPU work: off the async threads.
        let table = tokio::task::spawn_blocking(move || table::read(&bytes, &name, None))
            .await
            .doing("read the file")?
            .map_err(|error| AppError::invalid("file", error.to_string()))?;
        if table.rows.is_empty() {
            return Err(AppError::invalid("file", t().leads.file.no_rows));
        }
        let mapping = columns::guess(&table.rows);
        let source = serde_json::to_string(&table.source).doing("store the file")?;
        let cells = serde_json::to_string(&table.rows).doing("store the file")?;
        let mapping = serde_json::to_string(&mapping).doing("store the file")?;
        // A spreadsheet is kept as uploaded: another of its sheets can be read later.
        let original = bytes_for_sheets.filter(|_| table.source.format != table::Format::Csv);
        let upload = uploads::NewUpload {
            campaign_id,
            file_name,
            source: &source,
            cells: &cells,
            mapping: &mapping,
            original: original.as_deref(),
            created_by: author,
        };
        let upload_id = uploads::insert(&self.db, upload).await.doing("store the upload")?;
        self.remember(upload_id, 0, Arc::new(table));
        Ok(upload_id)
    }

    /// Reads another sheet of an uploaded spreadsheet; its mapping is guessed again.
    pub async fn choose_sheet(&self, upload_id: i64, sheet: &str) -> Result<(), AppError> {
        let stored = self.stored(upload_id).await?;
        Self::not_after_acceptance(&stored.record)?;
        let original = uploads::original(&self.db, upload_id)
            .await
            .doing("read the upload")?
            .ok_or_else(|| AppError::invalid("sheet", t().leads.file.only_spreadsheets_have_sheets))?;
        let name = stored.record.file_name.clone();
        let wanted = sheet.to_string();
        let table = tokio::task::spawn_blocking(move || table::read(&original, &name, Some(&wanted)))
            .await
            .doing("read the file")?
            .map_err(|error| AppError::invalid("sheet", error.to_string()))?;
        if table.rows.is_empty() {
            return Err(AppError::invalid("sheet", fill(t().leads.file.sheet_empty, &[&sheet])));
        }
        let mapping = columns::guess(&table.rows);
        let source = serde_json::to_string(&table.source).doing("store the sheet")?;
        let cells = serde_json::to_string(&table.rows).doing("store the sheet")?;
        let mapping = serde_json::to_string(&mapping).doing("store the sheet")?;
        if !uploads::replace_read(&self.db, upload_id, &source, &cells, &mapping)
            .await
            .doing("store the sheet")?
        {
            return Err(AppError::Conflict(t().leads.file.added_meanwhile.into()));
        }
        Ok(())
    }

    pub async fn templates(&self) -> Result<Vec<MappingTemplate>, AppError> {
        let records = uploads::templates(&self.db).await.doing("read the saved mappings")?;
        Ok(records
            .into_iter()
            .filter_map(|t| {
                Some(MappingTemplate {
                    id: t.id,
                    name: t.name,
                    headers: serde_json::from_str(&t.headers).ok()?,
                    mapping: serde_json::from_str(&t.mapping).ok()?,
                })
            })
            .collect())
    }

    /// Saves the upload's mapping, with its header cells, under `name`.
    pub async fn save_template(&self, upload_id: i64, name: &str, author: i64) -> Result<(), AppError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(AppError::invalid("name", t().leads.file.name_the_mapping));
        }
        let length = name.chars().count();
        if length > TEMPLATE_NAME_MAX_CHARS {
            return Err(AppError::invalid(
                "name",
                fill(t().leads.file.template_name_long, &[&TEMPLATE_NAME_MAX_CHARS, &length]),
            ));
        }
        let stored = self.stored(upload_id).await?;
        let headers = if stored.mapping.has_header {
            stored.table.rows.first().cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        let headers = serde_json::to_string(&headers).doing("store the mapping")?;
        let mapping = serde_json::to_string(&stored.mapping).doing("store the mapping")?;
        uploads::save_template(&self.db, &name, &headers, &mapping, author).await.doing("store the mapping")
    }

    /// Maps the upload's columns as a saved template says.
    pub async fn apply_template(&self, upload_id: i64, template_id: i64) -> Result<ColumnMapping, AppError> {
        let template = self
            .templates()
            .await?
            .into_iter()
            .find(|t| t.id == template_id)
            .ok_or_else(|| AppError::NotFound(fill(t().leads.file.no_template, &[&template_id])))?;
        let stored = self.stored(upload_id).await?;
        let mapping = columns::apply_template(&template.headers, &template.mapping, &stored.table.rows)
            .ok_or_else(|| {
                AppError::invalid("template", fill(t().leads.file.template_mismatch, &[&template.name]))
            })?;
        self.remap(upload_id, mapping.clone()).await?;
        Ok(mapping)
    }

    async fn stored(&self, upload_id: i64) -> Result<Stored, AppError> {
        let missing = || AppError::NotFound(fill(t().leads.file.no_upload, &[&upload_id]));
        let head = uploads::head(&self.db, upload_id).await.doing("read the upload")?.ok_or_else(missing)?;
        let mapping: ColumnMapping = serde_json::from_str(&head.mapping).doing("read the stored upload")?;
        if let Some(table) = self.remembered(upload_id, head.revision) {
            return Ok(Stored { record: head, table, mapping });
        }
        // Cells and revision from one read of the row: what is remembered matches its revision.
        let mut record =
            uploads::get(&self.db, upload_id).await.doing("read the upload")?.ok_or_else(missing)?;
        let cells = std::mem::take(&mut record.cells);
        let rows: Vec<Vec<String>> = serde_json::from_str(&cells).doing("read the stored upload")?;
        drop(cells);
        let source: table::SourceInfo =
            serde_json::from_str(&record.source).doing("read the stored upload")?;
        let mapping: ColumnMapping = serde_json::from_str(&record.mapping).doing("read the stored upload")?;
        let table = Arc::new(table::Table { rows, source });
        self.remember(upload_id, record.revision, table.clone());
        Ok(Stored { record, table, mapping })
    }

    fn remembered(&self, upload_id: i64, revision: i64) -> Option<Arc<table::Table>> {
        let last = self.last_read.lock().unwrap_or_else(|p| p.into_inner());
        last.as_ref().filter(|l| l.upload_id == upload_id && l.revision == revision).map(|l| l.table.clone())
    }

    fn remember(&self, upload_id: i64, revision: i64, table: Arc<table::Table>) {
        let mut last = self.last_read.lock().unwrap_or_else(|p| p.into_inner());
        *last = Some(LastRead { upload_id, revision, table });
    }

    /// The installation's time zone, for the dates in refusals.
    async fn zone(&self) -> Result<Tz, AppError> {
        let stored = crate::db::settings::get(&self.db, crate::mango::settings::TIMEZONE)
            .await
            .doing("read the settings")?;
        Ok(stored.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::Europe::Moscow))
    }

    /// Checks every row against the campaign's tasks as they are now.
    async fn check<'s>(
        &self,
        stored: &'s Stored,
        region: &str,
    ) -> Result<(rows::Checked<'s>, usize), AppError> {
        let existing =
            tasks::numbers(&self.db, stored.record.campaign_id).await.doing("read the campaign's tasks")?;
        let held = existing.len();
        // An accepted upload's own tasks are in `existing`: check it as it was before.
        let (existing, held) = if stored.record.accepted_at.is_some() {
            (std::collections::HashSet::new(), 0)
        } else {
            (existing, held)
        };
        let cap = MAX_TASKS_PER_CAMPAIGN.saturating_sub(held);
        // The list and "called recently" as they are now; an accepted upload as it was checked.
        let bars = if stored.record.accepted_at.is_some() {
            do_not_call::Bars::none()
        } else {
            do_not_call::Bars::read(&self.db, stored.record.campaign_id, self.zone().await?).await?
        };
        let barred = |number: &str| bars.why(number);
        let checked = rows::check(&stored.table, &stored.mapping, region, &existing, &barred, cap);
        Ok((checked, held))
    }

    pub async fn view(&self, upload_id: i64, region: &str, zone: Tz) -> Result<UploadView, AppError> {
        let stored = self.stored(upload_id).await?;
        let (checked, held) = self.check(&stored, region).await?;
        let mut rejected: BTreeMap<String, RejectionCount> = BTreeMap::new();
        let mut accepted = 0;
        let mut accepted_preview = Vec::new();
        let mut rejected_rows = Vec::new();
        let mut rejected_total = 0;
        for row in &checked.rows {
            match &row.rejection {
                None => {
                    accepted += 1;
                    if accepted_preview.len() < PREVIEW_ROWS {
                        accepted_preview.push(checked.shown(row));
                    }
                }
                Some(rejection) => {
                    rejected_total += 1;
                    let entry =
                        rejected.entry(rejection.kind().to_string()).or_insert_with(|| RejectionCount {
                            kind: app::api::leads::RejectionKind::of(rejection),
                            label: kind_label(rejection),
                            count: 0,
                        });
                    entry.count += 1;
                    if rejected_rows.len() < REJECTED_SHOWN {
                        rejected_rows.push(checked.shown(row));
                    }
                }
            }
        }
        let source = &stored.table.source;
        Ok(UploadView {
            upload_id,
            campaign_id: stored.record.campaign_id,
            file_name: stored.record.file_name.clone(),
            read_as: source.describe(),
            sheets: source.sheets.clone(),
            first_row: stored.table.rows.first().cloned().unwrap_or_default(),
            mapping: stored.mapping.clone(),
            total_rows: checked.rows.len(),
            accepted,
            rejected: rejected.into_values().collect(),
            accepted_preview,
            rejected_rows,
            rejected_rows_shown_of: rejected_total,
            campaign_tasks: held,
            cap_remaining: MAX_TASKS_PER_CAMPAIGN.saturating_sub(held),
            accepted_at: stored.record.accepted_at.map(|ms| time_format::local(ms, zone)),
        })
    }

    fn not_after_acceptance(record: &UploadRecord) -> Result<(), AppError> {
        if record.accepted_at.is_some() {
            return Err(AppError::Conflict(t().leads.file.already_added.into()));
        }
        Ok(())
    }

    pub async fn remap(&self, upload_id: i64, mapping: ColumnMapping) -> Result<(), AppError> {
        let stored = self.stored(upload_id).await?;
        Self::not_after_acceptance(&stored.record)?;
        let columns = stored.table.rows.iter().map(|r| r.len()).max().unwrap_or(0);
        if mapping.roles.len() != columns {
            return Err(AppError::invalid("mapping", fill(t().leads.file.map_every_column, &[&columns])));
        }
        let phones = mapping.roles.iter().filter(|r| **r == ColumnRole::Phone).count();
        if phones != 1 {
            return Err(AppError::invalid("mapping", t().leads.file.one_phone_column));
        }
        let json = serde_json::to_string(&mapping).doing("store the mapping")?;
        if !uploads::update_mapping(&self.db, upload_id, &json).await.doing("store the mapping")? {
            return Err(AppError::Conflict(t().leads.file.added_meanwhile.into()));
        }
        Ok(())
    }

    pub async fn fix_row(&self, upload_id: i64, row: usize, cells: Vec<String>) -> Result<(), AppError> {
        let stored = self.stored(upload_id).await?;
        Self::not_after_acceptance(&stored.record)?;
        // `row` counts lines of the file from 1, as the page shows them.
        let index = row
            .checked_sub(1)
            .filter(|i| *i < stored.table.rows.len())
            .ok_or_else(|| AppError::invalid("row", fill(t().leads.file.no_such_row, &[&row])))?;
        let width = stored.table.rows[index].len();
        if cells.len() != width {
            return Err(AppError::invalid(
                "cells",
                fill(t().leads.file.row_width, &[&row, &width, &cells.len()]),
            ));
        }
        let mut rows = stored.table.rows.clone();
        rows[index] = cells;
        let json = serde_json::to_string(&rows).doing("store the row")?;
        if !uploads::update_cells(&self.db, upload_id, &json).await.doing("store the row")? {
            return Err(AppError::Conflict(t().leads.file.added_meanwhile.into()));
        }
        Ok(())
    }

    /// Adds the accepted rows as tasks (all or none) and starts the push: how many tasks, and
    /// the campaign's id.
    pub async fn accept(
        &self,
        upload_id: i64,
        region: &str,
        batch_size: i64,
    ) -> Result<(i64, i64), AppError> {
        if !(1..=MAX_BATCH_SIZE).contains(&batch_size) {
            return Err(AppError::invalid("batch_size", fill(t().leads.file.batch_size, &[&MAX_BATCH_SIZE])));
        }
        let stored = self.stored(upload_id).await?;
        Self::not_after_acceptance(&stored.record)?;
        let campaign_id = stored.record.campaign_id;
        let campaign = campaign_store::get(&self.db, campaign_id).await.doing("read the campaign")?;
        if campaign.and_then(|c| c.mango_campaign_id).is_none() {
            return Err(AppError::Conflict(t().leads.file.create_campaign_first.into()));
        }
        let (checked, _) = self.check(&stored, region).await?;
        let accepted: Vec<(usize, LeadFields)> =
            checked.rows.into_iter().filter(|r| r.rejection.is_none()).map(|r| (r.row, r.fields)).collect();
        if accepted.is_empty() {
            return Err(AppError::invalid("upload", t().leads.file.nothing_accepted));
        }
        let added =
            tasks::add_from_upload(&self.db, campaign_id, upload_id, &accepted).await.map_err(|error| {
                if crate::db::is_unique_violation(&error) {
                    AppError::Conflict(t().leads.file.numbers_added_meanwhile.into())
                } else {
                    crate::error::internal("add the tasks", error.into())
                }
            })?;
        tasks::start_job(&self.db, campaign_id, batch_size).await.doing("start the push")?;
        self.pusher.nudge();
        Ok((added as i64, campaign_id))
    }

    pub async fn control(&self, campaign_id: i64, control: PushControl) -> Result<(), AppError> {
        let job = tasks::job(&self.db, campaign_id).await.doing("read the push")?;
        let Some(job) = job else { return Err(AppError::NotFound(t().leads.file.no_push.into())) };
        match control {
            PushControl::Pause if job.state == PushState::Running => {
                tasks::set_job_state(&self.db, campaign_id, PushState::Paused, None)
                    .await
                    .doing("pause the push")?
            }
            PushControl::Resume if job.state.can_resume() => {
                tasks::start_job(&self.db, campaign_id, job.batch_size).await.doing("resume the push")?;
                self.pusher.nudge();
            }
            _ => {
                // English has always named the state by its key ("paused"); Russian by its label.
                let state = match app::i18n::current() {
                    app::i18n::Lang::En => job.state.key(),
                    app::i18n::Lang::Ru => job.state.label(),
                };
                return Err(AppError::Conflict(fill(t().leads.file.push_not_possible, &[&state])));
            }
        }
        Ok(())
    }

    pub async fn push_view(&self, campaign_id: i64) -> Result<PushView, AppError> {
        let counts = tasks::counts(&self.db, campaign_id).await.doing("count the tasks")?;
        let job = tasks::job(&self.db, campaign_id).await.doing("read the push")?;
        let Some(job) = job else {
            return Ok(PushView {
                state: PushState::None,
                total: counts.total(),
                sent: counts.sent,
                waiting: counts.pending + counts.sending,
                batch_size: DEFAULT_BATCH_SIZE,
                rate_per_minute: None,
                seconds_left: None,
                last_error: None,
            });
        };
        let end = job.finished_at.unwrap_or_else(crate::db::now_ms);
        let minutes = (end - job.started_at) as f64 / 60_000.0;
        let sent_in_job =
            tasks::sent_since(&self.db, campaign_id, job.started_at).await.doing("count the tasks")?;
        let rate = (minutes > 0.0 && sent_in_job > 0).then(|| sent_in_job as f64 / minutes);
        let waiting = counts.pending + counts.sending;
        Ok(PushView {
            state: job.state,
            total: counts.total(),
            sent: counts.sent,
            waiting,
            batch_size: job.batch_size,
            rate_per_minute: rate,
            seconds_left: rate.map(|r| (waiting as f64 / r * 60.0).ceil() as i64),
            last_error: job.last_error,
        })
    }

    pub async fn overview(&self, campaign_id: i64, zone: Tz) -> Result<LeadsOverview, AppError> {
        let campaign = campaign_store::get(&self.db, campaign_id)
            .await
            .doing("read the campaign")?
            .ok_or_else(|| AppError::NotFound(fill(t().leads.file.no_campaign, &[&campaign_id])))?;
        let uploads = uploads::for_campaign(&self.db, campaign_id)
            .await
            .doing("list the uploads")?
            .into_iter()
            .map(|u| UploadSummary {
                upload_id: u.id,
                file_name: u.file_name,
                uploaded_at: time_format::local(u.created_at, zone),
                accepted_at: u.accepted_at.map(|ms| time_format::local(ms, zone)),
            })
            .collect();
        Ok(LeadsOverview {
            campaign_id,
            campaign_name: campaign.name.clone(),
            in_mango: campaign.mango_campaign_id.is_some(),
            push: self.push_view(campaign_id).await?,
            uploads,
            default_batch_size: DEFAULT_BATCH_SIZE,
        })
    }

    /// The rejected rows as a CSV to fix in Excel and upload again.
    pub async fn rejected_csv(
        &self,
        upload_id: i64,
        region: &str,
    ) -> Result<(i64, String, Vec<u8>), AppError> {
        let stored = self.stored(upload_id).await?;
        let (checked, _) = self.check(&stored, region).await?;
        let header = if stored.mapping.has_header { stored.table.rows.first() } else { None };
        let bytes = rows::rejected_csv(header.map(Vec::as_slice), &checked);
        let stem = stored
            .record
            .file_name
            .rsplit_once('.')
            .map(|(s, _)| s)
            .unwrap_or(&stored.record.file_name)
            .to_string();
        Ok((stored.record.campaign_id, format!("{stem}-rejected.csv"), bytes))
    }
}

fn kind_label(rejection: &Rejection) -> String {
    RejectionKind::of(rejection).label().to_string()
}
