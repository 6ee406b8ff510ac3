//! The profile and the self-assessment: levels derived from the log, ratings recorded as
//! events, fit to every role and the gap to one.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_core::fit::{Gap, RoleFit};
use pathwise_core::problem::{Code, Problem};
use pathwise_core::profile::{Event, EventKind, LevelChange, Profile};
use pathwise_core::value::{check_many, Day, Hours, Level, Note, RoleId, SkillId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store::{self, events::NewEvent};

/// At most this many ratings in one call (the catalog has far fewer skills).
pub const MAX_RATINGS: usize = 10_000;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProfileView {
    pub levels: BTreeMap<String, u8>,
    pub history: BTreeMap<String, Vec<LevelChange>>,
    pub hours: BTreeMap<String, f64>,
    /// Skills rated or logged at least once: "not rated" is not the same as a rating of 0.
    pub rated: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FitView {
    pub ranked: Vec<RoleFit>,
    pub formula: String,
    pub target_role: Option<RoleId>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct Rating {
    pub skill: SkillId,
    pub level: Level,
}

impl AppState {
    pub(crate) fn events(&self) -> Result<Vec<Event>> {
        self.with_db(|c| store::events::all(c))
    }

    pub(crate) fn derived(&self) -> Result<Profile> {
        Ok(pathwise_core::profile::derive(&self.events()?))
    }

    /// Refuses a skill the catalog does not have (the one check no type can make).
    pub(crate) fn known_skill(
        &self,
        catalog: &pathwise_core::Catalog,
        skill: &SkillId,
    ) -> Result<()> {
        if catalog.skill(skill).is_none() {
            return Err(Error::invalid(
                Problem::at("skill", Code::UnknownSkill).arg("id", skill),
            ));
        }
        Ok(())
    }

    pub fn profile(&self) -> Result<ProfileView> {
        let p = self.derived()?;
        Ok(ProfileView {
            levels: p.levels,
            history: p.history,
            hours: p.hours,
            rated: p.rated.into_iter().collect(),
        })
    }

    /// Records self-assessed levels as events dated `today`: the ones that changed, and a
    /// first rating of 0 (so the skill counts as rated from then on).
    pub fn rate(&self, ratings: &[Rating], today: NaiveDate, now: NaiveDateTime) -> Result<usize> {
        check_many("ratings", ratings.len(), MAX_RATINGS)?;
        let catalog = self.catalog()?;
        let current = self.derived()?;
        let date = Day::try_from(today)?;
        let mut changed = Vec::new();
        for r in ratings {
            self.known_skill(&catalog, &r.skill)?;
            let first = !current.rated.contains(&*r.skill);
            if first || current.level(&r.skill) != *r.level.get() {
                changed.push(NewEvent {
                    date,
                    skill: r.skill.clone(),
                    level: r.level,
                    hours: Hours::try_from(0.0)?,
                    note: Note::try_from(String::new())?,
                    evidence: None,
                });
            }
        }
        self.write(|tx| {
            for e in &changed {
                store::events::append_kind(tx, e, EventKind::Baseline, now)?;
            }
            Ok(changed.len())
        })
    }

    pub fn fit(&self) -> Result<FitView> {
        let catalog = self.catalog()?;
        let profile = self.derived()?;
        Ok(FitView {
            ranked: pathwise_core::fit::rank(&catalog, &profile.vector(&catalog)),
            formula: pathwise_core::fit::FORMULA.to_owned(),
            target_role: self.settings()?.target_role,
        })
    }

    pub fn gap(&self, role: &RoleId) -> Result<Gap> {
        let catalog = self.catalog()?;
        let profile = self.derived()?;
        Ok(pathwise_core::fit::gap(
            &catalog,
            &profile.vector(&catalog),
            role,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_for_unknown_skills_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), "2026-11-27T09:00:00".parse().unwrap());
        let rating = |skill: &str, level: u8| Rating {
            skill: SkillId::try_from(skill.to_owned()).unwrap(),
            level: Level::try_from(level).unwrap(),
        };
        let err = state
            .rate(
                &[rating("sql", 3), rating("no_such_skill", 1)],
                "2026-11-27".parse().unwrap(),
                "2026-11-27T09:00:00".parse().unwrap(),
            )
            .unwrap_err();
        assert_eq!(err.problems[0].code, Code::UnknownSkill);
        assert!(state.events().unwrap().is_empty());
    }

    #[test]
    fn a_first_rating_of_zero_is_recorded_once_and_marks_the_skill_rated() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), "2026-11-27T09:00:00".parse().unwrap());
        let ratings: Vec<Rating> =
            serde_json::from_str(r#"[{"skill":"sql","level":0},{"skill":"python","level":2}]"#)
                .unwrap();
        let (day, at) = (
            "2026-11-27".parse().unwrap(),
            "2026-11-27T09:00:00".parse().unwrap(),
        );
        assert_eq!(state.rate(&ratings, day, at).unwrap(), 2);
        let p = state.profile().unwrap();
        assert_eq!(p.rated, ["python", "sql"]);
        assert_eq!(p.levels.get("sql"), None, "a 0 is rated, not a level");
        assert_eq!(state.rate(&ratings, day, at).unwrap(), 0, "nothing changed");
    }
}
