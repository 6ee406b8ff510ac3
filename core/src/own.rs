//! The user's own roles and skills on top of the built-in catalog: the rules they keep
//! beyond a catalog's validation, where their problems are in the user's own file, and
//! which of them still fit when the built-in catalog changes.

use std::collections::HashSet;

use crate::catalog::{validate_located, Catalog, Pack, Skill};
use crate::problem::{shown, Code, Problem};
use crate::value::check_many;

/// Limits on the user's own catalog, so a pack cannot grow the database without bound.
pub const MAX_OWN_SKILLS: usize = 2_000;
pub const MAX_OWN_ROLES: usize = 500;
/// Prerequisites of a skill, requirements and responsibilities of a role.
pub const MAX_LIST: usize = 200;

/// Problems the catalog's validation does not know about: own entries have their own ids
/// (never a built-in one), keep to the built-in categories and stay within limits.
pub fn own_rules(base: &Catalog, pack: &Pack) -> Vec<Problem> {
    let mut out = Vec::new();
    let allowed = base
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    for (i, c) in pack.categories.iter().enumerate() {
        if !base.categories.iter().any(|b| b.id == c.id) {
            out.push(
                Problem::at(
                    format!("categories[{i}] ({})", shown(&c.id)),
                    Code::OwnCategory,
                )
                .arg("allowed", &allowed),
            );
        }
    }
    for (i, s) in pack.skills.iter().enumerate() {
        let at = format!("skills[{i}] ({})", shown(&s.id));
        if base.skill(&s.id).is_some() {
            out.push(Problem::at(format!("{at}.id"), Code::BuiltinId).arg("id", &s.id));
        }
        if let Err(p) = check_many("prerequisites", s.prerequisites.len(), MAX_LIST) {
            out.push(p.within(&format!("{at}.prerequisites")));
        }
    }
    for (i, r) in pack.roles.iter().enumerate() {
        let at = format!("roles[{i}] ({})", shown(&r.id));
        if base.role(&r.id).is_some() {
            out.push(Problem::at(format!("{at}.id"), Code::BuiltinId).arg("id", &r.id));
        }
        if let Err(p) = check_many("requirements", r.requirements.len(), MAX_LIST) {
            out.push(p.within(&format!("{at}.requirements")));
        }
        if let Err(p) = check_many("responsibilities", r.responsibilities.len(), MAX_LIST) {
            out.push(p.within(&format!("{at}.responsibilities")));
        }
    }
    if let Err(p) = check_many("own skills", pack.skills.len(), MAX_OWN_SKILLS) {
        out.push(p.within("skills"));
    }
    if let Err(p) = check_many("own roles", pack.roles.len(), MAX_OWN_ROLES) {
        out.push(p.within("roles"));
    }
    out
}

/// Ids a pack lists twice: the merge with the user's entries would silently keep one.
pub fn duplicates(pack: &Pack) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, s) in pack.skills.iter().enumerate() {
        if !seen.insert(&s.id) {
            out.push(
                Problem::at(
                    format!("skills[{i}] ({}).id", shown(&s.id)),
                    Code::DuplicateId,
                )
                .arg("id", &s.id),
            );
        }
    }
    let mut seen = HashSet::new();
    for (i, r) in pack.roles.iter().enumerate() {
        if !seen.insert(&r.id) {
            out.push(
                Problem::at(
                    format!("roles[{i}] ({}).id", shown(&r.id)),
                    Code::DuplicateId,
                )
                .arg("id", &r.id),
            );
        }
    }
    out
}

/// Every problem with `file` (a pack, or the user's own entries with an edit merged in)
/// on top of `base` and the user's `own` entries, each located in `file`: an entry the
/// file has is named by its position there, any other by its id.
pub fn check(base: &Catalog, own: &Pack, file: &Pack) -> Vec<Problem> {
    let mut problems = own_rules(base, file);
    problems.extend(duplicates(file));
    let merged = base.to_pack().merged(&own.clone().merged(file));
    let at = |list: &str, _: usize, id: &str| {
        let found = match list {
            "skills" => file.skills.iter().position(|s| s.id == id),
            _ => file.roles.iter().position(|r| r.id == id),
        };
        match found {
            Some(j) => format!("{list}[{j}] ({})", shown(id)),
            None if own.skills.iter().any(|s| s.id == id)
                || own.roles.iter().any(|r| r.id == id) =>
            {
                format!("your {list} ({})", shown(id))
            }
            None => format!("built-in {list} ({})", shown(id)),
        }
    };
    problems.extend(validate_located(&merged, &at));
    problems
}

/// The catalog with the user's own entries. An own entry that no longer fits (a new
/// built-in catalog dropped a skill it needs, say) is set aside, not lost: it stays stored
/// and is reported, and the rest of the app keeps working.
pub fn with_own(base: &Catalog, own: &Pack) -> (Catalog, Vec<Problem>) {
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
    set_aside.extend(
        pending
            .iter()
            .map(|s| Problem::new(Code::SetAsideSkill).arg("id", &s.id)),
    );
    for r in &own.roles {
        let mut trial = kept.clone();
        trial.roles.push(r.clone());
        if base.extended(&trial).is_ok() {
            kept = trial;
        } else {
            set_aside.push(Problem::new(Code::SetAsideRole).arg("id", &r.id));
        }
    }
    let catalog = base.extended(&kept).unwrap_or_else(|_| base.clone());
    (catalog, set_aside)
}

/// A fresh id for an own entry made from its English name: `own_<slug>`, with a number
/// when that is taken. Ids are minted here only, so the UI never invents one.
pub fn new_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('_') {
            slug.push('_');
        }
    }
    let slug: String = slug.trim_matches('_').chars().take(40).collect();
    let base = if slug.is_empty() {
        "own_entry".to_owned()
    } else {
        format!("own_{slug}")
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_come_from_the_name_and_avoid_taken_ones() {
        let check = |name: &str, taken: &[&str], expect: &str| {
            assert_eq!(new_id(name, |id| taken.contains(&id)), expect, "{name}");
        };
        check("Prompt Engineering", &[], "own_prompt_engineering");
        check(
            "Prompt Engineering",
            &["own_prompt_engineering"],
            "own_prompt_engineering_2",
        );
        check(
            "Prompt  engineering!",
            &["own_prompt_engineering", "own_prompt_engineering_2"],
            "own_prompt_engineering_3",
        );
        check("数据治理", &[], "own_entry");
        check("  ", &["own_entry"], "own_entry_2");
        assert!(new_id(&"x".repeat(500), |_| false).len() <= 64);
    }

    #[test]
    fn problems_point_into_the_users_file() {
        let base = crate::builtin();
        let mut file = Pack::default();
        let mut skill = base.skills[0].clone();
        skill.id = "own_a".into();
        skill.custom = true;
        skill.prerequisites = vec![crate::catalog::Prerequisite {
            skill: "nope".into(),
            level: 1,
        }];
        file.skills.push(skill);
        let problems = check(base, &Pack::default(), &file);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "skills[0] (own_a).prerequisites[0].skill");
        assert_eq!(problems[0].code, Code::UnknownSkill);
    }
}
