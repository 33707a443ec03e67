//! A campaign's results: every lead with what its calls came to, filtered, and written as CSV
//! or XLSX for the export route (`crate::routes::export`).

use std::collections::{BTreeMap, HashMap};

use app::api::recordings::Speaker;
use app::api::results::*;
use app::api::AppError;
use app::i18n::{fill, t};
use chrono_tz::Tz;

use crate::calls::{outcome, recordings};
use crate::db::directory::OperatorRecord;
use crate::db::events::CallRow;
use crate::db::tasks::{self, ResultTask};
use crate::db::{campaigns as campaign_store, directory, events, recordings as recording_store, Db};
use crate::error::Doing;
use crate::mango::status::{TaskOutcome, TaskStatus};
use crate::time_format;

/// Every lead of the campaign with its calls' outcome and recordings, unfiltered, and the
/// summary. With `said` (a search in what was said), each recording that matches carries the
/// phrase.
async fn all_results(
    db: &Db,
    campaign_id: i64,
    zone: Tz,
    said: &str,
) -> Result<(String, Summarized), AppError> {
    let campaign = campaign_store::get(db, campaign_id)
        .await
        .doing("read the results")?
        .ok_or_else(|| AppError::NotFound(fill(t().leads.file.no_campaign, &[&campaign_id])))?;
    let tasks = tasks::for_results(db, campaign_id).await.doing("read the results")?;
    let calls = match campaign.mango_campaign_id {
        Some(mango_id) => events::calls_of_campaign(db, mango_id).await.doing("read the results")?,
        None => Vec::new(),
    };
    let callbacks = crate::callbacks::latest_by_lead(db, campaign_id, zone).await?;
    let operators = directory::operators(db).await.doing("read the results")?;
    let mut summarized = summarize(tasks, &calls, callbacks, &operators, zone);
    if let Some(mango_id) = campaign.mango_campaign_id {
        let listed = recording_store::of_campaign(db, mango_id).await.doing("read the recordings")?;
        let topics = recording_store::topics_of_campaign(db, mango_id).await.doing("read the recordings")?;
        let said = match recordings::said_query(said) {
            Some(query) => {
                recording_store::said_in_campaign(db, mango_id, &query).await.doing("search what was said")?
            }
            None => Vec::new(),
        };
        let mut names: Vec<String> = topics.iter().map(|(_, name)| name.clone()).collect();
        names.sort();
        names.dedup();
        summarized.topics = names;
        let mut by_lead = recordings::ByLead::new(listed, topics, said, |s| {
            time_format::local(s.saturating_mul(1000), zone)
        });
        for (row, _) in &mut summarized.rows {
            row.recordings = by_lead.take(row.task_id);
        }
    }
    Ok((campaign.name, summarized))
}

/// What MANGO says of a task (manual 3.8.3 `task`: `status`, `status_reason`) in the reader's
/// words, e.g. «в работе: абонент занят». A status key this version does not know is shown as
/// stored.
fn mango_says(status_key: &str, reason_code: Option<i64>) -> String {
    let words = &t().results.mango;
    let status = match TaskStatus::from_key(status_key) {
        Some(TaskStatus::Stopped) => words.status_stopped.to_string(),
        Some(TaskStatus::Queued) => words.status_queued.to_string(),
        Some(TaskStatus::InProgress) => words.status_in_progress.to_string(),
        Some(TaskStatus::Finished) => words.status_finished.to_string(),
        Some(TaskStatus::Deleted) => words.status_deleted.to_string(),
        Some(TaskStatus::Unknown(code)) => fill(words.status_unknown, &[&code]),
        None => status_key.to_string(),
    };
    match reason_code {
        Some(code) => {
            fill(words.status_with_reason, &[&status, &task_reason_words(TaskOutcome::from_code(code))])
        }
        None => status,
    }
}

/// Manual 3.8.3 `status_reason` in the reader's words.
pub fn task_reason_words(reason: TaskOutcome) -> String {
    use TaskOutcome::*;
    let words = &t().results.mango;
    match reason {
        Talked => words.reason_talked.into(),
        Busy => words.reason_busy.into(),
        NoAnswer => words.reason_no_answer.into(),
        Unavailable => words.reason_unavailable.into(),
        OperatorBusy => words.reason_operator_busy.into(),
        OperatorNoAnswer => words.reason_operator_no_answer.into(),
        OperatorUnavailable => words.reason_operator_unavailable.into(),
        NumberDoesNotExist => words.reason_number_does_not_exist.into(),
        OperatorGaveUp => words.reason_operator_gave_up.into(),
        StoppedByAdministrator => words.reason_stopped_by_admin.into(),
        Unknown(code) => fill(words.reason_unknown, &[&code]),
    }
}

/// The results of a campaign's leads: the summary, the operators who took its calls (for the
/// filter), and a row per lead with the extension of its last operator (what the filter by
/// operator compares).
struct Summarized {
    summary: ResultsSummary,
    operators: Vec<OperatorChoice>,
    /// The topics of the campaign's recordings, once each, sorted.
    topics: Vec<String>,
    rows: Vec<(TaskResult, Option<String>)>,
}

/// Each lead with what its calls came to ([`outcome`]), its latest callback (by our lead id),
/// and the totals; times in `zone`.
fn summarize(
    tasks: Vec<ResultTask>,
    calls: &[CallRow],
    mut callbacks: HashMap<i64, String>,
    operators: &[OperatorRecord],
    zone: Tz,
) -> Summarized {
    let calls_by_lead = outcome::CallsByLead::new(calls);
    let names: HashMap<&str, &str> =
        operators.iter().filter_map(|o| o.extension.as_deref().map(|e| (e, o.name.as_str()))).collect();
    let words = &t().board;
    let ext = |extension: &str| fill(words.ext, &[&extension]);
    let operator_name = |extension: &str| {
        names
            .get(extension)
            .map(|n| fill(words.operator_ext, &[n, &extension]))
            .unwrap_or_else(|| ext(extension))
    };
    let at = |seconds: Option<i64>| seconds.map(|s| time_format::local(s.saturating_mul(1000), zone));

    let mut summary =
        ResultsSummary { tasks: tasks.len() as i64, called: 0, talked: 0, calls: 0, talk_seconds: 0 };
    let mut seen_operators: BTreeMap<String, String> = BTreeMap::new();
    let mut rows = Vec::with_capacity(tasks.len());
    for ResultTask { id: task_id, number, name, organization, mango_status, mango_reason_code } in tasks {
        let its_calls = calls_by_lead.of(task_id);
        let last = its_calls.latest();
        let talk_seconds = its_calls.talk_seconds();
        let last_extension = its_calls.last_operator().map(str::to_string);
        if let Some(extension) = &last_extension {
            seen_operators.entry(extension.clone()).or_insert_with(|| {
                names.get(extension.as_str()).map(|n| n.to_string()).unwrap_or_else(|| ext(extension))
            });
        }
        summary.calls += its_calls.attempts();
        summary.talk_seconds += talk_seconds;
        summary.called += i64::from(its_calls.attempts() > 0);
        summary.talked += i64::from(its_calls.ever_talked());
        rows.push((
            TaskResult {
                task_id,
                number,
                name,
                organization,
                attempts: its_calls.attempts(),
                last_outcome: its_calls.outcome(),
                last_reason: last.and_then(|c| c.disconnect_reason).map(outcome::end_code_words),
                talk_seconds,
                operator: last_extension.as_deref().map(operator_name),
                first_call_at: at(its_calls.first().and_then(|c| c.appeared_at)),
                last_call_at: at(last.and_then(|c| c.appeared_at)),
                mango_status: mango_status.map(|status| mango_says(&status, mango_reason_code)),
                callback: callbacks.remove(&task_id),
                recordings: Vec::new(),
                do_not_call: None,
            },
            last_extension,
        ));
    }
    let operators =
        seen_operators.into_iter().map(|(extension, name)| OperatorChoice { extension, name }).collect();
    Summarized { summary, operators, topics: Vec::new(), rows }
}

fn matches(filter: &ResultsFilter, row: &TaskResult, extension: Option<&str>) -> bool {
    if filter.not_called && row.attempts > 0 {
        return false;
    }
    if filter.outcome.is_some_and(|o| row.last_outcome != Some(o)) {
        return false;
    }
    if filter.operator.as_deref().is_some_and(|o| Some(o) != extension) {
        return false;
    }
    if filter.min_attempts.is_some_and(|m| row.attempts < m) {
        return false;
    }
    if filter.topic.as_ref().is_some_and(|topic| !row.recordings.iter().any(|r| r.topics.contains(topic))) {
        return false;
    }
    // Words to search for (what `said_query` makes a query of); no word, no search.
    let searches_said = filter.said.chars().any(char::is_alphanumeric);
    if searches_said && !row.recordings.iter().any(|r| r.said.is_some()) {
        return false;
    }
    let search = filter.search.trim().to_lowercase();
    if !search.is_empty() {
        // "+7 916 123" finds the number; "Клиент 3" is a name, not every number with a 3; a whole
        // number in any spelling ("8 (916) 123-45-67") is normalised as lead lists are.
        let digits: String = search.chars().filter(|c| c.is_ascii_digit()).collect();
        let is_number = !digits.is_empty() && !search.chars().any(char::is_alphabetic);
        let whole = is_number
            .then(|| crate::leads::phone::normalize(&search, phonenumber::country::Id::RU).ok())
            .flatten();
        let by_number =
            is_number && (whole.as_deref() == Some(row.number.as_str()) || row.number.contains(&digits));
        if !by_number
            && !row.name.to_lowercase().contains(&search)
            && !row.organization.to_lowercase().contains(&search)
        {
            return false;
        }
    }
    true
}

/// Our ids of every lead the filter matches (all of them, not only the rows a page shows).
pub async fn matching_leads(
    db: &Db,
    campaign_id: i64,
    filter: &ResultsFilter,
    zone: Tz,
) -> Result<Vec<i64>, AppError> {
    let (_, all) = all_results(db, campaign_id, zone, &filter.said).await?;
    Ok(all
        .rows
        .into_iter()
        .filter(|(row, ext)| matches(filter, row, ext.as_deref()))
        .map(|(row, _)| row.task_id)
        .collect())
}

/// Every lead the filter matches, in full: what an export writes.
pub async fn matching_rows(
    db: &Db,
    campaign_id: i64,
    filter: &ResultsFilter,
    zone: Tz,
) -> Result<Vec<TaskResult>, AppError> {
    let (_, all) = all_results(db, campaign_id, zone, &filter.said).await?;
    Ok(all
        .rows
        .into_iter()
        .filter(|(row, ext)| matches(filter, row, ext.as_deref()))
        .map(|(row, _)| row)
        .collect())
}

pub async fn results(
    db: &Db,
    campaign_id: i64,
    filter: &ResultsFilter,
    zone: Tz,
) -> Result<ResultsView, AppError> {
    let (campaign_name, Summarized { summary, operators, topics, rows }) =
        all_results(db, campaign_id, zone, &filter.said).await?;
    let matching: Vec<TaskResult> = rows
        .into_iter()
        .filter(|(row, ext)| matches(filter, row, ext.as_deref()))
        .map(|(row, _)| row)
        .collect();
    let total = matching.len() as i64;
    let mut shown: Vec<TaskResult> = matching.into_iter().take(RESULTS_SHOWN).collect();
    // The shown leads whose numbers are on the do-not-call list.
    let numbers: Vec<String> = shown.iter().map(|r| r.number.clone()).collect();
    let listed = crate::db::do_not_call::active_of(db, &numbers).await.doing("read the do-not-call list")?;
    for row in &mut shown {
        row.do_not_call = listed.get(&row.number).map(|entry| time_format::local(entry.added_at, zone));
    }
    Ok(ResultsView { campaign_id, campaign_name, summary, operators, topics, matching: total, rows: shown })
}

/// Each recording's transcript as text, "Оператор: …" a line per turn, for the export.
pub async fn transcripts(db: &Db, campaign_id: i64) -> Result<HashMap<i64, String>, AppError> {
    let campaign = campaign_store::get(db, campaign_id)
        .await
        .doing("read the transcripts")?
        .ok_or_else(|| AppError::NotFound(fill(t().leads.file.no_campaign, &[&campaign_id])))?;
    let Some(mango_id) = campaign.mango_campaign_id else { return Ok(HashMap::new()) };
    let words = &t().results.recordings;
    let mut texts: HashMap<i64, String> = HashMap::new();
    for (recording, speaker, text) in
        recording_store::phrases_of_campaign(db, mango_id).await.doing("read the transcripts")?
    {
        let who = match Speaker::from_key(&speaker) {
            Speaker::Operator => words.operator,
            Speaker::Client => words.client,
            Speaker::Other => words.other_speaker,
        };
        let lines = texts.entry(recording).or_default();
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(&format!("{who}: {text}"));
    }
    Ok(texts)
}

/// The export's header row, in the reader's language; the transcript column only when asked.
fn columns(with_transcripts: bool) -> Vec<&'static str> {
    let t = &t().results;
    let mut columns = vec![
        t.export.number,
        t.export.name,
        t.export.company,
        t.export.attempts,
        t.export.last_outcome,
        t.export.mango_reason,
        t.export.talk_seconds,
        t.export.operator,
        t.export.first_call,
        t.export.last_call,
        t.export.mango_task_status,
        t.export.callback,
        t.recordings.export_topics,
    ];
    if with_transcripts {
        columns.push(t.recordings.export_transcript);
    }
    columns
}

fn cells(row: &TaskResult, transcripts: Option<&HashMap<i64, String>>) -> Vec<String> {
    let mut cells = vec![
        row.number.clone(),
        row.name.clone(),
        row.organization.clone(),
        row.attempts.to_string(),
        row.last_outcome.map(|o| o.label()).unwrap_or(t().results.not_called).to_string(),
        row.last_reason.clone().unwrap_or_default(),
        row.talk_seconds.to_string(),
        row.operator.clone().unwrap_or_default(),
        row.first_call_at.clone().unwrap_or_default(),
        row.last_call_at.clone().unwrap_or_default(),
        row.mango_status.clone().unwrap_or_default(),
        row.callback.clone().unwrap_or_default(),
        row.topics().join(", "),
    ];
    if let Some(transcripts) = transcripts {
        let said: Vec<&str> =
            row.recordings.iter().filter_map(|r| transcripts.get(&r.id)).map(String::as_str).collect();
        cells.push(said.join("\n\n"));
    }
    cells
}

/// Excel runs a cell starting with these as a formula (CSV injection): written after an apostrophe.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// UTF-8 with a byte-order mark and `;`: what Excel in Russian opens as columns.
pub fn to_csv(rows: &[TaskResult], transcripts: Option<&HashMap<i64, String>>) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        let _ = writer.write_record(columns(transcripts.is_some()));
        for row in rows {
            let _ = writer.write_record(cells(row, transcripts).iter().map(|c| defuse(c)));
        }
        let _ = writer.flush();
    }
    out
}

/// Every cell but the counts is a text cell: numbers stay as written, nothing is a formula.
pub fn to_xlsx(rows: &[TaskResult], transcripts: Option<&HashMap<i64, String>>) -> Vec<u8> {
    use crate::xlsx::Cell;
    let mut sheet =
        vec![columns(transcripts.is_some()).iter().map(|c| Cell::Text(c.to_string())).collect::<Vec<_>>()];
    for row in rows {
        sheet.push(
            cells(row, transcripts)
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    if i == 3 || i == 6 {
                        Cell::Number(text.parse().unwrap_or(0.0))
                    } else {
                        Cell::Text(text)
                    }
                })
                .collect(),
        );
    }
    crate::xlsx::write(&[(t().results.export.sheet, sheet)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::board::CallOutcome;

    fn row(number: &str, name: &str) -> TaskResult {
        TaskResult {
            task_id: 1,
            number: number.into(),
            name: name.into(),
            organization: String::new(),
            attempts: 2,
            last_outcome: Some(CallOutcome::Busy),
            last_reason: Some("1121 Remote side answered \"busy\"".into()),
            talk_seconds: 0,
            operator: None,
            first_call_at: None,
            last_call_at: None,
            mango_status: None,
            callback: None,
            recordings: Vec::new(),
            do_not_call: None,
        }
    }

    fn task(id: i64, number: &str, name: &str) -> ResultTask {
        ResultTask {
            id,
            number: number.into(),
            name: name.into(),
            organization: String::new(),
            mango_status: None,
            mango_reason_code: None,
        }
    }

    #[test]
    fn each_lead_gets_its_calls_and_the_summary_counts_them() {
        use crate::calls::outcome::tests::call;
        // 2023-11-14 22:13:20 UTC.
        const T0: i64 = 1_700_000_000;
        let calls = [
            CallRow {
                operator_extension: Some("101".into()),
                talk_seconds: Some(45),
                task_id: Some(1),
                ..call("a2", "79160000001", T0 + 600, CallOutcome::Talked)
            },
            CallRow {
                disconnect_reason: Some(1121),
                task_id: Some(1),
                ..call("a1", "79160000001", T0, CallOutcome::Busy)
            },
            // Stored for the second lead by MANGO's task id only.
            CallRow {
                task_id: Some(2),
                number: None,
                mango_task_id: Some(902),
                ..call("b1", "", T0 + 60, CallOutcome::NoAnswer)
            },
            CallRow {
                operator_extension: Some("102".into()),
                disconnect_reason: Some(1121),
                task_id: Some(2),
                ..call("b2", "79160000002", T0 + 900, CallOutcome::Busy)
            },
        ];
        let tasks = vec![
            task(1, "79160000001", "Анна"),
            task(2, "79160000002", "Борис"),
            ResultTask {
                mango_status: Some("in_progress".into()),
                mango_reason_code: Some(2),
                ..task(3, "79160000003", "Вера")
            },
            ResultTask { mango_status: Some("finished".into()), ..task(4, "79160000004", "Глеб") },
        ];
        let callbacks = HashMap::from([(2, "Scheduled 2030-01-01 10:00".to_string())]);
        let directory = [crate::db::directory::OperatorRecord {
            user_id: 400100101,
            name: "Пётр".into(),
            extension: Some("101".into()),
            department: None,
            position: None,
            uses_cc_status: false,
            cc_status: None,
            cc_status_at: None,
            fetched_at: 0,
        }];
        let Summarized { summary, operators, rows, .. } = app::i18n::in_lang(app::i18n::Lang::En, || {
            summarize(tasks.clone(), &calls, callbacks.clone(), &directory, chrono_tz::UTC)
        });
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || {
            summarize(tasks, &calls, callbacks, &directory, chrono_tz::UTC)
        });
        assert_eq!(russian.rows[0].0.operator.as_deref(), Some("Пётр (доб. 101)"));
        assert_eq!(russian.rows[1].0.operator.as_deref(), Some("доб. 102"));
        assert_eq!(summary, ResultsSummary { tasks: 4, called: 2, talked: 1, calls: 4, talk_seconds: 45 });
        let choices: Vec<(&str, &str)> =
            operators.iter().map(|o| (o.extension.as_str(), o.name.as_str())).collect();
        assert_eq!(choices, [("101", "Пётр"), ("102", "ext. 102")]);

        let (anna, anna_operator) = &rows[0];
        assert_eq!((anna.attempts, anna.last_outcome, anna.talk_seconds), (2, Some(CallOutcome::Talked), 45));
        assert_eq!(anna.last_reason, None, "the latest call's reason, not the busy one before it");
        assert_eq!(anna.operator.as_deref(), Some("Пётр (ext. 101)"));
        assert_eq!(anna_operator.as_deref(), Some("101"));
        assert_eq!(anna.first_call_at.as_deref(), Some("2023-11-14 22:13:20 UTC"));
        assert_eq!(anna.last_call_at.as_deref(), Some("2023-11-14 22:23:20 UTC"));

        let (boris, _) = &rows[1];
        assert_eq!((boris.attempts, boris.last_outcome), (2, Some(CallOutcome::Busy)));
        assert_eq!(boris.last_reason.as_deref(), Some("1121 Remote side answered \"busy\""));
        assert_eq!(boris.operator.as_deref(), Some("ext. 102"));
        assert_eq!(boris.callback.as_deref(), Some("Scheduled 2030-01-01 10:00"));

        let (vera, vera_operator) = &rows[2];
        assert_eq!((vera.attempts, vera.last_outcome, vera_operator.as_deref()), (0, None, None));
        assert_eq!(vera.mango_status.as_deref(), Some("in progress: client busy"));
        assert_eq!(russian.rows[2].0.mango_status.as_deref(), Some("в работе: абонент занят"));
        assert_eq!(russian.rows[3].0.mango_status.as_deref(), Some("завершено"), "no reason yet");
        assert_eq!((vera.first_call_at.as_deref(), vera.callback.as_deref()), (None, None));
    }

    /// Migration 0013 turns the English words stored before into MANGO's numbers: its list
    /// must be the words this code wrote, each with the right number.
    #[test]
    fn the_reason_migration_knows_every_word_once_stored() {
        let migration = include_str!("../../../migrations/sqlite/0013_reason_codes.sql");
        let english = |f: &dyn Fn() -> String| app::i18n::in_lang(app::i18n::Lang::En, f).replace('\'', "''");
        for reason in crate::mango::status::CampaignStatusReason::KNOWN {
            let line = format!(
                "WHEN '{}' THEN {}\n",
                english(&|| crate::campaigns::reason_words(reason)),
                reason.code()
            );
            assert!(migration.contains(&line), "{line}");
        }
        for code in (1..=11).filter(|c| *c != 9) {
            let line = format!(
                "WHEN '{}' THEN {code}\n",
                english(&|| task_reason_words(TaskOutcome::from_code(code)))
            );
            assert!(migration.contains(&line), "{line}");
        }
    }

    #[test]
    fn exports_keep_numbers_as_text_and_formulas_dead() {
        let rows = [row("79161234567", "=HYPERLINK(\"http://x\")"), row("79161234568", "Анна")];
        let csv = String::from_utf8(app::i18n::in_lang(app::i18n::Lang::En, || to_csv(&rows, None))).unwrap();
        assert!(csv.starts_with("\u{feff}Number;Name;Company;Attempts;Last outcome;"), "{csv}");
        let russian =
            String::from_utf8(app::i18n::in_lang(app::i18n::Lang::Ru, || to_csv(&rows, None))).unwrap();
        assert!(russian.starts_with("\u{feff}Номер;Имя;Компания;Попытки;Последний итог;"), "{russian}");
        assert!(csv.contains("79161234567;\"'=HYPERLINK"), "{csv}");
        let xlsx = to_xlsx(&rows, None);
        let table = crate::leads::table::read(&xlsx, "results.xlsx", None).unwrap();
        assert_eq!(table.rows[1][0], "79161234567", "the number is text, not 7.9E+10");
        assert_eq!(table.rows[1][1], "=HYPERLINK(\"http://x\")", "an inline string, never a formula");
        assert_eq!(table.rows[2][1], "Анна");
    }

    #[test]
    fn filters() {
        let mut talked = row("79161234567", "Анна Смирнова");
        talked.last_outcome = Some(CallOutcome::Talked);
        talked.attempts = 1;
        let busy = row("79161234568", "Борис");
        let by = |filter: ResultsFilter| {
            [&talked, &busy]
                .iter()
                .filter(|r| matches(&filter, r, Some("101")))
                .map(|r| r.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(by(ResultsFilter { outcome: Some(CallOutcome::Busy), ..Default::default() }), ["Борис"]);
        assert_eq!(by(ResultsFilter { min_attempts: Some(2), ..Default::default() }), ["Борис"]);
        assert_eq!(by(ResultsFilter { search: "смирнова".into(), ..Default::default() }), ["Анна Смирнова"]);
        assert_eq!(by(ResultsFilter { search: "4568".into(), ..Default::default() }), ["Борис"]);
        assert_eq!(by(ResultsFilter { search: "+7 916 123-45-68".into(), ..Default::default() }), ["Борис"]);
        assert_eq!(by(ResultsFilter { search: "8 (916) 123-45-68".into(), ..Default::default() }), ["Борис"]);
        assert_eq!(
            by(ResultsFilter { search: "Борис 4".into(), ..Default::default() }).len(),
            0,
            "a name with a digit is not a number search"
        );
        assert_eq!(by(ResultsFilter { operator: Some("102".into()), ..Default::default() }).len(), 0);
    }
}
