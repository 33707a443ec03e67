//! Checks a zip-based spreadsheet (XLSX, ODS) before the spreadsheet library opens it: every part
//! is really unpacked (the sizes an archive declares about itself may lie), the total is capped,
//! and every XML part is scanned for shapes that make an XML parser's memory grow with the
//! input — deep nesting, huge single elements or text runs, a DOCTYPE — or that make the
//! library build a large table in memory (millions of shared strings or styles).
//! Memory used here is a fixed buffer, whatever the archive holds.

use std::io::{Cursor, Read};

use zip::CompressionMethod;

use super::table::TableError;

/// All parts together may unpack to this much; more is a zip bomb, not a lead list.
pub const MAX_UNPACKED_BYTES: u64 = 400 * 1024 * 1024;
/// An XLSX has a dozen parts; thousands are not a spreadsheet.
pub const MAX_PARTS: usize = 2_000;
/// Spreadsheet XML nests about ten elements deep; the parser keeps every open element.
pub const MAX_XML_DEPTH: usize = 100;
/// One tag (`<c r="A1" …>`): its attributes are held and compared together.
pub const MAX_TAG_BYTES: usize = 64 * 1024;
/// One text run or comment: a cell holds at most 32,767 characters in Excel.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// Elements in a part the library reads whole into memory (shared strings, styles, …).
pub const MAX_ELEMENTS_PER_PART: u64 = 4_000_000;

/// What the archive's parts say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xlsb,
    Ods,
    Other,
}

/// Unpacks every part of the archive through a bounded reader and scans its XML.
pub fn check(bytes: &[u8]) -> Result<Kind, TableError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_PARTS {
        return Err(TableError::Hostile(format!(
            "the archive has {} parts; a spreadsheet has a few dozen",
            archive.len()
        )));
    }
    let mut unpacked_total: u64 = 0;
    let mut kind = Kind::Other;
    let mut first_problem = None;
    let mut buffer = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(damaged)?;
        let name = entry.name().map_err(damaged)?.into_owned();
        match name.as_str() {
            "xl/workbook.xml" => kind = Kind::Xlsx,
            "xl/workbook.bin" if kind == Kind::Other => kind = Kind::Xlsb,
            "content.xml" if kind == Kind::Other => kind = Kind::Ods,
            _ => {}
        }
        let declared = entry.size();
        let method = entry.compression();
        // The raw (still compressed) bytes: unpacked here, so no declared size is trusted.
        let mut reader: Box<dyn Read + '_> = match method {
            CompressionMethod::Stored => Box::new(entry),
            CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(entry)),
            other => {
                return Err(TableError::Hostile(format!(
                    "the part {name} is packed with {other:?}; spreadsheets use Deflate"
                )))
            }
        };
        let mut scanner = is_xml(&name).then(|| XmlScanner::new(limit_elements(&name)));
        let mut unpacked: u64 = 0;
        loop {
            let read = reader.read(&mut buffer).map_err(|e| damaged(format!("{name}: {e}")))?;
            if read == 0 {
                break;
            }
            unpacked += read as u64;
            if unpacked > declared {
                return Err(TableError::Hostile(format!(
                    "the part {name} says it unpacks to {declared} bytes but unpacks to more"
                )));
            }
            if unpacked_total + unpacked > MAX_UNPACKED_BYTES {
                return Err(TableError::Unpacks);
            }
            if let Some(problem) = scanner.as_mut().and_then(|s| s.feed(&buffer[..read]).err()) {
                // Kept while the sizes are counted on: a zip bomb is named as one.
                first_problem.get_or_insert(TableError::Hostile(format!("{name} {problem}")));
                scanner = None;
            }
        }
        unpacked_total += unpacked;
        if unpacked_total > MAX_UNPACKED_BYTES {
            return Err(TableError::Unpacks);
        }
    }
    first_problem.map_or(Ok(kind), Err)
}

fn damaged(error: impl std::fmt::Display) -> TableError {
    TableError::Spreadsheet(error.to_string())
}

fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".vml")
}

/// Worksheets and ODS content are read cell by cell (and bounded by their cells); every other
/// XML part is read whole by the library, so its element count is capped.
fn limit_elements(name: &str) -> Option<u64> {
    let lower = name.to_ascii_lowercase();
    let streamed = lower.starts_with("xl/worksheets/") || lower == "content.xml";
    (!streamed).then_some(MAX_ELEMENTS_PER_PART)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// Inside a tag; `quote` while in an attribute value.
    Tag {
        closing: bool,
        quote: Option<u8>,
        slash: bool,
    },
    /// Inside `<?…?>`.
    Instruction {
        question: bool,
    },
    /// Just after `<!`.
    Bang,
    /// `<!-`: a comment must follow.
    CommentOpen,
    Comment {
        dashes: u8,
    },
    /// `<![`, collecting `CDATA[`.
    CDataOpen {
        matched: u8,
    },
    CData {
        brackets: u8,
    },
}

/// A byte-level pass over XML that tracks only depth and the current token's length.
struct XmlScanner {
    state: State,
    depth: usize,
    token: usize,
    elements: u64,
    max_elements: Option<u64>,
}

impl XmlScanner {
    fn new(max_elements: Option<u64>) -> XmlScanner {
        XmlScanner { state: State::Text, depth: 0, token: 0, elements: 0, max_elements }
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        for &byte in bytes {
            self.token += 1;
            self.state = match self.state {
                State::Text if byte == b'<' => {
                    self.token = 1;
                    State::Open
                }
                State::Text => {
                    if self.token > MAX_TEXT_BYTES {
                        return Err("has a text run longer than 1 MB".into());
                    }
                    State::Text
                }
                State::Open => match byte {
                    b'/' => State::Tag { closing: true, quote: None, slash: false },
                    b'?' => State::Instruction { question: false },
                    b'!' => State::Bang,
                    _ => State::Tag { closing: false, quote: None, slash: false },
                },
                State::Tag { closing, quote: Some(q), .. } => {
                    State::Tag { closing, quote: (byte != q).then_some(q), slash: false }
                }
                State::Tag { closing, quote: None, slash } => match byte {
                    b'"' | b'\'' => State::Tag { closing, quote: Some(byte), slash: false },
                    b'>' => {
                        self.end_tag(closing, slash)?;
                        State::Text
                    }
                    b'/' => State::Tag { closing, quote: None, slash: true },
                    _ => State::Tag { closing, quote: None, slash: false },
                },
                State::Instruction { question } => match byte {
                    b'>' if question => self.text(),
                    b'?' => State::Instruction { question: true },
                    _ => State::Instruction { question: false },
                },
                State::Bang => match byte {
                    b'-' => State::CommentOpen,
                    b'[' => State::CDataOpen { matched: 0 },
                    _ => return Err("has a DOCTYPE; spreadsheets have none".into()),
                },
                State::CommentOpen if byte == b'-' => State::Comment { dashes: 0 },
                State::CommentOpen => return Err("is not well-formed XML".into()),
                State::Comment { dashes } => match byte {
                    b'>' if dashes >= 2 => self.text(),
                    b'-' => State::Comment { dashes: dashes.saturating_add(1) },
                    _ => State::Comment { dashes: 0 },
                },
                State::CDataOpen { matched } => {
                    if b"CDATA["[matched as usize] != byte {
                        return Err("is not well-formed XML".into());
                    }
                    if matched == 5 {
                        State::CData { brackets: 0 }
                    } else {
                        State::CDataOpen { matched: matched + 1 }
                    }
                }
                State::CData { brackets } => match byte {
                    b'>' if brackets >= 2 => self.text(),
                    b']' => State::CData { brackets: brackets.saturating_add(1) },
                    _ => State::CData { brackets: 0 },
                },
            };
            let limit = match self.state {
                State::Text => usize::MAX,
                State::Tag { .. } | State::Open | State::Bang | State::Instruction { .. } => MAX_TAG_BYTES,
                _ => MAX_TEXT_BYTES,
            };
            if self.token > limit {
                return Err(match self.state {
                    State::Tag { .. } => "has a tag longer than 64 KB".into(),
                    _ => "has a comment or text longer than 1 MB".into(),
                });
            }
        }
        Ok(())
    }

    fn text(&mut self) -> State {
        self.token = 0;
        State::Text
    }

    fn end_tag(&mut self, closing: bool, self_closing: bool) -> Result<(), String> {
        self.token = 0;
        if closing {
            self.depth = self.depth.saturating_sub(1);
            return Ok(());
        }
        self.elements += 1;
        if let Some(max) = self.max_elements.filter(|max| self.elements > *max) {
            return Err(format!("has more than {max} elements"));
        }
        if !self_closing {
            self.depth += 1;
            if self.depth > MAX_XML_DEPTH {
                return Err(format!("nests elements more than {MAX_XML_DEPTH} deep"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str) -> Result<(), String> {
        scan_counting(xml, None)
    }

    fn scan_counting(xml: &str, max_elements: Option<u64>) -> Result<(), String> {
        let mut scanner = XmlScanner::new(max_elements);
        // Fed in small pieces: tokens cross buffer boundaries.
        for chunk in xml.as_bytes().chunks(3) {
            scanner.feed(chunk)?;
        }
        Ok(())
    }

    #[test]
    fn ordinary_xml_passes() {
        scan(r#"<?xml version="1.0"?><a x="1>2" y='/'><b/><!-- c -- > --><![CDATA[<x>]]><c>t</c></a>"#)
            .unwrap();
    }

    #[test]
    fn depth_tags_doctype_and_element_counts_are_limited() {
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1);
        assert!(scan(&deep).unwrap_err().contains("deep"));
        assert!(scan(&"<a>".repeat(MAX_XML_DEPTH)).is_ok());
        let long_tag = format!("<a {}>", "b=\"\" ".repeat(MAX_TAG_BYTES / 4));
        assert!(scan(&long_tag).unwrap_err().contains("tag"));
        assert!(scan("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>").unwrap_err().contains("DOCTYPE"));
        assert!(scan_counting(&"<a/>".repeat(11), Some(10)).unwrap_err().contains("more than 10 elements"));
        assert!(scan_counting(&"<a/>".repeat(10), Some(10)).is_ok());
        let long_text = format!("<a>{}</a>", "x".repeat(MAX_TEXT_BYTES + 1));
        assert!(scan(&long_text).unwrap_err().contains("text"));
    }
}
