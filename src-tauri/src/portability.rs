//! Taking data anywhere: exports (backup JSON, calendar, report, CSV), imports with a
//! preview (backup, catalog pack, CSV events), and the user's own roles and skills.
//!
//! An import is two steps. `review_import` parses and checks the file and keeps it staged;
//! nothing is written. `apply_import` makes an automatic backup of the database and then
//! applies the staged file in one transaction. File paths never come from the page: the
//! commands ask the user in a native dialog and hand the bytes here.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_core::catalog::{Catalog, Pack, Problem, Role, Skill};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{self, backups, backups::BackupInfo, events::NewEvent};
use crate::error::{Error, Result};
use crate::export::backup::{self, Backup, ImportMode, ImportPreview};
use crate::export::{csv, ics, markdown};
use crate::journey::{check_event, check_id, check_lang};
use crate::state::AppState;

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

/// A file to write: the name the save dialog suggests, and the text.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub name: String,
    pub text: String,
}

/// What a file would change, or everything wrong with it. Nothing is written yet.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct ImportReview {
    pub kind: ImportKind,
    pub file: String,
    /// Empty when the file can be applied.
    pub problems: Vec<String>,
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

/// A checked file waiting for the user's go-ahead.
#[derive(Debug, Clone)]
pub enum Staged {
    Backup(Box<Backup>),
    Pack(Pack),
    Events(Vec<NewEvent>),
}

/// Limits on the user's own catalog, so a pack cannot grow the database without bound.
const MAX_OWN_SKILLS: usize = 2_000;
const MAX_OWN_ROLES: usize = 500;
/// Prerequisites of a skill, requirements and responsibilities of a role.
const MAX_LIST: usize = 200;

fn empty_preview() -> ImportPreview {
    ImportPreview {
        events_added: 0,
        events_unchanged: 0,
        events_removed: 0,
        custom_skills: 0,
        custom_roles: 0,
        settings_replaced: false,
        plan_replaced: false,
    }
}

/// Rewrites `skills[57] (x)…` locations of a merged catalog into where the entry is in
/// `pack` (the file or the user's own entries), so a message points at the user's text.
pub fn relocate(problems: &[Problem], pack: &Pack) -> Vec<String> {
    problems
        .iter()
        .map(|p| {
            let loc = &p.location;
            let rewritten = ["skills", "roles"].iter().find_map(|list| {
                let rest = loc.strip_prefix(list)?.strip_prefix('[')?;
                let (_, after) = rest.split_once("] (")?;
                let (id, tail) = after.split_once(')')?;
                let at = match *list {
                    "skills" => pack.skills.iter().position(|s| s.id == id),
                    _ => pack.roles.iter().position(|r| r.id == id),
                };
                Some(match at {
                    Some(j) => format!("{list}[{j}] ({id}){tail}"),
                    None => format!("built-in {list} ({id}){tail}"),
                })
            });
            format!(
                "{}: {}",
                rewritten.unwrap_or_else(|| loc.clone()),
                p.message
            )
        })
        .collect()
}

/// Problems that the core's validation does not know about: own entries must have their
/// own ids (not a built-in one), keep to the built-in categories and stay within limits.
fn own_rules(pack: &Pack) -> Vec<String> {
    let base = pathwise_core::builtin();
    let mut out = Vec::new();
    for (i, c) in pack.categories.iter().enumerate() {
        if !base.categories.iter().any(|b| b.id == c.id) {
            out.push(format!(
                "categories[{i}] ({}): own categories are not supported; use one of {}",
                c.id,
                base.categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    for (i, s) in pack.skills.iter().enumerate() {
        if base.skill(&s.id).is_some() {
            out.push(format!(
                "skills[{i}] ({}).id: `{}` is a built-in skill; your own skills need their own id",
                s.id, s.id
            ));
        }
    }
    for (i, r) in pack.roles.iter().enumerate() {
        if base.role(&r.id).is_some() {
            out.push(format!(
                "roles[{i}] ({}).id: `{}` is a built-in role; your own roles need their own id",
                r.id, r.id
            ));
        }
    }
    for (i, s) in pack.skills.iter().enumerate() {
        if s.prerequisites.len() > MAX_LIST {
            out.push(format!(
                "skills[{i}] ({}).prerequisites: at most {MAX_LIST}",
                s.id
            ));
        }
    }
    for (i, r) in pack.roles.iter().enumerate() {
        if r.requirements.len() > MAX_LIST || r.responsibilities.len() > MAX_LIST {
            out.push(format!(
                "roles[{i}] ({}): at most {MAX_LIST} requirements and {MAX_LIST} responsibilities",
                r.id
            ));
        }
    }
    if pack.skills.len() > MAX_OWN_SKILLS {
        out.push(format!(
            "skills: at most {MAX_OWN_SKILLS} own skills, found {}",
            pack.skills.len()
        ));
    }
    if pack.roles.len() > MAX_OWN_ROLES {
        out.push(format!(
            "roles: at most {MAX_OWN_ROLES} own roles, found {}",
            pack.roles.len()
        ));
    }
    out
}

/// Adds or replaces own entries inside `tx`: the user's entries with `extra` merged in
/// are validated as a whole (like the built-in catalog) before anything is written.
fn put_own(tx: &rusqlite::Transaction, extra: &Pack, now: NaiveDateTime) -> Result<()> {
    let all = db::catalog::load(tx)?.merged(extra);
    let problems = check_own(pathwise_core::builtin(), &all);
    if !problems.is_empty() {
        return Err(Error::Invalid(listed(&problems)));
    }
    for s in &extra.skills {
        db::catalog::put_skill(tx, s, now)?;
    }
    for r in &extra.roles {
        db::catalog::put_role(tx, r, now)?;
    }
    Ok(())
}

/// Every problem with the user's own entries on top of `base`, located in `own`.
fn check_own(base: &Catalog, own: &Pack) -> Vec<String> {
    let mut problems = own_rules(own);
    if let Err(e) = base.extended(own) {
        match e {
            pathwise_core::Error::InvalidCatalog(found) => problems.extend(relocate(&found, own)),
            other => problems.push(other.to_string()),
        }
    }
    problems
}

/// The catalog with the user's own entries. An own entry that no longer fits (a new
/// built-in catalog dropped a skill it needs, say) is set aside, not lost: it stays in the
/// database and is reported, and the rest of the app keeps working.
pub fn with_own(base: &Catalog, own: &Pack) -> (Catalog, Vec<String>) {
    if let Ok(c) = base.extended(own) {
        return (c, Vec::new());
    }
    let mut kept = Pack::default();
    let mut set_aside = Vec::new();
    // Skills first (roles need them); a skill may need another own skill listed later, so
    // repeat until nothing more can be added.
    let mut pending: Vec<&Skill> = own.skills.iter().collect();
    loop {
        let before = pending.len();
        pending.retain(|s| {
            let mut trial = kept.clone();
            trial.skills.push((*s).clone());
            if base.extended(&trial).is_ok() {
                kept = trial;
                false
            } else {
                true
            }
        });
        if pending.len() == before {
            break;
        }
    }
    set_aside.extend(pending.iter().map(|s| format!("skill `{}`", s.id)));
    for r in &own.roles {
        let mut trial = kept.clone();
        trial.roles.push(r.clone());
        if base.extended(&trial).is_ok() {
            kept = trial;
        } else {
            set_aside.push(format!("role `{}`", r.id));
        }
    }
    let catalog = base.extended(&kept).unwrap_or_else(|_| base.clone());
    (catalog, set_aside)
}

/// Problems one per line; a long list is cut after the first 20 so a message stays readable.
fn listed(problems: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut out = problems[..problems.len().min(SHOWN)].join("\n");
    if problems.len() > SHOWN {
        out.push_str(&format!("\n… and {} more", problems.len() - SHOWN));
    }
    out
}

fn file_stamp(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%d").to_string()
}

impl AppState {
    /// The text of an export and the file name to suggest.
    pub fn export_file(
        &self,
        kind: ExportKind,
        lang: &str,
        now: NaiveDateTime,
    ) -> Result<ExportFile> {
        check_lang(lang)?;
        let stamp = file_stamp(now);
        Ok(match kind {
            ExportKind::Backup => ExportFile {
                name: format!("pathwise-backup-{stamp}.json"),
                text: backup::to_json(&self.with_db(|c| backup::collect(c, now))?),
            },
            ExportKind::Pack => ExportFile {
                name: format!("pathwise-own-catalog-{stamp}.json"),
                text: serde_json::to_string_pretty(&self.with_db(|c| db::catalog::load(c))?)
                    .expect("a pack serializes"),
            },
            ExportKind::Events => ExportFile {
                name: format!("pathwise-events-{stamp}.csv"),
                text: csv::write(&self.with_db(|c| db::events::all(c))?),
            },
            ExportKind::Calendar => {
                let plan = self.active_plan()?.ok_or_else(|| {
                    Error::Invalid("there is no plan to export: generate one first".into())
                })?;
                ExportFile {
                    name: format!("pathwise-plan-{}.ics", plan.role),
                    text: ics::write(&plan, &self.catalog()?, lang, now),
                }
            }
            ExportKind::Report => {
                let catalog = self.catalog()?;
                let events = self.with_db(|c| db::events::all(c))?;
                let plan = self.active_plan()?;
                let weekly = plan
                    .as_ref()
                    .map(|p| p.input.weekly_hours)
                    .unwrap_or(self.settings()?.weekly_hours);
                let holidays = plan
                    .as_ref()
                    .map(|p| p.input.holidays.clone())
                    .unwrap_or_default();
                let today = now.date();
                let streak = pathwise_core::progress::streak(&events, &weekly, &holidays, today);
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
        let staged = match kind {
            ImportKind::Backup => match backup::parse(bytes) {
                Err(problems) => {
                    review.problems = problems;
                    None
                }
                Ok(b) => {
                    let (merge, replace) = self.with_db(|c| {
                        Ok((
                            backup::preview(c, &b, ImportMode::Merge)?,
                            backup::preview(c, &b, ImportMode::Replace)?,
                        ))
                    })?;
                    review.merge = Some(merge);
                    review.replace = Some(replace);
                    Some(Staged::Backup(Box::new(b)))
                }
            },
            ImportKind::Pack => match self.check_pack(bytes) {
                Err(problems) => {
                    review.problems = problems;
                    None
                }
                Ok(pack) => {
                    review.merge = Some(ImportPreview {
                        custom_skills: pack.skills.len() as u32,
                        custom_roles: pack.roles.len() as u32,
                        ..empty_preview()
                    });
                    Some(Staged::Pack(pack))
                }
            },
            ImportKind::Events => match self.check_csv(bytes) {
                Err(problems) => {
                    review.problems = problems;
                    None
                }
                Ok((fresh, unchanged)) => {
                    review.merge = Some(ImportPreview {
                        events_added: fresh.len() as u32,
                        events_unchanged: unchanged,
                        ..empty_preview()
                    });
                    Some(Staged::Events(fresh))
                }
            },
        };
        // A file with a bad line in every row would list millions; the first ones say enough.
        const SHOWN: usize = 200;
        if review.problems.len() > SHOWN {
            let more = review.problems.len() - SHOWN;
            review.problems.truncate(SHOWN);
            review.problems.push(format!("… and {more} more"));
        }
        *self.staged() = staged;
        Ok(review)
    }

    fn check_pack(&self, bytes: &[u8]) -> std::result::Result<Pack, Vec<String>> {
        let text = crate::export::text_of(bytes).map_err(|e| vec![e])?;
        let mut pack = match pathwise_core::catalog::parse_pack(text) {
            Ok(p) => p,
            Err(pathwise_core::Error::InvalidCatalog(found)) => {
                return Err(found
                    .iter()
                    .map(|p| format!("{}: {}", p.location, p.message))
                    .collect())
            }
            Err(e) => return Err(vec![e.to_string()]),
        };
        if pack.skills.is_empty() && pack.roles.is_empty() {
            return Err(vec!["the pack has no skills and no roles".into()]);
        }
        let mut problems = own_rules(&pack);
        // A pack's duplicate ids would silently collapse in the merge below.
        let mut seen = HashSet::new();
        for (i, s) in pack.skills.iter().enumerate() {
            if !seen.insert(&s.id) {
                problems.push(format!("skills[{i}] ({}).id: duplicate id", s.id));
            }
        }
        let mut seen = HashSet::new();
        for (i, r) in pack.roles.iter().enumerate() {
            if !seen.insert(&r.id) {
                problems.push(format!("roles[{i}] ({}).id: duplicate id", r.id));
            }
        }
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
        let own = self
            .with_db(|c| db::catalog::load(c))
            .map_err(|e| vec![e.to_string()])?;
        let all = own.merged(&pack);
        if let Err(pathwise_core::Error::InvalidCatalog(found)) =
            pathwise_core::builtin().extended(&all)
        {
            return Err(relocate(&found, &pack));
        }
        Ok(pack)
    }

    /// The CSV's events that are not in the log yet, and how many already are.
    fn check_csv(&self, bytes: &[u8]) -> std::result::Result<(Vec<NewEvent>, u32), Vec<String>> {
        let text = crate::export::text_of(bytes).map_err(|e| vec![e])?;
        let events = csv::read(text)?;
        let catalog = self.catalog().map_err(|e| vec![e.to_string()])?;
        let problems: Vec<String> = events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                check_event(&catalog, e)
                    .err()
                    .map(|err| format!("row {}: {err}", i + 1))
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let here = self
            .with_db(|c| db::events::all(c))
            .map_err(|e| vec![e.to_string()])?;
        let key = |d: NaiveDate, s: &str, l: u8, h: f64, n: &str, ev: Option<&str>| {
            format!(
                "{d}\u{1f}{s}\u{1f}{l}\u{1f}{h}\u{1f}{n}\u{1f}{}",
                ev.unwrap_or("")
            )
        };
        let mut known: HashSet<String> = here
            .iter()
            .map(|e| {
                key(
                    e.date,
                    &e.skill,
                    e.level,
                    e.hours,
                    &e.note,
                    e.evidence.as_deref(),
                )
            })
            .collect();
        let mut fresh = Vec::new();
        let mut unchanged = 0;
        for e in events {
            if known.insert(key(
                e.date,
                &e.skill,
                e.level,
                e.hours,
                &e.note,
                e.evidence.as_deref(),
            )) {
                fresh.push(e);
            } else {
                unchanged += 1;
            }
        }
        Ok((fresh, unchanged))
    }

    fn staged(&self) -> std::sync::MutexGuard<'_, Option<Staged>> {
        self.staged.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn cancel_import(&self) {
        *self.staged() = None;
    }

    /// Backs up the database, then applies the staged file in one transaction. If anything
    /// fails, the transaction rolls back and the data is as it was.
    pub fn apply_import(&self, mode: ImportMode, now: NaiveDateTime) -> Result<ImportDone> {
        let staged = self.staged().take().ok_or_else(|| {
            Error::Invalid("there is no checked file to import; choose one first".into())
        })?;
        if mode == ImportMode::Replace && !matches!(staged, Staged::Backup(_)) {
            return Err(Error::Invalid(
                "only a full backup can replace your data".into(),
            ));
        }
        let data_dir = self.data_dir.clone();
        self.with_db(|conn| {
            let applied = match &staged {
                Staged::Backup(b) => backup::preview(conn, b, mode)?,
                Staged::Pack(p) => ImportPreview {
                    custom_skills: p.skills.len() as u32,
                    custom_roles: p.roles.len() as u32,
                    ..empty_preview()
                },
                Staged::Events(e) => ImportPreview {
                    events_added: e.len() as u32,
                    ..empty_preview()
                },
            };
            let info = backups::create_from(conn, &data_dir, "before-import", now)?;
            db::write(conn, |tx| match &staged {
                Staged::Backup(b) => backup::apply(tx, b, mode, now),
                // Checked again inside the transaction: the own entries may have changed
                // since the review.
                Staged::Pack(p) => put_own(tx, p, now),
                Staged::Events(events) => {
                    db::events::append_many(tx, events, now)?;
                    Ok(())
                }
            })?;
            Ok(ImportDone {
                backup: info,
                applied,
            })
        })
    }

    /// Adds or replaces one of the user's own skills.
    pub fn save_own_skill(&self, mut skill: Skill, now: NaiveDateTime) -> Result<Skill> {
        skill.custom = true;
        let extra = Pack {
            skills: vec![skill],
            ..Pack::default()
        };
        self.write(|tx| put_own(tx, &extra, now))?;
        Ok(extra.skills.into_iter().next().expect("one skill"))
    }

    /// Adds or replaces one of the user's own roles.
    pub fn save_own_role(&self, mut role: Role, now: NaiveDateTime) -> Result<Role> {
        role.custom = true;
        let extra = Pack {
            roles: vec![role],
            ..Pack::default()
        };
        self.write(|tx| put_own(tx, &extra, now))?;
        Ok(extra.roles.into_iter().next().expect("one role"))
    }

    /// Deletes an own skill that nothing uses: no logged event, no active plan step, no
    /// other own entry.
    pub fn delete_own_skill(&self, id: &str) -> Result<()> {
        check_id("skill", id)?;
        let mut own = self.with_db(|c| db::catalog::load(c))?;
        let Some(at) = own.skills.iter().position(|s| s.id == id) else {
            return Err(Error::Invalid(format!(
                "`{id}` is not one of your own skills"
            )));
        };
        let logged: i64 = self.with_db(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM events WHERE skill = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?)
        })?;
        if logged > 0 {
            return Err(Error::Invalid(format!(
                "you logged {logged} event(s) for this skill; delete them in the log first"
            )));
        }
        if self
            .active_plan()?
            .is_some_and(|p| p.items.iter().any(|i| &*i.skill == id))
        {
            return Err(Error::Invalid(
                "your active plan has steps for this skill; plan for another role first".into(),
            ));
        }
        own.skills.remove(at);
        let users: Vec<String> = own
            .skills
            .iter()
            .filter(|s| s.prerequisites.iter().any(|p| p.skill == id))
            .map(|s| format!("skill `{}`", s.id))
            .chain(
                own.roles
                    .iter()
                    .filter(|r| r.requirements.iter().any(|q| q.skill == id))
                    .map(|r| format!("role `{}`", r.id)),
            )
            .collect();
        if !users.is_empty() {
            return Err(Error::Invalid(format!(
                "these of your entries use it: {}; change them first",
                users.join(", ")
            )));
        }
        self.write(|tx| db::catalog::delete_skill(tx, id).map(|_| ()))
    }

    /// Deletes an own role; if it was the target role, no role is targeted any more.
    pub fn delete_own_role(&self, id: &str) -> Result<()> {
        check_id("role", id)?;
        let own = self.with_db(|c| db::catalog::load(c))?;
        if !own.roles.iter().any(|r| r.id == id) {
            return Err(Error::Invalid(format!(
                "`{id}` is not one of your own roles"
            )));
        }
        if self.active_plan()?.is_some_and(|p| p.role == id) {
            return Err(Error::Invalid(
                "your active plan is for this role; plan for another role first".into(),
            ));
        }
        let mut settings = self.settings()?;
        self.write(|tx| {
            db::catalog::delete_role(tx, id)?;
            if settings.target_role.as_deref() == Some(id) {
                settings.target_role = None;
                db::settings::save(tx, &settings)?;
            }
            Ok(())
        })
    }
}
