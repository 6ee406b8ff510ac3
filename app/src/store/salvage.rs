//! Salvage: every row that can still be read out of a damaged database, copied into a
//! fresh one. First SQLite reads each table by rowid ranges; a range that meets a damaged
//! page is split in two until the readable rows around the damage are all copied. Then
//! the file's pages are read directly (`salvage_pages`) for the rows SQLite cannot reach:
//! those on leaves under a damaged interior page, or all of them when the schema page is
//! damaged.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::{config::DbConfig, params_from_iter, types::Value, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::salvage_pages::{self, Affinity, Column, Image, Row, Table};
use super::{latest_version, migrations, wal, FILE_NAME, TABLES};
use crate::error::Result;

/// What a salvage recovered, ready to be put in place of the damaged file.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct Salvaged {
    /// The salvaged database's file name in the data folder.
    pub file: String,
    /// Events (not deleted) recovered.
    pub events: u64,
    pub plans: u64,
    pub own_skills: u64,
    pub own_roles: u64,
}

/// How many range reads one table may cost before the rest of it is given up: a damaged
/// root page makes every read of the table fail, and splitting could go on for long.
const READS_PER_TABLE: u32 = 200_000;
/// Where the search for rows stops when the table cannot say its own largest rowid.
const FALLBACK_MAX_ROWID: i64 = 1 << 20;

/// Salvages the damaged database at `damaged` (its `-wal` beside it, if any) into a new file
/// in `dir`. None when not even the file's header could be read.
pub fn salvage(dir: &Path, damaged: &Path, now: NaiveDateTime) -> Option<Salvaged> {
    try_salvage(dir, damaged, now).ok()
}

fn try_salvage(dir: &Path, damaged: &Path, now: NaiveDateTime) -> Result<Salvaged> {
    // Reading works on a copy: SQLite may write the -shm, or recover the log, even when
    // asked only to read, and the damaged files stay exactly as they were found.
    let scratch = tempfile::Builder::new()
        .prefix(".pathwise-salvage")
        .tempdir_in(dir)?;
    let copy = scratch.path().join("damaged.sqlite3");
    std::fs::copy(damaged, &copy)?;
    if wal::wal_of(damaged).exists() {
        std::fs::copy(wal::wal_of(damaged), wal::wal_of(&copy))?;
    }
    // The page scan reads the log's committed frames itself, rather than checkpointing:
    // SQLite will not even open the log when the damage is on page 1.
    let bytes = std::fs::read(&copy)?;
    let log = std::fs::read(wal::wal_of(&copy)).ok();
    let src = Connection::open(&copy)?;
    src.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    // A file whose header cannot be read was, in all likelihood, opened (so migrated) by
    // this version before it was damaged.
    let version = src
        .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .unwrap_or(latest_version())
        .clamp(0, latest_version());

    let file = format!(
        "{FILE_NAME}.salvaged-{}",
        pathwise_core::stamp::compact(now)
    );
    let out_path = dir.join(&file);
    let _ = std::fs::remove_file(&out_path);
    let mut out = Connection::open(&out_path)?;
    // The same schema version as the damaged file, so its rows fit column for column;
    // the later migrations then carry them forward as they would have been.
    migrations().to_version(&mut out, version.max(1) as usize)?;
    out.pragma_update(None, "foreign_keys", "OFF")?;
    {
        let tx = out.transaction()?;
        if version >= 5 {
            // The damaged file's own profile id, if it can be read, keeps its logs and
            // backups recognisable as the same profile.
            tx.execute("DELETE FROM profile", [])?;
        }
        // A table the damaged schema does not list cannot be read; an unreadable schema
        // lists none.
        let present: Vec<String> = src
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .unwrap_or_default();
        let mut tables = Vec::new();
        for table in TABLES {
            let table = shape(&tx, table)?;
            if !table.columns.is_empty() {
                tables.push(table);
            }
        }
        let found = salvage_pages::scan(&Image::new(&bytes, log.as_deref()), &tables);
        for (table, found) in tables.iter().zip(&found) {
            if present.contains(&table.name) {
                copy_table(
                    &src,
                    &tx,
                    &table.name,
                    &columns(&tx, &table.name)?,
                    &found.broken,
                );
            }
            // After the first pass, so a row it read wins over the same rowid found here.
            insert_found(&tx, &table.name, &columns(&tx, &table.name)?, &found.rows);
        }
        if version >= 5 {
            tx.execute(
                "INSERT OR IGNORE INTO profile (one, id) VALUES (1, lower(hex(randomblob(16))))",
                [],
            )?;
        }
        drop_orphans(&tx)?;
        tx.commit()?;
    }
    migrations().to_latest(&mut out)?;
    let count =
        |sql: &str| -> Result<u64> { Ok(out.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
    let salvaged = Salvaged {
        events: count("SELECT count(*) FROM events WHERE deleted_at IS NULL")?,
        plans: count("SELECT count(*) FROM plans")?,
        own_skills: count("SELECT count(*) FROM custom_skills")?,
        own_roles: count("SELECT count(*) FROM custom_roles")?,
        file,
    };
    let settings = count("SELECT count(*) FROM settings")?;
    drop(out);
    if salvaged.events + salvaged.plans + salvaged.own_skills + salvaged.own_roles + settings == 0 {
        // Nothing came out: no choice to offer.
        std::fs::remove_file(&out_path)?;
        return Err(crate::error::Error::invalid(
            pathwise_core::problem::Problem::new(pathwise_core::problem::Code::NothingToRecover),
        ));
    }
    Ok(salvaged)
}

/// The columns of `table` in the fresh database; empty when that version has no such table.
fn columns(tx: &Transaction, table: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// What the page scan needs to know of `table`'s columns in the fresh database.
fn shape(tx: &Transaction, table: &str) -> Result<Table> {
    let mut stmt = tx.prepare(
        "SELECT type, \"notnull\", dflt_value IS NOT NULL, pk,
                (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0)
         FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let columns = stmt
        .query_map([table], |r| {
            let declared: String = r.get(0)?;
            let (not_null, default): (bool, bool) = (r.get(1)?, r.get(2)?);
            let rowid_alias = r.get::<_, i64>(3)? == 1
                && r.get::<_, i64>(4)? == 1
                && declared.eq_ignore_ascii_case("INTEGER");
            Ok(Column {
                affinity: Affinity::of(&declared),
                not_null,
                rowid_alias,
                required: not_null && !default && !rowid_alias,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Table {
        name: table.to_string(),
        columns,
    })
}

/// Inserts the rows the page scan found, under the rowids they had; a rowid or key
/// already taken, or a row the schema refuses, is skipped.
fn insert_found(tx: &Transaction, table: &str, columns: &[String], rows: &[Row]) {
    for row in rows {
        let named = &columns[..row.values.len().min(columns.len())];
        let list = named
            .iter()
            .map(|c| format!(", \"{c}\""))
            .collect::<String>();
        let marks = ", ?".repeat(named.len());
        let sql = format!("INSERT OR IGNORE INTO \"{table}\" (rowid{list}) VALUES (?{marks})");
        if let Ok(mut insert) = tx.prepare_cached(&sql) {
            let values =
                std::iter::once(Value::Integer(row.rowid)).chain(row.values.iter().cloned());
            let _ = insert.execute(params_from_iter(values));
        }
    }
}

/// Copies every readable row of `table`, keeping rowids; rows the fresh schema refuses
/// (a damaged page can read back as nonsense that still parses), and rows the page scan
/// found broken, are left out.
fn copy_table(
    src: &Connection,
    tx: &Transaction,
    table: &str,
    columns: &[String],
    broken: &HashSet<i64>,
) {
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let select = format!(
        "SELECT rowid, {list} FROM \"{table}\" WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid"
    );
    // One row by equality: a range stepping past its last row would read the next page,
    // so the last row before a damaged page could never be read on its own.
    let select_one = format!("SELECT rowid, {list} FROM \"{table}\" WHERE rowid = ?1 AND ?1 = ?2");
    let marks = vec!["?"; columns.len() + 1].join(", ");
    let insert = format!("INSERT OR IGNORE INTO \"{table}\" (rowid, {list}) VALUES ({marks})");
    let Ok(mut insert) = tx.prepare(&insert) else {
        return;
    };
    let bounds = src.query_row(
        &format!("SELECT min(rowid), max(rowid) FROM \"{table}\""),
        [],
        |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?)),
    );
    let (lo, hi) = match bounds {
        Ok((Some(lo), Some(hi))) => (lo, hi),
        Ok(_) => return,
        // Pathwise's rowids are all positive: SQLite numbers rows from 1.
        Err(_) => (1, FALLBACK_MAX_ROWID),
    };
    let mut ranges = vec![(lo, hi)];
    let mut reads = 0;
    while let Some((a, b)) = ranges.pop() {
        reads += 1;
        if reads > READS_PER_TABLE {
            break;
        }
        match read_range(src, if a == b { &select_one } else { &select }, a, b) {
            Ok(rows) => {
                for row in rows {
                    if matches!(row.first(), Some(Value::Integer(id)) if broken.contains(id)) {
                        continue;
                    }
                    // A row the schema refuses is damage that happened to parse.
                    let _ = insert.execute(params_from_iter(row));
                }
            }
            Err(_) if a == b => {}
            Err(_) => {
                let mid = a + (b - a) / 2;
                // Lower half last in, so it is read first and rows go in rowid order.
                ranges.push((mid + 1, b));
                ranges.push((a, mid));
            }
        }
    }
}

fn read_range(src: &Connection, select: &str, a: i64, b: i64) -> rusqlite::Result<Vec<Vec<Value>>> {
    let mut stmt = src.prepare_cached(select)?;
    let width = stmt.column_count();
    let rows = stmt.query_map([a, b], |r| {
        (0..width)
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    rows.collect()
}

/// Rows whose parent was lost (a plan item of an unreadable plan) would break the foreign
/// keys the app relies on; they go.
fn drop_orphans(tx: &Transaction) -> Result<()> {
    let mut stmt = tx.prepare("SELECT \"table\", rowid FROM pragma_foreign_key_check")?;
    let orphans = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (table, rowid) in orphans {
        tx.execute(
            &format!("DELETE FROM \"{table}\" WHERE rowid = ?1"),
            [rowid],
        )?;
    }
    Ok(())
}
