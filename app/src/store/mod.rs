//! The SQLite store: opening the file safely (pragmas, version and corruption checks,
//! backups before migrations), and one module per table.

pub mod backups;
pub mod catalog;
pub mod dates;
pub mod events;
mod open;
pub mod plans;
pub mod quarantine;
pub mod salvage;
mod salvage_pages;
pub mod settings;
pub mod wal;

pub use open::{configure, open_store, Opened};

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::Connection;
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
    include_str!("../../migrations/0005_profile_identity.sql"),
];

/// SQLite's `application_id` of every Pathwise database ("PthW"), set by migration 5.
pub const APPLICATION_ID: i32 = 0x5074_6857;

/// The tables a Pathwise database may hold: a file with any other table is not ours.
pub const TABLES: &[&str] = &[
    "settings",
    "events",
    "custom_skills",
    "custom_roles",
    "plans",
    "plan_items",
    "changes",
    "profile",
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
    /// What could still be read out of the damaged file, ready to use.
    pub salvaged: Option<salvage::Salvaged>,
    /// Verified backups that could replace it, newest first.
    pub backups: Vec<backups::BackupInfo>,
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The file was unreadable and has been moved aside; salvage, restore or start fresh.
    Corrupt,
    /// A newer Pathwise wrote the file; this one will not touch it.
    NewerSchema,
    /// The file is another program's database; it is left exactly as it is.
    Foreign,
    /// The folder or file cannot be written.
    Unwritable,
    Other,
}

impl StoreProblem {
    pub fn new(kind: ProblemKind, problem: Problem) -> StoreProblem {
        StoreProblem {
            kind,
            problem,
            moved_to: None,
            salvaged: None,
            backups: Vec::new(),
        }
    }
}

/// How many write transactions the profile has seen: a backup is due only after a change.
pub fn profile_writes(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT writes FROM profile", [], |r| r.get(0))?)
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
    StoreProblem::new(
        ProblemKind::Other,
        Problem::new(Code::StoreOther).arg("detail", detail),
    )
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
    // Every committed transaction touches the profile row, so each write-ahead log this
    // app leaves names the profile it belongs to (see `wal::guard`).
    tx.execute("UPDATE profile SET writes = writes + 1", [])?;
    tx.commit()?;
    Ok(out)
}
