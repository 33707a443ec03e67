//! The cells an ODS really places, counted before the spreadsheet library reads it. The library
//! reads every sheet at once and expands `number-columns-repeated` / `number-rows-repeated` into a
//! dense grid, so a few bytes of XML can ask for millions of cells; here the repeats are only
//! added up. Runs after `archive::check`, which bounds depth and element sizes, so the XML
//! reader's own memory is bounded too.

use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};

use super::table::{TableError, COLUMN_LIMIT, GRID_CELL_LIMIT, ROW_LIMIT};

/// Row elements in all sheets; repeats make one element stand for many rows.
pub const MAX_ROW_ELEMENTS: u64 = 1_000_000;

/// One `table:table`: the span of rows with content and the widest such row.
#[derive(Default)]
struct TableShape {
    name: String,
    next_row: u64,
    first_row: Option<u64>,
    rows_end: u64,
    columns_end: u64,
}

struct RowShape {
    start: u64,
    repeats: u64,
    next_column: u64,
    columns_end: u64,
}

/// A cell element still open: where it starts, how often it repeats, whether it holds anything.
struct OpenCell {
    start: u64,
    repeats: u64,
    filled: bool,
    depth: usize,
}

fn repeats(element: &BytesStart<'_>, attribute: &str) -> u64 {
    element
        .try_get_attribute(attribute)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A value type or a formula makes a cell non-empty; so does any content (checked on the way).
fn declares_value(element: &BytesStart<'_>) -> bool {
    ["office:value-type", "calcext:value-type", "table:formula"]
        .iter()
        .any(|a| element.try_get_attribute(a).ok().flatten().is_some())
}

pub fn check(bytes: &[u8]) -> Result<(), TableError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| TableError::Spreadsheet(e.to_string()))?;
    // Without content.xml the library refuses the file by itself.
    let Ok(content) = archive.by_name("content.xml") else { return Ok(()) };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buffer = Vec::new();
    let mut grid_total: u64 = 0;
    let mut row_elements: u64 = 0;
    let mut table: Option<TableShape> = None;
    let mut row: Option<RowShape> = None;
    let mut cell: Option<OpenCell> = None;
    loop {
        buffer.clear();
        let event =
            reader.read_event_into(&mut buffer).map_err(|e| TableError::Spreadsheet(e.to_string()))?;
        if let Some(open) = cell.as_mut() {
            match &event {
                Event::End(e) if open.depth == 0 && is_cell(e.name().as_ref()) => {
                    let open = cell.take().expect("open cell");
                    end_cell(table.as_ref(), row.as_mut(), open.start, open.repeats, open.filled)?;
                }
                Event::End(_) => open.depth = open.depth.saturating_sub(1),
                Event::Start(_) => {
                    open.depth += 1;
                    open.filled = true;
                }
                Event::Empty(_) | Event::CData(_) => open.filled = true,
                Event::Text(t) if !AsRef::<str>::as_ref(t).trim().is_empty() => open.filled = true,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = e
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                table = Some(TableShape { name, ..TableShape::default() });
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(done) = table.take() {
                    if let Some(first) = done.first_row {
                        grid_total = grid_total
                            .saturating_add((done.rows_end - first).saturating_mul(done.columns_end));
                        if grid_total > GRID_CELL_LIMIT as u64 {
                            return Err(TableError::Grid { cells: grid_total });
                        }
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                // The library keeps two numbers for each row element, empty or not.
                row_elements += 1;
                if row_elements > MAX_ROW_ELEMENTS {
                    return Err(TableError::Hostile(format!(
                        "content.xml has more than {MAX_ROW_ELEMENTS} table rows"
                    )));
                }
                if let Some(table) = table.as_ref() {
                    let repeats = repeats(&e, "table:number-rows-repeated");
                    row = Some(RowShape { start: table.next_row, repeats, next_column: 0, columns_end: 0 });
                }
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(table) = table.as_mut() {
                    table.next_row = table.next_row.saturating_add(repeats(&e, "table:number-rows-repeated"));
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let (Some(done), Some(table)) = (row.take(), table.as_mut()) {
                    let end = done.start.saturating_add(done.repeats);
                    if done.columns_end > 0 {
                        if end > ROW_LIMIT as u64 {
                            return Err(TableError::OutOfBounds {
                                sheet: table.name.clone(),
                                row: end,
                                column: done.columns_end,
                            });
                        }
                        table.first_row.get_or_insert(done.start);
                        table.rows_end = end;
                        table.columns_end = table.columns_end.max(done.columns_end);
                    }
                    table.next_row = end;
                }
            }
            Event::Start(e) if row.is_some() && is_cell(e.name().as_ref()) => {
                let start = row.as_ref().map_or(0, |r| r.next_column);
                let repeats = repeats(&e, "table:number-columns-repeated");
                cell = Some(OpenCell { start, repeats, filled: declares_value(&e), depth: 0 });
            }
            Event::Empty(e) if row.is_some() && is_cell(e.name().as_ref()) => {
                let start = row.as_ref().map_or(0, |r| r.next_column);
                let repeats = repeats(&e, "table:number-columns-repeated");
                end_cell(table.as_ref(), row.as_mut(), start, repeats, declares_value(&e))?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

fn is_cell(name: &str) -> bool {
    name == "table:table-cell" || name == "table:covered-table-cell"
}

fn end_cell(
    table: Option<&TableShape>,
    row: Option<&mut RowShape>,
    start: u64,
    repeats: u64,
    filled: bool,
) -> Result<(), TableError> {
    let Some(row) = row else { return Ok(()) };
    let end = start.saturating_add(repeats);
    row.next_column = end;
    if filled {
        if end > COLUMN_LIMIT as u64 {
            return Err(TableError::OutOfBounds {
                sheet: table.map(|t| t.name.clone()).unwrap_or_default(),
                row: row.start + 1,
                column: end,
            });
        }
        row.columns_end = end;
    }
    Ok(())
}
