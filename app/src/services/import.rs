//! Imports, in two steps. `review_import` parses and checks a file and keeps it staged;
//! nothing is written. `apply_import` makes an automatic backup of the database and then
//! applies the staged file in one transaction. File paths never come from the page: the
//! shell asks the user in a native dialog and hands the bytes here.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use pathwise_core::catalog::Pack;
use pathwise_core::problem::{capped, Code, Problem};
use pathwise_core::{own, Catalog};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::formats::backup::{self, Backup, ImportMode, ImportPreview};
use crate::formats::{csv, text_of, Staged};
use crate::services::catalog::put_own;
use crate::state::AppState;
use crate::store::{self, backups, backups::BackupInfo, events::NewEvent};
use pathwise_core::profile::EventKind;

/// A review lists at most this many problems, and says how many more there are.
const SHOWN: usize = 200;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ImportKind {
    Backup,
    /// A catalog pack: the user's own roles and skills.
    Pack,
    /// Events from CSV.
    Events,
}

impl ImportKind {
    pub fn filter(self) -> (&'static str, &'static str) {
        match self {
            ImportKind::Backup => ("Pathwise backup (JSON)", "json"),
            ImportKind::Pack => ("Catalog pack (JSON)", "json"),
            ImportKind::Events => ("CSV", "csv"),
        }
    }
}

/// What a file would change, or everything wrong with it. Nothing is written yet.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct ImportReview {
    pub kind: ImportKind,
    pub file: String,
    /// Empty when the file can be applied.
    pub problems: Vec<Problem>,
    /// The changes of a merge (every kind can merge).
    pub merge: Option<ImportPreview>,
    /// The changes of a replace (backups only).
    pub replace: Option<ImportPreview>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct ImportDone {
    /// The automatic backup made just before the import.
    pub backup: BackupInfo,
    pub applied: ImportPreview,
}

/// Checks a pack's text against the built-in catalog and the user's `own` entries; the
/// pack comes back marked as the user's own.
pub fn check_pack(bytes: &[u8], own_entries: &Pack) -> std::result::Result<Pack, Vec<Problem>> {
    let text = text_of(bytes).map_err(|p| vec![p])?;
    let mut pack = pathwise_core::catalog::parse_pack(text).map_err(|e| e.problems())?;
    if pack.skills.is_empty() && pack.roles.is_empty() {
        return Err(vec![Problem::new(Code::EmptyPack)]);
    }
    let base = pathwise_core::builtin();
    let mut problems = own::own_rules(base, &pack);
    problems.extend(own::duplicates(&pack));
    if !problems.is_empty() {
        return Err(problems);
    }
    pack.categories.clear();
    for s in &mut pack.skills {
        s.custom = true;
    }
    for r in &mut pack.roles {
        r.custom = true;
    }
    let problems = own::check(base, own_entries, &pack);
    if problems.is_empty() {
        Ok(pack)
    } else {
        Err(problems)
    }
}

/// An event to add, with what it is (work, or a self-assessment rating).
type Logged = (NewEvent, EventKind);

/// The CSV's events that are not in the log yet, and how many already are.
fn check_csv(
    bytes: &[u8],
    catalog: &Catalog,
    here: &[pathwise_core::profile::Event],
) -> std::result::Result<(Vec<Logged>, u32), Vec<Problem>> {
    let rows = csv::read(text_of(bytes).map_err(|p| vec![p])?)?;
    let problems: Vec<Problem> = rows
        .iter()
        .filter(|r| catalog.skill(&r.event.skill).is_none())
        .map(|r| {
            Problem::at(format!("line {}, skill", r.line), Code::UnknownSkill)
                .arg("id", &r.event.skill)
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    // An event is "already here" when every field matches one in the log.
    let key = |e: &pathwise_core::profile::Event| {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            e.date,
            e.skill,
            e.level,
            e.hours,
            e.note,
            e.evidence.as_deref().unwrap_or("")
        )
    };
    let mut known: HashSet<String> = here.iter().map(key).collect();
    let mut fresh = Vec::new();
    let mut unchanged = 0;
    for r in rows {
        if known.insert(key(&r.event.with_id(0))) {
            fresh.push((r.event, r.kind));
        } else {
            unchanged += 1;
        }
    }
    Ok((fresh, unchanged))
}

impl AppState {
    /// Parses and checks an imported file and stages it; writes nothing.
    pub fn review_import(
        &self,
        kind: ImportKind,
        file: &str,
        bytes: &[u8],
    ) -> Result<ImportReview> {
        let mut review = ImportReview {
            kind,
            file: file.to_owned(),
            problems: Vec::new(),
            merge: None,
            replace: None,
        };
        let checked = match kind {
            ImportKind::Backup => backup::parse(bytes).map(|b| Staged::Backup(Box::new(b))),
            ImportKind::Pack => check_pack(bytes, &self.own_entries()?).map(Staged::Pack),
            ImportKind::Events => {
                check_csv(bytes, &self.catalog()?, &self.events()?).map(|(fresh, unchanged)| {
                    review.merge = Some(ImportPreview {
                        events_added: fresh.len() as u32,
                        events_unchanged: unchanged,
                        ..ImportPreview::default()
                    });
                    Staged::Events(fresh)
                })
            }
        };
        let staged = match checked {
            Err(problems) => {
                review.problems = capped(problems, SHOWN);
                None
            }
            Ok(staged) => {
                match &staged {
                    Staged::Backup(b) => {
                        let here = self.events()?;
                        let has_plan = self.active_plan()?.is_some();
                        review.merge = Some(backup::preview(&here, has_plan, b, ImportMode::Merge));
                        review.replace =
                            Some(backup::preview(&here, has_plan, b, ImportMode::Replace));
                    }
                    Staged::Pack(pack) => {
                        review.merge = Some(ImportPreview {
                            custom_skills: pack.skills.len() as u32,
                            custom_roles: pack.roles.len() as u32,
                            ..ImportPreview::default()
                        })
                    }
                    Staged::Events(_) => {}
                }
                Some(staged)
            }
        };
        *self.staged() = staged;
        Ok(review)
    }

    pub fn cancel_import(&self) {
        *self.staged() = None;
    }

    /// Backs up the database, then applies the staged file in one transaction. If anything
    /// fails, the transaction rolls back and the data is as it was.
    pub fn apply_import(&self, mode: ImportMode, now: NaiveDateTime) -> Result<ImportDone> {
        let staged = self
            .staged()
            .take()
            .ok_or_else(|| Error::invalid(Problem::new(Code::NoStagedImport)))?;
        if mode == ImportMode::Replace && !matches!(staged, Staged::Backup(_)) {
            return Err(Error::invalid(Problem::new(Code::ReplaceNeedsBackup)));
        }
        let applied = match &staged {
            Staged::Backup(b) => {
                backup::preview(&self.events()?, self.active_plan()?.is_some(), b, mode)
            }
            Staged::Pack(p) => ImportPreview {
                custom_skills: p.skills.len() as u32,
                custom_roles: p.roles.len() as u32,
                ..ImportPreview::default()
            },
            Staged::Events(e) => ImportPreview {
                events_added: e.len() as u32,
                ..ImportPreview::default()
            },
        };
        let data_dir = self.data_dir.clone();
        self.with_db(|conn| {
            let info = backups::create_from(conn, &data_dir, "before-import", now)?;
            store::write(conn, |tx| match &staged {
                Staged::Backup(b) => apply_backup(tx, b, mode, now),
                // Checked again inside the transaction: the own entries may have changed
                // since the review.
                Staged::Pack(p) => put_own(tx, p, now),
                Staged::Events(events) => {
                    store::events::append_many(tx, events, now)?;
                    Ok(())
                }
            })?;
            Ok(ImportDone {
                backup: info,
                applied,
            })
        })
    }
}

/// Applies a checked backup in the caller's transaction.
pub(crate) fn apply_backup(
    tx: &rusqlite::Transaction,
    b: &Backup,
    mode: ImportMode,
    now: NaiveDateTime,
) -> Result<()> {
    let problems = backup::check(b);
    if !problems.is_empty() {
        return Err(Error::invalid_all(problems));
    }
    if mode == ImportMode::Replace {
        store::wipe(tx)?;
        store::settings::save(tx, &b.settings)?;
    }
    for s in &b.custom.skills {
        store::catalog::put_skill(tx, s, now)?;
    }
    for r in &b.custom.roles {
        store::catalog::put_role(tx, r, now)?;
    }
    store::events::insert_keeping_ids(tx, &b.events, now)?;
    if let Some(p) = &b.plan {
        if mode == ImportMode::Replace || store::plans::load_active(tx)?.is_none() {
            let made = b.plan_made.unwrap_or(now.date());
            store::plans::save_active(tx, p, store::plans::Dates::new(made), now)?;
        }
    }
    Ok(())
}
