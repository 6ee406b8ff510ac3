//! The user's levels, derived from the event log: the latest event of a skill (by date,
//! then id) sets its level, so a self-assessment can also lower one.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Catalog;

/// Where an event comes from. A baseline (the self-assessment) says where the user
/// stands; it sets levels like work does, but it is not progress: it adds no hours, no
/// steps, no streak days and no level-ups.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    #[default]
    Work,
    Baseline,
}

/// One entry of the event log: on `date`, `skill` reached `level`, after `hours` of work.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Event {
    pub id: i64,
    pub date: NaiveDate,
    pub skill: String,
    pub level: u8,
    pub hours: f64,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Option<String>,
    /// Logs written before baselines existed hold only work.
    #[serde(default)]
    pub kind: EventKind,
}

impl Event {
    pub fn is_baseline(&self) -> bool {
        self.kind == EventKind::Baseline
    }

    /// Hours that count as work: a baseline's hours (should it carry any) are not progress.
    pub fn work_hours(&self) -> f64 {
        match self.kind {
            EventKind::Work => self.hours,
            EventKind::Baseline => 0.0,
        }
    }
}

/// A change of a skill's level, for its history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct LevelChange {
    pub date: NaiveDate,
    pub event_id: i64,
    pub from: u8,
    pub to: u8,
    /// Set by a self-assessment ("assessed") rather than reached by work.
    #[serde(default)]
    pub baseline: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
pub struct Profile {
    /// Current level per skill id; skills never logged are absent (level 0).
    pub levels: BTreeMap<String, u8>,
    /// Per skill id, how each level was reached, oldest first.
    pub history: BTreeMap<String, Vec<LevelChange>>,
    /// Hours logged per skill id.
    pub hours: BTreeMap<String, f64>,
    /// Skills with at least one event (a rating or logged work), whatever their level:
    /// a skill rated 0 is here, a skill nobody rated is not.
    #[serde(default)]
    pub rated: BTreeSet<String>,
}

impl Profile {
    pub fn level(&self, skill: &str) -> u8 {
        self.levels.get(skill).copied().unwrap_or(0)
    }

    /// The levels as a vector indexed like `catalog.skills`; unknown skill ids are ignored
    /// (a skill the user deleted from their own catalog keeps its history but counts nowhere).
    pub fn vector(&self, catalog: &Catalog) -> Vec<u8> {
        let mut out = vec![0u8; catalog.skills.len()];
        for (id, &level) in &self.levels {
            if let Some(i) = catalog.skill_idx(id) {
                out[i] = level;
            }
        }
        out
    }
}

/// Events in the order they apply: by date, then by id.
pub fn chronological(events: &[Event]) -> Vec<&Event> {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    sorted
}

pub fn derive(events: &[Event]) -> Profile {
    let mut profile = Profile::default();
    for e in chronological(events) {
        let from = profile.level(&e.skill);
        if from != e.level {
            profile
                .history
                .entry(e.skill.clone())
                .or_default()
                .push(LevelChange {
                    date: e.date,
                    event_id: e.id,
                    from,
                    to: e.level,
                    baseline: e.is_baseline(),
                });
        }
        profile.levels.insert(e.skill.clone(), e.level);
        profile.rated.insert(e.skill.clone());
        if !e.is_baseline() {
            *profile.hours.entry(e.skill.clone()).or_default() += e.hours;
        }
    }
    profile.levels.retain(|_, l| *l > 0);
    profile
}

/// Work hours logged on a skill since its level last changed: work towards the next step.
/// A rise ends it (the hours went into the level reached); a lower level starts it again
/// from that event, since the step it aimed at is no longer the next one.
pub fn partial_hours(events: &[Event]) -> BTreeMap<String, f64> {
    let mut level: BTreeMap<&str, u8> = BTreeMap::new();
    let mut partial: BTreeMap<String, f64> = BTreeMap::new();
    for e in chronological(events) {
        let before = level.get(e.skill.as_str()).copied().unwrap_or(0);
        let p = partial.entry(e.skill.clone()).or_default();
        if e.level > before {
            *p = 0.0;
        } else if e.level < before {
            *p = e.work_hours();
        } else {
            *p += e.work_hours();
        }
        level.insert(&e.skill, e.level);
    }
    partial.retain(|_, h| *h > 0.0);
    partial
}

/// One self-assessment: the baseline events of one day, shown as a single line of the log.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct Assessment {
    pub date: NaiveDate,
    /// The baseline events of that day, in the order they apply.
    pub event_ids: Vec<i64>,
    /// Distinct skills rated.
    pub skills: u32,
}

/// The baseline events grouped by day, newest first.
pub fn assessments(events: &[Event]) -> Vec<Assessment> {
    let mut days: BTreeMap<NaiveDate, (Vec<i64>, BTreeSet<&str>)> = BTreeMap::new();
    for e in chronological(events) {
        if e.is_baseline() {
            let day = days.entry(e.date).or_default();
            day.0.push(e.id);
            day.1.insert(&e.skill);
        }
    }
    days.into_iter()
        .rev()
        .map(|(date, (event_ids, skills))| Assessment {
            date,
            event_ids,
            skills: skills.len() as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn ev(id: i64, date: &str, skill: &str, level: u8, hours: f64) -> Event {
        Event {
            id,
            date: date.parse().unwrap(),
            skill: skill.into(),
            level,
            hours,
            note: String::new(),
            evidence: None,
            kind: EventKind::Work,
        }
    }

    fn base(id: i64, date: &str, skill: &str, level: u8) -> Event {
        Event {
            kind: EventKind::Baseline,
            ..ev(id, date, skill, level, 0.0)
        }
    }

    fn check(events: &[Event], levels: &[(&str, u8)], partial: &[(&str, f64)]) {
        let p = derive(events);
        let want: BTreeMap<String, u8> = levels.iter().map(|(s, l)| (s.to_string(), *l)).collect();
        assert_eq!(p.levels, want);
        let want: BTreeMap<String, f64> =
            partial.iter().map(|(s, h)| (s.to_string(), *h)).collect();
        assert_eq!(partial_hours(events), want);
    }

    #[test]
    fn a_skill_rated_zero_is_rated_and_one_never_rated_is_not() {
        let p = derive(&[
            base(1, "2026-01-01", "sql", 0),
            base(2, "2026-01-01", "python", 2),
            ev(3, "2026-01-02", "docker", 0, 1.5),
        ]);
        assert_eq!(p.level("sql"), 0);
        assert!(
            !p.levels.contains_key("sql"),
            "levels keep only what is above 0"
        );
        let rated: Vec<&str> = p.rated.iter().map(String::as_str).collect();
        assert_eq!(rated, ["docker", "python", "sql"]);
        assert!(!p.rated.contains("git"));
    }

    #[test]
    fn levels_and_partial_hours() {
        check(&[], &[], &[]);
        check(&[ev(1, "2026-01-01", "sql", 2, 10.0)], &[("sql", 2)], &[]);
        // Later date wins regardless of id order.
        check(
            &[
                ev(2, "2026-01-05", "sql", 3, 5.0),
                ev(1, "2026-01-01", "sql", 2, 10.0),
            ],
            &[("sql", 3)],
            &[],
        );
        // Same date: higher id wins.
        check(
            &[
                ev(1, "2026-01-01", "sql", 3, 0.0),
                ev(2, "2026-01-01", "sql", 1, 0.0),
            ],
            &[("sql", 1)],
            &[],
        );
        // Hours without a level rise count towards the next step.
        check(
            &[
                ev(1, "2026-01-01", "python", 2, 10.0),
                ev(2, "2026-01-02", "python", 2, 3.0),
                ev(3, "2026-01-03", "python", 2, 1.5),
            ],
            &[("python", 2)],
            &[("python", 4.5)],
        );
        // A rise resets the partial hours; level 0 drops out of the map.
        check(
            &[
                ev(1, "2026-01-01", "git", 0, 2.0),
                ev(2, "2026-01-02", "git", 1, 1.0),
                ev(3, "2026-01-03", "r", 0, 0.0),
            ],
            &[("git", 1)],
            &[],
        );
        // A lower level drops the work towards the step above it.
        check(
            &[
                ev(1, "2026-01-01", "sql", 3, 0.0),
                ev(2, "2026-01-02", "sql", 3, 4.0),
                ev(3, "2026-01-03", "sql", 2, 1.0),
                ev(4, "2026-01-04", "sql", 2, 0.5),
            ],
            &[("sql", 2)],
            &[("sql", 1.5)],
        );
    }

    #[test]
    fn history_records_each_change() {
        let p = derive(&[
            ev(1, "2026-01-01", "sql", 1, 1.0),
            ev(2, "2026-01-02", "sql", 1, 1.0),
            ev(3, "2026-01-03", "sql", 3, 1.0),
        ]);
        let h = &p.history["sql"];
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].from, h[0].to, h[1].from, h[1].to), (0, 1, 1, 3));
        assert_eq!(p.hours["sql"], 3.0);
    }

    #[test]
    fn a_baseline_sets_levels_but_adds_no_hours() {
        let events = [
            base(1, "2026-01-01", "sql", 2),
            ev(2, "2026-01-02", "sql", 2, 3.0),
            base(3, "2026-01-03", "python", 1),
            // A baseline's stray hours are not work.
            Event {
                hours: 9.0,
                ..base(4, "2026-01-04", "sql", 2)
            },
        ];
        check(&events, &[("python", 1), ("sql", 2)], &[("sql", 3.0)]);
        let p = derive(&events);
        assert_eq!(p.hours.get("sql"), Some(&3.0));
        assert_eq!(p.hours.get("python"), None);
        assert!(p.history["sql"][0].baseline);
        // A baseline rise ends the partial work like any rise.
        check(
            &[
                ev(1, "2026-01-01", "git", 1, 2.0),
                ev(2, "2026-01-02", "git", 1, 2.0),
                base(3, "2026-01-03", "git", 2),
            ],
            &[("git", 2)],
            &[],
        );
    }

    #[test]
    fn assessments_group_baselines_by_day_newest_first() {
        let events = [
            base(5, "2026-02-01", "sql", 3),
            base(1, "2026-01-01", "sql", 2),
            base(2, "2026-01-01", "python", 1),
            ev(3, "2026-01-01", "git", 1, 1.0),
            base(4, "2026-01-01", "sql", 1),
        ];
        let got: Vec<(String, Vec<i64>, u32)> = assessments(&events)
            .into_iter()
            .map(|a| (a.date.to_string(), a.event_ids, a.skills))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-02-01".into(), vec![5], 1),
                ("2026-01-01".into(), vec![1, 2, 4], 2),
            ]
        );
        assert!(assessments(&[ev(1, "2026-01-01", "a", 1, 1.0)]).is_empty());
    }
}
