//! The event log: append-only. A delete sets `deleted_at` (undo clears it); an edit
//! appends the new version and soft-deletes the old one, both recorded in `changes`.

use chrono::NaiveDateTime;
use pathwise_core::profile::{Event, EventKind};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use pathwise_core::problem::{Code, Problem};
use pathwise_core::value::{optional_url, Day, Hours, HttpUrl, Level, Note, SkillId};

use super::dates::DbDate;
use crate::error::{Error, Result};

/// An event as the user enters it (no id yet).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct NewEvent {
    pub date: Day,
    pub skill: SkillId,
    pub level: Level,
    pub hours: Hours,
    #[serde(default = "no_note")]
    #[ts(as = "String")]
    pub note: Note,
    #[serde(default, deserialize_with = "optional_url")]
    #[ts(as = "Option<String>")]
    pub evidence: Option<HttpUrl>,
}

fn no_note() -> Note {
    Note::try_from(String::new()).expect("an empty note is valid")
}

impl NewEvent {
    /// An event from plain parts, each checked as if it had come from the UI.
    pub fn parse(
        date: chrono::NaiveDate,
        skill: &str,
        level: u8,
        hours: f64,
        note: &str,
        evidence: Option<&str>,
    ) -> Result<NewEvent, Problem> {
        Ok(NewEvent {
            date: Day::try_from(date)?,
            skill: SkillId::try_from(skill.to_owned())?,
            level: Level::try_from(level)?,
            hours: Hours::try_from(hours)?,
            note: Note::try_from(note.to_owned())?,
            evidence: evidence
                .filter(|e| !e.is_empty())
                .map(|e| HttpUrl::try_from(e.to_owned()))
                .transpose()?,
        })
    }

    /// The event as the log will hold it, with `id`.
    pub fn with_id(&self, id: i64) -> Event {
        Event {
            id,
            date: self.date.get(),
            skill: self.skill.to_string(),
            level: *self.level.get(),
            hours: *self.hours.get(),
            note: self.note.get().clone(),
            evidence: self.evidence.as_ref().map(|u| u.get().clone()),
            kind: EventKind::Work,
        }
    }
}

const COLUMNS: &str = "id, date, skill, level, hours, note, evidence, kind";

fn kind_text(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Work => "work",
        EventKind::Baseline => "baseline",
    }
}

/// Reads columns by position (in `COLUMNS` order), and the date and kind without
/// allocating: a 200,000-event log is read in one go for the timeline.
fn from_row(row: &Row) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        date: row.get::<_, DbDate>(1)?.0,
        skill: row.get(2)?,
        level: row.get(3)?,
        hours: row.get(4)?,
        note: row.get(5)?,
        evidence: row.get(6)?,
        kind: match row.get_ref(7)?.as_str()? {
            "baseline" => EventKind::Baseline,
            _ => EventKind::Work,
        },
    })
}

fn stamp(now: NaiveDateTime) -> String {
    pathwise_core::stamp::seconds(now)
}

/// The one way an entered event becomes a row. The statement is cached, so a bulk
/// import prepares it once.
fn insert(tx: &Transaction, e: &NewEvent, kind: EventKind, at: &str) -> Result<i64> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (date, skill, level, hours, note, evidence, created_at, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    stmt.execute(params![
        DbDate(e.date.get()),
        &*e.skill,
        e.level.get(),
        e.hours.get(),
        e.note.get(),
        e.evidence.as_ref().map(|u| u.get()),
        at,
        kind_text(kind),
    ])?;
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

/// Logs work: an undoable step of the log.
pub fn append(tx: &Transaction, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
    append_kind(tx, e, EventKind::Work, now)
}

/// Logs an event of `kind` (a self-assessment rating is a baseline), undoable.
pub fn append_kind(
    tx: &Transaction,
    e: &NewEvent,
    kind: EventKind,
    now: NaiveDateTime,
) -> Result<i64> {
    let id = insert(tx, e, kind, &stamp(now))?;
    record(tx, "append", id, None, now)?;
    Ok(id)
}

/// Appends many events without recording undo steps (imports, benchmarks).
pub fn append_many(
    tx: &Transaction,
    events: &[(NewEvent, EventKind)],
    now: NaiveDateTime,
) -> Result<usize> {
    let at = stamp(now);
    for (e, kind) in events {
        insert(tx, e, *kind, &at)?;
    }
    Ok(events.len())
}

fn set_deleted(tx: &Transaction, id: i64, when: Option<String>) -> Result<()> {
    let n = tx.execute(
        "UPDATE events SET deleted_at = ?2 WHERE id = ?1",
        params![id, when],
    )?;
    if n == 0 {
        return Err(Error::not_found(
            Problem::new(Code::EventNotFound).arg("id", id),
        ));
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
    // An edit keeps what the event was: a corrected rating stays a rating.
    let kind = live(tx, id)?.kind;
    set_deleted(tx, id, Some(stamp(now)))?;
    let new = insert(tx, e, kind, &stamp(now))?;
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
    .ok_or_else(|| Error::not_found(Problem::new(Code::EventNotFound).arg("id", id)))
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

/// Every live self-assessment rating, oldest first: the few events the log view groups
/// without reading the whole log.
pub fn baselines(conn: &Connection) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE deleted_at IS NULL AND kind = 'baseline'
         ORDER BY date, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live events dated before `before` (or all, for None), newest first, in whole days:
/// at least `limit` of them when there are that many, never half a day.
pub fn newest_days(conn: &Connection, before: Option<&str>, limit: usize) -> Result<Vec<Event>> {
    let before = before.unwrap_or("9999-12-31");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events
         WHERE deleted_at IS NULL AND date < ?1 AND date >= coalesce(
             (SELECT date FROM events WHERE deleted_at IS NULL AND date < ?1
              ORDER BY date DESC, id DESC LIMIT 1 OFFSET ?2),
             '0000-00-00')
         ORDER BY date DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![before, limit.saturating_sub(1) as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM events WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Live events logged for `skill`.
pub fn count_for_skill(conn: &Connection, skill: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM events WHERE skill = ?1 AND deleted_at IS NULL",
        [skill],
        |r| r.get(0),
    )?)
}

/// Adds events from a backup, skipping any identical to a live one. Each keeps its id
/// when that id is free (so an event keeps its identity across export and import), and
/// gets a new one otherwise. No undo steps: an import is undone by its backup.
pub fn insert_keeping_ids(tx: &Transaction, events: &[Event], now: NaiveDateTime) -> Result<usize> {
    let here = all(tx)?;
    let at = stamp(now);
    let mut added = 0;
    for e in events {
        if here.iter().any(|h| h == e) {
            continue;
        }
        let taken: bool =
            tx.query_row("SELECT count(*) FROM events WHERE id = ?1", [e.id], |r| {
                r.get::<_, i64>(0)
            })? > 0;
        let id = if taken { None } else { Some(e.id) };
        tx.execute(
            "INSERT INTO events (id, date, skill, level, hours, note, evidence, created_at, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                DbDate(e.date),
                e.skill,
                e.level,
                e.hours,
                e.note,
                e.evidence,
                at,
                kind_text(e.kind)
            ],
        )?;
        added += 1;
    }
    Ok(added)
}
