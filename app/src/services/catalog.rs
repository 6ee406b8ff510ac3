//! The catalog the app works with: the built-in one extended by the user's own roles and
//! skills, and editing those own entries. Own ids are minted here, from the name.

use chrono::NaiveDateTime;
use pathwise_core::catalog::{Catalog, Category, Pack, Role, Skill};
use pathwise_core::level::LevelInfo;
use pathwise_core::own;
use pathwise_core::problem::{capped, Code, Problem};
use pathwise_core::value::{RoleId, SkillId};
use pathwise_core::RoleSummary;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store;

#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogView {
    pub categories: Vec<Category>,
    pub skills: Vec<Skill>,
    pub roles: Vec<Role>,
    pub levels: Vec<LevelInfo>,
    /// The user's own entries that do not fit the current built-in catalog; they stay
    /// stored and come back when fixed.
    pub set_aside: Vec<Problem>,
}

/// Adds or replaces own entries inside `tx`: the user's entries with `extra` merged in
/// are checked as a whole before anything is written.
pub(crate) fn put_own(tx: &rusqlite::Transaction, extra: &Pack, now: NaiveDateTime) -> Result<()> {
    let mine = store::catalog::load(tx)?;
    let problems = own::check(pathwise_core::builtin(), &mine, extra);
    if !problems.is_empty() {
        // A save with a bad value in every row says the first few and how many more.
        return Err(Error::invalid_all(capped(problems, 20)));
    }
    for s in &extra.skills {
        store::catalog::put_skill(tx, s, now)?;
    }
    for r in &extra.roles {
        store::catalog::put_role(tx, r, now)?;
    }
    Ok(())
}

impl AppState {
    /// The built-in catalog extended by the user's own entries.
    pub fn catalog(&self) -> Result<Catalog> {
        Ok(self.catalog_and_set_aside()?.0)
    }

    /// The catalog, and the user's own entries that no longer fit it.
    fn catalog_and_set_aside(&self) -> Result<(Catalog, Vec<Problem>)> {
        let pack = self.own_entries()?;
        if pack.skills.is_empty() && pack.roles.is_empty() {
            return Ok((pathwise_core::builtin().clone(), Vec::new()));
        }
        Ok(own::with_own(pathwise_core::builtin(), &pack))
    }

    pub(crate) fn own_entries(&self) -> Result<Pack> {
        self.with_db(|c| store::catalog::load(c))
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

    pub fn list_roles(&self) -> Result<Vec<RoleSummary>> {
        Ok(pathwise_core::role_summaries(pathwise_core::builtin()))
    }

    /// An id for a new own entry: empty ids are minted from the English name.
    fn mint(&self, id: &mut String, name: &str) -> Result<()> {
        if id.is_empty() {
            let catalog = self.catalog()?;
            let own = self.own_entries()?;
            *id = own::new_id(name, |candidate| {
                catalog.skill(candidate).is_some()
                    || catalog.role(candidate).is_some()
                    || own.skills.iter().any(|s| s.id == candidate)
                    || own.roles.iter().any(|r| r.id == candidate)
            });
        }
        Ok(())
    }

    /// Adds or replaces one of the user's own skills; a new one (empty id) gets its id here.
    pub fn save_own_skill(&self, mut skill: Skill, now: NaiveDateTime) -> Result<Skill> {
        skill.custom = true;
        let name = skill.name.en.clone();
        self.mint(&mut skill.id, &name)?;
        let extra = Pack {
            skills: vec![skill],
            ..Pack::default()
        };
        self.write(|tx| put_own(tx, &extra, now))?;
        Ok(extra.skills.into_iter().next().expect("one skill"))
    }

    /// Adds or replaces one of the user's own roles; a new one (empty id) gets its id here.
    pub fn save_own_role(&self, mut role: Role, now: NaiveDateTime) -> Result<Role> {
        role.custom = true;
        let name = role.name.en.clone();
        self.mint(&mut role.id, &name)?;
        let extra = Pack {
            roles: vec![role],
            ..Pack::default()
        };
        self.write(|tx| put_own(tx, &extra, now))?;
        Ok(extra.roles.into_iter().next().expect("one role"))
    }

    /// Deletes an own skill that nothing uses: no logged event, no active plan step, no
    /// other own entry.
    pub fn delete_own_skill(&self, id: &SkillId) -> Result<()> {
        let mut own = self.own_entries()?;
        let Some(at) = own.skills.iter().position(|s| s.id == **id) else {
            return Err(Error::not_found(
                Problem::new(Code::NotOwnSkill).arg("id", id),
            ));
        };
        let logged = self.with_db(|c| store::events::count_for_skill(c, id))?;
        if logged > 0 {
            return Err(Error::invalid(
                Problem::new(Code::SkillHasEvents).arg("count", logged),
            ));
        }
        if self
            .active_plan()?
            .is_some_and(|p| p.items.iter().any(|i| *i.skill == **id))
        {
            return Err(Error::invalid(Problem::new(Code::SkillInPlan)));
        }
        own.skills.remove(at);
        let users: Vec<String> = own
            .skills
            .iter()
            .filter(|s| s.prerequisites.iter().any(|p| p.skill == **id))
            .map(|s| s.id.clone())
            .chain(
                own.roles
                    .iter()
                    .filter(|r| r.requirements.iter().any(|q| q.skill == **id))
                    .map(|r| r.id.clone()),
            )
            .collect();
        if !users.is_empty() {
            return Err(Error::invalid(
                Problem::new(Code::SkillUsedBy).arg("entries", users.join(", ")),
            ));
        }
        self.write(|tx| store::catalog::delete_skill(tx, id).map(|_| ()))
    }

    /// Deletes an own role; if it was the target role, no role is targeted any more.
    pub fn delete_own_role(&self, id: &RoleId) -> Result<()> {
        let own = self.own_entries()?;
        if !own.roles.iter().any(|r| r.id == **id) {
            return Err(Error::not_found(
                Problem::new(Code::NotOwnRole).arg("id", id),
            ));
        }
        if self.active_plan()?.is_some_and(|p| p.role == **id) {
            return Err(Error::invalid(Problem::new(Code::RoleInPlan)));
        }
        let mut settings = self.settings()?;
        self.write(|tx| {
            store::catalog::delete_role(tx, id)?;
            if settings.target_role.as_ref() == Some(id) {
                settings.target_role = None;
                store::settings::save(tx, &settings)?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_eight_roles_of_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), "2026-11-27T09:00:00".parse().unwrap());
        let roles = state.list_roles().unwrap();
        assert_eq!(roles.len(), 8);
        assert_eq!(roles[4].name.en, "Data engineer");
    }
}
