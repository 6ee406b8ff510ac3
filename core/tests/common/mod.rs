#![allow(dead_code)]

use pathwise_core::catalog::{
    Category, Pack, Prerequisite, Requirement, Role, Skill, Source, Text,
};
use pathwise_core::profile::{Event, EventKind};
use pathwise_core::Catalog;

pub fn text(s: &str) -> Text {
    Text {
        en: s.into(),
        zh: String::new(),
    }
}

pub fn skill(id: &str, hours: [f64; 5], prereqs: &[(&str, u8)]) -> Skill {
    Skill {
        id: id.into(),
        category: "c".into(),
        name: text(id),
        description: Text::default(),
        hours: hours.to_vec(),
        levels: Vec::new(),
        hours_basis: Default::default(),
        prerequisites: prereqs
            .iter()
            .map(|(s, l)| Prerequisite {
                skill: s.to_string(),
                level: *l,
            })
            .collect(),
        resources: vec![],
        custom: false,
    }
}

pub fn role(id: &str, needs: &[(&str, u8, u8)]) -> Role {
    Role {
        id: id.into(),
        name: text(id),
        summary: text(id),
        responsibilities: vec![],
        requirements: needs
            .iter()
            .map(|(s, level, importance)| Requirement {
                skill: s.to_string(),
                level: *level,
                importance: *importance,
                source: Source::Pathwise,
                note: String::new(),
            })
            .collect(),
        custom: false,
    }
}

pub fn pack(skills: Vec<Skill>, roles: Vec<Role>) -> Pack {
    Pack {
        format_version: 1,
        categories: vec![Category {
            id: "c".into(),
            name: text("C"),
        }],
        skills,
        roles,
    }
}

/// a ← b (needs a@2) ← c (needs b@1); d stands alone.
/// r1 needs b@2 (importance 5) and d@1 (1); r2 needs c@1 (3) and a@3 (2).
pub fn tiny() -> Catalog {
    Catalog::from_pack(pack(
        vec![
            skill("a", [1.0, 2.0, 3.0, 4.0, 5.0], &[]),
            skill("b", [1.0, 1.0, 1.0, 1.0, 1.0], &[("a", 2)]),
            skill("c", [0.5, 0.5, 0.5, 0.5, 0.5], &[("b", 1)]),
            skill("d", [2.0, 2.0, 2.0, 2.0, 2.0], &[]),
        ],
        vec![
            role("r1", &[("b", 2, 5), ("d", 1, 1)]),
            role("r2", &[("c", 1, 3), ("a", 3, 2)]),
        ],
    ))
    .unwrap()
}

/// Levels for `catalog` from (skill, level) pairs.
pub fn levels(catalog: &Catalog, pairs: &[(&str, u8)]) -> Vec<u8> {
    let mut v = vec![0u8; catalog.skills.len()];
    for (s, l) in pairs {
        v[catalog.skill_idx(s).unwrap()] = *l;
    }
    v
}

pub fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

pub fn ev(id: i64, day: &str, skill: &str, level: u8, hours: f64) -> Event {
    Event {
        id,
        date: date(day),
        skill: skill.into(),
        level,
        hours,
        note: String::new(),
        evidence: None,
        kind: EventKind::Work,
    }
}

/// A self-assessment entry: sets the level, is not progress.
pub fn base(id: i64, day: &str, skill: &str, level: u8) -> Event {
    Event {
        kind: EventKind::Baseline,
        ..ev(id, day, skill, level, 0.0)
    }
}
