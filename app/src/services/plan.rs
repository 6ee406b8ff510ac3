//! The learning plan: made from the gap to a role, kept as the active plan, re-planned
//! from today with what the log says is done.

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_core::plan::{Plan, PlanInput};
use pathwise_core::problem::{Code, Problem};
use pathwise_core::value::{check_many, Day, DayHours, RoleId};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::formats::backup::MAX_HOLIDAYS;
use crate::state::AppState;
use crate::store;

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

impl AppState {
    pub fn make_plan(
        &self,
        role: &RoleId,
        request: &PlanRequest,
        now: NaiveDateTime,
    ) -> Result<Plan> {
        let input = request.input()?;
        let catalog = self.catalog()?;
        let profile = self.derived()?;
        let plan = pathwise_core::plan::plan(&catalog, &profile.vector(&catalog), role, &input)?;
        self.write(|tx| store::plans::save_active(tx, &plan, now))?;
        Ok(plan)
    }

    pub fn active_plan(&self) -> Result<Option<Plan>> {
        self.with_db(|c| store::plans::load_active(c))
    }

    pub fn replan(&self, today: NaiveDate, now: NaiveDateTime) -> Result<Plan> {
        let previous = self
            .active_plan()?
            .ok_or_else(|| Error::not_found(Problem::new(Code::NoPlan)))?;
        let progress = pathwise_core::progress::item_progress(&previous, &self.events()?);
        let plan = pathwise_core::plan::replan(&previous, &progress, today)?;
        self.write(|tx| store::plans::save_active(tx, &plan, now))?;
        Ok(plan)
    }
}
