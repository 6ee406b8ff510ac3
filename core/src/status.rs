//! Where a plan stands today, from the plan, the event log and `today` alone: each item
//! done, late, in progress or upcoming, and the totals the Plan and Today views show.
//! Nothing here is stored; undoing an event simply gives another status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::Plan;
use crate::profile::Event;
use crate::replay::walk;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    Done,
    Late,
    InProgress,
    Upcoming,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct ItemStatus {
    pub id: String,
    pub state: ItemState,
    /// The day the item's level was (last) reached.
    pub done_on: Option<NaiveDate>,
    /// Reached by a self-assessment rather than by work.
    pub by_assessment: bool,
    /// Work hours that went into the step: for a done item, those logged towards it up to
    /// and including the event that reached it; for an open one, those logged since the
    /// skill's level last changed, if it is the skill's next step.
    pub logged_hours: f64,
    /// Hours still to do: 0 when done.
    pub remaining_hours: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct PlanStatus {
    /// One per plan item, in plan order.
    pub items: Vec<ItemStatus>,
    pub done: u32,
    pub open: u32,
    pub late: u32,
    /// Work hours logged on the plan's steps (done and open).
    pub hours_done: f64,
    pub hours_remaining: f64,
    /// The first open item in plan order.
    pub next: Option<String>,
    pub today: NaiveDate,
}

/// The status of each item of `plan` on `today`. An item is done when the skill's current
/// level reaches it, whenever that happened (before the plan's start too); a later lower
/// level re-opens it. An open item is late once its due date has passed, else in progress
/// when hours were logged towards it, else upcoming.
pub fn plan_status(plan: &Plan, events: &[Event], today: NaiveDate) -> PlanStatus {
    let w = walk(plan, events);
    let items: Vec<ItemStatus> = plan
        .items
        .iter()
        .map(|item| match w.reach(item) {
            Some(r) => ItemStatus {
                id: item.id(),
                state: ItemState::Done,
                done_on: Some(r.date),
                by_assessment: r.baseline,
                logged_hours: r.hours,
                remaining_hours: 0.0,
            },
            None => {
                let (logged, _) = w.open_hours(item);
                let state = if item.due < today {
                    ItemState::Late
                } else if logged > 0.0 {
                    ItemState::InProgress
                } else {
                    ItemState::Upcoming
                };
                ItemStatus {
                    id: item.id(),
                    state,
                    done_on: None,
                    by_assessment: false,
                    logged_hours: logged,
                    remaining_hours: (item.hours - logged).max(0.0),
                }
            }
        })
        .collect();
    let count = |f: fn(&ItemStatus) -> bool| items.iter().filter(|i| f(i)).count() as u32;
    let done = count(|i| i.state == ItemState::Done);
    PlanStatus {
        done,
        open: items.len() as u32 - done,
        late: count(|i| i.state == ItemState::Late),
        // Folded from +0.0: an empty f64 sum is -0.0, which would print as "-0".
        hours_done: items.iter().fold(0.0, |sum, i| sum + i.logged_hours),
        hours_remaining: items.iter().fold(0.0, |sum, i| sum + i.remaining_hours),
        next: items
            .iter()
            .find(|i| i.state != ItemState::Done)
            .map(|i| i.id.clone()),
        today,
        items,
    }
}

/// Ids of the open items, the next one first, then in plan order: the steps the Log form
/// offers.
pub fn open_steps(plan: &Plan, status: &PlanStatus) -> Vec<String> {
    debug_assert_eq!(plan.items.len(), status.items.len());
    status
        .items
        .iter()
        .filter(|i| i.state != ItemState::Done)
        .map(|i| i.id.clone())
        .collect()
}
