//! Writing XLSX: a minimal but valid workbook (what Excel and LibreOffice open) of inline
//! strings, numbers and cached formula values. Text goes in as text — a phone number stays
//! `79161234567`, and nothing a lead typed can become a formula.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// One cell.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A formula with the value Excel cached for it (what readers see).
    Formula {
        formula: String,
        cached: String,
    },
}

/// Whether a character may stand in an XML 1.0 document (XML 1.0 §2.2 `Char`: tab, newline,
/// carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and above) and is not a C1 control.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (!c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

fn escape(text: &str) -> String {
    // XML 1.0 has no place for most control characters nor for U+FFFE/U+FFFF: a reader
    // refuses the whole file over one of them, so they are dropped.
    let text: String = text.chars().filter(|c| is_xml_char(*c)).collect();
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

fn sheet_xml(rows: &[Vec<Cell>]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_letters(c), r + 1);
            match cell {
                Cell::Text(t) => {
                    xml.push_str(&format!(r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#, escape(t)))
                }
                Cell::Number(n) => xml.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                Cell::Formula { formula, cached } => xml.push_str(&format!(
                    r#"<c r="{at}" t="str"><f>{}</f><v>{}</v></c>"#,
                    escape(formula),
                    escape(cached)
                )),
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

pub(crate) fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).compression_level(Some(1))
}

/// An XLSX with the given sheets (name, rows).
pub fn write(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut overrides = String::new();
    let mut entries = String::new();
    let mut rels = String::new();
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        overrides.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        entries.push_str(&format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, escape(name)));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        zip.start_file(format!("xl/worksheets/sheet{n}.xml"), options()).expect("zip entry");
        zip.write_all(sheet_xml(rows).as_bytes()).expect("zip write");
    }
    let parts = [
        ("[Content_Types].xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#)),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#)),
    ];
    for (path, body) in parts {
        zip.start_file(path, options()).expect("zip entry");
        zip.write_all(body.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}c\u{0}d\u{1F}e\u{85}f"), "abcdef");
        assert_eq!(
            escape("tab\tnl\ncr\r я \u{FFFD} \u{10000} <&>\""),
            "tab\tnl\ncr\r я \u{FFFD} \u{10000} &lt;&amp;&gt;&quot;"
        );
    }

    #[test]
    fn a_sheet_with_noncharacters_reads_back() {
        let bytes = write(&[(
            "Sheet\u{FFFF}",
            vec![vec![Cell::Text("Ива\u{FFFE}нов\u{FFFF}".into()), Cell::Number(1.0)]],
        )]);
        use calamine::Reader;
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("the workbook opens");
        let range = workbook.worksheet_range("Sheet").expect("the sheet reads");
        assert_eq!(range.get_value((0, 0)).map(|v| v.to_string()).as_deref(), Some("Иванов"));
    }
}
