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

/// The active plan as the views show it: the plan, the day it was made, each step's
/// state from the log, the open steps (next first), and the forecast.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
pub struct PlanView {
    pub plan: Plan,
    pub made: NaiveDate,
    pub status: PlanStatus,
    pub open_steps: Vec<String>,
    pub forecast: Forecast,
}

/// The view of `plan` for the log `events` on `today`.
pub fn view(plan: Plan, made: NaiveDate, events: &[Event], today: NaiveDate) -> PlanView {
    let status = status::plan_status(&plan, events, today);
    let history = forecast::history(&plan, &status, events, made, today);
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
        made,
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
        self.write(|tx| store::plans::save_active(tx, &plan, today, now))?;
        Ok(view(plan, today, &events, today))
    }

    /// The active plan and the day it was made.
    pub(crate) fn plan_and_made(&self) -> Result<Option<(Plan, NaiveDate)>> {
        self.with_db(|c| {
            let Some(plan) = store::plans::load_active(c)? else {
                return Ok(None);
            };
            let made = store::plans::made(c)?.unwrap_or(plan.input.start);
            Ok(Some((plan, made)))
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
        let (previous, made) = self
            .plan_and_made()?
            .ok_or_else(|| Error::not_found(Problem::new(Code::NoPlan)))?;
        let events = self.events()?;
        let progress = pathwise_core::progress::item_progress(&previous, &events);
        let plan = pathwise_core::plan::replan(&previous, &progress, today)?;
        self.write(|tx| store::plans::save_active(tx, &plan, made, now))?;
        Ok(view(plan, made, &events, today))
    }
}
