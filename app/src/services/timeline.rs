//! The progress timeline: events by week and month, the burn-up of the active plan,
//! activity per day, the streak, fit over time, and the log newest first.

use chrono::{Days, NaiveDate};
use pathwise_core::profile::Event;
use pathwise_core::progress::{
    self as pr, BurnUpWeek, DayActivity, FitSeries, PeriodSummary, Streak,
};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineView {
    pub weeks: Vec<PeriodSummary>,
    pub months: Vec<PeriodSummary>,
    pub burn_up: Vec<BurnUpWeek>,
    pub activity: Vec<DayActivity>,
    pub streak: Streak,
    pub fit: FitSeries,
    pub events: Vec<Event>,
}

impl AppState {
    pub fn timeline(&self, today: NaiveDate) -> Result<TimelineView> {
        let catalog = self.catalog()?;
        let events = self.events()?;
        let plan = self.active_plan()?;
        let (weekly, holidays) = match &plan {
            Some(p) => (p.input.weekly_hours, p.input.holidays.clone()),
            None => (self.settings()?.weekly(), Vec::new()),
        };
        let year_ago = today.checked_sub_days(Days::new(364)).unwrap_or(today);
        let mut newest_first = events.clone();
        newest_first.reverse();
        Ok(TimelineView {
            weeks: pr::by_period(&events, pr::Period::Week),
            months: pr::by_period(&events, pr::Period::Month),
            burn_up: plan
                .as_ref()
                .map(|p| pr::burn_up(p, &events, today))
                .unwrap_or_default(),
            activity: pr::activity(&events, year_ago, today),
            streak: pr::streak(&events, &weekly, &holidays, today),
            fit: pr::fit_over_time(&catalog, &events),
            events: newest_first,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::services::assessment::{FitView, Rating};
    use crate::services::plan::PlanRequest;
    use crate::store::events::NewEvent;

    fn now() -> NaiveDateTime {
        "2026-11-27T09:00:00".parse().unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rating_logging_and_fit_move_together() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let de = |f: &FitView| {
            f.ranked
                .iter()
                .find(|r| r.role == "data_engineer")
                .unwrap()
                .fit
        };
        assert_eq!(de(&state.fit().unwrap()), 0.0);
        let ratings: Vec<Rating> =
            serde_json::from_str(r#"[{"skill":"sql","level":3},{"skill":"python","level":0}]"#)
                .unwrap();
        let n = state.rate(&ratings, day("2026-11-27"), now()).unwrap();
        assert_eq!(n, 1, "python stays at 0, so only sql is logged");
        assert!(de(&state.fit().unwrap()) > 0.0);
        let request: PlanRequest =
            serde_json::from_str(r#"{"start":"2026-11-30","weekly_hours":[1,1,1,1,1,1,1]}"#)
                .unwrap();
        let role = serde_json::from_str(r#""data_engineer""#).unwrap();
        let plan = state.make_plan(&role, &request, now()).unwrap();
        assert_eq!(state.active_plan().unwrap(), Some(plan.clone()));
        let first = &plan.items[0];
        let done: NewEvent = serde_json::from_value(serde_json::json!({
            "date": "2026-12-01", "skill": &*first.skill, "level": first.level, "hours": first.hours
        }))
        .unwrap();
        state.log_event(&done, now()).unwrap();
        let again = state.replan(day("2026-12-02"), now()).unwrap();
        assert!(again.items[0].done);
        let timeline = state.timeline(day("2026-12-02")).unwrap();
        assert_eq!(timeline.events.len(), 2);
        assert!(timeline.burn_up.iter().any(|w| w.actual_steps == 1));
        assert_eq!(state.undo().unwrap().as_deref(), Some("append"));
        assert_eq!(state.timeline(day("2026-12-02")).unwrap().events.len(), 1);
    }
}
