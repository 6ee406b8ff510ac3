//! Copies of the database in `backups/`: made with `VACUUM INTO` (a consistent snapshot
//! even while the app writes), the newest ten kept. The folder is the record: a table
//! inside the file being backed up could not describe its own restore.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{backup::Backup, Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use pathwise_core::problem::{shown, Code, Problem};

use crate::error::{Error, ErrorKind, Result};

pub const KEEP: usize = 10;
const PREFIX: &str = "pathwise-";
const SUFFIX: &str = ".sqlite3";

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct BackupInfo {
    /// The file name inside `backups/`; what `restore` takes.
    pub file: String,
    pub reason: String,
    /// Local time the copy was made, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    pub bytes: u64,
}

pub fn dir_of(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// Parses `pathwise-20261127T081500-reason.sqlite3`.
fn parse(file: &str) -> Option<(NaiveDateTime, String)> {
    let rest = file.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, reason) = rest.split_at_checked(15)?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S").ok()?;
    Some((at, reason.trim_start_matches('-').to_owned()))
}

/// Backups, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = dir_of(data_dir);
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some((at, reason)) = parse(&file) {
            out.push(BackupInfo {
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                file,
                reason,
                created_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            });
        }
    }
    out.sort_by(|a, b| b.file.cmp(&a.file));
    Ok(out)
}

/// Copies the database behind `conn` into a new backup file and keeps the newest ten.
pub fn create_from(
    conn: &Connection,
    data_dir: &Path,
    reason: &str,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
    let dir = dir_of(data_dir);
    std::fs::create_dir_all(&dir)?;
    let reason: String = reason
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stamp = now.format("%Y%m%dT%H%M%S");
    let mut file = format!("{PREFIX}{stamp}-{reason}{SUFFIX}");
    let mut n = 2;
    while dir.join(&file).exists() {
        file = format!("{PREFIX}{stamp}-{reason}-{n}{SUFFIX}");
        n += 1;
    }
    let path = dir.join(&file);
    conn.execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
    prune(data_dir)?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        file,
        reason,
        created_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        bytes,
    })
}

fn prune(data_dir: &Path) -> Result<()> {
    for old in list(data_dir)?.into_iter().skip(KEEP) {
        std::fs::remove_file(dir_of(data_dir).join(old.file))?;
    }
    Ok(())
}

/// True when no backup was made on `today` yet.
pub fn daily_due(data_dir: &Path, today: NaiveDate) -> Result<bool> {
    Ok(!list(data_dir)?
        .iter()
        .filter_map(|b| parse(&b.file))
        .any(|(at, _)| at.date() == today))
}

/// Checks that a backup can be restored: it opens, passes an integrity check and was not
/// written by a newer Pathwise.
fn verify(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::new(
            ErrorKind::Corrupt,
            Problem::new(Code::BackupDamaged).arg("detail", check),
        ));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > super::latest_version() {
        return Err(Error::new(
            ErrorKind::NewerFile,
            Problem::new(Code::NewerFormat)
                .arg("version", version)
                .arg("supported", super::latest_version()),
        ));
    }
    Ok(())
}

pub fn path_of(data_dir: &Path, file: &str) -> Result<PathBuf> {
    // Only names this module made: no paths, so a restore cannot read outside backups/.
    if parse(file).is_none() || file.contains(['/', '\\']) {
        return Err(Error::invalid(
            Problem::new(Code::BackupNotFound).arg("file", shown(file)),
        ));
    }
    let path = dir_of(data_dir).join(file);
    if !path.exists() {
        return Err(Error::not_found(
            Problem::new(Code::BackupNotFound).arg("file", shown(file)),
        ));
    }
    Ok(path)
}

/// Replaces the open database with a backup: first backs up the current state, then
/// copies the backup in one step (SQLite's backup API in a single step is one write
/// transaction, so a failure leaves the current data as it was), then upgrades it.
pub fn restore(
    conn: &mut Connection,
    data_dir: &Path,
    file: &str,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
    let path = path_of(data_dir, file)?;
    verify(&path)?;
    let safety = create_from(conn, data_dir, "before-restore", now)?;
    let source = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    {
        let backup = Backup::new(&source, conn)?;
        backup.step(-1)?;
    }
    super::migrations().to_latest(conn)?;
    Ok(safety)
}

/// Puts a backup in place of a database file that is not open (recovery from a corrupt
/// file): copied to a temporary name, then renamed, so the swap is all-or-nothing.
pub fn install(data_dir: &Path, file: &str) -> Result<()> {
    let path = path_of(data_dir, file)?;
    verify(&path)?;
    let main = super::path_in(data_dir);
    let tmp = data_dir.join(format!("{}.restoring", super::FILE_NAME));
    std::fs::copy(&path, &tmp)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, &main)?;
    Ok(())
}
