//! The SQLite store: opening the file with the pragmas we rely on, and migrations.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

pub const FILE_NAME: &str = "pathwise.sqlite3";

/// Forward-only; a shipped migration is never edited, a new one is appended.
const MIGRATION_SQL: &[&str] = &[include_str!("../../migrations/0001_initial.sql")];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

/// The number of migrations this build knows, which is the schema version it writes.
pub fn latest_version() -> usize {
    MIGRATION_SQL.len()
}

pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Opens (or creates) the database in `dir` and brings its schema up to date.
pub fn open(dir: &Path) -> Result<Connection> {
    std::fs::create_dir_all(dir)?;
    let mut conn = Connection::open(path_in(dir))?;
    configure(&conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// WAL for crash safety with concurrent readers, FULL sync so a committed transaction
/// survives power loss, foreign keys on, and a busy timeout instead of instant failure.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn open_creates_the_file_with_wal_and_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path()).unwrap();
        assert!(path_in(dir.path()).exists());
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        assert_eq!(schema_version(&conn).unwrap(), latest_version() as i64);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(tables, ["events", "settings"]);
    }

    #[test]
    fn opening_twice_keeps_the_version() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path()).unwrap());
        let conn = open(dir.path()).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), latest_version() as i64);
    }
}
