//! Today: what to do this week, the next step, the forecast and the streak, for the view
//! the app opens on once a plan exists.

use chrono::NaiveDate;
use pathwise_core::progress::{self, Streak};
use pathwise_core::today::{self as week, WeekView};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::services::plan::{self, PlanView};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, TS)]
pub struct TodayView {
    pub today: NaiveDate,
    pub week: WeekView,
    pub plan: PlanView,
    pub streak: Streak,
}

impl AppState {
    /// None until a plan exists.
    pub fn today(&self, today: NaiveDate) -> Result<Option<TodayView>> {
        let Some((p, dates)) = self.plan_and_made()? else {
            return Ok(None);
        };
        let events = self.events()?;
        let view = plan::view(p, dates, &events, today);
        Ok(Some(TodayView {
            today,
            week: week::week_view(&view.plan, &view.status, &events, today),
            streak: progress::streak(
                &events,
                &view.plan.input.weekly_hours,
                &view.plan.input.holidays,
                today,
            ),
            plan: view,
        }))
    }
}
