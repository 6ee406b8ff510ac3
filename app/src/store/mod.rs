//! The SQLite store: opening the file safely (pragmas, version and corruption checks,
//! backups before migrations), and one module per table.

pub mod backups;
pub mod catalog;
pub mod events;
pub mod plans;
pub mod settings;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDateTime;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::{Migrations, M};
use serde::Serialize;
use ts_rs::TS;

use pathwise_core::problem::{Code, Problem};

use crate::error::Result;

pub const FILE_NAME: &str = "pathwise.sqlite3";

/// Forward-only; a shipped migration is never edited, a new one is appended.
const MIGRATION_SQL: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_plans_catalog_undo.sql"),
    include_str!("../../migrations/0003_daily_index.sql"),
    include_str!("../../migrations/0004_baselines_plan_made.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

/// The schema version this build writes: one per migration.
pub fn latest_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Why the store is not open, in words for the user, and what they can do about it.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct StoreProblem {
    pub kind: ProblemKind,
    /// What happened, as a code the UI says in the user's language.
    pub problem: Problem,
    /// Where an unreadable file was moved (it is never deleted).
    pub moved_to: Option<String>,
    /// Backups that could replace it, newest first.
    pub backups: Vec<backups::BackupInfo>,
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The file was unreadable and has been moved aside; restore a backup or start fresh.
    Corrupt,
    /// A newer Pathwise wrote the file; this one will not touch it.
    NewerSchema,
    /// The folder or file cannot be written.
    Unwritable,
    Other,
}

pub enum Opened {
    Ready(Connection),
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
/// read: a corrupt file is moved aside, a newer one is left exactly as it is.
pub fn open_store(dir: &Path, now: NaiveDateTime) -> Opened {
    match try_open(dir, now) {
        Ok(conn) => Opened::Ready(conn),
        Err(OpenError::Problem(p)) => Opened::Problem(p),
        Err(OpenError::Sqlite(e)) if is_corruption(&e) => {
            Opened::Problem(quarantine(dir, now, &e.to_string()))
        }
        Err(OpenError::Sqlite(e)) if is_unwritable(&e) => {
            Opened::Problem(unwritable(dir, &e.to_string()))
        }
        Err(OpenError::Sqlite(e)) => Opened::Problem(other(&e.to_string())),
        Err(OpenError::Io(e))
            if e.kind() == std::io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(30) =>
        {
            Opened::Problem(unwritable(dir, &e.to_string()))
        }
        Err(OpenError::Io(e)) => Opened::Problem(other(&e.to_string())),
    }
}

enum OpenError {
    Problem(StoreProblem),
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
            other => OpenError::Problem(self::other(&other.to_string())),
        }
    }
}

fn try_open(dir: &Path, now: NaiveDateTime) -> std::result::Result<Connection, OpenError> {
    std::fs::create_dir_all(dir)?;
    let path = path_in(dir);
    if path.exists() {
        // Look before touching: a read-only connection changes no byte of the file, so
        // a newer or unreadable file stays exactly as it was.
        let ro = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version: i64 = ro.pragma_query_value(None, "user_version", |r| r.get(0))?;
        // Reading the schema makes SQLite parse it, which catches a garbled header early.
        ro.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })?;
        if version > latest_version() {
            return Err(OpenError::Problem(StoreProblem {
                kind: ProblemKind::NewerSchema,
                problem: Problem::new(Code::StoreNewer)
                    .arg("version", version)
                    .arg("supported", latest_version()),
                moved_to: None,
                backups: Vec::new(),
            }));
        }
        if version > 0 && version < latest_version() {
            backups::create_from(&ro, dir, &format!("before-upgrade-v{version}"), now).map_err(
                |e| OpenError::Problem(other(&format!("could not back up before upgrading: {e}"))),
            )?;
        }
    }
    let mut conn = Connection::open(&path)?;
    configure(&conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
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

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// SQLite's quick check: "ok" or the problems it found.
pub fn quick_check(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let found: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(if found == ["ok"] { Vec::new() } else { found })
}

pub fn other(detail: &str) -> StoreProblem {
    StoreProblem {
        kind: ProblemKind::Other,
        problem: Problem::new(Code::StoreOther).arg("detail", detail),
        moved_to: None,
        backups: Vec::new(),
    }
}

fn unwritable(dir: &Path, detail: &str) -> StoreProblem {
    StoreProblem {
        kind: ProblemKind::Unwritable,
        problem: Problem::new(Code::StoreUnwritable)
            .arg("dir", dir.display())
            .arg("detail", detail),
        moved_to: None,
        backups: Vec::new(),
    }
}

/// Moves an unreadable database (with its -wal and -shm) aside under a timestamped name
/// and describes what happened. The file is never deleted.
pub fn quarantine(dir: &Path, now: NaiveDateTime, detail: &str) -> StoreProblem {
    let stamp = now.format("%Y%m%dT%H%M%S");
    let main = path_in(dir);
    let target = dir.join(format!("{FILE_NAME}.corrupt-{stamp}"));
    let mut moved = Ok(());
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", main.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", target.display()));
            if let Err(e) = std::fs::rename(&from, &to) {
                moved = Err(e);
            }
        }
    }
    let backups = backups::list(dir).unwrap_or_default();
    match moved {
        Ok(()) => StoreProblem {
            kind: ProblemKind::Corrupt,
            problem: Problem::new(Code::StoreCorrupt).arg("detail", detail),
            moved_to: Some(target.display().to_string()),
            backups,
        },
        Err(e) => StoreProblem {
            kind: ProblemKind::Corrupt,
            problem: Problem::new(Code::StoreNotMoved)
                .arg("file", main.display())
                .arg("detail", detail)
                .arg("reason", e),
            moved_to: None,
            backups,
        },
    }
}

/// Removes everything the user stored, inside the caller's transaction: the first half
/// of replacing the data with a backup.
pub fn wipe(tx: &rusqlite::Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM changes; DELETE FROM events; DELETE FROM plan_items; DELETE FROM plans;
         DELETE FROM custom_skills; DELETE FROM custom_roles; DELETE FROM settings;",
    )?;
    Ok(())
}

/// Runs `f` in one transaction: committed if it returns Ok, rolled back otherwise.
pub fn write<T>(
    conn: &mut Connection,
    f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction()?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}
