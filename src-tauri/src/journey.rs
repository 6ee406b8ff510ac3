//! What the views ask for: each method reads from the store, asks the core, and writes
//! back in one transaction. Validation of every argument happens here, at the boundary.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use pathwise_core::catalog::{is_web_url, Catalog, Category, Role, Skill};
use pathwise_core::fit::{Gap, RoleFit};
use pathwise_core::level::LevelInfo;
use pathwise_core::plan::{Plan, PlanInput};
use pathwise_core::profile::{Event, LevelChange};
use pathwise_core::progress::{BurnUpWeek, DayActivity, FitSeries, PeriodSummary, Streak};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{self, events::NewEvent, settings::Settings};
use crate::error::{Error, Result};
use crate::state::AppState;

const MAX_NOTE: usize = 4_000;
const MAX_HOURS_PER_EVENT: f64 = 1_000.0;
/// Dates outside this range are typing mistakes, not study days.
const EARLIEST: (i32, u32, u32) = (1970, 1, 1);
const LATEST: (i32, u32, u32) = (2200, 12, 31);

#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogView {
    pub categories: Vec<Category>,
    pub skills: Vec<Skill>,
    pub roles: Vec<Role>,
    pub levels: Vec<LevelInfo>,
    /// The user's own entries that do not fit the current built-in catalog; they stay
    /// stored and come back when fixed.
    pub set_aside: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProfileView {
    pub levels: BTreeMap<String, u8>,
    pub history: BTreeMap<String, Vec<LevelChange>>,
    pub hours: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FitView {
    pub ranked: Vec<RoleFit>,
    pub formula: String,
    pub target_role: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct Rating {
    pub skill: String,
    pub level: u8,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineView {
    pub weeks: Vec<PeriodSummary>,
    pub months: Vec<PeriodSummary>,
    pub burn_up: Vec<BurnUpWeek>,
    pub activity: Vec<DayActivity>,
    pub streak: Streak,
    pub fit: FitSeries,
    pub events: Vec<Event>,
}

/// At most this many ratings in one call (the catalog has far fewer skills).
const MAX_RATINGS: usize = 10_000;
const MAX_ID: usize = 64;

/// A user-supplied string for an error message: short enough that a hostile megabyte is
/// not echoed back.
pub(crate) fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Ids of skills, roles and items: 1 to 64 letters, digits, `_`, `-` or `.`, as the
/// catalog's validation demands.
pub(crate) fn check_id(what: &str, id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "`{}` is not a {what} id (1 to {MAX_ID} letters, digits, `_`, `-` or `.`)",
            shown(id)
        )))
    }
}

/// The UI's languages; anything else is refused rather than guessed.
pub(crate) fn check_lang(lang: &str) -> Result<()> {
    match lang {
        "en" | "zh" => Ok(()),
        other => Err(Error::Invalid(format!(
            "unknown language `{}`",
            shown(other)
        ))),
    }
}

pub(crate) fn check_date(date: NaiveDate) -> Result<NaiveDate> {
    let lo = NaiveDate::from_ymd_opt(EARLIEST.0, EARLIEST.1, EARLIEST.2).unwrap();
    let hi = NaiveDate::from_ymd_opt(LATEST.0, LATEST.1, LATEST.2).unwrap();
    if date < lo || date > hi {
        return Err(Error::Invalid(format!(
            "the date {date} is outside 1970–2200"
        )));
    }
    Ok(date)
}

pub(crate) fn check_event(catalog: &Catalog, e: &NewEvent) -> Result<()> {
    check_date(e.date)?;
    check_id("skill", &e.skill)?;
    if catalog.skill(&e.skill).is_none() {
        return Err(Error::Invalid(format!("there is no skill `{}`", e.skill)));
    }
    if e.level > pathwise_core::level::MAX_LEVEL {
        return Err(Error::Invalid(format!(
            "a level is 0 to 5, not {}",
            e.level
        )));
    }
    if !e.hours.is_finite() || e.hours < 0.0 || e.hours > MAX_HOURS_PER_EVENT {
        return Err(Error::Invalid(format!(
            "hours must be 0 to {MAX_HOURS_PER_EVENT}, not {}",
            e.hours
        )));
    }
    if e.note.chars().count() > MAX_NOTE {
        return Err(Error::Invalid(format!(
            "a note is at most {MAX_NOTE} characters"
        )));
    }
    if let Some(url) = e.evidence.as_deref().filter(|u| !u.is_empty()) {
        if !is_web_url(url) {
            return Err(Error::Invalid(
                "an evidence link must start with http:// or https://".into(),
            ));
        }
    }
    Ok(())
}

fn check_input(input: &PlanInput) -> Result<()> {
    check_date(input.start)?;
    if let Some(d) = input.deadline {
        check_date(d)?;
    }
    if input.holidays.len() > 1_000 {
        return Err(Error::Invalid("at most 1000 holidays".into()));
    }
    for d in &input.holidays {
        check_date(*d)?;
    }
    Ok(())
}

impl AppState {
    /// The built-in catalog extended by the user's own entries.
    pub fn catalog(&self) -> Result<Catalog> {
        Ok(self.catalog_and_set_aside()?.0)
    }

    /// The catalog, and the user's own entries that no longer fit it.
    fn catalog_and_set_aside(&self) -> Result<(Catalog, Vec<String>)> {
        let pack = self.with_db(|c| db::catalog::load(c))?;
        if pack.skills.is_empty() && pack.roles.is_empty() {
            return Ok((pathwise_core::builtin().clone(), Vec::new()));
        }
        Ok(crate::portability::with_own(
            pathwise_core::builtin(),
            &pack,
        ))
    }

    pub fn catalog_view(&self) -> Result<CatalogView> {
        let (c, set_aside) = self.catalog_and_set_aside()?;
        Ok(CatalogView {
            categories: c.categories,
            skills: c.skills,
            roles: c.roles,
            levels: pathwise_core::level::scale(),
            set_aside,
        })
    }

    pub fn settings(&self) -> Result<Settings> {
        self.with_db(|c| db::settings::load(c))
    }

    pub fn save_settings(&self, s: Settings) -> Result<Settings> {
        if let Some(lang) = &s.language {
            check_lang(lang)?;
        }
        for h in s.weekly_hours {
            if !h.is_finite() || !(0.0..=24.0).contains(&h) {
                return Err(Error::Invalid(format!(
                    "hours per day are 0 to 24, not {h}"
                )));
            }
        }
        if let Some(d) = s.start_date {
            check_date(d)?;
        }
        if let Some(role) = &s.target_role {
            check_id("role", role)?;
            if self.catalog()?.role(role).is_none() {
                return Err(Error::Invalid(format!("there is no role `{role}`")));
            }
        }
        self.write(|tx| db::settings::save(tx, &s))?;
        Ok(s)
    }

    fn events(&self) -> Result<Vec<Event>> {
        self.with_db(|c| db::events::all(c))
    }

    pub fn profile(&self) -> Result<ProfileView> {
        let p = pathwise_core::profile::derive(&self.events()?);
        Ok(ProfileView {
            levels: p.levels,
            history: p.history,
            hours: p.hours,
        })
    }

    /// Records self-assessed levels as events dated `today` (only the ones that changed).
    pub fn rate(&self, ratings: &[Rating], today: NaiveDate, now: NaiveDateTime) -> Result<usize> {
        if ratings.len() > MAX_RATINGS {
            return Err(Error::Invalid(format!(
                "at most {MAX_RATINGS} ratings at once"
            )));
        }
        let catalog = self.catalog()?;
        let current = pathwise_core::profile::derive(&self.events()?);
        let mut changed = Vec::new();
        for r in ratings {
            let e = NewEvent {
                date: today,
                skill: r.skill.clone(),
                level: r.level,
                hours: 0.0,
                note: "self-assessment".into(),
                evidence: None,
            };
            check_event(&catalog, &e)?;
            if current.level(&r.skill) != r.level {
                changed.push(e);
            }
        }
        self.write(|tx| {
            for e in &changed {
                db::events::append(tx, e, now)?;
            }
            Ok(changed.len())
        })
    }

    pub fn fit(&self) -> Result<FitView> {
        let catalog = self.catalog()?;
        let profile = pathwise_core::profile::derive(&self.events()?);
        Ok(FitView {
            ranked: pathwise_core::fit::rank(&catalog, &profile.vector(&catalog)),
            formula: pathwise_core::fit::FORMULA.to_owned(),
            target_role: self.settings()?.target_role,
        })
    }

    pub fn gap(&self, role: &str) -> Result<Gap> {
        check_id("role", role)?;
        let catalog = self.catalog()?;
        let profile = pathwise_core::profile::derive(&self.events()?);
        Ok(pathwise_core::fit::gap(
            &catalog,
            &profile.vector(&catalog),
            role,
        )?)
    }

    pub fn make_plan(&self, role: &str, input: &PlanInput, now: NaiveDateTime) -> Result<Plan> {
        check_id("role", role)?;
        check_input(input)?;
        let catalog = self.catalog()?;
        let profile = pathwise_core::profile::derive(&self.events()?);
        let plan = pathwise_core::plan::plan(&catalog, &profile.vector(&catalog), role, input)?;
        self.write(|tx| db::plans::save_active(tx, &plan, now))?;
        Ok(plan)
    }

    pub fn active_plan(&self) -> Result<Option<Plan>> {
        self.with_db(|c| db::plans::load_active(c))
    }

    pub fn replan(&self, today: NaiveDate, now: NaiveDateTime) -> Result<Plan> {
        let previous = self
            .active_plan()?
            .ok_or_else(|| Error::Invalid("there is no plan yet: generate one first".into()))?;
        let progress = pathwise_core::progress::item_progress(&previous, &self.events()?);
        let plan = pathwise_core::plan::replan(&previous, &progress, today)?;
        self.write(|tx| db::plans::save_active(tx, &plan, now))?;
        Ok(plan)
    }

    pub fn log_event(&self, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
        check_event(&self.catalog()?, e)?;
        self.write(|tx| db::events::append(tx, e, now))
    }

    pub fn edit_event(&self, id: i64, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
        check_event(&self.catalog()?, e)?;
        self.write(|tx| db::events::edit(tx, id, e, now))
    }

    pub fn delete_event(&self, id: i64, now: NaiveDateTime) -> Result<()> {
        self.write(|tx| db::events::delete(tx, id, now))
    }

    pub fn undo(&self) -> Result<Option<String>> {
        self.write(db::events::undo)
    }

    pub fn timeline(&self, today: NaiveDate) -> Result<TimelineView> {
        use pathwise_core::progress as pr;
        let catalog = self.catalog()?;
        let events = self.events()?;
        let settings = self.settings()?;
        let plan = self.active_plan()?;
        let (weekly, holidays) = match &plan {
            Some(p) => (p.input.weekly_hours, p.input.holidays.clone()),
            None => (settings.weekly_hours, Vec::new()),
        };
        let year_ago = today.checked_sub_days(Days::new(364)).unwrap_or(today);
        let mut newest_first = events.clone();
        newest_first.reverse();
        Ok(TimelineView {
            weeks: pr::by_period(&events, pr::Period::Week),
            months: pr::by_period(&events, pr::Period::Month),
            burn_up: plan
                .as_ref()
                .map(|p| pr::burn_up(p, &events, today))
                .unwrap_or_default(),
            activity: pr::activity(&events, year_ago, today),
            streak: pr::streak(&events, &weekly, &holidays, today),
            fit: pr::fit_over_time(&catalog, &events),
            events: newest_first,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        "2026-11-27T09:00:00".parse().unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ev(date: &str, skill: &str, level: u8, hours: f64) -> NewEvent {
        NewEvent {
            date: day(date),
            skill: skill.into(),
            level,
            hours,
            note: String::new(),
            evidence: None,
        }
    }

    /// Expects `log_event` to refuse `e` with a message containing `why`, writing nothing.
    fn check_refused(state: &AppState, e: NewEvent, why: &str) {
        let before = state.with_db(|c| db::events::count(c)).unwrap();
        let err = state.log_event(&e, now()).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Invalid);
        assert!(err.to_string().contains(why), "{err}");
        assert_eq!(state.with_db(|c| db::events::count(c)).unwrap(), before);
    }

    #[test]
    fn events_are_validated_at_the_boundary() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        check_refused(
            &state,
            ev("2026-01-01", "no_such_skill", 1, 1.0),
            "no skill",
        );
        check_refused(&state, ev("2026-01-01", "sql", 6, 1.0), "0 to 5");
        check_refused(&state, ev("2026-01-01", "sql", 1, -1.0), "hours");
        check_refused(&state, ev("2026-01-01", "sql", 1, f64::NAN), "hours");
        check_refused(&state, ev("1900-01-01", "sql", 1, 1.0), "outside");
        let mut bad = ev("2026-01-01", "sql", 1, 1.0);
        bad.evidence = Some("javascript:alert(1)".into());
        check_refused(&state, bad, "http");
        let mut long = ev("2026-01-01", "sql", 1, 1.0);
        long.note = "x".repeat(MAX_NOTE + 1);
        check_refused(&state, long, "at most");
        assert!(state
            .log_event(&ev("2026-01-01", "sql", 1, 1.0), now())
            .is_ok());
    }

    #[test]
    fn rating_logging_and_fit_move_together() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let before = state.fit().unwrap();
        let de = |f: &FitView| {
            f.ranked
                .iter()
                .find(|r| r.role == "data_engineer")
                .unwrap()
                .fit
        };
        assert_eq!(de(&before), 0.0);
        let n = state
            .rate(
                &[
                    Rating {
                        skill: "sql".into(),
                        level: 3,
                    },
                    Rating {
                        skill: "python".into(),
                        level: 0,
                    },
                ],
                day("2026-11-27"),
                now(),
            )
            .unwrap();
        assert_eq!(n, 1, "python stays at 0, so only sql is logged");
        let after = state.fit().unwrap();
        assert!(de(&after) > 0.0);
        let plan = state
            .make_plan(
                "data_engineer",
                &PlanInput {
                    start: day("2026-11-30"),
                    weekly_hours: [1.0; 7],
                    holidays: vec![],
                    deadline: None,
                },
                now(),
            )
            .unwrap();
        assert_eq!(state.active_plan().unwrap(), Some(plan.clone()));
        let first = &plan.items[0];
        state
            .log_event(
                &ev("2026-12-01", &first.skill, first.level, first.hours),
                now(),
            )
            .unwrap();
        let again = state.replan(day("2026-12-02"), now()).unwrap();
        assert!(again.items[0].done);
        let timeline = state.timeline(day("2026-12-02")).unwrap();
        assert_eq!(timeline.events.len(), 2);
        assert!(timeline.burn_up.iter().any(|w| w.actual_steps == 1));
        assert_eq!(state.undo().unwrap().as_deref(), Some("append"));
        assert_eq!(state.timeline(day("2026-12-02")).unwrap().events.len(), 1);
    }

    #[test]
    fn settings_are_validated() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let mut s = state.settings().unwrap();
        s.target_role = Some("astronaut".into());
        assert!(state.save_settings(s.clone()).is_err());
        s.target_role = Some("data_engineer".into());
        s.weekly_hours[0] = 30.0;
        assert!(state.save_settings(s.clone()).is_err());
        s.weekly_hours[0] = 2.0;
        s.language = Some("zh".into());
        assert_eq!(state.save_settings(s.clone()).unwrap(), s);
        assert_eq!(state.settings().unwrap(), s);
    }
}
