//! An uploaded file as a table of text cells: CSV/TSV/TXT in any common encoding and
//! delimiter, or a spreadsheet (XLSX, XLS, ODS). Empty lines are left out; every row is padded
//! to the widest one so a column means the same in each row.
//!
//! A spreadsheet's memory follows the cells it really holds, never what it declares: a zip is
//! unpacked and scanned before the spreadsheet library sees it (`archive`), XLSX cells are read
//! one by one into a sparse list, and ODS and XLS — which the library reads whole into dense
//! grids — are measured first (`ods_bounds`, `xls_bounds`).

use std::io::Cursor;

use app::api::leads::{MAX_FILE_BYTES, MAX_ROWS};
use app::i18n::fill;
use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1251};
use serde::{Deserialize, Serialize};

use super::{archive, ods_bounds, xls_bounds};

const MAX_COLUMNS: usize = 200;
/// Rows a sheet may reach, 1-based: a header and `MAX_ROWS` leads.
pub const ROW_LIMIT: usize = MAX_ROWS + 1;
/// Columns a sheet may reach, 1-based.
pub const COLUMN_LIMIT: usize = MAX_COLUMNS;
/// Cells of the whole table, rows × widest row: each is kept as text until the list is checked.
pub const CELL_LIMIT: usize = 2_000_000;
/// ODS and XLS are read whole, every sheet as a dense grid from its first to its last filled
/// row and column (about 150 bytes a cell while reading): this many cells in all.
pub const GRID_CELL_LIMIT: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Csv,
    Xlsx,
    Xls,
    Ods,
}

/// How the file was read, shown to the user so a wrong guess is visible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub format: Format,
    /// Text files: the encoding's name (`UTF-8`, `windows-1251`, …).
    pub encoding: Option<String>,
    pub delimiter: Option<char>,
    /// Spreadsheets: the sheet read, and every sheet in the file.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
}

impl SourceInfo {
    /// "CSV, windows-1251, separated by ;" or "XLSX, sheet Лист1 (of 3)".
    pub fn describe(&self) -> String {
        let t = &app::i18n::t().leads.file;
        match self.format {
            Format::Csv => {
                let delimiter = match self.delimiter {
                    Some('\t') => t.delimiter_tab.to_string(),
                    Some(c) => c.to_string(),
                    None => t.delimiter_none.to_string(),
                };
                fill(t.read_as_csv, &[&self.encoding.as_deref().unwrap_or("UTF-8"), &delimiter])
            }
            ref spreadsheet => {
                let kind = match spreadsheet {
                    Format::Xlsx => "XLSX",
                    Format::Xls => "XLS",
                    _ => "ODS",
                };
                let sheet = self.sheet.as_deref().unwrap_or("?");
                if self.sheets.len() > 1 {
                    fill(t.read_as_sheet_of, &[&kind, &sheet, &self.sheets.len()])
                } else {
                    fill(t.read_as_sheet, &[&kind, &sheet])
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    pub source: SourceInfo,
}

#[derive(Debug, PartialEq)]
pub enum TableError {
    TooLarge(f64),
    TooManyRows,
    TooManyColumns(usize),
    Spreadsheet(String),
    Unpacks,
    Hostile(String),
    OutOfBounds { sheet: String, row: u64, column: u64 },
    Declares { sheet: String, rows: u64, columns: u64 },
    Grid { cells: u64 },
    TooManyCells { rows: usize, columns: usize },
    TooManyFilled { sheet: String },
    Binary,
    NoSuchSheet(String),
    Csv { line: u64, reason: String },
}

/// Each refusal names the limit, in the reader's language (`app::i18n::current`, read when
/// the error is shown: after the blocking read, inside the request).
impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = &app::i18n::t().leads.file;
        let text = match self {
            TableError::TooLarge(megabytes) => fill(t.too_large, &[&format!("{megabytes:.1}")]),
            TableError::TooManyRows => fill(t.too_many_rows, &[&MAX_ROWS]),
            TableError::TooManyColumns(row) => fill(t.too_many_columns, &[row, &MAX_COLUMNS]),
            TableError::Spreadsheet(why) => fill(t.spreadsheet, &[why]),
            TableError::Unpacks => t.unpacks.to_string(),
            TableError::Hostile(why) => fill(t.hostile, &[why]),
            TableError::OutOfBounds { sheet, row, column } => fill(
                t.out_of_bounds,
                &[
                    sheet,
                    &grouped(*row),
                    &column_letters(*column),
                    &grouped(ROW_LIMIT as u64),
                    &grouped(MAX_ROWS as u64),
                    &COLUMN_LIMIT,
                ],
            ),
            TableError::Declares { sheet, rows, columns } => fill(
                t.declares,
                &[sheet, &grouped(*rows), &grouped(*columns), &grouped(ROW_LIMIT as u64), &COLUMN_LIMIT],
            ),
            TableError::Grid { cells } => fill(t.grid, &[&grouped(*cells), &grouped(GRID_CELL_LIMIT as u64)]),
            TableError::TooManyCells { rows, columns } => fill(
                t.too_many_cells,
                &[
                    &grouped(*rows as u64),
                    &grouped(*columns as u64),
                    &grouped((*rows * *columns) as u64),
                    &grouped(CELL_LIMIT as u64),
                    &grouped(MAX_ROWS as u64),
                ],
            ),
            TableError::TooManyFilled { sheet } => {
                fill(t.too_many_filled, &[sheet, &grouped(CELL_LIMIT as u64)])
            }
            TableError::Binary => t.binary.to_string(),
            TableError::NoSuchSheet(sheet) => fill(t.no_such_sheet, &[sheet]),
            TableError::Csv { line, reason } => fill(t.csv_line, &[line, reason]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TableError {}

/// Whether the bytes are a zip-based (XLSX, ODS) or OLE (XLS) spreadsheet.
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads an upload. `sheet` picks a spreadsheet's sheet; by default the first with data.
pub fn read(bytes: &[u8], file_name: &str, sheet: Option<&str>) -> Result<Table, TableError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TableError::TooLarge(bytes.len() as f64 / (1024.0 * 1024.0)));
    }
    let lower = file_name.to_lowercase();
    let table = if bytes.starts_with(b"PK\x03\x04") {
        match archive::check(bytes)? {
            archive::Kind::Xlsx => read_xlsx(bytes, sheet)?,
            archive::Kind::Ods => {
                ods_bounds::check(bytes)?;
                read_whole(bytes, Format::Ods, sheet)?
            }
            archive::Kind::Xlsb => {
                return Err(TableError::Spreadsheet(
                    "XLSB (binary Excel) is not read; save the file as XLSX".into(),
                ))
            }
            archive::Kind::Other if lower.ends_with(".ods") => {
                return Err(TableError::Spreadsheet("the archive has no content.xml".into()))
            }
            archive::Kind::Other => {
                return Err(TableError::Spreadsheet("the archive has no xl/workbook.xml".into()))
            }
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        xls_bounds::check(bytes)?;
        read_whole(bytes, Format::Xls, sheet)?
    } else {
        read_text(bytes)?
    };
    Ok(table)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Phone numbers typed into Excel are floats: 79123456789.0 is "79123456789".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.format("%d.%m.%Y").to_string(),
            Some(dt) => dt.format("%d.%m.%Y %H:%M").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

fn spreadsheet_error(error: impl std::fmt::Display) -> TableError {
    TableError::Spreadsheet(error.to_string())
}

/// The sheet asked for, or the first with data; `rows_of` reads one sheet's rows.
fn choose_sheet(
    format: Format,
    sheets: Vec<String>,
    wanted: Option<&str>,
    mut rows_of: impl FnMut(&str) -> Result<Vec<Vec<String>>, TableError>,
) -> Result<Table, TableError> {
    let mut chosen = None;
    for name in &sheets {
        if wanted.is_some_and(|w| w != name) {
            continue;
        }
        let rows = tidy(rows_of(name)?)?;
        if !rows.is_empty() || wanted.is_some() {
            chosen = Some((name.clone(), rows));
            break;
        }
    }
    if let (None, Some(w)) = (&chosen, wanted) {
        return Err(TableError::NoSuchSheet(w.to_string()));
    }
    let (sheet, rows) = chosen.unwrap_or_else(|| (sheets.first().cloned().unwrap_or_default(), Vec::new()));
    Ok(Table {
        rows,
        source: SourceInfo { format, encoding: None, delimiter: None, sheet: Some(sheet), sheets },
    })
}

/// ODS and XLS: the library reads them whole; `ods_bounds` / `xls_bounds` have measured them.
fn read_whole(bytes: &[u8], format: Format, wanted: Option<&str>) -> Result<Table, TableError> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(spreadsheet_error)?;
    let sheets = workbook.sheet_names();
    choose_sheet(format, sheets, wanted, |name| {
        let range = workbook.worksheet_range(name).map_err(spreadsheet_error)?;
        Ok(range.rows().map(|r| r.iter().map(cell_text).collect()).collect())
    })
}

fn read_xlsx(bytes: &[u8], wanted: Option<&str>) -> Result<Table, TableError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(spreadsheet_error)?;
    let sheets = workbook.sheet_names();
    choose_sheet(Format::Xlsx, sheets, wanted, |name| xlsx_rows(&mut workbook, name))
}

/// One XLSX sheet, cell by cell: only cells with content are kept, so memory follows them and
/// not the positions they claim. Rows start at the first filled column of the sheet and
/// empty rows are left out, as in a dense read.
fn xlsx_rows(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Vec<Vec<String>>, TableError> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet has no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(spreadsheet_error(e)),
    };
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut first_column = u32::MAX;
    while let Some(cell) = reader.next_cell().map_err(spreadsheet_error)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        first_column = first_column.min(column);
        // Text is copied once, straight from the sheet (or its shared strings).
        let text = match cell.get_value() {
            DataRef::String(s) => s.clone(),
            DataRef::SharedString(s) => s.to_string(),
            other => cell_text(&Data::from(other.clone())),
        };
        if text.is_empty() {
            continue;
        }
        if !text.trim().is_empty() && (row as usize >= ROW_LIMIT || column as usize >= COLUMN_LIMIT) {
            return Err(TableError::OutOfBounds {
                sheet: name.to_string(),
                row: row as u64 + 1,
                column: column as u64 + 1,
            });
        }
        if row as usize >= ROW_LIMIT || column as usize >= COLUMN_LIMIT {
            // Blank text beyond the limits is nothing to read.
            continue;
        }
        cells.push((row, column, text));
        if cells.len() > CELL_LIMIT {
            return Err(TableError::TooManyFilled { sheet: name.to_string() });
        }
    }
    // Cells come in order; a file that lists them otherwise is sorted (later ones win).
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut current_row = None;
    for (row, column, text) in cells {
        if current_row != Some(row) {
            rows.push(Vec::new());
            current_row = Some(row);
        }
        let cells_of_row = rows.last_mut().expect("a row was pushed");
        let at = (column - first_column) as usize;
        if cells_of_row.len() <= at {
            cells_of_row.resize(at + 1, String::new());
        }
        cells_of_row[at] = text;
    }
    Ok(rows)
}

/// The encoding: a byte-order mark says it; otherwise UTF-8 when the bytes are valid UTF-8,
/// else Windows-1251 — what Excel in Russian saves "CSV" as.
fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), TableError> {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((encoding, length)) => (encoding, length),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, 0),
        None => (WINDOWS_1251, 0),
    };
    let body = &bytes[bom..];
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if text.contains('\0') {
        return Err(TableError::Binary);
    }
    if had_errors && encoding != WINDOWS_1251 {
        return Err(TableError::Binary);
    }
    Ok((text.into_owned(), encoding))
}

fn parse_csv(text: &str, delimiter: u8, limit: Option<usize>) -> Result<Vec<Vec<String>>, TableError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Csv {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            reason: match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "not valid text".into(),
                _ => e.to_string(),
            },
        })?;
        rows.push(record.iter().map(|c| c.to_string()).collect());
        if limit.is_some_and(|l| rows.len() >= l) {
            break;
        }
    }
    Ok(rows)
}

/// The delimiter whose first lines split into the same number (more than one) of cells most often.
fn sniff_delimiter(text: &str) -> Option<u8> {
    let mut best: Option<(usize, usize, u8)> = None;
    for delimiter in [b';', b',', b'\t', b'|'] {
        let Ok(rows) = parse_csv(text, delimiter, Some(50)) else { continue };
        let rows: Vec<usize> =
            rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).map(|r| r.len()).collect();
        let Some(&width) = rows.first() else { continue };
        if width < 2 {
            continue;
        }
        let consistent = rows.iter().filter(|w| **w == width).count();
        let score = (consistent, width, delimiter);
        if best.is_none_or(|b| (score.0, score.1) > (b.0, b.1)) {
            best = Some(score);
        }
    }
    best.map(|b| b.2)
}

fn read_text(bytes: &[u8]) -> Result<Table, TableError> {
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let rows = parse_csv(&text, delimiter.unwrap_or(b','), None)?;
    // One column (a bare list of numbers): every line is one cell.
    let rows = if delimiter.is_none() { rows.into_iter().map(|r| vec![r.join(",")]).collect() } else { rows };
    let rows = tidy(rows)?;
    Ok(Table {
        rows,
        source: SourceInfo {
            format: Format::Csv,
            encoding: Some(encoding.name().to_string()),
            delimiter: delimiter.map(char::from),
            sheet: None,
            sheets: Vec::new(),
        },
    })
}

/// Thousands grouped with commas, as the messages show counts: `1,048,576`.
fn grouped(number: u64) -> String {
    app::i18n::format::number(app::i18n::current(), number)
}

/// A 1-based column number as Excel names it: 1 is A, 16,384 is XFD.
fn column_letters(mut column: u64) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let digit = (column - 1) % 26;
        letters.push((b'A' + digit as u8) as char);
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Leaves out empty rows, trims trailing empty cells, pads to the widest row, applies limits.
fn tidy(rows: Vec<Vec<String>>) -> Result<Vec<Vec<String>>, TableError> {
    let mut kept: Vec<Vec<String>> = Vec::new();
    for (index, mut row) in rows.into_iter().enumerate() {
        while row.last().is_some_and(|c| c.trim().is_empty()) {
            row.pop();
        }
        if row.is_empty() {
            continue;
        }
        if row.len() > MAX_COLUMNS {
            return Err(TableError::TooManyColumns(index + 1));
        }
        kept.push(row);
        // The header line is not a lead: one more than the limit is allowed.
        if kept.len() > MAX_ROWS + 1 {
            return Err(TableError::TooManyRows);
        }
    }
    let width = kept.iter().map(Vec::len).max().unwrap_or(0);
    if kept.len().saturating_mul(width) > CELL_LIMIT {
        return Err(TableError::TooManyCells { rows: kept.len(), columns: width });
    }
    for row in &mut kept {
        row.resize(width, String::new());
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a person reading English sees.
    fn english(error: &TableError) -> String {
        app::i18n::in_lang(app::i18n::Lang::En, || error.to_string())
    }

    trait English {
        fn english(&self) -> String;
    }

    impl English for TableError {
        fn english(&self) -> String {
            english(self)
        }
    }

    #[test]
    fn windows_1251_with_semicolons_and_a_quoted_line_break() {
        let text = "ФИО;Телефон\r\n\"Кузнецов\nАлексей\";79123456701\r\n\r\nИванов;89123456789;\r\n";
        let bytes = WINDOWS_1251.encode(text).0.into_owned();
        let table = read(&bytes, "лиды.csv", None).unwrap();
        assert_eq!(table.source.encoding.as_deref(), Some("windows-1251"));
        assert_eq!(table.source.delimiter, Some(';'));
        assert_eq!(
            table.rows,
            vec![
                vec!["ФИО", "Телефон"],
                vec!["Кузнецов\nАлексей", "79123456701"],
                vec!["Иванов", "89123456789"]
            ]
        );
        assert!(app::i18n::in_lang(app::i18n::Lang::En, || table.source.describe()).contains("1251"));
    }

    #[test]
    fn utf8_with_bom_commas_and_ragged_rows() {
        let table = read(
            "\u{feff}name,phone,city\nAnna,+79161234567\nBoris,89161234568,Tver\n".as_bytes(),
            "a.csv",
            None,
        )
        .unwrap();
        assert_eq!(table.source.encoding.as_deref(), Some("UTF-8"));
        assert_eq!(table.rows[0], ["name", "phone", "city"]);
        assert_eq!(table.rows[1], ["Anna", "+79161234567", ""], "padded to the widest row");
    }

    #[test]
    fn utf16_tab_separated_as_excel_saves_unicode_text() {
        let text = "Имя\tТелефон\r\nОльга\t79161234567\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let table = read(&bytes, "a.txt", None).unwrap();
        assert_eq!(table.source.delimiter, Some('\t'));
        assert_eq!(table.rows[1], ["Ольга", "79161234567"]);
    }

    #[test]
    fn a_bare_column_of_numbers() {
        let table = read(b"79161234567\n79161234568\n", "numbers.txt", None).unwrap();
        assert_eq!(table.rows, vec![vec!["79161234567"], vec!["79161234568"]]);
        assert_eq!(table.source.delimiter, None);
    }

    #[test]
    fn limits_and_junk_are_refused_with_the_reason() {
        let big = vec![b'7'; MAX_FILE_BYTES + 1];
        assert!(read(&big, "big.csv", None).unwrap_err().english().contains("20 MB"));
        let mut many = String::new();
        for i in 0..(MAX_ROWS + 2) {
            many.push_str(&format!("{i},x\n"));
        }
        assert_eq!(read(many.as_bytes(), "many.csv", None).unwrap_err(), TableError::TooManyRows);
        assert_eq!(read(b"\x00\x01\x02binary", "x.bin", None).unwrap_err(), TableError::Binary);
        assert!(matches!(
            read(b"PK\x03\x04garbage", "x.xlsx", None).unwrap_err(),
            TableError::Spreadsheet(_)
        ));
    }

    #[test]
    fn xlsx_numbers_formulas_and_a_chosen_sheet() {
        use crate::leads::fixtures::{xlsx, Cell};
        let bytes = xlsx(&[
            ("Пусто", vec![]),
            (
                "Лиды",
                vec![
                    vec![Cell::Text("Имя".into()), Cell::Text("Телефон".into()), Cell::Text("Итог".into())],
                    vec![
                        Cell::Text("Анна".into()),
                        Cell::Number(79161234567.0),
                        Cell::Formula { formula: "=1+1".into(), cached: "2".into() },
                    ],
                ],
            ),
            ("Архив", vec![vec![Cell::Text("Старое".into())]]),
        ]);
        let table = read(&bytes, "leads.xlsx", None).unwrap();
        assert_eq!(table.source.sheet.as_deref(), Some("Лиды"), "the first sheet with data");
        assert_eq!(table.source.sheets, ["Пусто", "Лиды", "Архив"]);
        assert_eq!(
            table.rows[1],
            ["Анна", "79161234567", "2"],
            "formulas are read as their value, never run"
        );
        assert_eq!(
            app::i18n::in_lang(app::i18n::Lang::En, || table.source.describe()),
            "XLSX, sheet Лиды (of 3)"
        );
        let archive = read(&bytes, "leads.xlsx", Some("Архив")).unwrap();
        assert_eq!(archive.rows, vec![vec!["Старое"]]);
        assert_eq!(
            read(&bytes, "leads.xlsx", Some("Нет")).unwrap_err(),
            TableError::NoSuchSheet("Нет".into())
        );
    }

    #[test]
    fn an_xlsx_zip_bomb_is_refused_before_it_is_unpacked() {
        let bomb = crate::leads::fixtures::zip_bomb(450);
        assert!(bomb.len() < MAX_FILE_BYTES / 4, "the bomb passes the upload limit: {} bytes", bomb.len());
        assert_eq!(read(&bomb, "bomb.xlsx", None).unwrap_err(), TableError::Unpacks);
    }

    #[test]
    fn excel_float_cells_become_digits() {
        assert_eq!(cell_text(&Data::Float(79123456789.0)), "79123456789");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
        assert_eq!(cell_text(&Data::Int(42)), "42");
    }

    mod hostile_files {
        use super::*;
        use crate::leads::hostile::*;

        #[test]
        fn a_far_cell_is_refused_by_its_position_without_a_dense_grid() {
            let bytes = far_cell_xlsx();
            assert!(bytes.len() < 4096, "{} bytes", bytes.len());
            let error = read(&bytes, "far.xlsx", None).unwrap_err();
            assert_eq!(
                error,
                TableError::OutOfBounds { sheet: "Лист1".into(), row: 1_048_576, column: 16_384 }
            );
            assert!(english(&error).contains("row 1,048,576, column XFD"), "{error}");
            assert!(english(&error).contains("100,000 leads"), "{error}");
        }

        #[test]
        fn a_declared_dimension_is_not_trusted_either_way() {
            let data = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Телефон</t></is></c></row><row r="2"><c r="A2"><v>79161234567</v></c></row>"#;
            let bytes = xlsx_with_sheet_data(Some("A1:XFD1048576"), data.as_bytes());
            let table = read(&bytes, "dimension.xlsx", None).unwrap();
            assert_eq!(table.rows, vec![vec!["Телефон"], vec!["79161234567"]]);
        }

        #[test]
        fn rows_start_at_the_first_filled_column_as_before() {
            let data = r#"<row r="3"><c r="C3" t="inlineStr"><is><t>Имя</t></is></c><c r="E3"><v>1.5</v></c></row><row r="5"><c r="D5"><v>79161234567</v></c></row>"#;
            let table = read(&xlsx_with_sheet_data(None, data.as_bytes()), "offset.xlsx", None).unwrap();
            assert_eq!(table.rows, vec![vec!["Имя", "", "1.5"], vec!["", "79161234567", ""]]);
        }

        #[test]
        fn deeply_nested_xml_is_refused() {
            let bytes = nested_xlsx(1_000_000);
            assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
            let error = read(&bytes, "nested.xlsx", None).unwrap_err();
            assert!(matches!(error, TableError::Hostile(_)), "{error:?}");
            assert!(
                english(&error).contains("xl/worksheets/sheet1.xml nests elements more than 100 deep"),
                "{error}"
            );
        }

        #[test]
        fn random_bytes_named_xlsx_are_not_a_table() {
            assert_eq!(read(&random_bytes(4096), "leads.xlsx", None).unwrap_err(), TableError::Binary);
        }

        #[test]
        fn a_row_of_ten_thousand_columns_is_refused_at_the_first_one_too_many() {
            let error = read(&wide_xlsx(10_000), "wide.xlsx", None).unwrap_err();
            assert_eq!(error, TableError::OutOfBounds { sheet: "Лист1".into(), row: 1, column: 201 });
            assert!(english(&error).contains("column GS"), "{error}");
        }

        #[test]
        fn millions_of_empty_cells_count_for_nothing_but_a_cell_behind_them_is_seen() {
            let bytes = empty_cells_xlsx(5_000_000, false);
            assert!(bytes.len() < 256 * 1024, "{} bytes", bytes.len());
            let table = read(&bytes, "empty.xlsx", None).unwrap();
            assert_eq!(
                table.rows,
                vec![vec!["Имя", "Телефон"], vec!["Анна", "79161234567"], vec!["Борис", "79161234568"]]
            );
            let error = read(&empty_cells_xlsx(5_000_000, true), "empty.xlsx", None).unwrap_err();
            assert_eq!(error, TableError::OutOfBounds { sheet: "Лист1".into(), row: 4, column: 5_000_001 });
        }

        #[test]
        fn a_part_that_unpacks_to_more_than_it_declares_is_refused() {
            let bytes = lying_sizes_xlsx(30);
            assert!(bytes.len() < 256 * 1024, "{} bytes", bytes.len());
            let error = read(&bytes, "lying.xlsx", None).unwrap_err();
            assert_eq!(
                english(&error),
                "The spreadsheet is damaged or built to overload a reader: the part xl/worksheets/padding.xml says it unpacks to 1024 bytes but unpacks to more."
            );
        }

        #[test]
        fn an_ods_as_libreoffice_saves_it_reads_without_its_empty_million_rows() {
            let table = read(&ods_with_empty_rest(), "leads.ods", None).unwrap();
            assert_eq!(table.source.format, Format::Ods);
            assert_eq!(table.source.sheet.as_deref(), Some("Лиды"));
            assert_eq!(table.rows, vec![vec!["Имя", "Телефон"], vec!["Анна", "79161234567"]]);
        }

        #[test]
        fn ods_repeats_are_counted_before_the_library_expands_them() {
            let error = read(&ods_repeated_everywhere(), "x.ods", None).unwrap_err();
            assert_eq!(error, TableError::OutOfBounds { sheet: "Лиды".into(), row: 1, column: 16_384 });
            let error = read(&ods_dense(10_000, 150), "x.ods", None).unwrap_err();
            assert_eq!(error, TableError::Grid { cells: 1_500_000 });
            assert!(english(&error).contains("1,500,000 cells"), "{error}");
            let many_rows = "<table:table-row><table:table-cell/></table:table-row>".repeat(1_000_001);
            let error = read(&ods_with_rows(&many_rows), "x.ods", None).unwrap_err();
            assert!(english(&error).contains("more than 1000000 table rows"), "{error}");
            let fine = read(&ods_dense(3, 2), "x.ods", None).unwrap();
            assert_eq!(fine.rows, vec![vec!["x", "x"]; 3]);
        }

        #[test]
        fn an_xls_is_read_and_its_declared_dimension_checked_first() {
            let cells = [
                (0, 0, XlsCell::Text("Телефон".into())),
                (0, 1, XlsCell::Text("Имя".into())),
                (1, 0, XlsCell::Number(79161234567.0)),
                (1, 1, XlsCell::Text("Анна".into())),
            ];
            let table = read(&xls((0, 2, 0, 2), &cells), "leads.xls", None).unwrap();
            assert_eq!(table.source.format, Format::Xls);
            assert_eq!(table.source.sheet.as_deref(), Some("Лиды"));
            assert_eq!(table.rows, vec![vec!["Телефон", "Имя"], vec!["79161234567", "Анна"]]);

            let error = read(&xls((0, 4_000_000_000, 0, 256), &cells), "huge.xls", None).unwrap_err();
            assert_eq!(
                error,
                TableError::Declares { sheet: "Лиды".into(), rows: 4_000_000_000, columns: 256 }
            );
            assert!(english(&error).contains("4,000,000,000 rows"), "{error}");
        }

        #[test]
        fn small_and_large_xls_containers_are_walked_like_the_library_does() {
            let cells = [(0, 0, XlsCell::Text("Телефон".into())), (1, 0, XlsCell::Number(79161234567.0))];
            let expected = vec![vec!["Телефон"], vec!["79161234567"]];
            // A Workbook stream under 4,096 bytes lives in the mini stream.
            let small = xls_padded((0, 2, 0, 1), &cells, 0);
            assert!(small.len() < 4096, "{} bytes", small.len());
            assert_eq!(read(&small, "small.xls", None).unwrap().rows, expected);
            // Over about 7 MB the FAT is found through DIFAT sectors.
            let large = xls_padded((0, 2, 0, 1), &cells, 8 * 1024 * 1024);
            assert_eq!(read(&large, "large.xls", None).unwrap().rows, expected);
            let far = [(0, 0, XlsCell::Number(1.0)), (0, 255, XlsCell::Number(2.0))];
            for stream_bytes in [0, 8 * 1024 * 1024] {
                let error =
                    read(&xls_padded((0, 1, 0, 200), &far, stream_bytes), "far.xls", None).unwrap_err();
                assert_eq!(error, TableError::OutOfBounds { sheet: "Лиды".into(), row: 1, column: 256 });
            }
        }

        #[test]
        fn xls_cell_positions_are_checked_before_the_dense_grid() {
            let far = [(0, 0, XlsCell::Number(1.0)), (60_000, 150, XlsCell::Number(2.0))];
            let error = read(&xls((0, 60_001, 0, 151), &far), "far.xls", None).unwrap_err();
            assert_eq!(error, TableError::Grid { cells: 60_001 * 151 });
            // The same cell a million times over: small grid, but each record is kept.
            let same: Vec<(u16, u16, XlsCell)> =
                (0..1_000_001).map(|_| (0, 0, XlsCell::Number(1.0))).collect();
            let error = read(&xls((0, 1, 0, 1), &same), "same.xls", None).unwrap_err();
            assert_eq!(error, TableError::Grid { cells: 1_000_001 });
            let wide = [(0, 0, XlsCell::Number(1.0)), (0, 255, XlsCell::Number(2.0))];
            let error = read(&xls((0, 1, 0, 200), &wide), "wide.xls", None).unwrap_err();
            assert_eq!(error, TableError::OutOfBounds { sheet: "Лиды".into(), row: 1, column: 256 });
        }

        #[test]
        fn a_table_of_too_many_cells_is_refused_with_its_size() {
            let mut text = String::new();
            for i in 0..40_000 {
                text.push_str(&format!("{i}{}\n", ",x".repeat(59)));
            }
            let error = read(text.as_bytes(), "wide.csv", None).unwrap_err();
            assert_eq!(error, TableError::TooManyCells { rows: 40_000, columns: 60 });
            assert!(english(&error).contains("2,400,000 cells"), "{error}");
        }

        #[test]
        fn counts_and_columns_are_named_as_people_read_them() {
            let en = |n| app::i18n::in_lang(app::i18n::Lang::En, || grouped(n));
            assert_eq!(en(1_048_576), "1,048,576");
            assert_eq!(en(100), "100");
            assert_eq!(app::i18n::in_lang(app::i18n::Lang::Ru, || grouped(100_000)), "100\u{202F}000");
            assert_eq!(column_letters(1), "A");
            assert_eq!(column_letters(26), "Z");
            assert_eq!(column_letters(27), "AA");
            assert_eq!(column_letters(201), "GS");
            assert_eq!(column_letters(16_384), "XFD");
        }
    }
}
