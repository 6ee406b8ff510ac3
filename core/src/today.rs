//! The Today view: this week's steps, the hours logged against the hours planned, and
//! what comes next when nothing is due.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::{segments, Plan};
use crate::profile::Event;
use crate::replay::monday_of;
use crate::status::{ItemState, PlanStatus};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct WeekView {
    /// The Monday of today's week.
    pub week_start: NaiveDate,
    /// Open items scheduled into this week, and late ones, in plan order.
    pub steps: Vec<String>,
    /// Work logged this week (any skill).
    pub hours_logged_this_week: f64,
    /// The plan's hours on this week's days.
    pub hours_planned_this_week: f64,
    /// When no step falls in this week: the next open item and its start.
    pub next: Option<String>,
    pub next_start: Option<NaiveDate>,
}

pub fn week_view(plan: &Plan, status: &PlanStatus, events: &[Event], today: NaiveDate) -> WeekView {
    let week_start = monday_of(today);
    let week_end = week_start + Days::new(6);
    let open = || {
        plan.items
            .iter()
            .zip(&status.items)
            .filter(|(_, s)| s.state != ItemState::Done)
    };
    let steps: Vec<String> = open()
        .filter(|(item, s)| {
            s.state == ItemState::Late || (item.start <= week_end && item.due >= week_start)
        })
        .map(|(_, s)| s.id.clone())
        .collect();
    let hours_logged_this_week = events
        .iter()
        .filter(|e| e.date >= week_start && e.date <= week_end)
        .fold(0.0, |sum, e| sum + e.work_hours());
    // A plan that cannot be packed has no planned hours to show; the Plan view says why.
    let hours_planned_this_week = segments(plan)
        .map(|segs| {
            segs.iter()
                .filter(|s| s.day >= week_start && s.day <= week_end)
                .fold(0.0, |sum, s| sum + s.minutes as f64 / 60.0)
        })
        .unwrap_or(0.0);
    let (next, next_start) = match open().next() {
        Some((item, s)) if steps.is_empty() => (Some(s.id.clone()), Some(item.start)),
        _ => (None, None),
    };
    WeekView {
        week_start,
        steps,
        hours_logged_this_week,
        hours_planned_this_week,
        next,
        next_start,
    }
}

/// The step a reminder names: the one the plan gives time today, else the first late one.
#[derive(Debug, Clone, PartialEq)]
pub struct TodayStep {
    /// Its position in the plan.
    pub index: usize,
    /// Hours the plan gives it today; 0 for a late step with no time today.
    pub hours_today: f64,
    /// Hours still to do on it.
    pub remaining_hours: f64,
}

/// Today's open step, if any: None when the plan is done, nothing is scheduled today
/// and nothing is late (a reminder then has nothing to ask for).
pub fn todays_step(plan: &Plan, status: &PlanStatus, today: NaiveDate) -> Option<TodayStep> {
    let open = |i: usize| {
        status
            .items
            .get(i)
            .is_some_and(|s| s.state != ItemState::Done)
    };
    let step = |index: usize, minutes: u32| TodayStep {
        index,
        hours_today: minutes as f64 / 60.0,
        remaining_hours: status.items[index].remaining_hours,
    };
    let mut minutes = vec![0u32; plan.items.len()];
    for seg in segments(plan).unwrap_or_default() {
        if seg.day == today && seg.item < minutes.len() {
            minutes[seg.item] += seg.minutes;
        }
    }
    if let Some(i) = (0..plan.items.len()).find(|&i| minutes[i] > 0 && open(i)) {
        return Some(step(i, minutes[i]));
    }
    status
        .items
        .iter()
        .position(|s| s.state == ItemState::Late)
        .map(|i| step(i, 0))
}
