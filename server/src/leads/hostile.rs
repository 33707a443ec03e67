//! Spreadsheets built to overload a reader, generated for tests: each is a few kilobytes on disk
//! and would ask a naive reader for gigabytes. Also a valid ODS and XLS writer, so the checks
//! are tested against files the spreadsheet library really reads. Not used by the server itself.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::xlsx::{write as xlsx, Cell};

fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).compression_level(Some(9))
}

/// A one-sheet XLSX whose worksheet XML is `sheet_data` (the inside of `<sheetData>`), with
/// an optional `<dimension ref=…>`.
pub fn xlsx_with_sheet_data(dimension: Option<&str>, sheet_data: &[u8]) -> Vec<u8> {
    let template = xlsx(&[("Лист1", vec![vec![Cell::Text("x".into())]])]);
    let mut source = ZipArchive::new(Cursor::new(template)).expect("template");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..source.len() {
        let entry = source.by_index_raw(index).expect("entry");
        if entry.name().ok().as_deref() != Some("xl/worksheets/sheet1.xml") {
            zip.raw_copy_file(entry).expect("copy");
        }
    }
    zip.start_file(
        "xl/worksheets/sheet1.xml",
        deflated().large_file(sheet_data.len() > u32::MAX as usize / 2),
    )
    .expect("sheet");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#).expect("write");
    if let Some(dimension) = dimension {
        zip.write_all(format!(r#"<dimension ref="{dimension}"/>"#).as_bytes()).expect("write");
    }
    zip.write_all(b"<sheetData>").expect("write");
    zip.write_all(sheet_data).expect("write");
    zip.write_all(b"</sheetData></worksheet>").expect("write");
    zip.finish().expect("finish").into_inner()
}

fn inline(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Cells A1 and XFD1048576 only: a dense reader allocates 17 billion cells.
pub fn far_cell_xlsx() -> Vec<u8> {
    let data = format!(
        r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
        inline("A1", "Телефон"),
        inline("XFD1048576", "79161234567")
    );
    xlsx_with_sheet_data(Some("A1:XFD1048576"), data.as_bytes())
}

/// One cell nested in `depth` elements.
pub fn nested_xlsx(depth: usize) -> Vec<u8> {
    let mut data = Vec::with_capacity(depth * 7 + 100);
    data.extend_from_slice(br#"<row r="1"><c r="A1" t="inlineStr"><is>"#);
    data.extend(std::iter::repeat_n(b"<r>".as_slice(), depth).flatten());
    data.extend(std::iter::repeat_n(b"</r>".as_slice(), depth).flatten());
    data.extend_from_slice(b"</is></c></row>");
    xlsx_with_sheet_data(None, &data)
}

/// A header row of `columns` filled cells.
pub fn wide_xlsx(columns: usize) -> Vec<u8> {
    let mut data = String::from(r#"<row r="1">"#);
    for column in 0..columns {
        data.push_str(&format!(r#"<c><v>{column}</v></c>"#));
    }
    data.push_str("</row>");
    xlsx_with_sheet_data(None, data.as_bytes())
}

/// A real list (a header and two leads) followed by `empty` empty `<c/>` cells in one row, and
/// then, if `filled_after`, one filled cell behind them.
pub fn empty_cells_xlsx(empty: usize, filled_after: bool) -> Vec<u8> {
    let mut data = Vec::with_capacity(empty * 4 + 400);
    data.extend_from_slice(
        format!(
            r#"<row r="1">{}{}</row><row r="2">{}<c r="B2"><v>79161234567</v></c></row><row r="3">{}<c r="B3"><v>79161234568</v></c></row><row r="4">"#,
            inline("A1", "Имя"),
            inline("B1", "Телефон"),
            inline("A2", "Анна"),
            inline("A3", "Борис")
        )
        .as_bytes(),
    );
    data.extend(std::iter::repeat_n(b"<c/>".as_slice(), empty).flatten());
    if filled_after {
        data.extend_from_slice(b"<c><v>1</v></c>");
    }
    data.extend_from_slice(b"</row>");
    xlsx_with_sheet_data(None, &data)
}

/// Deterministic noise (no zip or OLE signature).
pub fn random_bytes(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes: Vec<u8> = (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    bytes[0] = 0x13;
    bytes
}

/// An XLSX with an extra part of `real_mb` megabytes whose headers say it is 1 KB.
pub fn lying_sizes_xlsx(real_mb: usize) -> Vec<u8> {
    let good = xlsx(&[("Лист1", vec![vec![Cell::Text("x".into())]])]);
    let mut zip = ZipWriter::new_append(Cursor::new(good)).expect("append");
    zip.start_file("xl/worksheets/padding.xml", deflated()).expect("padding");
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..real_mb {
        zip.write_all(&chunk).expect("write");
    }
    let mut bytes = zip.finish().expect("finish").into_inner();
    let declared: u32 = 1024;
    let name = b"xl/worksheets/padding.xml";
    // Local header: uncompressed size at 22; central directory header: at 24 (APPNOTE 4.3.7, 4.3.12).
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        let (signature, name_at, size_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => ("local", 30, 22),
            b"PK\x01\x02" => ("central", 46, 24),
            _ => continue,
        };
        let name_length_at = if signature == "local" { 26 } else { 28 };
        let length =
            u16::from_le_bytes([bytes[at + name_length_at], bytes[at + name_length_at + 1]]) as usize;
        if bytes.get(at + name_at..at + name_at + length) == Some(name.as_slice()) {
            bytes[at + size_at..at + size_at + 4].copy_from_slice(&declared.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "both headers of the padding part");
    bytes
}

/// A minimal ODS (mimetype, manifest, content.xml) whose one table's rows are `rows_xml`.
pub fn ods_with_rows(rows_xml: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", SimpleFileOptions::default().compression_method(CompressionMethod::Stored))
        .expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("write");
    zip.start_file("META-INF/manifest.xml", deflated()).expect("manifest");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).expect("write");
    zip.start_file("content.xml", deflated()).expect("content");
    zip.write_all(format!(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Лиды">{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"#).as_bytes()).expect("write");
    zip.finish().expect("finish").into_inner()
}

/// An ODS text cell, repeated `columns` times.
pub fn ods_text(text: &str, columns: usize) -> String {
    format!(
        r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{columns}"><text:p>{text}</text:p></table:table-cell>"#
    )
}

/// A good list, then as LibreOffice saves it: the rest of the sheet as repeated empty cells
/// and rows (16,384 columns, a million rows).
pub fn ods_with_empty_rest() -> Vec<u8> {
    ods_with_rows(&format!(
        r#"<table:table-row>{}{}<table:table-cell table:number-columns-repeated="16382"/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>Анна</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="79161234567"><text:p>79161234567</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        ods_text("Имя", 1),
        ods_text("Телефон", 1)
    ))
}

/// One filled cell repeated over every column, in a row repeated a million times.
pub fn ods_repeated_everywhere() -> Vec<u8> {
    ods_with_rows(&format!(
        r#"<table:table-row table:number-rows-repeated="1048576">{}</table:table-row>"#,
        ods_text("x", 16384)
    ))
}

/// Within the row and column limits, but `rows` × `columns` filled cells by repetition.
pub fn ods_dense(rows: usize, columns: usize) -> Vec<u8> {
    ods_with_rows(&format!(
        r#"<table:table-row table:number-rows-repeated="{rows}">{}</table:table-row>"#,
        ods_text("x", columns)
    ))
}

/// One BIFF8 record ([MS-XLS] 2.1.4).
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

fn bof(substream: u16) -> Vec<u8> {
    // BOF ([MS-XLS] 2.4.21): BIFF8, globals (5) or worksheet (0x10).
    let mut data = vec![0u8; 16];
    data[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
    data[2..4].copy_from_slice(&substream.to_le_bytes());
    data[4..6].copy_from_slice(&0x0DBBu16.to_le_bytes());
    data[6..8].copy_from_slice(&0x07CCu16.to_le_bytes());
    record(0x0809, &data)
}

/// A cell of an XLS sheet for `xls`.
pub enum XlsCell {
    Number(f64),
    Text(String),
}

/// An XLS (BIFF8 in an OLE file, [MS-CFB]) with one sheet: a DIMENSIONS record saying
/// `dimensions` (first row, row after the last, first column, column after the last) and the
/// cells at their (row, column).
pub fn xls(dimensions: (u32, u32, u16, u16), cells: &[(u16, u16, XlsCell)]) -> Vec<u8> {
    xls_padded(dimensions, cells, 4096)
}

/// As `xls`, the Workbook stream padded to at least `stream_bytes`: under 4,096 it lives in the
/// mini stream; over about 7 MB its FAT needs DIFAT sectors.
pub fn xls_padded(
    dimensions: (u32, u32, u16, u16),
    cells: &[(u16, u16, XlsCell)],
    stream_bytes: usize,
) -> Vec<u8> {
    let name = "Лиды";
    let mut boundsheet = vec![0u8; 8];
    boundsheet[6] = name.encode_utf16().count() as u8;
    boundsheet[7] = 1;
    for unit in name.encode_utf16() {
        boundsheet.extend_from_slice(&unit.to_le_bytes());
    }
    let mut globals = bof(0x0005);
    globals.extend(record(0x0042, &1200u16.to_le_bytes())); // CODEPAGE: UTF-16
    let boundsheet_at = globals.len();
    globals.extend(record(0x0085, &boundsheet));
    globals.extend(record(0x000A, &[]));
    let sheet_at = globals.len() as u32;
    globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&sheet_at.to_le_bytes());
    let mut sheet = bof(0x0010);
    let mut dims = Vec::new();
    dims.extend_from_slice(&dimensions.0.to_le_bytes());
    dims.extend_from_slice(&dimensions.1.to_le_bytes());
    dims.extend_from_slice(&dimensions.2.to_le_bytes());
    dims.extend_from_slice(&dimensions.3.to_le_bytes());
    dims.extend_from_slice(&[0, 0]);
    sheet.extend(record(0x0200, &dims));
    for (row, column, cell) in cells {
        let mut data = row.to_le_bytes().to_vec();
        data.extend_from_slice(&column.to_le_bytes());
        data.extend_from_slice(&0u16.to_le_bytes());
        match cell {
            XlsCell::Number(n) => {
                data.extend_from_slice(&n.to_le_bytes());
                sheet.extend(record(0x0203, &data));
            }
            XlsCell::Text(t) => {
                let units: Vec<u16> = t.encode_utf16().collect();
                data.extend_from_slice(&(units.len() as u16).to_le_bytes());
                data.push(1);
                for unit in units {
                    data.extend_from_slice(&unit.to_le_bytes());
                }
                sheet.extend(record(0x0204, &data));
            }
        }
    }
    sheet.extend(record(0x000A, &[]));
    let mut stream = globals;
    stream.extend(sheet);
    stream.resize(stream.len().max(stream_bytes), 0);
    compound_file(&stream)
}

/// An OLE compound file holding one stream named Workbook ([MS-CFB] 2.2, 2.3, 2.5, 2.6).
/// Sectors: FAT, DIFAT, directory, mini FAT, mini stream, then the stream.
fn compound_file(stream: &[u8]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mini = stream.len() < 4096;
    let (mini_fat_sectors, mini_stream_sectors, stream_sectors) =
        if mini { (1, stream.len().div_ceil(64).div_ceil(8), 0) } else { (0, 0, stream.len().div_ceil(512)) };
    let data_sectors = 1 + mini_fat_sectors + mini_stream_sectors + stream_sectors;
    let (mut fat_sectors, mut difat_sectors) = (1, 0);
    loop {
        let total = fat_sectors + difat_sectors + data_sectors;
        let needed_fat = total.div_ceil(128);
        let needed_difat = needed_fat.saturating_sub(109).div_ceil(127);
        if (needed_fat, needed_difat) == (fat_sectors, difat_sectors) {
            break;
        }
        (fat_sectors, difat_sectors) = (needed_fat, needed_difat);
    }
    let total = fat_sectors + difat_sectors + data_sectors;
    let directory_at = (fat_sectors + difat_sectors) as u32;
    let mini_fat_at = directory_at + 1;
    let mini_stream_at = mini_fat_at + mini_fat_sectors as u32;
    let stream_at = mini_stream_at + mini_stream_sectors as u32;

    let mut fat = vec![FREE; fat_sectors * 128];
    for id in fat.iter_mut().take(fat_sectors) {
        *id = 0xFFFF_FFFD; // FATSECT
    }
    for id in fat.iter_mut().skip(fat_sectors).take(difat_sectors) {
        *id = 0xFFFF_FFFC; // DIFSECT
    }
    let mut chain = |first: u32, count: usize| {
        for i in 0..count as u32 {
            fat[(first + i) as usize] = if i + 1 == count as u32 { END } else { first + i + 1 };
        }
    };
    chain(directory_at, 1);
    chain(mini_fat_at, mini_fat_sectors);
    chain(mini_stream_at, mini_stream_sectors);
    chain(stream_at, stream_sectors);

    let mut header = vec![0u8; 512];
    header[0..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[0x18..0x1A].copy_from_slice(&0x003Eu16.to_le_bytes());
    header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    header[0x2C..0x30].copy_from_slice(&(fat_sectors as u32).to_le_bytes());
    header[0x30..0x34].copy_from_slice(&directory_at.to_le_bytes());
    header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    let (mini_fat_first, mini_fat_count) = if mini { (mini_fat_at, 1u32) } else { (END, 0) };
    header[0x3C..0x40].copy_from_slice(&mini_fat_first.to_le_bytes());
    header[0x40..0x44].copy_from_slice(&mini_fat_count.to_le_bytes());
    let difat_first = if difat_sectors > 0 { fat_sectors as u32 } else { END };
    header[0x44..0x48].copy_from_slice(&difat_first.to_le_bytes());
    header[0x48..0x4C].copy_from_slice(&(difat_sectors as u32).to_le_bytes());
    for i in 0..109 {
        let id = if i < fat_sectors { i as u32 } else { FREE };
        header[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&id.to_le_bytes());
    }

    let mut file = header;
    for id in &fat {
        file.extend_from_slice(&id.to_le_bytes());
    }
    // DIFAT sectors: the FAT sector ids after the first 109, 127 a sector, then the next one.
    let rest: Vec<u32> = (109..fat_sectors as u32).collect();
    for d in 0..difat_sectors {
        let mut sector: Vec<u32> = rest.iter().skip(d * 127).take(127).copied().collect();
        sector.resize(127, FREE);
        sector.push(if d + 1 == difat_sectors { END } else { (fat_sectors + d + 1) as u32 });
        for id in sector {
            file.extend_from_slice(&id.to_le_bytes());
        }
    }
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, unit) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&unit.to_le_bytes());
        }
        e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&FREE.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mini_bytes = stream.len().div_ceil(64) * 64;
    if mini {
        file.extend(entry("Root Entry", 5, 1, mini_stream_at, mini_bytes as u32));
        file.extend(entry("Workbook", 2, FREE, 0, stream.len() as u32));
    } else {
        file.extend(entry("Root Entry", 5, 1, END, 0));
        file.extend(entry("Workbook", 2, FREE, stream_at, stream.len() as u32));
    }
    file.extend(vec![0u8; 256]);
    if mini {
        let count = mini_bytes / 64;
        let mut mini_fat: Vec<u32> =
            (0..count as u32).map(|i| if i + 1 == count as u32 { END } else { i + 1 }).collect();
        mini_fat.resize(128, FREE);
        for id in mini_fat {
            file.extend_from_slice(&id.to_le_bytes());
        }
    }
    file.extend_from_slice(stream);
    file.resize(512 * (1 + total), 0);
    file
}
