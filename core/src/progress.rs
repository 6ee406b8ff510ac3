//! Progress math: where each plan item stands, planned against actual (burn-up), activity
//! per day (heatmap), the streak, events by week or month, and fit over time.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Catalog;
use crate::fit::fit_value;
use crate::plan::{ItemProgress, Plan};
use crate::profile::{chronological, Event};

pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(day.weekday().num_days_from_monday() as u64)
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Where each item of `plan` stands according to the log, for re-planning.
pub fn item_progress(plan: &Plan, events: &[Event]) -> Vec<ItemProgress> {
    let mut level: HashMap<&str, u8> = HashMap::new();
    let mut reached: HashMap<(&str, u8), NaiveDate> = HashMap::new();
    let mut partial: HashMap<&str, (f64, Option<NaiveDate>)> = HashMap::new();
    for e in chronological(events) {
        let before = level.get(e.skill.as_str()).copied().unwrap_or(0);
        if e.level > before {
            for l in before + 1..=e.level {
                reached.insert((e.skill.as_str(), l), e.date);
            }
            partial.insert(&e.skill, (0.0, None));
        } else {
            if e.level < before {
                for l in e.level + 1..=before {
                    reached.remove(&(e.skill.as_str(), l));
                }
            }
            let p = partial.entry(&e.skill).or_insert((0.0, None));
            if e.hours > 0.0 {
                p.0 += e.hours;
                p.1.get_or_insert(e.date);
            }
        }
        level.insert(&e.skill, e.level);
    }
    plan.items
        .iter()
        .map(|item| {
            let done_on = reached.get(&(&*item.skill, item.level)).copied();
            let current = level.get(&*item.skill).copied().unwrap_or(0);
            // Partial hours belong to the skill's next step only.
            let (logged_hours, first_logged) = match partial.get(&*item.skill) {
                Some(&(h, first)) if done_on.is_none() && item.level == current + 1 => (h, first),
                _ => (0.0, None),
            };
            ItemProgress {
                id: item.id(),
                done_on,
                logged_hours,
                first_logged,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct BurnUpWeek {
    /// The Monday that starts the week.
    pub week: NaiveDate,
    pub planned_hours: f64,
    pub actual_hours: f64,
    pub planned_steps: u32,
    pub actual_steps: u32,
}

/// Cumulative hours and steps per week, planned against actual, from the plan's first
/// week to the later of its finish and `today`. Planned counts an item's hours in the week
/// it is due; actual counts hours logged on the plan's skills since the plan started, and
/// items whose level was reached.
pub fn burn_up(plan: &Plan, events: &[Event], today: NaiveDate) -> Vec<BurnUpWeek> {
    let start = monday_of(plan.input.start);
    let end = monday_of(plan.finish.max(today));
    let skills: HashSet<&str> = plan.items.iter().map(|i| &*i.skill).collect();
    let progress = item_progress(plan, events);
    let mut planned_h: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut planned_n: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut actual_h: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut actual_n: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for item in &plan.items {
        *planned_h.entry(monday_of(item.due)).or_default() += item.hours;
        *planned_n.entry(monday_of(item.due)).or_default() += 1;
    }
    for p in &progress {
        if let Some(d) = p.done_on {
            *actual_n
                .entry(monday_of(d.max(plan.input.start)))
                .or_default() += 1;
        }
    }
    for e in events {
        if e.date >= plan.input.start && skills.contains(e.skill.as_str()) {
            *actual_h.entry(monday_of(e.date)).or_default() += e.hours;
        }
    }
    let mut out = Vec::new();
    let (mut ph, mut ah, mut pn, mut an) = (0.0, 0.0, 0, 0);
    let mut week = start;
    while week <= end {
        ph += planned_h.get(&week).copied().unwrap_or(0.0);
        pn += planned_n.get(&week).copied().unwrap_or(0);
        if week <= today {
            ah += actual_h.get(&week).copied().unwrap_or(0.0);
            an += actual_n.get(&week).copied().unwrap_or(0);
        }
        out.push(BurnUpWeek {
            week,
            planned_hours: ph,
            actual_hours: ah,
            planned_steps: pn,
            actual_steps: an,
        });
        week = week + Days::new(7);
    }
    out
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct DayActivity {
    pub date: NaiveDate,
    pub hours: f64,
    pub events: u32,
}

/// Hours and events per day, for every day from `from` to `to` (a heatmap's cells).
pub fn activity(events: &[Event], from: NaiveDate, to: NaiveDate) -> Vec<DayActivity> {
    let mut by_day: HashMap<NaiveDate, (f64, u32)> = HashMap::new();
    for e in events {
        if e.date >= from && e.date <= to {
            let d = by_day.entry(e.date).or_default();
            d.0 += e.hours;
            d.1 += 1;
        }
    }
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|date| {
            let (hours, events) = by_day.get(&date).copied().unwrap_or_default();
            DayActivity {
                date,
                hours,
                events,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, TS)]
pub struct Streak {
    /// Study days in a row up to today (today not yet counted against it).
    pub current: u32,
    pub longest: u32,
}

/// Days in a row with logged work. Days with no planned hours (a weekday with zero
/// availability, or a holiday) neither break a streak nor add to it; an empty today does
/// not break it either, since the day is not over.
pub fn streak(
    events: &[Event],
    weekly_hours: &[f64; 7],
    holidays: &[NaiveDate],
    today: NaiveDate,
) -> Streak {
    let active: HashSet<NaiveDate> = events
        .iter()
        .filter(|e| e.date <= today)
        .map(|e| e.date)
        .collect();
    let Some(&first) = active.iter().min() else {
        return Streak::default();
    };
    let off: HashSet<NaiveDate> = holidays.iter().copied().collect();
    let rest = |d: NaiveDate| {
        off.contains(&d) || weekly_hours[d.weekday().num_days_from_monday() as usize] <= 0.0
    };
    let (mut run, mut longest) = (0u32, 0u32);
    for day in first.iter_days().take_while(|d| *d <= today) {
        if active.contains(&day) {
            run += 1;
        } else if rest(day) || day == today {
            continue;
        } else {
            run = 0;
        }
        longest = longest.max(run);
    }
    Streak {
        current: run,
        longest,
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct PeriodSummary {
    /// The Monday of the week, or the first day of the month.
    pub start: NaiveDate,
    pub events: u32,
    pub hours: f64,
    /// Events that raised a skill's level.
    pub level_ups: u32,
    /// Event ids in the period, oldest first.
    pub event_ids: Vec<i64>,
}

/// Events grouped by week or month, newest period first.
pub fn by_period(events: &[Event], period: Period) -> Vec<PeriodSummary> {
    let mut level: HashMap<&str, u8> = HashMap::new();
    let mut groups: BTreeMap<NaiveDate, PeriodSummary> = BTreeMap::new();
    for e in chronological(events) {
        let start = match period {
            Period::Week => monday_of(e.date),
            Period::Month => first_of_month(e.date),
        };
        let g = groups.entry(start).or_insert_with(|| PeriodSummary {
            start,
            events: 0,
            hours: 0.0,
            level_ups: 0,
            event_ids: Vec::new(),
        });
        let before = level.insert(&e.skill, e.level).unwrap_or(0);
        g.events += 1;
        g.hours += e.hours;
        g.level_ups += u32::from(e.level > before);
        g.event_ids.push(e.id);
    }
    groups.into_values().rev().collect()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct FitPoint {
    pub date: NaiveDate,
    /// Fit to each role of `FitSeries::roles`, in that order.
    pub fits: Vec<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct FitSeries {
    pub roles: Vec<String>,
    pub points: Vec<FitPoint>,
}

/// Fit to every role after each day with events, by replaying the log.
pub fn fit_over_time(catalog: &Catalog, events: &[Event]) -> FitSeries {
    let mut levels = vec![0u8; catalog.skills.len()];
    let mut points: Vec<FitPoint> = Vec::new();
    let sorted = chronological(events);
    for (i, e) in sorted.iter().enumerate() {
        if let Some(s) = catalog.skill_idx(&e.skill) {
            levels[s] = e.level;
        }
        let last_of_day = sorted.get(i + 1).is_none_or(|next| next.date != e.date);
        if last_of_day {
            points.push(FitPoint {
                date: e.date,
                fits: (0..catalog.roles.len())
                    .map(|r| fit_value(catalog, &levels, r))
                    .collect(),
            });
        }
    }
    FitSeries {
        roles: catalog.roles.iter().map(|r| r.id.clone()).collect(),
        points,
    }
}
