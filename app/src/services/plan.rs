//! The learning plan: made from the gap to a role, kept as the active plan, re-planned
//! from today. Every answer carries where each step stands according to the log and the
//! forecast of the finish at the user's own pace, so no view needs a re-plan to see
//! progress.

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_core::forecast::{self, Forecast};
use pathwise_core::plan::{Plan, PlanInput};
use pathwise_core::problem::{Code, Problem};
use pathwise_core::profile::Event;
use pathwise_core::status::{self, PlanStatus};
use pathwise_core::value::{check_many, Day, DayHours, RoleId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::formats::backup::MAX_HOLIDAYS;
use crate::state::AppState;
use crate::store;
use crate::store::plans::Dates;

/// Samples of the forecast, and its seed: fixed, so the same log gives the same dates.
pub const FORECAST_SAMPLES: usize = 5_000;
pub const FORECAST_SEED: u64 = 0x5EED_0F9A_7E00;

/// What the Plan view sends: the plan's input, every value checked as it is read.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanRequest {
    pub start: Day,
    /// Hours available on Monday, Tuesday, … Sunday.
    #[ts(as = "[f64; 7]")]
    pub weekly_hours: [DayHours; 7],
    #[serde(default)]
    pub holidays: Vec<Day>,
    #[serde(default)]
    pub deadline: Option<Day>,
}

impl PlanRequest {
    pub fn input(&self) -> Result<PlanInput> {
        check_many("holidays", self.holidays.len(), MAX_HOLIDAYS)?;
        Ok(PlanInput {
            start: self.start.get(),
            weekly_hours: self.weekly_hours.map(|h| *h.get()),
            holidays: self.holidays.iter().map(|d| d.get()).collect(),
            deadline: self.deadline.map(Day::get),
        })
    }
}

/// What a re-plan from today may change: the weekly hours or the deadline (the two ways
/// out the forecast offers). Done steps and the day the plan was made stay, so the pace
/// learned so far still counts.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PlanChange {
    #[serde(default)]
    #[ts(as = "Option<[f64; 7]>")]
    pub weekly_hours: Option<[DayHours; 7]>,
    #[serde(default)]
    pub deadline: Option<Day>,
}

/// The active plan as the views show it: the plan, the day it was made, each step's
/// state from the log, the open steps (next first), and the forecast.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct PlanView {
    pub plan: Plan,
    pub made: NaiveDate,
    /// The day the weekly hours took effect; capacity is measured from there.
    pub hours_from: NaiveDate,
    pub status: PlanStatus,
    pub open_steps: Vec<String>,
    pub forecast: Forecast,
}

/// The view of `plan` (made and with hours as `dates` say) for the log `events` on `today`.
pub fn view(plan: Plan, dates: Dates, events: &[Event], today: NaiveDate) -> PlanView {
    let status = status::plan_status(&plan, events, today);
    let history = forecast::history_from(
        &plan,
        &status,
        events,
        dates.made,
        // Weeks before the plan was made, or before its hours last changed, were never
        // planned at these hours.
        dates.hours_from,
        today,
    );
    let forecast = forecast::forecast(
        &plan,
        &status,
        &history,
        today,
        FORECAST_SAMPLES,
        FORECAST_SEED,
    );
    PlanView {
        open_steps: status::open_steps(&plan, &status),
        plan,
        made: dates.made,
        hours_from: dates.hours_from,
        status,
        forecast,
    }
}

impl AppState {
    pub fn make_plan(
        &self,
        role: &RoleId,
        request: &PlanRequest,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<PlanView> {
        let input = request.input()?;
        let catalog = self.catalog()?;
        let events = self.events()?;
        let profile = pathwise_core::profile::derive(&events);
        let plan = pathwise_core::plan::plan(&catalog, &profile.vector(&catalog), role, &input)?;
        let dates = Dates::new(today);
        self.write(|tx| store::plans::save_active(tx, &plan, dates, now))?;
        Ok(view(plan, dates, &events, today))
    }

    /// The active plan and when it was made.
    pub(crate) fn plan_and_made(&self) -> Result<Option<(Plan, Dates)>> {
        self.with_db(|c| {
            let Some(plan) = store::plans::load_active(c)? else {
                return Ok(None);
            };
            let dates = store::plans::dates(c)?.unwrap_or(Dates::new(plan.input.start));
            Ok(Some((plan, dates)))
        })
    }

    pub fn active_plan(&self) -> Result<Option<Plan>> {
        Ok(self.plan_and_made()?.map(|(p, _)| p))
    }

    pub fn plan_view(&self, today: NaiveDate) -> Result<Option<PlanView>> {
        let Some((plan, made)) = self.plan_and_made()? else {
            return Ok(None);
        };
        Ok(Some(view(plan, made, &self.events()?, today)))
    }

    pub fn replan(&self, today: NaiveDate, now: NaiveDateTime) -> Result<PlanView> {
        self.replan_with(&PlanChange::default(), today, now)
    }

    /// Re-plans from `today` with `change` applied to the plan's input.
    pub fn replan_with(
        &self,
        change: &PlanChange,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<PlanView> {
        let (mut previous, mut dates) = self
            .plan_and_made()?
            .ok_or_else(|| Error::not_found(Problem::new(Code::NoPlan)))?;
        if let Some(weekly) = change.weekly_hours {
            let weekly = weekly.map(|h| *h.get());
            if weekly != previous.input.weekly_hours {
                // New hours: how well the user keeps them is measured from today.
                dates.hours_from = today;
            }
            previous.input.weekly_hours = weekly;
        }
        if let Some(deadline) = change.deadline {
            previous.input.deadline = Some(deadline.get());
        }
        let events = self.events()?;
        let progress = pathwise_core::progress::item_progress(&previous, &events);
        let plan = pathwise_core::plan::replan(&previous, &progress, today)?;
        self.write(|tx| store::plans::save_active(tx, &plan, dates, now))?;
        Ok(view(plan, dates, &events, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::events::NewEvent;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        day(s).and_hms_opt(9, 0, 0).unwrap()
    }

    #[test]
    fn a_way_out_replans_from_today_keeping_done_steps_and_what_they_taught() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), at("2026-11-01"));
        let request: PlanRequest = serde_json::from_value(serde_json::json!({
            "start": "2026-11-02", "weekly_hours": [1, 1, 1, 1, 1, 1, 1], "deadline": "2027-01-31"
        }))
        .unwrap();
        let role = serde_json::from_value("data_engineer".into()).unwrap();
        let first = state
            .make_plan(&role, &request, day("2026-11-01"), at("2026-11-01"))
            .unwrap();
        let step = &first.plan.items[0];
        let done = NewEvent::parse(
            day("2026-11-03"),
            &step.skill,
            step.level,
            step.hours * 2.0,
            "",
            None,
        )
        .unwrap();
        state.log_event(&done, at("2026-11-03")).unwrap();
        let before = state.plan_view(day("2026-11-20")).unwrap().unwrap();
        assert!(before.forecast.from_history);

        let change: PlanChange =
            serde_json::from_value(serde_json::json!({ "weekly_hours": [3, 3, 3, 3, 3, 3, 3] }))
                .unwrap();
        let after = state
            .replan_with(&change, day("2026-11-20"), at("2026-11-20"))
            .unwrap();
        assert_eq!(
            after.made,
            day("2026-11-01"),
            "the plan keeps the day it was made"
        );
        assert_eq!(
            after.hours_from,
            day("2026-11-20"),
            "capacity counts from the new hours"
        );
        assert_eq!(after.plan.input.weekly_hours, [3.0; 7]);
        assert_eq!(after.plan.input.deadline, Some(day("2027-01-31")));
        assert_eq!(after.plan.items.len(), first.plan.items.len());
        assert!(after.plan.items[0].done);
        assert_eq!(after.status.done, 1);
        assert!(after.forecast.from_history, "the learned pace still counts");
        assert!(
            after.forecast.p50 < before.forecast.p50,
            "more hours, an earlier finish"
        );

        // The hours a missed deadline asks for do meet it, right after the re-plan.
        // A deadline at the likely finish is missed at 80 %.
        let deadline = after.forecast.p50;
        let tight: PlanChange =
            serde_json::from_value(serde_json::json!({ "deadline": deadline })).unwrap();
        let missed = state
            .replan_with(&tight, day("2026-11-20"), at("2026-11-20"))
            .unwrap();
        let needed = missed.forecast.weekly_hours_to_meet_deadline.unwrap();
        let scale = needed / missed.plan.weekly_hours;
        let weekly = missed
            .plan
            .input
            .weekly_hours
            .map(|h| ((h * scale * 4.0).ceil() / 4.0).min(24.0));
        let change: PlanChange =
            serde_json::from_value(serde_json::json!({ "weekly_hours": weekly })).unwrap();
        let met = state
            .replan_with(&change, day("2026-11-20"), at("2026-11-20"))
            .unwrap();
        assert!(missed.forecast.p80 > deadline);
        assert!(met.forecast.p80 <= deadline, "{:?}", met.forecast);

        let moved: PlanChange =
            serde_json::from_value(serde_json::json!({ "deadline": "2028-12-31" })).unwrap();
        let later = state
            .replan_with(&moved, day("2026-11-20"), at("2026-11-20"))
            .unwrap();
        assert_eq!(later.plan.input.deadline, Some(day("2028-12-31")));
        assert_eq!(later.plan.input.weekly_hours, weekly);
    }
}
