//! The log replayed against a plan's steps, in the order events apply: which steps are
//! held and how they were reached, and the work towards each skill's next step. Plan
//! status, progress and the forecast all read the log through this one replay.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use crate::plan::{Plan, PlanItem};
use crate::profile::{chronological, Event};

pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(day.weekday().num_days_from_monday() as u64)
}

/// How the log reached a step (skill, level) whose level is held now.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach {
    pub date: NaiveDate,
    pub baseline: bool,
    /// Work hours that went into the step.
    pub hours: f64,
}

/// The log replayed against a plan's steps, in the order events apply.
pub(crate) struct Walk<'a> {
    pub level: HashMap<&'a str, u8>,
    /// Every step held now; a later lower level removes the steps above it.
    pub reached: HashMap<(&'a str, u8), Reach>,
    /// Per skill, work towards its next step since its level last changed: hours and
    /// the first day such hours were logged.
    pub partial: HashMap<&'a str, (f64, Option<NaiveDate>)>,
    /// Work on the plan's steps, one (date, hours) per event, chronological.
    pub plan_work: Vec<(NaiveDate, f64)>,
}

impl Walk<'_> {
    /// Hours logged towards `item` while it is not done. Partial hours belong to the
    /// skill's next step only.
    pub fn open_hours(&self, item: &PlanItem) -> (f64, Option<NaiveDate>) {
        let current = self.level.get(&*item.skill).copied().unwrap_or(0);
        match self.partial.get(&*item.skill) {
            Some(&p) if item.level == current.saturating_add(1) => p,
            _ => (0.0, None),
        }
    }

    pub fn reach(&self, item: &PlanItem) -> Option<Reach> {
        self.reached.get(&(&*item.skill, item.level)).copied()
    }
}

pub(crate) fn walk<'a>(plan: &'a Plan, events: &'a [Event]) -> Walk<'a> {
    let planned: HashMap<(&str, u8), f64> = plan
        .items
        .iter()
        .map(|i| ((&*i.skill, i.level), i.hours))
        .collect();
    let mut w = Walk {
        level: HashMap::new(),
        reached: HashMap::new(),
        partial: HashMap::new(),
        plan_work: Vec::new(),
    };
    for e in chronological(events) {
        let skill = e.skill.as_str();
        let before = w.level.get(skill).copied().unwrap_or(0);
        let work = e.work_hours();
        if e.level > before {
            // The work since the last change and this event's own went into every level
            // this event reached; a jump of several levels shares it by planned hours, so
            // no hour counts twice and each share compares with its own estimate.
            let pool = w.partial.remove(skill).map_or(0.0, |p| p.0) + work;
            let levels = before + 1..=e.level;
            let weight: f64 = levels
                .clone()
                .filter_map(|l| planned.get(&(skill, l)))
                .sum();
            let named = levels
                .clone()
                .filter(|l| planned.contains_key(&(skill, *l)))
                .count();
            for l in levels {
                let hours = match planned.get(&(skill, l)) {
                    Some(h) if weight > 0.0 => pool * h / weight,
                    Some(_) => pool / named as f64,
                    None => 0.0,
                };
                w.reached.insert(
                    (skill, l),
                    Reach {
                        date: e.date,
                        baseline: e.is_baseline(),
                        hours,
                    },
                );
            }
            if work > 0.0 && named > 0 {
                w.plan_work.push((e.date, work));
            }
        } else {
            if e.level < before {
                for l in e.level + 1..=before {
                    w.reached.remove(&(skill, l));
                }
                // Work towards a step the user no longer aims at next.
                w.partial.remove(skill);
            }
            if work > 0.0 {
                let p = w.partial.entry(skill).or_insert((0.0, None));
                p.0 += work;
                p.1.get_or_insert(e.date);
                if planned.contains_key(&(skill, e.level.saturating_add(1))) {
                    w.plan_work.push((e.date, work));
                }
            }
        }
        w.level.insert(skill, e.level);
    }
    w
}
