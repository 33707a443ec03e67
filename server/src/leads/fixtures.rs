//! Spreadsheets written for tests and benchmarks: a minimal but valid XLSX (what Excel and
//! LibreOffice open) with inline strings, numbers and formula cells, and a zip bomb in XLSX
//! clothing. Not used by the server itself.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// One cell of a fixture sheet.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A formula with the value Excel cached for it (what readers see).
    Formula { formula: String, cached: String },
}

fn escape(text: &str) -> String {
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
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#);
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_letters(c), r + 1);
            match cell {
                Cell::Text(t) => xml.push_str(&format!(r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#, escape(t))),
                Cell::Number(n) => xml.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                Cell::Formula { formula, cached } => {
                    xml.push_str(&format!(r#"<c r="{at}" t="str"><f>{}</f><v>{}</v></c>"#, escape(formula), escape(cached)))
                }
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).compression_level(Some(1))
}

/// An XLSX with the given sheets (name, rows).
pub fn xlsx(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
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

/// A valid-looking XLSX whose one sheet unpacks to `unpacked_mb` megabytes of spaces.
pub fn zip_bomb(unpacked_mb: usize) -> Vec<u8> {
    let mut bytes = xlsx(&[("Лист1", vec![vec![Cell::Text("x".into())]])]);
    // Re-open and add a huge padding entry beside the real sheet.
    let mut zip = ZipWriter::new_append(Cursor::new(std::mem::take(&mut bytes))).expect("append");
    zip.start_file("xl/worksheets/padding.xml", options().compression_level(Some(9)).large_file(unpacked_mb >= 4096)).expect("zip entry");
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..unpacked_mb {
        zip.write_all(&chunk).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// `count` lead rows (header first) as XLSX: name, phone as a number, company, a formula.
pub fn leads_xlsx(count: usize) -> Vec<u8> {
    let mut rows = vec![["ФИО", "Телефон", "Компания", "Комментарий"].iter().map(|h| Cell::Text(h.to_string())).collect::<Vec<_>>()];
    for i in 0..count {
        rows.push(vec![
            Cell::Text(format!("Клиент {i}")),
            Cell::Number(79_150_000_000.0 + i as f64),
            Cell::Text(format!("ООО Компания {}", i % 97)),
            Cell::Formula { formula: format!("CONCAT(\"строка \",{})", i + 2), cached: format!("строка {}", i + 2) },
        ]);
    }
    xlsx(&[("Лиды", rows)])
}

/// `count` lead rows (header first) as a Windows-1251 CSV with `;`, as Russian Excel saves it.
pub fn leads_csv_1251(count: usize) -> Vec<u8> {
    let mut text = String::from("ФИО;Телефон;Компания;Комментарий\r\n");
    for i in 0..count {
        text.push_str(&format!("Клиент {i};8 (915) {:03}-{:02}-{:02};ООО Компания {};\"звонить\r\nпосле 10\"\r\n", i / 10_000, (i / 100) % 100, i % 100, i % 97));
    }
    encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
}
