//! Exports: the full backup, the plan as a calendar, the report, the event log as CSV,
//! and the user's own entries as a catalog pack. The shell asks where to save; this
//! makes the text and the name to suggest.

use chrono::{Local, NaiveDateTime, TimeZone, Utc};
use pathwise_core::problem::{Code, Problem};
use pathwise_core::value::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::formats::{backup, csv, ics, markdown};
use crate::state::AppState;
use crate::store;

/// Everything the database behind `c` holds, as a backup document.
pub(crate) fn backup_of(c: &rusqlite::Connection, now: NaiveDateTime) -> Result<backup::Backup> {
    Ok(backup::assemble(
        store::settings::load(c)?,
        store::catalog::load(c)?,
        store::events::all(c)?,
        store::plans::load_active(c)?,
        store::plans::dates(c)?.map(|d| d.made),
        now,
    ))
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// Everything, as one JSON file.
    Backup,
    /// The active plan as iCalendar.
    Calendar,
    /// Plan and progress as Markdown.
    Report,
    /// The event log as CSV.
    Events,
    /// The user's own roles and skills as a catalog pack (what `ImportKind::Pack` reads).
    Pack,
}

impl ExportKind {
    /// The file-type filter a save dialog offers: a name and the extension.
    pub fn filter(self) -> (&'static str, &'static str) {
        match self {
            ExportKind::Backup => ("Pathwise backup (JSON)", "json"),
            ExportKind::Calendar => ("iCalendar", "ics"),
            ExportKind::Report => ("Markdown", "md"),
            ExportKind::Events => ("CSV", "csv"),
            ExportKind::Pack => ("Catalog pack (JSON)", "json"),
        }
    }
}

/// A file to write: the name the save dialog suggests, and the text.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub name: String,
    pub text: String,
}

/// The instant of a local wall-clock time, for stamps that must be in UTC. A time the
/// clock skipped (a DST gap) is read as UTC rather than failing an export.
pub fn utc_of(local: NaiveDateTime) -> chrono::DateTime<Utc> {
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

impl AppState {
    /// Everything the user has, as a backup stamped `now`.
    pub fn backup(&self, now: NaiveDateTime) -> Result<backup::Backup> {
        self.with_db(|c| backup_of(c, now))
    }

    /// The text of an export and the file name to suggest.
    pub fn export_file(
        &self,
        kind: ExportKind,
        lang: Lang,
        now: NaiveDateTime,
    ) -> Result<ExportFile> {
        let stamp = now.date();
        let lang = lang.code();
        Ok(match kind {
            ExportKind::Backup => ExportFile {
                name: format!("pathwise-backup-{stamp}.json"),
                text: backup::to_json(&self.backup(now)?),
            },
            ExportKind::Pack => ExportFile {
                name: format!("pathwise-own-catalog-{stamp}.json"),
                text: crate::formats::pretty::to_json(&self.own_entries()?)
                    .expect("a pack serializes"),
            },
            ExportKind::Events => ExportFile {
                name: format!("pathwise-events-{stamp}.csv"),
                text: csv::write(&self.events()?),
            },
            ExportKind::Calendar => {
                let plan = self
                    .active_plan()?
                    .ok_or_else(|| Error::not_found(Problem::new(Code::NothingToExport)))?;
                ExportFile {
                    name: format!("pathwise-plan-{}.ics", plan.role),
                    text: ics::write(&plan, &self.catalog()?, lang, utc_of(now)),
                }
            }
            ExportKind::Report => {
                let catalog = self.catalog()?;
                let events = self.events()?;
                let plan = self.active_plan()?;
                let weekly = match &plan {
                    Some(p) => p.input.weekly_hours,
                    None => self.settings()?.weekly(),
                };
                let holidays = plan
                    .as_ref()
                    .map(|p| p.input.holidays.clone())
                    .unwrap_or_default();
                let streak =
                    pathwise_core::progress::streak(&events, &weekly, &holidays, now.date());
                ExportFile {
                    name: format!("pathwise-report-{stamp}.md"),
                    text: markdown::write(&markdown::Report {
                        catalog: &catalog,
                        events: &events,
                        plan: plan.as_ref(),
                        streak,
                        lang,
                        now,
                    }),
                }
            }
        })
    }
}
