//! Each row of a table checked into a task MANGO will take (manual 3.8.4.2) or the reason it
//! cannot be one, and the rejected rows written back as a CSV to fix in Excel.

use std::collections::{HashMap, HashSet};

use app::api::leads::*;
use app::i18n::{fill, t};

use super::phone;
use super::table::Table;

pub struct Checked {
    /// Every data row (not the header), in file order.
    pub rows: Vec<CheckedRow>,
}

/// Whitespace runs (line breaks inside a quoted cell too) become one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join(parts: Vec<String>, separator: &str) -> String {
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(separator)
}

/// The task fields a row gives under a mapping, and the raw phone cell.
fn fields_of(
    cells: &[String],
    header: Option<&[String]>,
    mapping: &ColumnMapping,
) -> (LeadFields, Option<String>) {
    let cell = |col: usize| cells.get(col).map(|c| squeeze(c)).unwrap_or_default();
    let with_role = |role: ColumnRole| -> Vec<String> {
        mapping.roles.iter().enumerate().filter(|(_, r)| **r == role).map(|(col, _)| cell(col)).collect()
    };
    let phone_cell = mapping.roles.iter().position(|r| *r == ColumnRole::Phone).map(cell);
    let mut info = with_role(ColumnRole::Comment);
    for (col, role) in mapping.roles.iter().enumerate() {
        if *role != ColumnRole::Extra {
            continue;
        }
        let value = cell(col);
        if value.is_empty() {
            continue;
        }
        let label = header
            .and_then(|h| h.get(col))
            .map(|h| squeeze(h))
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| fill(t().leads.reasons.column, &[&(col + 1)]));
        info.push(format!("{label}: {value}"));
    }
    let fields = LeadFields {
        name: join(with_role(ColumnRole::Name), " "),
        number: String::new(),
        position: join(with_role(ColumnRole::Position), ", "),
        organization: join(with_role(ColumnRole::Organization), ", "),
        additional_info: join(info, "; "),
    };
    (fields, phone_cell)
}

/// The first field over its manual 3.8.4.2 limit.
fn too_long(fields: &LeadFields) -> Option<Rejection> {
    let t = &t().leads;
    [
        (t.col_name, &fields.name, NAME_MAX_CHARS),
        (t.col_number, &fields.number, NUMBER_MAX_CHARS),
        (t.col_position, &fields.position, POSITION_MAX_CHARS),
        (t.col_company, &fields.organization, ORGANIZATION_MAX_CHARS),
        (t.col_additional_info, &fields.additional_info, ADDITIONAL_INFO_MAX_CHARS),
    ]
    .into_iter()
    .find_map(|(field, value, limit)| {
        let length = value.chars().count();
        (length > limit).then(|| Rejection::TooLong { field: field.to_string(), limit, length })
    })
}

/// Checks every data row. `existing` are the numbers the campaign holds; `cap` how many more
/// tasks it may take. Reasons in order: phone, name, lengths, repeats, campaign, cap.
pub fn check(
    table: &Table,
    mapping: &ColumnMapping,
    region: &str,
    existing: &HashSet<String>,
    cap: usize,
) -> Checked {
    let region = phone::region(region);
    let header = if mapping.has_header { table.rows.first().map(Vec::as_slice) } else { None };
    let skip = usize::from(mapping.has_header);
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut accepted = 0;
    let mut rows = Vec::with_capacity(table.rows.len());
    for (index, cells) in table.rows.iter().enumerate().skip(skip) {
        let row = index + 1;
        let (mut fields, phone_cell) = fields_of(cells, header, mapping);
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
            if let Some(first_row) = first_seen.get(&fields.number) {
                return Err(Rejection::DuplicateInFile { first_row: *first_row });
            }
            first_seen.insert(fields.number.clone(), row);
            if existing.contains(&fields.number) {
                return Err(Rejection::AlreadyInCampaign);
            }
            if accepted >= cap {
                return Err(Rejection::OverCap);
            }
            accepted += 1;
            Ok(())
        })()
        .err();
        rows.push(CheckedRow { row, cells: cells.clone(), fields, rejection });
    }
    Checked { rows }
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
pub fn rejected_csv(header: Option<&[String]>, rejected: &[&CheckedRow]) -> Vec<u8> {
    let t = &t().leads.reasons;
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(&mut out);
        let width =
            header.map(<[String]>::len).or_else(|| rejected.first().map(|r| r.cells.len())).unwrap_or(0);
        let mut head: Vec<String> = match header {
            Some(h) => h.iter().map(|c| defuse(c)).collect(),
            None => (1..=width).map(|i| fill(t.column, &[&i])).collect(),
        };
        head.push(t.reason_header.to_string());
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(&head);
        for row in rejected {
            let mut record: Vec<String> = row.cells.iter().map(|c| defuse(c)).collect();
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
        let checked = check(&t, &mapping(&[Name, Phone, Extra]), "RU", &existing, 1);
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
        let checked = check(&t, &mapping(&[Name, Phone]), "RU", &HashSet::new(), 100);
        assert_eq!(checked.rows[0].rejection, None);
        for row in &checked.rows[1..] {
            assert_eq!(
                row.rejection,
                Some(Rejection::DuplicateInFile { first_row: 2 }),
                "row {} {:?}",
                row.row,
                row.cells
            );
        }
    }

    #[test]
    fn the_ten_thousand_and_first_row_is_listed_over_the_cap() {
        let mut lines: Vec<Vec<String>> = vec![vec!["Имя".into(), "Телефон".into()]];
        lines.extend((0..10_001).map(|i| vec![format!("Клиент {i}"), format!("7915{i:07}")]));
        let t = Table { rows: lines, source: table(&[]).source };
        let checked = check(&t, &mapping(&[Name, Phone]), "RU", &HashSet::new(), MAX_TASKS_PER_CAMPAIGN);
        let over: Vec<usize> =
            checked.rows.iter().filter(|r| r.rejection == Some(Rejection::OverCap)).map(|r| r.row).collect();
        assert_eq!(over, [10_002], "the last row, never silently dropped");
        assert_eq!(checked.rows.len(), 10_001);
    }

    #[test]
    fn several_name_columns_join_and_line_breaks_flatten() {
        let t = table(&[
            &["Фамилия", "Имя", "Телефон", "Комментарий"],
            &["Кузнецов", "Алексей\nПетрович", "89161234567", "после\r\n15:00"],
        ]);
        let checked = check(&t, &mapping(&[Name, Name, Phone, Comment]), "RU", &HashSet::new(), 10);
        let fields = &checked.rows[0].fields;
        assert_eq!(fields.name, "Кузнецов Алексей Петрович");
        assert_eq!(fields.additional_info, "после 15:00");
    }

    #[test]
    fn rejected_csv_has_the_reason_and_no_live_formulas() {
        let t = table(&[&["Имя", "Телефон"], &["=HYPERLINK(\"x\")", "12"]]);
        let checked = check(&t, &mapping(&[Name, Phone]), "RU", &HashSet::new(), 10);
        let rejected: Vec<&CheckedRow> = checked.rows.iter().collect();
        let bytes = app::i18n::in_lang(app::i18n::Lang::En, || rejected_csv(Some(&t.rows[0]), &rejected));
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "Имя;Телефон;Reason (not sent)");
        let russian = app::i18n::in_lang(app::i18n::Lang::Ru, || rejected_csv(Some(&t.rows[0]), &rejected));
        let russian = String::from_utf8(russian).unwrap();
        assert!(russian.contains("Имя;Телефон;Причина (не отправлено)"), "{russian}");
        assert!(russian.contains("Строка 2: Номер телефона: "), "{russian}");
        assert!(lines[1].starts_with("\"'=HYPERLINK"), "{}", lines[1]);
        assert!(lines[1].contains("Row 2: Phone number"), "{}", lines[1]);
    }
}
