//! Salvage's second pass: rows read straight from the database file's pages, for what
//! SQLite cannot reach through the b-tree (leaves under a damaged interior page, every
//! table when the schema page is damaged). Format: sqlite.org/fileformat2.html.
//!
//! A leaf belongs to the table whose b-tree reaches it, when the schema page can be read
//! and the leaf's rows fit that table; an unreached leaf (an orphan) belongs to the one
//! table its rows' shape fits, and is left out when several fit. Freelist pages are never
//! read: they hold rows SQLite deleted. Everything here only proposes rows; inserting
//! them under the real schema is the final check.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;

/// A column as the scan needs it: what it may hold, from the schema the rows go into.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub affinity: Affinity,
    pub not_null: bool,
    /// `INTEGER PRIMARY KEY`: the record holds NULL, the value is the rowid.
    pub rowid_alias: bool,
    /// NOT NULL without a default: a record written before a later column was added still
    /// has every required one.
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Real,
    Text,
    Blob,
    Any,
}

impl Affinity {
    /// The affinity of a STRICT column's declared type (any other declared type is taken
    /// as ANY, which accepts everything).
    pub fn of(declared: &str) -> Affinity {
        match declared.to_ascii_uppercase().as_str() {
            "INTEGER" | "INT" => Affinity::Integer,
            "REAL" => Affinity::Real,
            "TEXT" => Affinity::Text,
            "BLOB" => Affinity::Blob,
            _ => Affinity::Any,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub rowid: i64,
    /// One value per column the record holds (a record can be shorter than the table);
    /// a rowid alias already holds the rowid.
    pub values: Vec<Value>,
}

/// What the scan found for one table.
#[derive(Debug, Default)]
pub struct Found {
    pub rows: Vec<Row>,
    /// Rowids of cells on this table's reachable leaves that did not decode (a damaged
    /// overflow page, mostly). SQLite does not check the end of an overflow chain and may
    /// hand back such a row with damaged bytes in it, so the first pass drops them.
    pub broken: HashSet<i64>,
}

/// The file as a reader would see it: each page's newest version, from the log if it
/// holds one.
pub struct Image<'a> {
    file: &'a [u8],
    log: HashMap<u32, &'a [u8]>,
    page_size: usize,
    /// Page size less the bytes reserved at the end of each page.
    usable: usize,
    pages: u32,
    /// Page 1 still starts with SQLite's header: its fields can be believed.
    header: bool,
}

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// SQLite's default, and what every Pathwise file has: the guess when no header says.
const DEFAULT_PAGE_SIZE: usize = 4096;

impl<'a> Image<'a> {
    pub fn new(file: &'a [u8], log: Option<&'a [u8]>) -> Image<'a> {
        let frames = log.and_then(super::wal::frames);
        let from_header = |page1: &[u8]| -> Option<(usize, usize)> {
            if page1.len() < 100 || &page1[..16] != MAGIC {
                return None;
            }
            let size = match u16::from_be_bytes([page1[16], page1[17]]) {
                1 => 65536,
                n => n as usize,
            };
            let reserved = page1[20] as usize;
            (size.is_power_of_two() && (512..=65536).contains(&size) && reserved < size - 480)
                .then_some((size, reserved))
        };
        let file_header = from_header(file);
        let page_size = file_header
            .map(|h| h.0)
            .or(frames.as_ref().map(|f| f.page_size))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        // A log of another page size cannot belong to this file.
        let log = match &frames {
            Some(f) if f.page_size == page_size => f.newest(),
            _ => HashMap::new(),
        };
        let newest_page1 = log.get(&1).copied().or(file.get(..page_size));
        let header = newest_page1.and_then(from_header);
        let reserved = header.or(file_header).map_or(0, |h| h.1);
        let in_file = (file.len() / page_size) as u32;
        let pages = log.keys().copied().max().unwrap_or(0).max(in_file);
        Image {
            file,
            log,
            page_size,
            usable: page_size - reserved,
            pages,
            header: header.is_some_and(|h| h.0 == page_size),
        }
    }

    fn page(&self, n: u32) -> Option<&'a [u8]> {
        if n == 0 || n > self.pages {
            return None;
        }
        if let Some(page) = self.log.get(&n) {
            return Some(page);
        }
        let start = (n as usize - 1) * self.page_size;
        self.file.get(start..start + self.page_size)
    }

    fn u32_at(&self, page: u32, at: usize) -> Option<u32> {
        let b = self.page(page)?.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Rowids above the first and up to the second (None: no bound), as a b-tree's interior
/// keys divide them between its children.
type Keys = (Option<i64>, Option<i64>);

fn within((lo, hi): Keys, rowid: i64) -> bool {
    lo.is_none_or(|lo| rowid > lo) && hi.is_none_or(|hi| rowid <= hi)
}

/// Every row the pages hold for each of `tables` (in their order).
pub fn scan(image: &Image, tables: &[Table]) -> Vec<Found> {
    let mut found: Vec<Found> = tables.iter().map(|_| Found::default()).collect();
    let free = if image.header {
        freelist(image)
    } else {
        HashSet::new()
    };
    // Pages that look like freelist trunks list pages that may hold deleted rows: the
    // only guard left when page 1 is damaged, or a trunk is.
    let looks_free = apparent_freelist(image);
    // Leaf -> the table whose b-tree reaches it, and the rowids it may hold there.
    let mut owner: HashMap<u32, (usize, Keys)> = HashMap::new();
    // Per table: None when its root is unknown, else the rowids under pages that could
    // not be read. An orphan row outside them is not one the table lost: a stale copy.
    let mut lost: Vec<Option<Vec<Keys>>> = vec![None; tables.len()];
    let mut schema_leaves = HashSet::new();
    if image.header {
        let (schema, _) = leaves_under(image, 1);
        let roots = roots(image, &schema);
        schema_leaves = schema.into_iter().map(|(n, _)| n).collect();
        for (i, table) in tables.iter().enumerate() {
            if let Some(&root) = roots.get(&table.name) {
                let (leaves, hidden) = leaves_under(image, root);
                for (leaf, keys) in leaves {
                    owner.entry(leaf).or_insert((i, keys));
                }
                lost[i] = Some(hidden);
            }
        }
    }
    let mut pages = Vec::new();
    for n in 2..=image.pages {
        if free.contains(&n) || schema_leaves.contains(&n) {
            continue;
        }
        let reached = owner.get(&n).copied();
        if reached.is_none() && looks_free.contains(&n) {
            continue;
        }
        let cells = leaf_cells(image, n);
        let fits: Vec<usize> = match &cells {
            Some(cells) => (0..tables.len())
                .filter(|&i| rows(cells).all(|r| fits(&tables[i], r)))
                .collect(),
            None => Vec::new(),
        };
        if let Some((i, keys)) = reached {
            let damaged = match &cells {
                None => true,
                Some(cells) => {
                    !cells.is_empty() && (!fits.contains(&i) || rows(cells).next().is_none())
                }
            };
            if damaged {
                // A reached page holding none of the table's rows: what was on it, or
                // under it when it was an interior page, is lost.
                if let Some(lost) = &mut lost[i] {
                    lost.push(keys);
                }
            }
        }
        let Some(cells) = cells else {
            continue;
        };
        pages.push((n, cells, fits));
    }
    for (n, cells, fits) in pages {
        let reached = owner.get(&n).map(|&(i, _)| i);
        let table = match reached {
            Some(i) if fits.contains(&i) => i,
            _ => {
                let lost_here = |i: usize| match &lost[i] {
                    None => true,
                    Some(lost) => rows(&cells).all(|r| lost.iter().any(|&k| within(k, r.rowid))),
                };
                let candidates: Vec<usize> = fits.into_iter().filter(|&i| lost_here(i)).collect();
                match candidates.as_slice() {
                    // The shape of the rows names exactly one table that lost rows there.
                    [i] if rows(&cells).next().is_some() => *i,
                    _ => continue,
                }
            }
        };
        for cell in cells {
            match cell {
                Ok(mut row) => {
                    for (value, column) in row.values.iter_mut().zip(&tables[table].columns) {
                        if column.rowid_alias {
                            *value = Value::Integer(row.rowid);
                        }
                    }
                    found[table].rows.push(row);
                }
                Err(Some(rowid)) if reached == Some(table) => {
                    found[table].broken.insert(rowid);
                }
                Err(_) => {}
            }
        }
    }
    found
}

fn rows(cells: &[Cell]) -> impl Iterator<Item = &Row> {
    cells.iter().filter_map(|c| c.as_ref().ok())
}

/// The pages on the freelist (trunks and leaves), as page 1 lists them.
fn freelist(image: &Image) -> HashSet<u32> {
    let mut free = HashSet::new();
    let mut trunk = image.u32_at(1, 32).unwrap_or(0);
    while trunk != 0 && free.insert(trunk) {
        let Some(listed) = trunk_leaves(image, trunk) else {
            break;
        };
        free.extend(listed);
        trunk = image.u32_at(trunk, 0).unwrap_or(0);
    }
    free
}

/// The leaves a freelist trunk page lists; None unless it has a trunk's form (a next
/// trunk and leaves that are all pages of the file, none twice).
fn trunk_leaves(image: &Image, trunk: u32) -> Option<Vec<u32>> {
    let next = image.u32_at(trunk, 0)?;
    let count = image.u32_at(trunk, 4)? as usize;
    if next > image.pages || next == trunk || count > (image.usable / 4).saturating_sub(2) {
        return None;
    }
    let mut listed = Vec::with_capacity(count);
    for i in 0..count {
        let leaf = image.u32_at(trunk, 8 + 4 * i)?;
        if leaf < 2 || leaf > image.pages || leaf == trunk || listed.contains(&leaf) {
            return None;
        }
        listed.push(leaf);
    }
    Some(listed)
}

/// Every page that has a freelist trunk's form, with the pages it lists. A b-tree page
/// never has it (its first byte is its type); an overflow page of ours neither, its text
/// holding no NUL bytes where a trunk's count is.
fn apparent_freelist(image: &Image) -> HashSet<u32> {
    let mut free = HashSet::new();
    for n in 2..=image.pages {
        if let Some(listed) = trunk_leaves(image, n).filter(|l| !l.is_empty()) {
            free.insert(n);
            free.extend(listed);
        }
    }
    free
}

/// Table name -> root page, from the schema table's rows.
fn roots(image: &Image, schema_leaves: &[(u32, Keys)]) -> HashMap<String, u32> {
    let mut roots = HashMap::new();
    for &(leaf, _) in schema_leaves {
        for row in leaf_cells(image, leaf).into_iter().flatten().flatten() {
            if let [Value::Text(kind), Value::Text(name), _, Value::Integer(root), ..] =
                row.values.as_slice()
            {
                if kind == "table" && *root > 1 && *root <= image.pages as i64 {
                    roots.insert(name.clone(), *root as u32);
                }
            }
        }
    }
    roots
}

/// The leaf pages of the table b-tree rooted at `root` that can still be reached, each
/// with the rowids it may hold, and the rowids under pages that cannot be read (a damaged
/// interior page hides its whole subtree). Nothing is visited twice.
fn leaves_under(image: &Image, root: u32) -> (Vec<(u32, Keys)>, Vec<Keys>) {
    let (mut leaves, mut hidden) = (Vec::new(), Vec::new());
    let mut seen = HashSet::new();
    let mut todo = vec![(root, (None, None))];
    while let Some((n, keys)) = todo.pop() {
        if !seen.insert(n) {
            continue;
        }
        let Some(page) = BTreePage::read(image, n) else {
            hidden.push(keys);
            continue;
        };
        if page.kind == LEAF {
            leaves.push((n, keys));
            continue;
        }
        let bytes = image.page(n).unwrap_or_default();
        let mut lo = keys.0;
        for &at in &page.cells {
            let child = image.u32_at(n, at);
            let key = bytes
                .get(at + 4..image.usable)
                .and_then(varint)
                .map(|(k, _)| k as i64);
            let (Some(child), Some(key)) = (child, key) else {
                // A cell that cannot be read hides its child, whichever rowids it held.
                hidden.push(keys);
                continue;
            };
            todo.push((child, (lo, Some(key))));
            lo = Some(key);
        }
        todo.extend(page.right.map(|right| (right, (lo, keys.1))));
    }
    (leaves, hidden)
}

const INTERIOR: u8 = 0x05;
const LEAF: u8 = 0x0D;

struct BTreePage {
    kind: u8,
    /// Offsets of the cells in the page, from the cell pointer array.
    cells: Vec<usize>,
    right: Option<u32>,
}

impl BTreePage {
    fn read(image: &Image, n: u32) -> Option<BTreePage> {
        let page = image.page(n)?;
        let start = if n == 1 { 100 } else { 0 };
        let kind = *page.get(start)?;
        let header = match kind {
            LEAF => 8,
            INTERIOR => 12,
            _ => return None,
        };
        let count = u16::from_be_bytes([*page.get(start + 3)?, *page.get(start + 4)?]) as usize;
        let array = start + header;
        if array + 2 * count > image.usable {
            return None;
        }
        let mut cells = Vec::with_capacity(count);
        for i in 0..count {
            let at = u16::from_be_bytes([page[array + 2 * i], page[array + 2 * i + 1]]) as usize;
            if at < array + 2 * count || at >= image.usable {
                return None;
            }
            cells.push(at);
        }
        let right = (kind == INTERIOR).then(|| {
            u32::from_be_bytes([
                page[start + 8],
                page[start + 9],
                page[start + 10],
                page[start + 11],
            ])
        });
        Some(BTreePage { kind, cells, right })
    }
}

/// The cells of table leaf `n`: a row each, or the cell's rowid when only its payload is
/// unreadable, or None for a cell that is not one. None when `n` is no table leaf, or its
/// keys are not strictly increasing as a real leaf's are.
type Cell = Result<Row, Option<i64>>;

fn leaf_cells(image: &Image, n: u32) -> Option<Vec<Cell>> {
    let page = BTreePage::read(image, n)?;
    if page.kind != LEAF {
        return None;
    }
    let bytes = image.page(n)?;
    let cells: Vec<Cell> = page
        .cells
        .iter()
        .map(|&at| leaf_cell(image, bytes, at))
        .collect();
    let keys: Vec<i64> = cells
        .iter()
        .filter_map(|c| match c {
            Ok(row) => Some(row.rowid),
            Err(key) => *key,
        })
        .collect();
    keys.windows(2).all(|w| w[0] < w[1]).then_some(cells)
}

fn leaf_cell(image: &Image, page: &[u8], at: usize) -> Cell {
    let usable = image.usable;
    let area = &page[..usable];
    let (size, a) = varint(&area[at..]).ok_or(None)?;
    let (rowid, b) = varint(&area[at + a..]).ok_or(None)?;
    let rowid = rowid as i64;
    // No Pathwise row comes near this; a larger size is damage.
    if size > (image.pages as u64) * (usable as u64) {
        return Err(None);
    }
    let size = size as usize;
    let local = local_payload(size, usable);
    let start = at + a + b;
    let local_bytes = area.get(start..start + local).ok_or(None)?;
    let spilled = local < size;
    let payload = if spilled {
        let first = area.get(start + local..start + local + 4).ok_or(None)?;
        let first = u32::from_be_bytes([first[0], first[1], first[2], first[3]]);
        overflow(image, local_bytes, size, first).ok_or(Some(rowid))?
    } else {
        local_bytes.to_vec()
    };
    let values = record(&payload).ok_or(Some(rowid))?;
    // A damaged overflow page that still chains up leaves its fill in the text; pages
    // are rarely damaged into anything but zeros, and a row of ours never holds NUL.
    if spilled
        && values
            .iter()
            .any(|v| matches!(v, Value::Text(t) if t.contains('\0')))
    {
        return Err(Some(rowid));
    }
    Ok(Row { rowid, values })
}

/// How much of a table leaf cell's payload of `size` bytes stays on its page (the rest
/// spills to overflow pages), per the file format's U/P/X/M/K rule.
fn local_payload(size: usize, usable: usize) -> usize {
    let max_local = usable - 35;
    if size <= max_local {
        return size;
    }
    let min_local = (usable - 12) * 32 / 255 - 23;
    let k = min_local + (size - min_local) % (usable - 4);
    if k <= max_local {
        k
    } else {
        min_local
    }
}

/// The payload with its overflow chain followed: exactly as many pages as the size needs,
/// each a page of the file seen once, the last one ending the chain.
fn overflow(image: &Image, local: &[u8], size: usize, first: u32) -> Option<Vec<u8>> {
    let mut payload = Vec::with_capacity(size);
    payload.extend_from_slice(local);
    let mut seen = HashSet::new();
    let mut next = first;
    while payload.len() < size {
        if next < 2 || !seen.insert(next) {
            return None;
        }
        let page = image.page(next)?;
        let take = (size - payload.len()).min(image.usable - 4);
        payload.extend_from_slice(&page[4..4 + take]);
        next = u32::from_be_bytes([page[0], page[1], page[2], page[3]]);
    }
    (next == 0).then_some(payload)
}

/// SQLite's varint: 1–9 bytes, big-endian, seven bits a byte with the high bit saying
/// "more", except the ninth, which gives all eight. None when the bytes end first.
pub fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((value << 8) | b as u64, 9));
        }
        value = (value << 7) | (b & 0x7F) as u64;
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// Decodes a record (header of serial types, then the values). None unless the header
/// and the values account for every byte exactly, every text is UTF-8 and every serial
/// type is one SQLite writes.
pub fn record(payload: &[u8]) -> Option<Vec<Value>> {
    let (header_len, mut at) = varint(payload)?;
    let header_len = usize::try_from(header_len).ok()?;
    if header_len < at || header_len > payload.len() {
        return None;
    }
    let mut body = header_len;
    let mut values = Vec::new();
    while at < header_len {
        let (serial, used) = varint(&payload[at..header_len])?;
        at += used;
        let len = match serial {
            0 | 8 | 9 => 0,
            1..=4 => serial as usize,
            5 => 6,
            6 | 7 => 8,
            10 | 11 => return None,
            n => usize::try_from((n - 12) / 2).ok()?,
        };
        let bytes = payload.get(body..body.checked_add(len)?)?;
        body += len;
        let int = || {
            // Sign-extended big-endian two's complement.
            let mut v: i64 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
            for &b in bytes {
                v = (v << 8) | b as i64;
            }
            v
        };
        values.push(match serial {
            0 => Value::Null,
            8 => Value::Integer(0),
            9 => Value::Integer(1),
            1..=6 => Value::Integer(int()),
            7 => {
                let f = f64::from_bits(u64::from_be_bytes(bytes.try_into().ok()?));
                // SQLite stores NaN as NULL: a NaN here is damage.
                if f.is_nan() {
                    return None;
                }
                Value::Real(f)
            }
            n if n % 2 == 0 => Value::Blob(bytes.to_vec()),
            _ => Value::Text(String::from_utf8(bytes.to_vec()).ok()?),
        });
    }
    (at == header_len && body == payload.len()).then_some(values)
}

/// Whether a row could be one of `table`'s, as far as the types go.
fn fits(table: &Table, row: &Row) -> bool {
    let needed = table
        .columns
        .iter()
        .rposition(|c| c.required)
        .map_or(1, |i| i + 1);
    if row.values.len() < needed || row.values.len() > table.columns.len() {
        return false;
    }
    row.values.iter().zip(&table.columns).all(|(v, c)| {
        if c.rowid_alias {
            return matches!(v, Value::Null);
        }
        match (v, c.affinity) {
            (Value::Null, _) => !c.not_null,
            (_, Affinity::Any) => true,
            (Value::Integer(_), Affinity::Integer | Affinity::Real) => true,
            (Value::Real(_), Affinity::Real) => true,
            (Value::Text(_), Affinity::Text) => true,
            (Value::Blob(_), Affinity::Blob) => true,
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_varint(bytes: &[u8], expect: Option<(u64, usize)>) {
        assert_eq!(varint(bytes), expect, "{bytes:02x?}");
    }

    #[test]
    fn varints() {
        check_varint(&[0x00], Some((0, 1)));
        check_varint(&[0x7F, 0xFF], Some((127, 1)));
        check_varint(&[0x81, 0x00], Some((128, 2)));
        check_varint(&[0x82, 0x2C], Some((300, 2)));
        // The ninth byte gives all eight bits.
        check_varint(&[0xFF; 9], Some((u64::MAX, 9)));
        check_varint(
            &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            Some((1, 9)),
        );
        // Running out of bytes mid-varint is no value.
        check_varint(&[], None);
        check_varint(&[0x81], None);
        check_varint(&[0xFF; 8], None);
    }

    fn check_record(payload: &[u8], expect: Option<Vec<Value>>) {
        assert_eq!(record(payload), expect, "{payload:02x?}");
    }

    #[test]
    fn records() {
        use Value::*;
        // NULL, 0, 1, i8 -1, i24 -2, text "hi", empty blob.
        check_record(
            &[8, 0, 8, 9, 1, 3, 17, 12, 0xFF, 0xFF, 0xFF, 0xFE, b'h', b'i'],
            Some(vec![
                Null,
                Integer(0),
                Integer(1),
                Integer(-1),
                Integer(-2),
                Text("hi".into()),
                Blob(vec![]),
            ]),
        );
        // i48 and i64 extremes, a float.
        let mut p = vec![4, 5, 6, 7];
        p.extend_from_slice(&[0x80, 0, 0, 0, 0, 0]);
        p.extend_from_slice(&i64::MAX.to_be_bytes());
        p.extend_from_slice(&2.5f64.to_be_bytes());
        check_record(
            &p,
            Some(vec![Integer(-(1 << 47)), Integer(i64::MAX), Real(2.5)]),
        );
        // A record made only of a header.
        check_record(&[1], Some(vec![]));
        // Reserved serial types, a body one byte short or long, a header longer than
        // the payload, text that is not UTF-8, a NaN: damage, not rows.
        check_record(&[2, 10], None);
        check_record(&[2, 11], None);
        check_record(&[2, 17, b'a'], None);
        check_record(&[2, 15, b'a', b'b'], None);
        check_record(&[9, 1], None);
        check_record(&[2, 15, 0xC3], None);
        let mut nan = vec![2, 7];
        nan.extend_from_slice(&f64::NAN.to_bits().to_be_bytes());
        check_record(&nan, None);
        // A serial type whose length runs past the end of any payload.
        check_record(
            &[10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            None,
        );
    }

    #[test]
    fn payload_spill_follows_the_format() {
        // 4096-byte pages: up to 4061 bytes stay; beyond, what stays is the minimum
        // (489) plus the part of the rest that fills no whole overflow page.
        assert_eq!(local_payload(4061, 4096), 4061);
        // Just past it the remainder would not fit on the page: the minimum stays.
        assert_eq!(local_payload(4062, 4096), 489);
        assert_eq!(local_payload(489 + 4092, 4096), 489);
        assert_eq!(local_payload(489 + 4092 * 3 + 10, 4096), 499);
        // 512-byte pages with 32 reserved: U = 480.
        assert_eq!(local_payload(445, 480), 445);
        assert_eq!(local_payload(446, 480), 35);
        assert_eq!(local_payload(35 + 476 * 2 + 100, 480), 135);
    }

    fn column(affinity: Affinity, not_null: bool) -> Column {
        Column {
            affinity,
            not_null,
            rowid_alias: false,
            required: not_null,
        }
    }

    #[test]
    fn rows_fit_only_their_tables_shape() {
        let table = Table {
            name: "t".into(),
            columns: vec![
                Column {
                    affinity: Affinity::Integer,
                    not_null: false,
                    rowid_alias: true,
                    required: false,
                },
                column(Affinity::Text, true),
                column(Affinity::Real, true),
                Column {
                    required: false,
                    ..column(Affinity::Text, true)
                },
            ],
        };
        let row = |values: Vec<Value>| Row { rowid: 7, values };
        use Value::*;
        assert!(fits(
            &table,
            &row(vec![Null, Text("a".into()), Real(1.5), Text("b".into())])
        ));
        // An integral REAL is stored as an integer; an added column may be missing.
        assert!(fits(&table, &row(vec![Null, Text("a".into()), Integer(2)])));
        // The rowid alias is always NULL in the record.
        assert!(!fits(
            &table,
            &row(vec![Integer(7), Text("a".into()), Real(1.5)])
        ));
        assert!(!fits(&table, &row(vec![Null, Text("a".into())])));
        assert!(!fits(&table, &row(vec![Null, Null, Real(1.5)])));
        assert!(!fits(&table, &row(vec![Null, Integer(3), Real(1.5)])));
        assert!(!fits(
            &table,
            &row(vec![
                Null,
                Text("a".into()),
                Real(1.5),
                Text("b".into()),
                Null
            ])
        ));
    }
}
