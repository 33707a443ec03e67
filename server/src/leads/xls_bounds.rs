//! The cells an XLS places, checked before the spreadsheet library reads it. The library reads
//! every sheet at once: it reserves memory for the size a sheet's DIMENSIONS record declares and
//! builds a dense grid from the first to the last cell position. Both come from the file, so they
//! are checked here first: the OLE container is walked to the Workbook stream ([MS-CFB]) and its
//! BIFF records ([MS-XLS] 2.1.4) are read for positions only. Memory is at most the stream itself.

use std::collections::HashMap;

use super::table::{TableError, COLUMN_LIMIT, GRID_CELL_LIMIT, ROW_LIMIT};

const FREE_OR_END: u32 = 0xFFFF_FFFA; // [MS-CFB] 2.1: ids from here up are markers, not sectors

fn broken(reason: &str) -> TableError {
    TableError::Spreadsheet(format!("the XLS file is damaged ({reason})"))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// An OLE compound file ([MS-CFB] 2.2 header, 2.3 FAT, 2.6 directory).
struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn open(bytes: &'a [u8]) -> Result<Compound<'a>, TableError> {
        let header = bytes.get(..512).ok_or_else(|| broken("no header"))?;
        let shift = u16_at(header, 0x1E).unwrap_or(0);
        if shift != 9 && shift != 12 {
            return Err(broken("sector size"));
        }
        let sector_size = 1usize << shift;
        let sectors_in_file = bytes.len() / sector_size + 1;
        let fat_sectors = u32_at(header, 0x2C).unwrap_or(0) as usize;
        if fat_sectors > sectors_in_file {
            return Err(broken("FAT size"));
        }
        // The first 109 FAT sector ids are in the header, the rest in the DIFAT chain.
        let mut fat_ids: Vec<u32> = (0..109).filter_map(|i| u32_at(header, 0x4C + 4 * i)).collect();
        let mut difat = u32_at(header, 0x44).unwrap_or(u32::MAX);
        let mut hops = 0;
        while difat < FREE_OR_END && fat_ids.len() < fat_sectors {
            hops += 1;
            if hops > sectors_in_file {
                return Err(broken("DIFAT loop"));
            }
            let sector = Self::sector_of(bytes, sector_size, difat).ok_or_else(|| broken("DIFAT"))?;
            let per_sector = sector_size / 4 - 1;
            fat_ids.extend((0..per_sector).filter_map(|i| u32_at(sector, 4 * i)));
            difat = u32_at(sector, sector_size - 4).unwrap_or(u32::MAX);
        }
        fat_ids.truncate(fat_sectors);
        let mut fat = Vec::with_capacity(fat_sectors * sector_size / 4);
        for id in fat_ids {
            let sector = Self::sector_of(bytes, sector_size, id).ok_or_else(|| broken("FAT"))?;
            fat.extend((0..sector_size / 4).filter_map(|i| u32_at(sector, 4 * i)));
        }
        Ok(Compound { bytes, sector_size, fat })
    }

    fn sector_of(bytes: &[u8], sector_size: usize, id: u32) -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        let end = (start + sector_size).min(bytes.len());
        (start < end).then(|| &bytes[start..end])
    }

    /// The bytes of a chain of sectors through `table` (the FAT or the mini FAT), at most `limit`.
    fn chain(
        &self,
        table: &[u32],
        first: u32,
        limit: usize,
        read: impl Fn(u32) -> Option<&'a [u8]>,
    ) -> Result<Vec<u8>, TableError> {
        let mut data = Vec::new();
        let mut id = first;
        let mut hops = 0;
        while id < FREE_OR_END && data.len() < limit {
            hops += 1;
            if hops > table.len() + 1 {
                return Err(broken("sector loop"));
            }
            data.extend_from_slice(read(id).ok_or_else(|| broken("sector out of the file"))?);
            id = *table.get(id as usize).ok_or_else(|| broken("sector chain"))?;
        }
        data.truncate(limit);
        Ok(data)
    }

    fn regular_chain(&self, first: u32, limit: usize) -> Result<Vec<u8>, TableError> {
        let (bytes, size) = (self.bytes, self.sector_size);
        self.chain(&self.fat, first, limit, |id| Self::sector_of(bytes, size, id))
    }

    /// The Workbook stream (BIFF8) or Book (BIFF5).
    fn workbook(&self) -> Result<Vec<u8>, TableError> {
        let header = &self.bytes[..512];
        let first_directory = u32_at(header, 0x30).unwrap_or(u32::MAX);
        let directory = self.regular_chain(first_directory, self.bytes.len())?;
        let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
        let root = entries.first().ok_or_else(|| broken("no directory"))?;
        let name = |entry: &[u8]| {
            let length = (u16_at(entry, 64).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> =
                (0..length / 2).filter_map(|i| u16_at(entry, 2 * i)).take_while(|u| *u != 0).collect();
            String::from_utf16_lossy(&units).to_lowercase()
        };
        let stream = entries
            .iter()
            .find(|e| e[66] == 2 && name(e) == "workbook")
            .or_else(|| entries.iter().find(|e| e[66] == 2 && name(e) == "book"))
            .ok_or_else(|| broken("no Workbook stream"))?;
        let start = u32_at(stream, 116).unwrap_or(u32::MAX);
        let size = (u32_at(stream, 120).unwrap_or(0) as usize).min(self.bytes.len());
        let cutoff = u32_at(header, 0x38).unwrap_or(4096) as usize;
        if size >= cutoff {
            return self.regular_chain(start, size);
        }
        // Small streams live in the mini stream, in 64-byte sectors ([MS-CFB] 2.5).
        let mini_fat_bytes =
            self.regular_chain(u32_at(header, 0x3C).unwrap_or(u32::MAX), self.bytes.len())?;
        let mini_fat: Vec<u32> =
            (0..mini_fat_bytes.len() / 4).filter_map(|i| u32_at(&mini_fat_bytes, 4 * i)).collect();
        let root_start = u32_at(root, 116).unwrap_or(u32::MAX);
        let mini_stream = self.regular_chain(root_start, self.bytes.len())?;
        let mini = |id: u32| {
            let start = (id as usize).checked_mul(64)?;
            mini_stream.get(start..(start + 64).min(mini_stream.len()))
        };
        let mut data = Vec::new();
        let mut id = start;
        let mut hops = 0;
        while id < FREE_OR_END && data.len() < size {
            hops += 1;
            if hops > mini_fat.len() + 1 {
                return Err(broken("mini sector loop"));
            }
            data.extend_from_slice(mini(id).ok_or_else(|| broken("mini sector out of the stream"))?);
            id = *mini_fat.get(id as usize).ok_or_else(|| broken("mini sector chain"))?;
        }
        data.truncate(size);
        Ok(data)
    }
}

/// Cell positions of one substream (a sheet).
#[derive(Default)]
struct Span {
    first_row: u32,
    last_row: u32,
    first_column: u32,
    last_column: u32,
    any: bool,
}

impl Span {
    fn add(&mut self, row: u32, first_column: u32, last_column: u32) {
        if !self.any {
            *self = Span { first_row: row, last_row: row, first_column, last_column, any: true };
            return;
        }
        self.first_row = self.first_row.min(row);
        self.last_row = self.last_row.max(row);
        self.first_column = self.first_column.min(first_column);
        self.last_column = self.last_column.max(last_column);
    }

    fn cells(&self) -> u64 {
        if !self.any {
            return 0;
        }
        (self.last_row - self.first_row + 1) as u64 * (self.last_column - self.first_column + 1) as u64
    }
}

/// Checks every sheet's declared dimensions and cell positions against our limits.
pub fn check(bytes: &[u8]) -> Result<(), TableError> {
    let stream = Compound::open(bytes)?.workbook()?;
    let mut names: HashMap<usize, String> = HashMap::new();
    let mut grid_total: u64 = 0;
    let mut pushed: u64 = 0;
    let mut sheet = String::new();
    let mut span = Span::default();
    let mut depth = 0usize;
    let mut at = 0usize;
    // Each record is a 4-byte header and its data; the walk ends with the stream.
    while let (Some(kind), Some(length)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
        let start = at;
        let data = &stream[(at + 4).min(stream.len())..(at + 4 + length as usize).min(stream.len())];
        at += 4 + length as usize;
        match kind {
            // BOF: a substream starts; one inside a sheet (a chart) is skipped as the library does.
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    sheet = names.get(&start).cloned().unwrap_or_else(|| format!("#{}", names.len()));
                    span = Span::default();
                }
                continue;
            }
            // EOF
            0x000A => {
                if depth == 1 {
                    grid_total = grid_total.saturating_add(span.cells());
                    if grid_total > GRID_CELL_LIMIT as u64 {
                        return Err(TableError::Grid { cells: grid_total });
                    }
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth != 1 => continue,
            // FILEPASS: the rest is encrypted.
            0x002F => return Err(TableError::Spreadsheet("the XLS file is protected by a password".into())),
            // BOUNDSHEET: a sheet's name and where its substream starts.
            0x0085 => {
                if let Some(position) = u32_at(data, 0) {
                    names.insert(position as usize, sheet_name(data));
                }
            }
            // DIMENSIONS ([MS-XLS] 2.4.90): the library reserves memory for this size.
            0x0200 => {
                let (first_row, last_row, first_column, last_column) = match data.len() {
                    10 => (
                        u16_at(data, 0).unwrap_or(0) as u64,
                        u16_at(data, 2).unwrap_or(0) as u64,
                        u16_at(data, 4).unwrap_or(0) as u64,
                        u16_at(data, 6).unwrap_or(0) as u64,
                    ),
                    _ => (
                        u32_at(data, 0).unwrap_or(0) as u64,
                        u32_at(data, 4).unwrap_or(0) as u64,
                        u16_at(data, 8).unwrap_or(0) as u64,
                        u16_at(data, 10).unwrap_or(0) as u64,
                    ),
                };
                // The last row and column are one past the end.
                if last_row >= 1 && last_column >= 1 {
                    if last_row > ROW_LIMIT as u64 || last_column > COLUMN_LIMIT as u64 {
                        return Err(TableError::Declares {
                            sheet: sheet.clone(),
                            rows: last_row,
                            columns: last_column,
                        });
                    }
                    if first_row >= last_row || (first_column >= last_column && first_column <= 0xFF) {
                        return Err(broken("dimensions"));
                    }
                }
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) else { continue };
                place(&sheet, &mut span, &mut pushed, row as u32, column as u32, column as u32)?;
            }
            // MULRK: a run of cells in one row.
            0x00BD if data.len() >= 6 => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else { continue };
                let last = u16_at(data, data.len() - 2).unwrap_or(first).max(first);
                place(&sheet, &mut span, &mut pushed, row as u32, first as u32, last as u32)?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn place(
    sheet: &str,
    span: &mut Span,
    pushed: &mut u64,
    row: u32,
    first: u32,
    last: u32,
) -> Result<(), TableError> {
    if row as usize >= ROW_LIMIT || last as usize >= COLUMN_LIMIT {
        return Err(TableError::OutOfBounds {
            sheet: sheet.to_string(),
            row: row as u64 + 1,
            column: last as u64 + 1,
        });
    }
    span.add(row, first, last);
    // The library keeps each record's cells before it builds the grid, repeats included.
    *pushed = pushed.saturating_add((last - first + 1) as u64);
    if *pushed > GRID_CELL_LIMIT as u64 {
        return Err(TableError::Grid { cells: *pushed });
    }
    Ok(())
}

/// BOUNDSHEET's name: a short string, 8-bit or UTF-16 ([MS-XLS] 2.5.240).
fn sheet_name(data: &[u8]) -> String {
    let length = data.get(6).copied().unwrap_or(0) as usize;
    let wide = data.get(7).is_some_and(|flags| flags & 1 == 1);
    if wide {
        let units: Vec<u16> = (0..length).filter_map(|i| u16_at(data, 8 + 2 * i)).collect();
        String::from_utf16_lossy(&units)
    } else {
        data.iter().skip(8).take(length).map(|b| *b as char).collect()
    }
}
