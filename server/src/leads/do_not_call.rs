//! The do-not-call list and "called recently": numbers the lead check refuses whatever the
//! campaign, read with the same reader, columns and phone rules as lead lists.

use std::collections::HashMap;

use app::api::do_not_call::*;
use app::api::leads::{ColumnRole, Rejection};
use app::api::AppError;
use app::i18n::{fill, t};
use chrono_tz::Tz;

use crate::db::do_not_call::{self as store, Listed, RecentCall, Source};
use crate::db::{self, Db};
use crate::error::Doing;
use crate::leads::{columns, phone, table};
use crate::time_format;

/// The setting that holds "called recently" in days; missing or 0: off.
pub const CALLED_RECENTLY_DAYS: &str = "leads.called_recently_days";

/// "Called recently" in days, 0 when off.
pub async fn called_recently_days(db: &Db) -> Result<u32, AppError> {
    let stored = db::settings::get(db, CALLED_RECENTLY_DAYS).await.doing("read the settings")?;
    Ok(stored.and_then(|v| v.parse().ok()).unwrap_or(0).min(MAX_RECENT_DAYS))
}

/// What bars numbers from a campaign now: the list, and calls of other campaigns within the
/// "called recently" period. Read once per check, asked once per row.
pub struct Bars {
    listed: HashMap<String, Listed>,
    recent: HashMap<String, RecentCall>,
    zone: Tz,
}

impl Bars {
    pub async fn read(db: &Db, campaign_id: i64, zone: Tz) -> Result<Bars, AppError> {
        let listed = store::active(db).await.doing("read the do-not-call list")?;
        let days = called_recently_days(db).await?;
        let recent = if days == 0 {
            HashMap::new()
        } else {
            let since = crate::db::now_ms() / 1000 - i64::from(days) * 86_400;
            store::called_since(db, campaign_id, since).await.doing("read the recent calls")?
        };
        Ok(Bars { listed, recent, zone })
    }

    /// Nothing barred: an accepted upload is shown as it was checked.
    pub fn none() -> Bars {
        Bars { listed: HashMap::new(), recent: HashMap::new(), zone: chrono_tz::UTC }
    }

    /// Why `number` must not be called, or `None`.
    pub fn why(&self, number: &str) -> Option<Rejection> {
        if let Some(entry) = self.listed.get(number) {
            return Some(Rejection::DoNotCall {
                since: time_format::local(entry.added_at, self.zone),
                by: entry.added_by_name.clone().unwrap_or_else(|| t().do_not_call.nobody.to_string()),
            });
        }
        let call = self.recent.get(number)?;
        Some(Rejection::CalledRecently {
            at: time_format::local(call.appeared_at.saturating_mul(1000), self.zone),
            campaign: call.campaign_name.clone(),
            talked: call.talked == Some(true),
        })
    }
}

/// A reason as it is kept: spaces squeezed, required, at most [`REASON_MAX_CHARS`].
pub fn tidy_reason(field: &str, reason: &str) -> Result<String, AppError> {
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() {
        return Err(AppError::invalid(field, t().do_not_call.reason_required));
    }
    let length = reason.chars().count();
    if length > REASON_MAX_CHARS {
        return Err(AppError::invalid(
            field,
            fill(t().do_not_call.reason_too_long, &[&REASON_MAX_CHARS, &length]),
        ));
    }
    Ok(reason)
}

/// Splits what was typed into numbers: one per line, or separated by `,` or `;`.
fn typed_numbers(text: &str) -> Vec<(usize, &str)> {
    text.split(['\n', ',', ';'])
        .map(str::trim)
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(i, cell)| (i + 1, cell))
        .collect()
}

/// The numbers of `cells` (line, cell, own reason) normalised and deduplicated, and the
/// refusals of those that are not numbers.
fn normalise<'c>(
    cells: impl Iterator<Item = (usize, &'c str, Option<String>)>,
    region: &str,
    reason: &str,
) -> (Vec<(String, String)>, Vec<ListRefusal>) {
    let region = phone::region(region);
    let mut numbers: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut refused = Vec::new();
    for (line, cell, own_reason) in cells {
        match phone::normalize(cell, region) {
            Ok(number) => {
                if seen.insert(number.clone()) {
                    numbers.push((number, own_reason.unwrap_or_else(|| reason.to_string())));
                }
            }
            Err(why) => refused.push(ListRefusal { line, text: cell.to_string(), reason: why }),
        }
    }
    (numbers, refused)
}

pub struct DoNotCallList {
    db: Db,
}

impl DoNotCallList {
    pub fn new(db: Db) -> DoNotCallList {
        DoNotCallList { db }
    }

    pub async fn view(&self, query: &ListQuery, zone: Tz) -> Result<DoNotCallView, AppError> {
        // A search is a part of a number or a reason: a longer one cannot match anything.
        let search: String = query.search.trim().chars().take(REASON_MAX_CHARS).collect();
        let records = store::list(&self.db, &search, query.removed, LIST_SHOWN as i64)
            .await
            .doing("read the do-not-call list")?;
        let (active, removed) = store::counts(&self.db).await.doing("read the do-not-call list")?;
        Ok(DoNotCallView {
            entries: records.into_iter().map(|r| entry(r, zone)).collect(),
            active,
            removed,
            called_recently_days: called_recently_days(&self.db).await?,
        })
    }

    /// Adds what was typed, one reason for all.
    pub async fn add_typed(
        &self,
        by: i64,
        text: &str,
        reason: &str,
        region: &str,
    ) -> Result<ListAddition, AppError> {
        let reason = tidy_reason("reason", reason)?;
        let cells = typed_numbers(text);
        if cells.is_empty() {
            return Err(AppError::invalid("numbers", t().do_not_call.type_numbers));
        }
        if cells.len() > MAX_NUMBERS_BY_HAND {
            return Err(AppError::invalid(
                "numbers",
                fill(t().do_not_call.too_many_typed, &[&MAX_NUMBERS_BY_HAND, &cells.len()]),
            ));
        }
        let (numbers, refused) = normalise(cells.into_iter().map(|(l, c)| (l, c, None)), region, &reason);
        self.add(numbers, refused, Source::ByHand, None, by).await
    }

    /// Reads a file as lead lists are read: the phone column is the one the column guess
    /// names (the only one, or the first of several); a comment column, when there is one,
    /// gives each row its own reason, else `reason` is every row's.
    pub async fn import(
        &self,
        by: i64,
        file_name: &str,
        bytes: Vec<u8>,
        reason: &str,
        region: &str,
    ) -> Result<ListAddition, AppError> {
        let name = file_name.to_string();
        let table = tokio::task::spawn_blocking(move || table::read(&bytes, &name, None))
            .await
            .doing("read the file")?
            .map_err(|error| AppError::invalid("file", error.to_string()))?;
        let mapping = columns::guess(&table.rows);
        let Some(phone_column) = mapping.roles.iter().position(|r| *r == ColumnRole::Phone) else {
            return Err(AppError::invalid("file", t().do_not_call.no_phone_column));
        };
        let comment_column = mapping.roles.iter().position(|r| *r == ColumnRole::Comment);
        let reason = match comment_column {
            Some(_) => reason.split_whitespace().collect::<Vec<_>>().join(" "),
            None => tidy_reason("reason", reason)?,
        };
        let skip = usize::from(mapping.has_header);
        let cells = table.rows.iter().enumerate().skip(skip).filter_map(|(index, cells)| {
            let cell = cells.get(phone_column).map(|c| c.trim()).filter(|c| !c.is_empty())?;
            let own = comment_column
                .and_then(|c| cells.get(c))
                .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|c| !c.is_empty())
                .map(|c| c.chars().take(REASON_MAX_CHARS).collect::<String>());
            Some((index + 1, cell, own))
        });
        let (mut numbers, refused) = normalise(cells, region, &reason);
        if numbers.iter().any(|(_, reason)| reason.is_empty()) {
            if reason.is_empty() {
                return Err(AppError::invalid("reason", t().do_not_call.reason_for_rows));
            }
            for (_, own) in numbers.iter_mut().filter(|(_, own)| own.is_empty()) {
                own.clone_from(&reason);
            }
        }
        if numbers.is_empty() && refused.is_empty() {
            return Err(AppError::invalid("file", t().leads.file.no_rows));
        }
        self.add(numbers, refused, Source::File, None, by).await
    }

    /// "Do not call again" on a lead of a campaign.
    pub async fn add_lead(
        &self,
        by: i64,
        campaign_id: i64,
        task_id: i64,
        reason: &str,
    ) -> Result<ListAddition, AppError> {
        let reason = tidy_reason("reason", reason)?;
        let (number, _) = store::task_number(&self.db, campaign_id, task_id)
            .await
            .doing("read the lead")?
            .ok_or_else(|| AppError::NotFound(fill(t().do_not_call.no_lead, &[&task_id, &campaign_id])))?;
        self.add(vec![(number, reason)], Vec::new(), Source::Results, Some(task_id), by).await
    }

    async fn add(
        &self,
        numbers: Vec<(String, String)>,
        refused: Vec<ListRefusal>,
        source: Source,
        task_id: Option<i64>,
        by: i64,
    ) -> Result<ListAddition, AppError> {
        let added =
            store::add(&self.db, &numbers, source, task_id, by).await.doing("add to the do-not-call list")?;
        let fresh: std::collections::HashSet<&str> = added.iter().map(String::as_str).collect();
        let already =
            numbers.iter().map(|(n, _)| n).filter(|n| !fresh.contains(n.as_str())).cloned().collect();
        Ok(ListAddition { added, already, refused })
    }

    /// Marks an entry removed; the number it held.
    pub async fn remove(&self, by: i64, id: i64, reason: &str) -> Result<String, AppError> {
        let reason = tidy_reason("reason", reason)?;
        store::remove(&self.db, id, by, &reason)
            .await
            .doing("remove from the do-not-call list")?
            .ok_or_else(|| AppError::NotFound(fill(t().do_not_call.no_entry, &[&id])))
    }

    /// Sets "called recently"; the days before.
    pub async fn set_called_recently(&self, by: i64, days: u32) -> Result<u32, AppError> {
        if days > MAX_RECENT_DAYS {
            return Err(AppError::invalid("days", fill(t().do_not_call.days_range, &[&MAX_RECENT_DAYS])));
        }
        let before = called_recently_days(&self.db).await?;
        db::settings::apply(
            &self.db,
            &[(CALLED_RECENTLY_DAYS.to_string(), Some(days.to_string()))],
            Some(by),
        )
        .await
        .doing("save the setting")?;
        Ok(before)
    }

    /// Every active entry as CSV (UTF-8 with BOM, `;`), in the current language; and how many.
    pub async fn export_csv(&self, zone: Tz) -> Result<(Vec<u8>, usize), AppError> {
        let records = store::list(&self.db, "", false, i64::MAX).await.doing("read the do-not-call list")?;
        let entries = records.len();
        let t = &t().do_not_call;
        let mut out = Vec::from("\u{feff}".as_bytes());
        {
            let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
            let _ = writer.write_record([
                t.col_number,
                t.col_reason,
                t.col_source,
                t.col_added_by,
                t.col_added_at,
            ]);
            for record in records {
                let entry = entry(record, zone);
                let _ = writer.write_record([
                    defuse(&entry.number),
                    defuse(&entry.reason),
                    entry.source.label().to_string(),
                    defuse(&entry.added_by),
                    entry.added_at,
                ]);
            }
            let _ = writer.flush();
        }
        Ok((out, entries))
    }
}

/// A cell Excel would run as a formula gets a leading apostrophe (OWASP's CSV advice).
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn entry(record: store::EntryRecord, zone: Tz) -> ListEntry {
    let nobody = || t().do_not_call.nobody.to_string();
    ListEntry {
        id: record.id,
        number: record.number,
        reason: record.reason,
        source: match record.source {
            Source::ByHand => ListSource::ByHand,
            Source::File => ListSource::File,
            Source::Results => ListSource::Results,
        },
        added_by: record.added_by_name.unwrap_or_else(nobody),
        added_at: time_format::local(record.added_at, zone),
        removed_by: record.removed_at.map(|_| record.removed_by_name.unwrap_or_else(nobody)),
        removed_at: record.removed_at.map(|ms| time_format::local(ms, zone)),
        removal_reason: record.removal_reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_split_on_lines_commas_and_semicolons() {
        let cells = typed_numbers("8 916 123-45-67\n\n+7 (916) 123 45 68, 79161234569;  ");
        assert_eq!(cells, [(1, "8 916 123-45-67"), (3, "+7 (916) 123 45 68"), (4, "79161234569")]);
    }

    #[test]
    fn one_number_in_two_spellings_is_one_entry_and_text_is_refused_with_the_phone_reason() {
        let cells = [(1, "8 916 123-45-67", None), (2, "+79161234567", None), (3, "не помню", None)];
        let (numbers, refused) =
            app::i18n::in_lang(app::i18n::Lang::En, || normalise(cells.into_iter(), "RU", "asked"));
        assert_eq!(numbers, [("79161234567".to_string(), "asked".to_string())]);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].line, 3);
        assert!(refused[0].reason.contains("не помню"), "{}", refused[0].reason);
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert!(tidy_reason("reason", "  ").is_err());
        assert_eq!(tidy_reason("reason", " asked \n not to call ").unwrap(), "asked not to call");
        assert!(tidy_reason("reason", &"я".repeat(REASON_MAX_CHARS + 1)).is_err());
        assert!(tidy_reason("reason", &"я".repeat(REASON_MAX_CHARS)).is_ok());
    }
}
