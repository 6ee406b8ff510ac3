//! Progress math: where each plan item stands, planned against actual (burn-up), activity
//! per day (heatmap), the streak, events by week or month, and fit over time.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Catalog;
use crate::fit::fit_value;
use crate::forecast::Forecast;
use crate::plan::{ItemProgress, Plan};
use crate::profile::{chronological, Event};
pub use crate::replay::monday_of;
use crate::replay::walk;
use crate::status::PlanStatus;

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Where each item of `plan` stands according to the log, for re-planning.
pub fn item_progress(plan: &Plan, events: &[Event]) -> Vec<ItemProgress> {
    let w = walk(plan, events);
    plan.items
        .iter()
        .map(|item| {
            let done_on = w.reach(item).map(|r| r.date);
            let (logged_hours, first_logged) = if done_on.is_some() {
                (0.0, None)
            } else {
                w.open_hours(item)
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
    /// Cumulative, by the week items are due.
    pub planned_hours: f64,
    pub planned_steps: u32,
    /// Cumulative work on the plan's steps; None after today's week.
    pub actual_hours: Option<f64>,
    /// Cumulative steps reached by work; None after today's week.
    pub actual_steps: Option<u32>,
    /// From today's week: the actual hours rising evenly to actual + remaining at the
    /// forecast's median finish, then flat. None before today's week or without forecast.
    pub forecast_hours: Option<f64>,
}

/// Cumulative hours and steps per week, planned against actual and forecast. `made` is the
/// day the plan was created: work on the plan's steps counts from the earlier of it and
/// the plan's start, so studying ahead of the start is progress too. Steps reached by a
/// self-assessment are not progress and add no step. Weeks run from the first of the
/// start and the first counted work to the last of the finish, today and the forecast's
/// 80 % date. The forecast comes with the plan's status for today, which the caller has
/// already worked out for it, so a long log is not replayed once more here.
pub fn burn_up(
    plan: &Plan,
    made: NaiveDate,
    events: &[Event],
    today: NaiveDate,
    forecast: Option<(&Forecast, &PlanStatus)>,
) -> Vec<BurnUpWeek> {
    let from = made.min(plan.input.start);
    let this_week = monday_of(today);
    let w = walk(plan, events);
    let mut planned_h: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut planned_n: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut actual_h: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut actual_n: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut first = plan.input.start;
    for item in &plan.items {
        *planned_h.entry(monday_of(item.due)).or_default() += item.hours;
        *planned_n.entry(monday_of(item.due)).or_default() += 1;
        if let Some(r) = w.reach(item).filter(|r| !r.baseline && r.date <= today) {
            // A step reached before the window still counts, in its first week.
            let day = r.date.max(from);
            first = first.min(day);
            *actual_n.entry(monday_of(day)).or_default() += 1;
        }
    }
    for &(day, hours) in &w.plan_work {
        if day >= from && day <= today {
            first = first.min(day);
            *actual_h.entry(monday_of(day)).or_default() += hours;
        }
    }
    let mut last = plan.finish.max(today);
    if let Some((f, _)) = forecast {
        last = last.max(f.p80);
    }
    let remaining = forecast.map(|(_, status)| status.hours_remaining);
    let mut out = Vec::new();
    let (mut ph, mut ah, mut pn, mut an) = (0.0, 0.0, 0, 0);
    let mut week = monday_of(first);
    while week <= monday_of(last) {
        ph += planned_h.get(&week).copied().unwrap_or(0.0);
        pn += planned_n.get(&week).copied().unwrap_or(0);
        let past = week <= this_week;
        if past {
            ah += actual_h.get(&week).copied().unwrap_or(0.0);
            an += actual_n.get(&week).copied().unwrap_or(0);
        }
        let forecast_hours = match (forecast.map(|(f, _)| f), remaining) {
            (Some(f), Some(left)) if week >= this_week => {
                let end = monday_of(f.p50);
                Some(if week >= end {
                    ah + left
                } else {
                    let share =
                        (week - this_week).num_days() as f64 / (end - this_week).num_days() as f64;
                    ah + left * share
                })
            }
            _ => None,
        };
        out.push(BurnUpWeek {
            week,
            planned_hours: ph,
            planned_steps: pn,
            actual_hours: past.then_some(ah),
            actual_steps: past.then_some(an),
            forecast_hours,
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

/// Hours and work events per day, for every day from `from` to `to` (a heatmap's cells).
pub fn activity(events: &[Event], from: NaiveDate, to: NaiveDate) -> Vec<DayActivity> {
    let mut by_day: HashMap<NaiveDate, (f64, u32)> = HashMap::new();
    for e in events {
        if !e.is_baseline() && e.date >= from && e.date <= to {
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
        .filter(|e| !e.is_baseline() && e.date <= today)
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
    /// Event ids in the period, oldest first. Not sent to the window: over a long log they
    /// are the bulk of the timeline, and the window lists only the page it has loaded.
    #[serde(skip)]
    #[ts(skip)]
    pub event_ids: Vec<i64>,
}

/// Work events grouped by week or month, newest period first. Baselines only set the
/// levels that later work rises from (`assessments` lists them).
pub fn by_period(events: &[Event], period: Period) -> Vec<PeriodSummary> {
    let mut level: HashMap<&str, u8> = HashMap::new();
    let mut groups: BTreeMap<NaiveDate, PeriodSummary> = BTreeMap::new();
    for e in chronological(events) {
        if e.is_baseline() {
            level.insert(&e.skill, e.level);
            continue;
        }
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
    /// The day, or the Monday of the week when the series is weekly.
    pub date: NaiveDate,
    /// A self-assessment happened that day, or that week (the chart marks it).
    pub assessment: bool,
    /// Fit to each role of `FitSeries::roles`, in that order, after the day's (or the
    /// week's) last event.
    pub fits: Vec<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct FitSeries {
    pub roles: Vec<String>,
    /// One point per week rather than per day: the log has events on more than
    /// `FIT_DAILY_MAX` days.
    pub weekly: bool,
    pub points: Vec<FitPoint>,
}

/// Up to this many days with events, fit over time has a point per day; past it, a point
/// per week. A year of daily points still reads on a chart a window wide; five years of
/// them (a 200,000-event log) were most of the timeline's payload and drawing, and a
/// stepped line at that width shows no more than the weekly one.
pub const FIT_DAILY_MAX: usize = 366;

/// Fit to every role after each day with events (work or baseline), by replaying the log;
/// after each week with events instead when there are more than `FIT_DAILY_MAX` such days.
pub fn fit_over_time(catalog: &Catalog, events: &[Event]) -> FitSeries {
    let sorted = chronological(events);
    let days = sorted.windows(2).filter(|w| w[0].date != w[1].date).count()
        + usize::from(!sorted.is_empty());
    let weekly = days > FIT_DAILY_MAX;
    let bucket = |d: NaiveDate| if weekly { monday_of(d) } else { d };
    let mut levels = vec![0u8; catalog.skills.len()];
    let mut points: Vec<FitPoint> = Vec::new();
    let mut assessment = false;
    for (i, e) in sorted.iter().enumerate() {
        if let Some(s) = catalog.skill_idx(&e.skill) {
            levels[s] = e.level;
        }
        assessment |= e.is_baseline();
        let last_of_bucket = sorted
            .get(i + 1)
            .is_none_or(|next| bucket(next.date) != bucket(e.date));
        if last_of_bucket {
            points.push(FitPoint {
                date: bucket(e.date),
                assessment: std::mem::take(&mut assessment),
                fits: (0..catalog.roles.len())
                    .map(|r| fit_value(catalog, &levels, r))
                    .collect(),
            });
        }
    }
    FitSeries {
        roles: catalog.roles.iter().map(|r| r.id.clone()).collect(),
        weekly,
        points,
    }
}
