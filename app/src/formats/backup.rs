//! The full backup as one JSON file: settings, the user's own roles and skills, the event
//! log and the active plan, with a format name and version. Reading one checks everything
//! before anything is written; what it would change is computed from values.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use pathwise_core::catalog::Pack;
use pathwise_core::plan::Plan;
use pathwise_core::problem::{shown, Code, Problem};
use pathwise_core::profile::Event;
use pathwise_core::value::{
    check_date, check_hours, check_level, check_many, check_note, is_web_url,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::settings::Settings;

pub const FORMAT: &str = "pathwise-backup";
pub const VERSION: u32 = 1;
/// A plan may have at most this many holidays.
pub const MAX_HOLIDAYS: usize = 1_000;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Backup {
    pub format: String,
    pub format_version: u32,
    pub exported_at: String,
    pub settings: Settings,
    pub custom: Pack,
    pub events: Vec<Event>,
    pub plan: Option<Plan>,
    /// The day the active plan was first made (older backups lack it).
    #[serde(default)]
    pub plan_made: Option<chrono::NaiveDate>,
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
#[derive(Debug, Clone, Default, Serialize, TS, PartialEq)]
pub struct ImportPreview {
    pub events_added: u32,
    pub events_unchanged: u32,
    pub events_removed: u32,
    pub custom_skills: u32,
    pub custom_roles: u32,
    pub settings_replaced: bool,
    pub plan_replaced: bool,
}

/// A backup of the given parts, stamped `now`.
pub fn assemble(
    settings: Settings,
    custom: Pack,
    events: Vec<Event>,
    plan: Option<Plan>,
    plan_made: Option<chrono::NaiveDate>,
    now: NaiveDateTime,
) -> Backup {
    Backup {
        format: FORMAT.into(),
        format_version: VERSION,
        exported_at: pathwise_core::stamp::seconds(now),
        settings,
        custom,
        events,
        plan,
        plan_made,
    }
}

pub fn to_json(b: &Backup) -> String {
    super::pretty::to_json(b).expect("a backup serializes")
}

/// Parses and checks a backup file. Every problem found is listed.
pub fn parse(bytes: &[u8]) -> Result<Backup, Vec<Problem>> {
    let text = super::text_of(bytes).map_err(|p| vec![p])?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem::new(Code::JsonSyntax)
            .arg("line", e.line())
            .arg("column", e.column())
            .arg("detail", e)]
    })?;
    if let Some(twice) = super::duplicate_key(text) {
        return Err(vec![twice]);
    }
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => return Err(vec![Problem::at("format", Code::NotABackup)]),
    }
    match value.get("format_version") {
        Some(v) if v.as_u64() == Some(VERSION as u64) => {}
        Some(v) if v.as_u64().is_some_and(|n| n > VERSION as u64) => {
            return Err(vec![Problem::at("format_version", Code::NewerFormat)
                .arg("version", v)
                .arg("supported", VERSION)])
        }
        other => {
            return Err(vec![Problem::at("format_version", Code::BadFormatVersion)
                .arg(
                    "value",
                    shown(
                        &other
                            .map(|v| v.to_string())
                            .unwrap_or_else(|| "nothing".into()),
                    ),
                )])
        }
    }
    // Read again from the text, not from the value: serde then knows the line and column
    // of the field that failed. (A path such as `events[0].date` would need
    // serde_path_to_error, whose code for every type in a backup cost the binary more than
    // its size budget allows; a line and column find the place in any editor.)
    drop(value);
    let backup: Backup = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let detail = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        vec![Problem::at(
            format!("line {}, column {}", e.line(), e.column()),
            Code::WrongType,
        )
        .arg("detail", shown(detail))]
    })?;
    let problems = check(&backup);
    if problems.is_empty() {
        Ok(backup)
    } else {
        Err(problems)
    }
}

/// Everything that must hold before a backup may be applied: the same checks as the
/// commands make, through the same functions.
pub fn check(b: &Backup) -> Vec<Problem> {
    let mut problems = Vec::new();
    let catalog = match pathwise_core::builtin().extended(&b.custom) {
        Ok(c) => Some(c),
        Err(e) => {
            problems.extend(e.problems().into_iter().map(|p| p.within("custom")));
            None
        }
    };
    let mut ids = HashSet::new();
    for (i, e) in b.events.iter().enumerate() {
        let at = format!("events[{i}] (id {})", e.id);
        if !ids.insert(e.id) {
            problems.push(Problem::at(&at, Code::DuplicateId).arg("id", e.id));
        }
        let checks = [
            check_date(e.date).map_err(|p| p.within("date")),
            check_level(e.level, 0).map_err(|p| p.within("level")),
            check_hours(e.hours).map_err(|p| p.within("hours")),
            check_note(&e.note).map_err(|p| p.within("note")),
        ];
        problems.extend(
            checks
                .into_iter()
                .filter_map(Result::err)
                .map(|p| p.within(&at)),
        );
        if let Some(c) = &catalog {
            if c.skill(&e.skill).is_none() {
                problems.push(
                    Problem::at(format!("{at}.skill"), Code::UnknownSkill)
                        .arg("id", shown(&e.skill)),
                );
            }
        }
        if let Some(u) = e
            .evidence
            .as_deref()
            .filter(|u| !u.is_empty() && !is_web_url(u))
        {
            problems.push(
                Problem::at(format!("{at}.evidence"), Code::UrlNotWeb).arg("value", shown(u)),
            );
        }
    }
    problems.extend(check_settings(&b.settings, catalog.as_ref()));
    if let (Some(p), Some(c)) = (&b.plan, &catalog) {
        if c.role(&p.role).is_none() {
            problems.push(Problem::at("plan.role", Code::UnknownRole).arg("id", shown(&p.role)));
        }
        for (i, item) in p.items.iter().enumerate() {
            if c.skill(&item.skill).is_none() {
                problems.push(
                    Problem::at(format!("plan.items[{i}].skill"), Code::UnknownSkill)
                        .arg("id", shown(&item.skill)),
                );
            }
        }
        if p.items.iter().any(|i| i.start > i.due) {
            problems.push(Problem::at("plan.items", Code::ItemAfterDue));
        }
        let dates = [p.input.start, p.packed_from, p.finish]
            .into_iter()
            .chain(p.input.deadline)
            .chain(p.input.holidays.iter().copied())
            .chain(p.items.iter().flat_map(|i| [i.start, i.due]));
        if let Some(err) = dates.into_iter().find_map(|d| check_date(d).err()) {
            problems.push(err.within("plan"));
        }
        for (i, h) in p.input.weekly_hours.iter().enumerate() {
            if let Err(err) = pathwise_core::value::check_day_hours(*h) {
                problems.push(err.within(&format!("plan.input.weekly_hours[{i}]")));
            }
        }
        if let Err(err) = check_many("holidays", p.input.holidays.len(), MAX_HOLIDAYS) {
            problems.push(err.within("plan.input.holidays"));
        }
    }
    problems
}

fn check_settings(s: &Settings, catalog: Option<&pathwise_core::Catalog>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let (Some(role), Some(c)) = (&s.target_role, catalog) {
        if c.role(role).is_none() {
            problems.push(
                Problem::at("settings.target_role", Code::UnknownRole).arg("id", shown(role)),
            );
        }
    }
    problems.extend(s.reminder.problem().map(|p| p.within("settings")));
    problems
}

/// What applying `b` in `mode` would change, given the events here and whether a plan
/// is active.
pub fn preview(here: &[Event], has_plan: bool, b: &Backup, mode: ImportMode) -> ImportPreview {
    let same = here.iter().filter(|e| b.events.contains(e)).count();
    let (added, removed) = match mode {
        ImportMode::Merge => (b.events.len() - same, 0),
        ImportMode::Replace => (b.events.len() - same, here.len() - same),
    };
    ImportPreview {
        events_added: added as u32,
        events_unchanged: same as u32,
        events_removed: removed as u32,
        custom_skills: b.custom.skills.len() as u32,
        custom_roles: b.custom.roles.len() as u32,
        settings_replaced: mode == ImportMode::Replace,
        plan_replaced: b.plan.is_some() && (mode == ImportMode::Replace || !has_plan),
    }
}
