//! Spreadsheets for tests and benchmarks: lead lists as XLSX and CSV, and a zip bomb in XLSX
//! clothing. Not used by the server itself.

use std::io::{Cursor, Write};

use zip::ZipWriter;

use crate::xlsx::options;
pub use crate::xlsx::{write as xlsx, Cell};

/// A valid-looking XLSX whose one sheet unpacks to `unpacked_mb` megabytes of spaces.
pub fn zip_bomb(unpacked_mb: usize) -> Vec<u8> {
    let mut bytes = xlsx(&[("Лист1", vec![vec![Cell::Text("x".into())]])]);
    // Re-open and add a huge padding entry beside the real sheet.
    let mut zip = ZipWriter::new_append(Cursor::new(std::mem::take(&mut bytes))).expect("append");
    zip.start_file(
        "xl/worksheets/padding.xml",
        options().compression_level(Some(9)).large_file(unpacked_mb >= 4096),
    )
    .expect("zip entry");
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..unpacked_mb {
        zip.write_all(&chunk).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// `count` lead rows (header first) as XLSX: name, phone as a number, company, a formula.
pub fn leads_xlsx(count: usize) -> Vec<u8> {
    let mut rows = vec![["ФИО", "Телефон", "Компания", "Комментарий"]
        .iter()
        .map(|h| Cell::Text(h.to_string()))
        .collect::<Vec<_>>()];
    for i in 0..count {
        rows.push(vec![
            Cell::Text(format!("Клиент {i}")),
            Cell::Number(79_150_000_000.0 + i as f64),
            Cell::Text(format!("ООО Компания {}", i % 97)),
            Cell::Formula {
                formula: format!("CONCAT(\"строка \",{})", i + 2),
                cached: format!("строка {}", i + 2),
            },
        ]);
    }
    xlsx(&[("Лиды", rows)])
}

/// `count` lead rows (header first) as a Windows-1251 CSV with `;`, as Russian Excel saves it.
pub fn leads_csv_1251(count: usize) -> Vec<u8> {
    let mut text = String::from("ФИО;Телефон;Компания;Комментарий\r\n");
    for i in 0..count {
        text.push_str(&format!(
            "Клиент {i};8 (915) {:03}-{:02}-{:02};ООО Компания {};\"звонить\r\nпосле 10\"\r\n",
            i / 10_000,
            (i / 100) % 100,
            i % 100,
            i % 97
        ));
    }
    encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
}
