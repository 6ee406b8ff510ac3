//! Opening the store: look at the file read-only before anything writes (is it ours, is
//! it newer, does its write-ahead log belong to it), then open it for writing, migrate,
//! and only then let SQLite fold the log into the file again.

use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::{config::DbConfig, Connection, ErrorCode, OpenFlags};

use pathwise_core::problem::{Code, Problem};

use super::{
    backups, latest_version, migrations, path_in, quarantine, wal, ProblemKind, StoreProblem,
    APPLICATION_ID, TABLES,
};

pub enum Opened {
    /// The store, and what the user should hear about how it was opened (a foreign
    /// write-ahead log set aside).
    Ready(Connection, Vec<Problem>),
    Problem(StoreProblem),
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

fn is_unwritable(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
    )
}

/// Opens (or creates) the store in `dir`. Never deletes or rewrites a file it cannot
/// read: a damaged file is moved aside byte for byte (and what can be read is salvaged),
/// a newer or foreign one is left exactly as it is.
pub fn open_store(dir: &Path, now: NaiveDateTime) -> Opened {
    let mut notices = Vec::new();
    match try_open(dir, now, &mut notices) {
        Ok(conn) => Opened::Ready(conn, notices),
        Err(OpenError::Problem(p)) => Opened::Problem(*p),
        Err(OpenError::Damaged(problem)) => {
            Opened::Problem(quarantine::quarantine(dir, now, problem))
        }
        Err(OpenError::Sqlite(e)) if is_corruption(&e) => Opened::Problem(quarantine::quarantine(
            dir,
            now,
            Problem::new(Code::StoreCorrupt).arg("detail", e),
        )),
        Err(OpenError::Sqlite(e)) if is_unwritable(&e) => Opened::Problem(unwritable(dir)),
        Err(OpenError::Sqlite(e)) => Opened::Problem(super::other(&e.to_string())),
        Err(OpenError::Io(e))
            if e.kind() == std::io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(30) =>
        {
            Opened::Problem(unwritable(dir))
        }
        Err(OpenError::Io(e)) => Opened::Problem(super::other(&e.to_string())),
    }
}

pub(super) enum OpenError {
    Problem(Box<StoreProblem>),
    /// The file is damaged in a way found before SQLite said so (it is empty, or its log
    /// cannot be read with it).
    Damaged(Problem),
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError::Sqlite(e)
    }
}

impl From<std::io::Error> for OpenError {
    fn from(e: std::io::Error) -> Self {
        OpenError::Io(e)
    }
}

impl From<rusqlite_migration::Error> for OpenError {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => OpenError::Sqlite(err),
            other => OpenError::Problem(Box::new(super::other(&other.to_string()))),
        }
    }
}

fn try_open(
    dir: &Path,
    now: NaiveDateTime,
    notices: &mut Vec<Problem>,
) -> std::result::Result<Connection, OpenError> {
    if dir.exists() && !dir.is_dir() {
        return Err(OpenError::Problem(Box::new(StoreProblem::new(
            ProblemKind::Unwritable,
            Problem::new(Code::StoreNotAFolder).arg("dir", dir.display()),
        ))));
    }
    std::fs::create_dir_all(dir)?;
    let path = path_in(dir);
    if path.exists() {
        if std::fs::metadata(&path)?.len() == 0 {
            // SQLite would take an empty file for a new database: a fresh profile would
            // quietly replace whatever the file held, with the backups never mentioned.
            return Err(OpenError::Damaged(
                Problem::new(Code::StoreEmpty).arg("file", path.display()),
            ));
        }
        match wal::guard(dir, now)? {
            wal::Verdict::Absent | wal::Verdict::Ours => {}
            wal::Verdict::SetAside(to) => {
                notices.push(Problem::new(Code::WalSetAside).arg("file", to.display()))
            }
            wal::Verdict::Damaged(detail) => {
                return Err(OpenError::Damaged(
                    Problem::new(Code::StoreCorrupt).arg("detail", detail),
                ))
            }
        }
        let ro = inspect_connection(&path)?;
        let version: i64 = ro.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if let Some(problem) = foreign(&ro, &path, version)? {
            return Err(OpenError::Problem(Box::new(StoreProblem::new(
                ProblemKind::Foreign,
                problem,
            ))));
        }
        if version > latest_version() {
            return Err(OpenError::Problem(Box::new(StoreProblem::new(
                ProblemKind::NewerSchema,
                Problem::new(Code::StoreNewer)
                    .arg("version", version)
                    .arg("supported", latest_version()),
            ))));
        }
        if version > 0 && version < latest_version() {
            backups::create_from(&ro, dir, &format!("before-upgrade-v{version}"), now).map_err(
                |_| {
                    OpenError::Problem(Box::new(StoreProblem::new(
                        ProblemKind::Other,
                        Problem::new(Code::UpgradeBackupFailed)
                            .arg("version", version)
                            .arg("dir", backups::dir_of(dir).display()),
                    )))
                },
            )?;
        }
    }
    let mut conn = Connection::open(&path)?;
    // Until the file has proved readable, closing must not fold the log into it: a
    // damaged file is then moved aside exactly as it was found.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    configure(&conn)?;
    migrations().to_latest(&mut conn)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(conn)
}

/// A read-only look that changes no byte of the file and never checkpoints on close.
pub(super) fn inspect_connection(path: &Path) -> rusqlite::Result<Connection> {
    let ro = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    ro.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    Ok(ro)
}

/// Why a database file is not Pathwise's, if it is not: another `application_id`, or
/// (for files from before the id was set, and new empty ones) tables Pathwise never makes.
fn foreign(ro: &Connection, path: &Path, version: i64) -> rusqlite::Result<Option<Problem>> {
    let id: i32 = ro.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id == APPLICATION_ID {
        return Ok(None);
    }
    let file = path.display().to_string();
    if id != 0 {
        return Ok(Some(
            Problem::new(Code::StoreForeignApp)
                .arg("file", file)
                .arg("id", format!("{id:#010x}")),
        ));
    }
    let mut stmt = ro.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let strange: Vec<&str> = tables
        .iter()
        .map(String::as_str)
        .filter(|t| !TABLES.contains(t))
        .collect();
    // A Pathwise file from before version 5 has only our tables and a version; an empty
    // database has neither and is safe to make ours.
    if strange.is_empty() && (version > 0 || tables.is_empty()) {
        return Ok(None);
    }
    let listed = if strange.is_empty() {
        tables.iter().map(String::as_str).collect()
    } else {
        strange
    };
    Ok(Some(
        Problem::new(Code::StoreForeignTables)
            .arg("file", file)
            .arg("tables", pathwise_core::problem::shown(&listed.join(", "))),
    ))
}

/// WAL for crash safety with concurrent readers, FULL sync so a committed transaction
/// survives power loss, foreign keys on, and a busy timeout instead of instant failure.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// SQLite's and the system's own words ("unable to open database file") say nothing the
/// user can act on, and only in English: the message names the folder instead.
fn unwritable(dir: &Path) -> StoreProblem {
    StoreProblem::new(
        ProblemKind::Unwritable,
        Problem::new(Code::StoreUnwritable).arg("dir", dir.display()),
    )
}
