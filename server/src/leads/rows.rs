//! Each row of a table checked into a task MANGO will take (manual 3.8.4.2) or the reason it
//! cannot be one, and the rejected rows written back as a CSV to fix in Excel.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use app::api::leads::*;
use app::i18n::{fill, t};

use super::phone;
use super::table::Table;

/// Every data row of a table, checked. The cells stay in the table: a page shows a few hundred
/// rows, and copying the others for nothing was most of a big list's check.
pub struct Checked<'t> {
    table: &'t Table,
    /// Every data row (not the header), in file order.
    pub rows: Vec<RowCheck>,
}

/// What one row gives MANGO, or why it cannot.
pub struct RowCheck {
    /// The line of the file, from 1.
    pub row: usize,
    pub fields: LeadFields,
    pub rejection: Option<Rejection>,
}

impl Checked<'_> {
    /// The row with its cells as read, as the page shows it.
    pub fn shown(&self, check: &RowCheck) -> CheckedRow {
        CheckedRow {
            row: check.row,
            cells: self.cells(check).to_vec(),
            fields: check.fields.clone(),
            rejection: check.rejection.clone(),
        }
    }

    fn cells(&self, check: &RowCheck) -> &[String] {
        self.table.rows.get(check.row - 1).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Whitespace runs (line breaks inside a quoted cell too) become one space.
fn squeeze(text: &str) -> Cow<'_, str> {
    let mut previous_space = true;
    let tidy = text.chars().all(|c| {
        let fine = if c == ' ' { !previous_space } else { !c.is_whitespace() };
        previous_space = c == ' ';
        fine
    });
    if (tidy && !previous_space) || text.is_empty() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Which columns make which task field: worked out once per check, not once per row.
struct Plan {
    phone: Option<usize>,
    name: Vec<usize>,
    position: Vec<usize>,
    organization: Vec<usize>,
    comment: Vec<usize>,
    /// Extra columns with the label their values go under in the additional info.
    extra: Vec<(usize, String)>,
}

impl Plan {
    fn new(header: Option<&[String]>, mapping: &ColumnMapping) -> Plan {
        let with_role = |role: ColumnRole| -> Vec<usize> {
            mapping.roles.iter().enumerate().filter(|(_, r)| **r == role).map(|(col, _)| col).collect()
        };
        let extra = with_role(ColumnRole::Extra)
            .into_iter()
            .map(|col| {
                let label = header
                    .and_then(|h| h.get(col))
                    .map(|h| squeeze(h).into_owned())
                    .filter(|h| !h.is_empty())
                    .unwrap_or_else(|| fill(t().leads.reasons.column, &[&(col + 1)]));
                (col, label)
            })
            .collect();
        Plan {
            phone: mapping.roles.iter().position(|r| *r == ColumnRole::Phone),
            name: with_role(ColumnRole::Name),
            position: with_role(ColumnRole::Position),
            organization: with_role(ColumnRole::Organization),
            comment: with_role(ColumnRole::Comment),
            extra,
        }
    }

    /// The task fields a row gives, and its raw phone cell.
    fn fields<'c>(&self, cells: &'c [String]) -> (LeadFields, Option<Cow<'c, str>>) {
        let cell = |col: usize| cells.get(col).map_or(Cow::Borrowed(""), |c| squeeze(c));
        let join = |columns: &[usize], separator: &str| {
            let mut joined = String::new();
            for &col in columns {
                let value = cell(col);
                if value.is_empty() {
                    continue;
                }
                if !joined.is_empty() {
                    joined.push_str(separator);
                }
                joined.push_str(&value);
            }
            joined
        };
        let mut info = join(&self.comment, "; ");
        for (col, label) in &self.extra {
            let value = cell(*col);
            if value.is_empty() {
                continue;
            }
            if !info.is_empty() {
                info.push_str("; ");
            }
            info.push_str(label);
            info.push_str(": ");
            info.push_str(&value);
        }
        let fields = LeadFields {
            name: join(&self.name, " "),
            number: String::new(),
            position: join(&self.position, ", "),
            organization: join(&self.organization, ", "),
            additional_info: info,
        };
        (fields, self.phone.map(cell))
    }
}

/// The first field over its manual 3.8.4.2 limit.
fn too_long(fields: &LeadFields) -> Option<Rejection> {
    let limits = [
        (&fields.name, NAME_MAX_CHARS),
        (&fields.number, NUMBER_MAX_CHARS),
        (&fields.position, POSITION_MAX_CHARS),
        (&fields.organization, ORGANIZATION_MAX_CHARS),
        (&fields.additional_info, ADDITIONAL_INFO_MAX_CHARS),
    ];
    // A string has no more characters than bytes: most fields pass without counting.
    let (index, length, limit) = limits.iter().enumerate().find_map(|(index, (value, limit))| {
        let length = if value.len() <= *limit { value.len() } else { value.chars().count() };
        (length > *limit).then_some((index, length, *limit))
    })?;
    let t = &t().leads;
    let field = [t.col_name, t.col_number, t.col_position, t.col_company, t.col_additional_info][index];
    Some(Rejection::TooLong { field: field.to_string(), limit, length })
}

/// The numbers seen so far in a file, with the row each was first seen in. Digits are kept as
/// an integer: no copy of each number for the look-up.
#[derive(Default)]
struct Seen {
    digits: HashMap<u64, usize>,
    other: HashMap<String, usize>,
}

impl Seen {
    /// The row `number` was first seen in, or `None` after noting `row` for it.
    fn first_or_note(&mut self, number: &str, row: usize) -> Option<usize> {
        // Up to 19 digits without a leading zero: one integer for one number. Normalised
        // numbers start with a country code, which never starts with 0.
        let as_integer = (1..=19).contains(&number.len())
            && !number.starts_with('0')
            && number.bytes().all(|b| b.is_ascii_digit());
        if as_integer {
            let key = number.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            return match self.digits.entry(key) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(row);
                    None
                }
            };
        }
        if let Some(first) = self.other.get(number) {
            return Some(*first);
        }
        self.other.insert(number.to_string(), row);
        None
    }
}

/// Why a number must not be called although it is fine in itself (the do-not-call list,
/// "called recently"), or `None`.
pub type Barred<'b> = &'b (dyn Fn(&str) -> Option<Rejection> + Sync);

/// No number is barred.
pub fn nothing_barred(_: &str) -> Option<Rejection> {
    None
}

/// Checks every data row. `existing` are the numbers the campaign holds; `barred` says why a
/// number may not be called; `cap` how many more tasks the campaign may take. Reasons in
/// order: phone, name, lengths, repeats, campaign, barred, cap.
pub fn check<'t>(
    table: &'t Table,
    mapping: &ColumnMapping,
    region: &str,
    existing: &HashSet<String>,
    barred: Barred,
    cap: usize,
) -> Checked<'t> {
    let region = phone::region(region);
    let header = if mapping.has_header { table.rows.first().map(Vec::as_slice) } else { None };
    let plan = Plan::new(header, mapping);
    let skip = usize::from(mapping.has_header);
    let mut seen = Seen::default();
    let mut accepted = 0;
    let mut rows = Vec::with_capacity(table.rows.len());
    for (index, cells) in table.rows.iter().enumerate().skip(skip) {
        let row = index + 1;
        let (mut fields, phone_cell) = plan.fields(cells);
        let rejection = (|| {
            let raw =
                phone_cell.as_deref().filter(|c| !c.trim().is_empty()).ok_or(Rejection::MissingPhone)?;
            fields.number = phone::normalize(raw, region).map_err(Rejection::BadPhone)?;
            if fields.name.is_empty() {
                return Err(Rejection::MissingName);
            }
            if let Some(rejection) = too_long(&fields) {
                return Err(rejection);
            }
            if let Some(first_row) = seen.first_or_note(&fields.number, row) {
                return Err(Rejection::DuplicateInFile { first_row });
            }
            if existing.contains(&fields.number) {
                return Err(Rejection::AlreadyInCampaign);
            }
            if let Some(rejection) = barred(&fields.number) {
                return Err(rejection);
            }
            if accepted >= cap {
                return Err(Rejection::OverCap);
            }
            accepted += 1;
            Ok(())
        })()
        .err();
        rows.push(RowCheck { row, fields, rejection });
    }
    Checked { table, rows }
}

/// Excel runs a cell starting with these as a formula: such cells are written with a leading
/// apostrophe (the OWASP advice on CSV injection). Our phone reader ignores the apostrophe.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The rejected rows with the file's header and a reason column: UTF-8 with a byte-order mark
/// and `;`, which Excel in Russian opens as columns.
pub fn rejected_csv(header: Option<&[String]>, checked: &Checked) -> Vec<u8> {
    let t = &t().leads.reasons;
    let rejected: Vec<&RowCheck> = checked.rows.iter().filter(|r| r.rejection.is_some()).collect();
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(&mut out);
        let width = header
            .map(<[String]>::len)
            .or_else(|| rejected.first().map(|r| checked.cells(r).len()))
            .unwrap_or(0);
        let mut head: Vec<String> = match header {
            Some(h) => h.iter().map(|c| defuse(c)).collect(),
            None => (1..=width).map(|i| fill(t.column, &[&i])).collect(),
        };
        head.push(t.reason_header.to_string());
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(&head);
        for row in rejected {
            let mut record: Vec<String> = checked.cells(row).iter().map(|c| defuse(c)).collect();
            record.resize(width.max(record.len()), String::new());
            record.push(
                row.rejection
                    .as_ref()
                    .map(|r| fill(t.row_reason, &[&row.row, &r.describe()]))
                    .unwrap_or_default(),
            );
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leads::table::{Format, SourceInfo};
    use ColumnRole::*;

    fn table(lines: &[&[&str]]) -> Table {
        Table {
            rows: lines.iter().map(|l| l.iter().map(|c| c.to_string()).collect()).collect(),
            source: SourceInfo {
                format: Format::Csv,
                encoding: None,
                delimiter: Some(';'),
                sheet: None,
                sheets: vec![],
            },
        }
    }

    fn mapping(roles: &[ColumnRole]) -> ColumnMapping {
        ColumnMapping { has_header: true, roles: roles.to_vec() }
    }

    #[test]
    fn each_reason_in_its_row() {
        let long = "x".repeat(256);
        let t = table(&[
            &["Имя", "Телефон", "Город"],
            &["Анна", "89161234567", "Тверь"],
            &["Борис", "+7 916 123-45-67", ""],
            &["", "89161234568", ""],
            &["Вера", "", ""],
            &["Гена", "123", ""],
            &[&long, "89161234569", ""],
            &["Дина", "89161234570", ""],
            &["Ева", "89161234571", ""],
        ]);
        let existing: HashSet<String> = ["79161234570".to_string()].into();
        let checked = check(&t, &mapping(&[Name, Phone, Extra]), "RU", &existing, &nothing_barred, 1);
        let reasons: Vec<(usize, Option<&str>)> =
            checked.rows.iter().map(|r| (r.row, r.rejection.as_ref().map(Rejection::kind))).collect();
        assert_eq!(
            reasons,
            [
                (2, None),
                (3, Some("duplicate_in_file")),
                (4, Some("missing_name")),
                (5, Some("missing_phone")),
                (6, Some("bad_phone")),
                (7, Some("too_long")),
                (8, Some("already_in_campaign")),
                (9, Some("over_cap")),
            ]
        );
        assert_eq!(checked.rows[0].fields.additional_info, "Город: Тверь");
        assert_eq!(checked.rows[0].fields.number, "79161234567");
        assert_eq!(checked.rows[1].rejection, Some(Rejection::DuplicateInFile { first_row: 2 }));
    }

    #[test]
    fn one_number_in_many_spellings_is_one_task() {
        let spellings = [
            "8 (916) 123-45-67",
            "+7 916 123 45 67",
            "79161234567.0",
            "7,9161234567E+10",
            "9161234567",
            "'+7(916)1234567",
            "8-916-123-45-67",
        ];
        let mut lines: Vec<Vec<String>> = vec![vec!["Имя".into(), "Телефон".into()]];
        lines.extend(spellings.iter().map(|s| vec!["Анна".to_string(), s.to_string()]));
        let t = Table { rows: lines, source: table(&[]).source };
        let checked = check(&t, &mapping(&[Name, Phone]), "RU", &HashSet::new(), &nothing_barred, 100);
        assert_eq!(checked.rows[0].rejection, None);
        for row in &checked.rows[1..] {
            assert_eq!(
                row.rejection,
                Some(Rejection::DuplicateInFile { first_row: 2 }),
                "row {} {:?}",
                row.row,
                checked.shown(row).cells
            );
        }
    }

    #[test]
    fn the_ten_thousand_and_first_row_is_listed_over_the_cap() {
        let mut lines: Vec<Vec<String>> = vec![vec!["Имя".into(), "Телефон".into()]];
        lines.extend((0..10_001).map(|i| vec![format!("Клиент {i}"), format!("7915{i:07}")]));
        let t = Table { rows: lines, source: table(&[]).source };
        let checked = check(
            &t,
            &mapping(&[Name, Phone]),
            "RU",
            &HashSet::new(),
            &nothing_barred,
            MAX_TASKS_PER_CAMPAIGN,
        );
        let over: Vec<usize> =
            checked.rows.iter().filter(|r| r.rejection == Some(Rejection::OverCap)).map(|r| r.row).collect();
        assert_eq!(over, [10_002], "the last row, never silently dropped");
        assert_eq!(checked.rows.len(), 10_001);
    }

    #[test]
    fn squeezing_keeps_tidy_text_and_flattens_the_rest() {
        for text in
            ["", "Анна", "Анна Петрова", " Анна", "Анна ", "Анна  Петрова", "А\tБ", "А\r\nБ", "  ", "\u{a0}А"]
        {
            let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squeeze(text), want, "{text:?}");
        }
        assert!(matches!(squeeze("Анна Петрова"), Cow::Borrowed(_)), "tidy text is not copied");
    }

    #[test]
    fn a_shown_row_has_its_cells_as_read() {
        let t = table(&[&["Имя", "Телефон"], &["Анна", "89161234567"], &[" Борис\n", "12"]]);
        let checked = check(&t, &mapping(&[Name, Phone]), "RU", &HashSet::new(), &nothing_barred, 10);
        let shown = checked.shown(&checked.rows[1]);
        assert_eq!(shown.row, 3);
        assert_eq!(shown.cells, [" Борис\n", "12"]);
        assert_eq!(shown.fields.name, "Борис");
        assert_eq!(shown.rejection.as_ref().map(Rejection::kind), Some("bad_phone"));
    }

    #[test]
    fn several_name_columns_join_and_line_breaks_flatten() {
        let t = table(&[
            &["Фамилия", "Имя", "Телефон", "Комментарий"],
            &["Кузнецов", "Алексей\nПетрович", "89161234567", "после\r\n15:00"],
        ]);
        let checked =
            check(&t, &mapping(&[Name, Name, Phone, Comment]), "RU", &HashSet::new(), &nothing_barred, 10);
        let fields = &checked.rows[0].fields;
        assert_eq!(fields.name, "Кузнецов Алексей Петрович");
        assert_eq!(fields.additional_info, "после 15:00");
    }

    #[test]
    fn rejected_csv_has_the_reason_and_no_live_formulas() {
        let t = table(&[&["Имя", "Телефон"], &["=HYPERLINK(\"x\")", "12"]]);
        let checked = check(&t, &mapping(&[Name, Phone]), "RU", &HashSet::new(), &nothing_barred, 10);
        let bytes = app::i18n::in_lang(app::i18n::Lang::En, || rejected_csv(Some(&t.rows[0]), &checked));
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "Имя;Телефон;Reason (not sent)");
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || rejected_csv(Some(&t.rows[0]), &checked));
        let russian = String::from_utf8(russian).unwrap();
        assert!(russian.contains("Имя;Телефон;Причина (не отправлено)"), "{russian}");
        assert!(russian.contains("Строка 2: Номер телефона: "), "{russian}");
        assert!(lines[1].starts_with("\"'=HYPERLINK"), "{}", lines[1]);
        assert!(lines[1].contains("Row 2: Phone number"), "{}", lines[1]);
    }
}
