//! The full backup as one JSON file: settings, the user's own roles and skills, the event
//! log and the active plan, with a format name and version. Reading one checks everything
//! before anything is written; applying it is one transaction.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use pathwise_core::catalog::Pack;
use pathwise_core::plan::Plan;
use pathwise_core::profile::Event;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{self, settings::Settings};
use crate::error::{Error, Result};

pub const FORMAT: &str = "pathwise-backup";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Backup {
    pub format: String,
    pub format_version: u32,
    pub exported_at: String,
    pub settings: Settings,
    pub custom: Pack,
    pub events: Vec<Event>,
    pub plan: Option<Plan>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "lowercase")]
pub enum ImportMode {
    /// Add what is new; keep everything already here.
    Merge,
    /// Make the data exactly the backup's (after an automatic backup of the current data).
    Replace,
}

/// What an import would change, shown before anything is written.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct ImportPreview {
    pub events_added: u32,
    pub events_unchanged: u32,
    pub events_removed: u32,
    pub custom_skills: u32,
    pub custom_roles: u32,
    pub settings_replaced: bool,
    pub plan_replaced: bool,
}

pub fn collect(conn: &Connection, now: NaiveDateTime) -> Result<Backup> {
    Ok(Backup {
        format: FORMAT.into(),
        format_version: VERSION,
        exported_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        settings: db::settings::load(conn)?,
        custom: db::catalog::load(conn)?,
        events: db::events::all(conn)?,
        plan: db::plans::load_active(conn)?,
    })
}

pub fn to_json(b: &Backup) -> String {
    serde_json::to_string_pretty(b).expect("a backup serializes")
}

/// Parses and checks a backup file. Every problem found is listed.
pub fn parse(bytes: &[u8]) -> std::result::Result<Backup, Vec<String>> {
    let text = super::text_of(bytes).map_err(|e| vec![e])?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![format!(
            "not valid JSON at line {}, column {}: {e}",
            e.line(),
            e.column()
        )]
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => {
            return Err(vec![format!(
                "this is not a Pathwise backup (no \"format\": \"{FORMAT}\")"
            )])
        }
    }
    match value.get("format_version").and_then(|v| v.as_u64()) {
        Some(v) if v == VERSION as u64 => {}
        Some(v) if v > VERSION as u64 => {
            return Err(vec![format!("the backup has format version {v}, written by a newer Pathwise; this one reads version {VERSION}")])
        }
        other => return Err(vec![format!("unsupported format version {other:?}")]),
    }
    let backup: Backup = serde_json::from_value(value)
        .map_err(|e| vec![format!("a field has the wrong type or is missing: {e}")])?;
    let problems = check(&backup);
    if problems.is_empty() {
        Ok(backup)
    } else {
        Err(problems)
    }
}

/// Everything that must hold before a backup may be applied.
pub fn check(b: &Backup) -> Vec<String> {
    let mut problems = Vec::new();
    let catalog = match pathwise_core::builtin().extended(&b.custom) {
        Ok(c) => Some(c),
        Err(e) => {
            problems.push(format!("custom: {e}"));
            None
        }
    };
    let mut ids = HashSet::new();
    for (i, e) in b.events.iter().enumerate() {
        let at = format!("events[{i}] (id {})", e.id);
        if !ids.insert(e.id) {
            problems.push(format!("{at}: duplicate id"));
        }
        if crate::journey::check_date(e.date).is_err() {
            problems.push(format!("{at}: the date {} is outside 1970–2200", e.date));
        }
        if e.level > 5 {
            problems.push(format!("{at}: level {} is not 0 to 5", e.level));
        }
        if !e.hours.is_finite() || e.hours < 0.0 || e.hours > 1_000.0 {
            problems.push(format!("{at}: hours {} are not 0 to 1000", e.hours));
        }
        if let Some(c) = &catalog {
            if c.skill(&e.skill).is_none() {
                problems.push(format!("{at}: unknown skill `{}`", e.skill));
            }
        }
        if e.evidence
            .as_deref()
            .is_some_and(|u| !u.is_empty() && !pathwise_core::catalog::is_web_url(u))
        {
            problems.push(format!("{at}: the evidence link is not http or https"));
        }
    }
    if let (Some(p), Some(c)) = (&b.plan, &catalog) {
        if c.role(&p.role).is_none() {
            problems.push(format!("plan: unknown role `{}`", p.role));
        }
        if p.items.iter().any(|i| i.start > i.due) {
            problems.push("plan: an item starts after it is due".into());
        }
        let dates = [p.input.start, p.packed_from, p.finish]
            .into_iter()
            .chain(p.input.deadline)
            .chain(p.input.holidays.iter().copied())
            .chain(p.items.iter().flat_map(|i| [i.start, i.due]));
        if let Some(d) = dates
            .into_iter()
            .find(|d| crate::journey::check_date(*d).is_err())
        {
            problems.push(format!("plan: the date {d} is outside 1970–2200"));
        }
        if p.input.holidays.len() > 1_000 || p.items.len() > 1_000_000 {
            problems.push("plan: too many holidays or items".into());
        }
    }
    problems
}

fn existing_events(conn: &Connection) -> Result<Vec<Event>> {
    db::events::all(conn)
}

pub fn preview(conn: &Connection, b: &Backup, mode: ImportMode) -> Result<ImportPreview> {
    let here = existing_events(conn)?;
    let same: HashSet<i64> = here
        .iter()
        .filter(|e| b.events.iter().any(|n| n == *e))
        .map(|e| e.id)
        .collect();
    let (added, removed) = match mode {
        ImportMode::Merge => (b.events.len() - same.len(), 0),
        ImportMode::Replace => (b.events.len() - same.len(), here.len() - same.len()),
    };
    Ok(ImportPreview {
        events_added: added as u32,
        events_unchanged: same.len() as u32,
        events_removed: removed as u32,
        custom_skills: b.custom.skills.len() as u32,
        custom_roles: b.custom.roles.len() as u32,
        settings_replaced: mode == ImportMode::Replace,
        plan_replaced: b.plan.is_some()
            && (mode == ImportMode::Replace || db::plans::load_active(conn)?.is_none()),
    })
}

/// Applies a checked backup in the caller's transaction. Event ids are kept, so an event
/// keeps its identity across export and import; in a merge, an incoming event whose id is
/// taken by a different event gets a new id.
pub fn apply(tx: &Transaction, b: &Backup, mode: ImportMode, now: NaiveDateTime) -> Result<()> {
    let problems = check(b);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems.join("; ")));
    }
    let stamp = now.format("%Y-%m-%dT%H:%M:%S").to_string();
    if mode == ImportMode::Replace {
        tx.execute_batch(
            "DELETE FROM changes; DELETE FROM events; DELETE FROM plan_items; DELETE FROM plans;
             DELETE FROM custom_skills; DELETE FROM custom_roles; DELETE FROM settings;",
        )?;
        db::settings::save(tx, &b.settings)?;
    }
    for s in &b.custom.skills {
        db::catalog::put_skill(tx, s, now)?;
    }
    for r in &b.custom.roles {
        db::catalog::put_role(tx, r, now)?;
    }
    let here: Vec<Event> = existing_events(tx)?;
    for e in &b.events {
        if here.iter().any(|h| h == e) {
            continue;
        }
        let taken: bool =
            tx.query_row("SELECT count(*) FROM events WHERE id = ?1", [e.id], |r| {
                r.get::<_, i64>(0)
            })? > 0;
        let id = if taken { None } else { Some(e.id) };
        tx.execute(
            "INSERT INTO events (id, date, skill, level, hours, note, evidence, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, e.date, e.skill, e.level, e.hours, e.note, e.evidence, stamp],
        )?;
    }
    if let Some(p) = &b.plan {
        if mode == ImportMode::Replace || db::plans::load_active(tx)?.is_none() {
            db::plans::save_active(tx, p, now)?;
        }
    }
    Ok(())
}
