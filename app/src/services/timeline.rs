//! The progress timeline: events by week and month, the burn-up of the active plan,
//! activity per day, the streak, fit over time, and the log newest first.

use chrono::{Days, NaiveDate};
use pathwise_core::profile::{assessments, Assessment, Event};
use pathwise_core::progress::{
    self as pr, BurnUpWeek, DayActivity, FitSeries, PeriodSummary, Streak,
};
use pathwise_core::value::Day;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::state::AppState;
use crate::store;

#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineView {
    pub today: NaiveDate,
    pub weeks: Vec<PeriodSummary>,
    pub months: Vec<PeriodSummary>,
    pub burn_up: Vec<BurnUpWeek>,
    pub activity: Vec<DayActivity>,
    pub streak: Streak,
    pub fit: FitSeries,
    /// The newest events, newest first, in whole days (at least `PAGE` when there are that
    /// many); older ones come a page at a time through `older_events`. The ratings among
    /// them are grouped in `assessments`.
    pub events: Vec<Event>,
    /// How many live events there are in all.
    pub events_total: u64,
    /// Self-assessments, one per day, newest first.
    pub assessments: Vec<Assessment>,
    /// The deadline of the active plan, drawn beside the burn-up.
    pub deadline: Option<NaiveDate>,
}

/// Events per page of the log and the timeline: a 200,000-event log must draw as fast as
/// a small one, so the window never gets more than a page at a time.
pub const PAGE: usize = 300;

impl AppState {
    /// The page of events before `before` (a date), newest first, in whole days.
    pub fn older_events(&self, before: Day) -> Result<Vec<Event>> {
        self.with_db(|c| store::events::newest_days(c, Some(&before.get().to_string()), PAGE))
    }

    pub fn timeline(&self, today: NaiveDate) -> Result<TimelineView> {
        let catalog = self.catalog()?;
        let events = self.events()?;
        let plan = self
            .plan_and_made()?
            .map(|(p, dates)| crate::services::plan::view(p, dates, &events, today));
        let (weekly, holidays) = match &plan {
            Some(v) => (v.plan.input.weekly_hours, v.plan.input.holidays.clone()),
            None => (self.settings()?.weekly(), Vec::new()),
        };
        let year_ago = today.checked_sub_days(Days::new(364)).unwrap_or(today);
        let newest_first = self.with_db(|c| store::events::newest_days(c, None, PAGE))?;
        Ok(TimelineView {
            today,
            weeks: pr::by_period(&events, pr::Period::Week),
            months: pr::by_period(&events, pr::Period::Month),
            burn_up: plan
                .as_ref()
                .map(|v| {
                    pr::burn_up(
                        &v.plan,
                        v.made,
                        &events,
                        today,
                        Some((&v.forecast, &v.status)),
                    )
                })
                .unwrap_or_default(),
            activity: pr::activity(&events, year_ago, today),
            streak: pr::streak(&events, &weekly, &holidays, today),
            fit: pr::fit_over_time(&catalog, &events),
            events_total: events.len() as u64,
            events: newest_first,
            assessments: assessments(&events),
            deadline: plan.and_then(|v| v.plan.input.deadline),
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
        assert_eq!(
            n, 2,
            "python's first rating is recorded although it stays at 0"
        );
        assert!(de(&state.fit().unwrap()) > 0.0);
        let request: PlanRequest =
            serde_json::from_str(r#"{"start":"2026-11-30","weekly_hours":[1,1,1,1,1,1,1]}"#)
                .unwrap();
        let role = serde_json::from_str(r#""data_engineer""#).unwrap();
        let view = state
            .make_plan(&role, &request, day("2026-11-27"), now())
            .unwrap();
        let plan = view.plan;
        assert_eq!(state.active_plan().unwrap(), Some(plan.clone()));
        let first = &plan.items[0];
        let done: NewEvent = serde_json::from_value(serde_json::json!({
            "date": "2026-12-01", "skill": &*first.skill, "level": first.level, "hours": first.hours
        }))
        .unwrap();
        state.log_event(&done, now()).unwrap();
        let again = state.replan(day("2026-12-02"), now()).unwrap();
        assert!(again.plan.items[0].done);
        let timeline = state.timeline(day("2026-12-02")).unwrap();
        // The rating is an assessment, not work: it adds no level-up or event to a week.
        assert_eq!(timeline.events.len(), 3);
        assert_eq!(timeline.assessments.len(), 1);
        assert_eq!(timeline.weeks.iter().map(|w| w.level_ups).sum::<u32>(), 1);
        assert!(timeline.burn_up.iter().any(|w| w.actual_steps == Some(1)));
        assert_eq!(state.undo().unwrap().as_deref(), Some("append"));
        let after = state.timeline(day("2026-12-02")).unwrap();
        assert_eq!(after.events.len(), 2);
        assert!(after
            .burn_up
            .iter()
            .all(|w| w.actual_steps.unwrap_or(0) == 0));
    }
}
