//! Copies of the database in `backups/`: made with `VACUUM INTO` (a consistent snapshot
//! even while the app writes) under a temporary name, verified, then renamed, so a file
//! under a backup's name is always a whole, checked copy. Kept by kind and age. The folder
//! is the record: a table inside the file being backed up could not describe its own
//! restore.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{backup::Backup, Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use pathwise_core::problem::{shown, Code, Problem};

use crate::error::{Error, ErrorKind, Result};

/// Backups made before an import, an upgrade or a restore: the newest this many stay.
pub const KEEP_EVENTS: usize = 10;
/// Regular backups (daily, hourly, on quit): the newest of each of the last this many
/// days, weeks and months stay, and the newest few whatever their age.
pub const KEEP_DAYS: usize = 7;
pub const KEEP_WEEKS: usize = 4;
pub const KEEP_MONTHS: usize = 12;
pub const KEEP_NEWEST: usize = 3;
/// The reasons of regular backups; any other reason is a backup before something.
pub const REGULAR: &[&str] = &["daily", "hourly", "quit"];
const PREFIX: &str = "pathwise-";
const SUFFIX: &str = ".sqlite3";
/// Where the last failed backup is recorded until one succeeds again.
const FAILURE_FILE: &str = "last-failure.json";

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct BackupInfo {
    /// The file name inside `backups/`; what `restore` takes.
    pub file: String,
    pub reason: String,
    /// Local time the copy was made, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    pub bytes: u64,
    /// Events the copy holds; counted only where it was verified (recovery), else None.
    pub events: Option<u64>,
}

/// A backup that could not be made, kept until the next one succeeds.
#[derive(Debug, Clone, Serialize, serde::Deserialize, TS, PartialEq)]
pub struct BackupFailure {
    pub reason: String,
    /// Local time of the attempt, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    pub problem: Problem,
}

pub fn dir_of(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// Parses `pathwise-20261127T081500-reason.sqlite3`.
fn parse(file: &str) -> Option<(NaiveDateTime, String)> {
    let rest = file.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, reason) = rest.split_at_checked(15)?;
    let at = pathwise_core::stamp::parse_compact(stamp)?;
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
                created_at: pathwise_core::stamp::seconds(at),
                events: None,
            });
        }
    }
    pathwise_core::order::sort_by(&mut out, |a, b| b.file.cmp(&a.file));
    Ok(out)
}

/// Copies the database behind `conn` into a new, verified backup file and prunes old ones.
/// A copy that fails its check is removed, and the failure recorded for the user.
pub fn create_from(
    conn: &Connection,
    data_dir: &Path,
    reason: &str,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
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
    match write_verified(conn, data_dir, &reason, now) {
        Ok(info) => {
            let _ = std::fs::remove_file(dir_of(data_dir).join(FAILURE_FILE));
            prune(data_dir)?;
            Ok(info)
        }
        Err(e) => {
            let failure = BackupFailure {
                reason: reason.clone(),
                at: pathwise_core::stamp::seconds(now),
                problem: failure_problem(&e, &reason, data_dir),
            };
            if let Ok(json) = serde_json::to_vec(&failure) {
                let _ = std::fs::write(dir_of(data_dir).join(FAILURE_FILE), json);
            }
            Err(e)
        }
    }
}

fn write_verified(
    conn: &Connection,
    data_dir: &Path,
    reason: &str,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
    let dir = dir_of(data_dir);
    std::fs::create_dir_all(&dir)?;
    let stamp = pathwise_core::stamp::compact(now);
    let mut file = format!("{PREFIX}{stamp}-{reason}{SUFFIX}");
    let mut n = 2;
    while dir.join(&file).exists() {
        file = format!("{PREFIX}{stamp}-{reason}-{n}{SUFFIX}");
        n += 1;
    }
    let path = dir.join(&file);
    // A name `list` never shows: a copy cut short by a full disk or a kill is never
    // mistaken for a backup, and the next start removes it.
    let tmp = dir.join(format!(".{file}.partial"));
    let _ = std::fs::remove_file(&tmp);
    let made = conn
        .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
        .map_err(Error::from)
        .and_then(|_| check_copy(&tmp, conn))
        .and_then(|()| Ok(std::fs::File::open(&tmp)?.sync_all()?))
        .and_then(|()| Ok(std::fs::rename(&tmp, &path)?));
    if let Err(e) = made {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        file,
        reason: reason.to_owned(),
        created_at: pathwise_core::stamp::seconds(now),
        bytes,
        events: None,
    })
}

/// The copy at `path` is whole: SQLite's quick check passes, it carries the source's
/// application id and schema version, and every table holds as many rows as the source's.
fn check_copy(path: &Path, source: &Connection) -> Result<()> {
    let copy = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let damaged = |detail: String| {
        Err(Error::new(
            ErrorKind::Corrupt,
            Problem::new(Code::BackupDamaged).arg("detail", shown(&detail)),
        ))
    };
    let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return damaged(check);
    }
    for pragma in ["application_id", "user_version"] {
        let want: i64 = source.pragma_query_value(None, pragma, |r| r.get(0))?;
        let got: i64 = copy.pragma_query_value(None, pragma, |r| r.get(0))?;
        if want != got {
            return damaged(format!("{pragma} {got}, expected {want}"));
        }
    }
    let mut stmt = source.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let tables = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for table in tables {
        let sql = format!("SELECT count(*) FROM \"{table}\"");
        let want: i64 = source.query_row(&sql, [], |r| r.get(0))?;
        let got: i64 = copy.query_row(&sql, [], |r| r.get(0))?;
        if want != got {
            return damaged(format!("{table}: {got} rows, expected {want}"));
        }
    }
    Ok(())
}

/// The last backup that failed, until one succeeds again.
pub fn last_failure(data_dir: &Path) -> Option<BackupFailure> {
    let bytes = std::fs::read(dir_of(data_dir).join(FAILURE_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Removes copies a full disk or a kill cut short (they never got a backup's name).
pub fn remove_partial(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir_of(data_dir)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".partial") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Which backups to keep: the newest ten made before something, and of the regular ones
/// the newest few, the newest of each recent day, week and month. Takes the backups newest
/// first; returns the files to remove.
pub fn to_prune(backups: &[BackupInfo]) -> Vec<String> {
    use chrono::Datelike;
    use std::collections::BTreeSet;
    let mut keep: BTreeSet<&str> = BTreeSet::new();
    let (regular, events): (Vec<&BackupInfo>, Vec<&BackupInfo>) = backups.iter().partition(|b| {
        REGULAR
            .iter()
            .any(|r| b.reason == *r || b.reason.starts_with(&format!("{r}-")))
    });
    keep.extend(events.iter().take(KEEP_EVENTS).map(|b| b.file.as_str()));
    keep.extend(regular.iter().take(KEEP_NEWEST).map(|b| b.file.as_str()));
    let dated: Vec<(NaiveDateTime, &str)> = regular
        .iter()
        .filter_map(|b| parse(&b.file).map(|(at, _)| (at, b.file.as_str())))
        .collect();
    let mut by = |key: &dyn Fn(NaiveDateTime) -> (i32, u32), limit: usize| {
        let mut seen = Vec::new();
        for (at, file) in &dated {
            let k = key(*at);
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                keep.insert(file);
            }
        }
    };
    by(&|at| (at.year(), at.ordinal()), KEEP_DAYS);
    by(
        &|at| (at.iso_week().year(), at.iso_week().week()),
        KEEP_WEEKS,
    );
    by(&|at| (at.year(), at.month()), KEEP_MONTHS);
    backups
        .iter()
        .filter(|b| !keep.contains(b.file.as_str()))
        .map(|b| b.file.clone())
        .collect()
}

fn prune(data_dir: &Path) -> Result<()> {
    let all = list(data_dir)?;
    let remove = to_prune(&all);
    // Never the only good one: when every kept copy fails its check (files from older
    // versions were never verified), the newest good one among the rest stays.
    let kept_good = all
        .iter()
        .filter(|b| !remove.contains(&b.file))
        .any(|b| verify(&dir_of(data_dir).join(&b.file)).is_ok());
    let spare = if kept_good {
        None
    } else {
        all.iter()
            .filter(|b| remove.contains(&b.file))
            .find(|b| verify(&dir_of(data_dir).join(&b.file)).is_ok())
            .map(|b| b.file.clone())
    };
    for file in remove {
        if Some(&file) != spare.as_ref() {
            std::fs::remove_file(dir_of(data_dir).join(file))?;
        }
    }
    Ok(())
}

/// The backups that pass their check, newest first, each with its number of events: what
/// recovery can offer.
pub fn list_verified(data_dir: &Path) -> Vec<BackupInfo> {
    list(data_dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|mut b| {
            let path = dir_of(data_dir).join(&b.file);
            verify(&path).ok()?;
            let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
            let events: i64 = conn
                .query_row(
                    "SELECT count(*) FROM events WHERE deleted_at IS NULL",
                    [],
                    |r| r.get(0),
                )
                .ok()?;
            b.events = Some(events as u64);
            Some(b)
        })
        .collect()
}

/// True when no good backup was made on `today` yet (a broken one left by an older
/// version does not count).
pub fn daily_due(data_dir: &Path, today: NaiveDate) -> Result<bool> {
    Ok(!list(data_dir)?.iter().any(|b| {
        parse(&b.file).is_some_and(|(at, _)| at.date() == today)
            && verify(&dir_of(data_dir).join(&b.file)).is_ok()
    }))
}

/// Checks that a backup can be restored: it opens, passes an integrity check and was not
/// written by a newer Pathwise.
fn verify(path: &Path) -> Result<()> {
    let damaged = |detail: &str| {
        Err(Error::new(
            ErrorKind::Corrupt,
            Problem::new(Code::BackupDamaged).arg("detail", shown(detail)),
        ))
    };
    // An empty file is a valid empty database to SQLite; restoring it would wipe the data.
    if std::fs::metadata(path)?.len() == 0 {
        return damaged("0 bytes");
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return damaged(&check);
    }
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    // Version 5 set the id; older backups have 0 but a version and our tables.
    if (app != super::APPLICATION_ID && (app != 0 || version >= 5)) || version == 0 {
        return damaged(&format!(
            "not a Pathwise database (application id {app:#x}, schema {version})"
        ));
    }
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

/// A backup brought to this version's schema, on a scratch copy (the backup itself is not
/// changed): what a merge reads. The directory lives as long as the connection is needed.
pub fn migrated_copy(data_dir: &Path, file: &str) -> Result<(tempfile::TempDir, Connection)> {
    let path = path_of(data_dir, file)?;
    verify(&path)?;
    let scratch = tempfile::Builder::new()
        .prefix(".pathwise-merge")
        .tempdir_in(data_dir)?;
    let copy = scratch.path().join("backup.sqlite3");
    std::fs::copy(&path, &copy)?;
    let mut conn = Connection::open(&copy)?;
    super::migrations().to_latest(&mut conn)?;
    Ok((scratch, conn))
}

/// Puts the salvaged database (a file in the data folder that `salvage` made) in place of
/// the moved-aside one, by rename: all or nothing.
pub fn install_salvaged(data_dir: &Path, file: &str) -> Result<()> {
    let ours =
        file.starts_with(&format!("{}.salvaged-", super::FILE_NAME)) && !file.contains(['/', '\\']);
    let path = data_dir.join(file);
    if !ours || !path.exists() {
        return Err(Error::not_found(
            Problem::new(Code::BackupNotFound).arg("file", shown(file)),
        ));
    }
    std::fs::rename(&path, super::path_in(data_dir))?;
    Ok(())
}

/// Why a backup failed, in words the user can act on: a full disk and an unwritable folder
/// have their own messages; only an unexpected error carries its (shortened) text.
fn failure_problem(e: &Error, reason: &str, data_dir: &Path) -> Problem {
    match e.kind() {
        ErrorKind::DiskFull => Problem::new(Code::BackupFailedDiskFull).arg("reason", reason),
        ErrorKind::ReadOnly => Problem::new(Code::BackupFailedReadOnly)
            .arg("reason", reason)
            .arg("dir", dir_of(data_dir).display()),
        _ => Problem::new(Code::BackupFailed)
            .arg("reason", reason)
            .arg("detail", shown(&e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_backup_is_told_by_its_cause_without_system_text() {
        let dir = Path::new("/data");
        let full = Error::new(ErrorKind::DiskFull, Problem::new(Code::DiskFull));
        let p = failure_problem(&full, "daily", dir);
        assert_eq!(p.code, Code::BackupFailedDiskFull);
        assert_eq!(p.args.get("reason").map(String::as_str), Some("daily"));
        let ro = Error::new(ErrorKind::ReadOnly, Problem::new(Code::ReadOnly));
        let p = failure_problem(&ro, "hourly", dir);
        assert_eq!(p.code, Code::BackupFailedReadOnly);
        assert_eq!(
            p.args.get("dir").map(String::as_str),
            Some(dir_of(dir).to_str().unwrap())
        );
        let odd = Error::new(ErrorKind::Io, Problem::new(Code::Io).arg("detail", "x"));
        assert_eq!(failure_problem(&odd, "daily", dir).code, Code::BackupFailed);
    }
}
