//! The event log: append-only. A delete sets `deleted_at` (undo clears it); an edit
//! appends the new version and soft-deletes the old one, both recorded in `changes`.

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_core::profile::Event;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// An event as the user enters it (no id yet).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct NewEvent {
    pub date: NaiveDate,
    pub skill: String,
    pub level: u8,
    pub hours: f64,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Option<String>,
}

const COLUMNS: &str = "id, date, skill, level, hours, note, evidence";

fn from_row(row: &Row) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get("id")?,
        date: row.get("date")?,
        skill: row.get("skill")?,
        level: row.get("level")?,
        hours: row.get("hours")?,
        note: row.get("note")?,
        evidence: row.get("evidence")?,
    })
}

fn stamp(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn insert(tx: &Transaction, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
    tx.execute(
        "INSERT INTO events (date, skill, level, hours, note, evidence, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.date,
            e.skill,
            e.level,
            e.hours,
            e.note,
            e.evidence,
            stamp(now)
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn record(
    tx: &Transaction,
    kind: &str,
    event: i64,
    replaced: Option<i64>,
    now: NaiveDateTime,
) -> Result<()> {
    tx.execute(
        "INSERT INTO changes (kind, event_id, replaced, at) VALUES (?1, ?2, ?3, ?4)",
        params![kind, event, replaced, stamp(now)],
    )?;
    Ok(())
}

pub fn append(tx: &Transaction, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
    let id = insert(tx, e, now)?;
    record(tx, "append", id, None, now)?;
    Ok(id)
}

/// Appends many events without recording undo steps (imports, benchmarks).
pub fn append_many(tx: &Transaction, events: &[NewEvent], now: NaiveDateTime) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (date, skill, level, hours, note, evidence, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let at = stamp(now);
    for e in events {
        stmt.execute(params![
            e.date, e.skill, e.level, e.hours, e.note, e.evidence, at
        ])?;
    }
    Ok(events.len())
}

fn set_deleted(tx: &Transaction, id: i64, when: Option<String>) -> Result<()> {
    let n = tx.execute(
        "UPDATE events SET deleted_at = ?2 WHERE id = ?1",
        params![id, when],
    )?;
    if n == 0 {
        return Err(Error::Invalid(format!("there is no event {id}")));
    }
    Ok(())
}

pub fn delete(tx: &Transaction, id: i64, now: NaiveDateTime) -> Result<()> {
    live(tx, id)?;
    set_deleted(tx, id, Some(stamp(now)))?;
    record(tx, "delete", id, None, now)
}

/// Replaces event `id` with `e`: the old row stays in the log, marked deleted.
pub fn edit(tx: &Transaction, id: i64, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
    live(tx, id)?;
    set_deleted(tx, id, Some(stamp(now)))?;
    let new = insert(tx, e, now)?;
    record(tx, "edit", new, Some(id), now)?;
    Ok(new)
}

fn live(conn: &Connection, id: i64) -> Result<Event> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM events WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::Invalid(format!("there is no event {id}")))
}

/// Reverts the newest change not yet undone. Returns what it did, or None if nothing is
/// left to undo.
pub fn undo(tx: &Transaction) -> Result<Option<String>> {
    let last: Option<(i64, String, i64, Option<i64>)> = tx
        .query_row(
            "SELECT id, kind, event_id, replaced FROM changes WHERE undone = 0 ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((change, kind, event, replaced)) = last else {
        return Ok(None);
    };
    match kind.as_str() {
        "append" => set_deleted(tx, event, Some("undone".into()))?,
        "delete" => set_deleted(tx, event, None)?,
        _ => {
            set_deleted(tx, event, Some("undone".into()))?;
            if let Some(old) = replaced {
                set_deleted(tx, old, None)?;
            }
        }
    }
    tx.execute("UPDATE changes SET undone = 1 WHERE id = ?1", [change])?;
    Ok(Some(kind))
}

/// Every live event, oldest first: what the core derives the profile from.
pub fn all(conn: &Connection) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE deleted_at IS NULL ORDER BY date, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest events, `limit` at a time; pass the last (date, id) seen to get the next
/// page. Uses `events_by_date`, so a page costs the same at any depth.
pub fn page(conn: &Connection, before: Option<(NaiveDate, i64)>, limit: u32) -> Result<Vec<Event>> {
    // Dates are stored as YYYY-MM-DD text, so the first page starts after any of them.
    let (date, id) = match before {
        Some((d, id)) => (d.format("%Y-%m-%d").to_string(), id),
        None => ("9999-12-31".to_owned(), i64::MAX),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events
         WHERE deleted_at IS NULL AND (date, id) < (?1, ?2)
         ORDER BY date DESC, id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![date, id, limit], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct WeekTotal {
    /// The Monday of the week.
    pub week: NaiveDate,
    pub events: u32,
    pub hours: f64,
}

/// Events and hours per week (Monday to Sunday), oldest first. SQLite sums per day from
/// the covering `events_daily` index; the days are folded into weeks here, which is far
/// cheaper than asking SQLite to compute a week for every row.
pub fn weekly(conn: &Connection) -> Result<Vec<WeekTotal>> {
    use chrono::Datelike;
    let mut stmt = conn.prepare_cached(
        "SELECT date, count(*) AS events, total(hours) AS hours
         FROM events WHERE deleted_at IS NULL GROUP BY date ORDER BY date",
    )?;
    let days = stmt.query_map([], |r| {
        Ok((
            r.get::<_, NaiveDate>("date")?,
            r.get::<_, u32>("events")?,
            r.get::<_, f64>("hours")?,
        ))
    })?;
    let mut out: Vec<WeekTotal> = Vec::new();
    for day in days {
        let (date, events, hours) = day?;
        let week = date - chrono::Days::new(date.weekday().num_days_from_monday() as u64);
        match out.last_mut() {
            Some(w) if w.week == week => {
                w.events += events;
                w.hours += hours;
            }
            _ => out.push(WeekTotal {
                week,
                events,
                hours,
            }),
        }
    }
    Ok(out)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM events WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}
