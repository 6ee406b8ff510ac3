//! The write-ahead log guard. SQLite replays any valid `-wal` that lies beside a database
//! file, even one another database wrote: nothing in SQLite's file formats ties a log to
//! its database. Pathwise ties them itself: every write transaction touches the one-row
//! `profile` table (see `store::write`), so each log Pathwise leaves holds that row with
//! the profile's random id. Before the store opens, a leftover log is read frame by frame:
//! one whose newest profile page shows another id (or that never touches the page) is
//! moved aside unread, never replayed; one of ours is tried with a copy of the file.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{config::DbConfig, Connection, OptionalExtension};

use super::{path_in, FILE_NAME};

#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// No log, or an empty one.
    Absent,
    /// The log belongs to this database (or the file predates the profile id and cannot
    /// tell): SQLite may replay it.
    Ours,
    /// The log belongs to another database and was moved here, with its `-shm`.
    SetAside(PathBuf),
    /// The log is this database's, but the two together do not read back.
    Damaged(String),
}

pub fn wal_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

pub fn shm_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-shm", db.display()))
}

/// Looks at a leftover `-wal` beside the store in `dir` without touching either file.
pub fn guard(dir: &Path, now: NaiveDateTime) -> std::io::Result<Verdict> {
    let db = path_in(dir);
    let wal = wal_of(&db);
    match std::fs::metadata(&wal) {
        Ok(m) if m.len() > 0 => {}
        _ => return Ok(Verdict::Absent),
    }
    // Opening the real pair, even read-only, could replay the log into the view and write
    // the -shm; copies keep both exactly as found whatever the verdict.
    let scratch = tempfile::Builder::new()
        .prefix(".pathwise-wal-check")
        .tempdir_in(dir)?;
    let alone = scratch.path().join("alone.sqlite3");
    std::fs::copy(&db, &alone)?;
    let Ok(Some(me)) = identity(&alone) else {
        // Written before profile ids, or unreadable alone: the ordinary checks that follow
        // decide, as they did before this guard.
        return Ok(Verdict::Ours);
    };
    match whose(&std::fs::read(&wal)?, &me) {
        Log::Nothing => return Ok(Verdict::Ours),
        Log::Other => return set_aside(dir, now).map(Verdict::SetAside),
        Log::Mine => {}
    }
    let paired = scratch.path().join("paired.sqlite3");
    std::fs::copy(&db, &paired)?;
    std::fs::copy(&wal, wal_of(&paired))?;
    let check = Connection::open(&paired).and_then(|conn| {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
    });
    Ok(match check {
        Ok(ok) if ok == "ok" => Verdict::Ours,
        Ok(found) => Verdict::Damaged(found),
        Err(e) => Verdict::Damaged(e.to_string()),
    })
}

/// The profile as the file alone says it: its id, its page size, and the page that holds
/// the profile row.
struct Me {
    id: String,
    page_size: usize,
    profile_page: u32,
}

fn identity(path: &Path) -> rusqlite::Result<Option<Me>> {
    let conn = Connection::open(path)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    let root: Option<u32> = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'profile'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(profile_page) = root else {
        return Ok(None);
    };
    let id: Option<String> = conn
        .query_row("SELECT id FROM profile", [], |r| r.get(0))
        .optional()?;
    let page_size = conn.pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0))? as usize;
    Ok(id.map(|id| Me {
        id,
        page_size,
        profile_page,
    }))
}

enum Log {
    /// No frame SQLite would replay.
    Nothing,
    Mine,
    Other,
}

/// Finds the newest frame of the profile page among those SQLite would replay: it names
/// the profile the log was written for. A log whose frames never touch that page, or
/// have another page size, is not this profile's.
fn whose(log: &[u8], me: &Me) -> Log {
    let Some(frames) = frames(log) else {
        return Log::Nothing;
    };
    if frames.pages.is_empty() {
        return Log::Nothing;
    }
    if frames.page_size != me.page_size {
        return Log::Other;
    }
    let newest_profile = frames
        .pages
        .iter()
        .rev()
        .find(|(page, _)| *page == me.profile_page);
    match newest_profile {
        Some((_, page)) if page.windows(me.id.len()).any(|w| w == me.id.as_bytes()) => Log::Mine,
        _ => Log::Other,
    }
}

/// The frames of a log that SQLite would replay, oldest first.
pub struct Frames<'a> {
    pub page_size: usize,
    /// Page number and content of each frame.
    pub pages: Vec<(u32, &'a [u8])>,
}

impl<'a> Frames<'a> {
    /// The newest version of each page the log holds: what a reader sees instead of the
    /// file's.
    pub fn newest(&self) -> std::collections::HashMap<u32, &'a [u8]> {
        self.pages.iter().copied().collect()
    }
}

/// Reads a log frame by frame (format: sqlite.org/fileformat2.html#walformat). Only frames
/// of the current salts with an unbroken checksum chain, up to the last commit, count:
/// the rest were never committed, or are left from an earlier generation or a torn write.
/// None when the header is not a valid log header.
pub fn frames(log: &[u8]) -> Option<Frames<'_>> {
    let be = |b: &[u8], at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    if log.len() < 32 {
        return None;
    }
    let big_endian = match be(log, 0) {
        0x377f_0682 => false,
        0x377f_0683 => true,
        _ => return None,
    };
    let page_size = be(log, 8) as usize;
    if !page_size.is_power_of_two() || !(512..=65536).contains(&page_size) {
        return None;
    }
    let mut sum = checksum((0, 0), &log[..24], big_endian);
    if sum != (be(log, 24), be(log, 28)) {
        return None;
    }
    let salts = &log[16..24];
    let mut pages = Vec::new();
    let mut committed = 0;
    let mut at = 32;
    while at + 24 + page_size <= log.len() {
        let header = &log[at..at + 24];
        let data = &log[at + 24..at + 24 + page_size];
        if &header[8..16] != salts {
            break;
        }
        sum = checksum(checksum(sum, &header[..8], big_endian), data, big_endian);
        if sum != (be(header, 16), be(header, 20)) {
            break;
        }
        pages.push((be(header, 0), data));
        if be(header, 4) != 0 {
            committed = pages.len();
        }
        at += 24 + page_size;
    }
    pages.truncate(committed);
    Some(Frames { page_size, pages })
}

/// SQLite's log checksum: two running sums over the data as 32-bit words, in the byte
/// order the log's magic number names.
fn checksum(mut sum: (u32, u32), data: &[u8], big_endian: bool) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        let word = |b: &[u8]| {
            let b = [b[0], b[1], b[2], b[3]];
            if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        };
        sum.0 = sum.0.wrapping_add(word(&pair[..4])).wrapping_add(sum.1);
        sum.1 = sum.1.wrapping_add(word(&pair[4..])).wrapping_add(sum.0);
    }
    sum
}

fn set_aside(dir: &Path, now: NaiveDateTime) -> std::io::Result<PathBuf> {
    let db = path_in(dir);
    let stamp = pathwise_core::stamp::compact(now);
    let to = dir.join(format!("{FILE_NAME}-wal.foreign-{stamp}"));
    std::fs::rename(wal_of(&db), &to)?;
    let shm = shm_of(&db);
    if shm.exists() {
        std::fs::rename(&shm, dir.join(format!("{FILE_NAME}-shm.foreign-{stamp}")))?;
    }
    Ok(to)
}
