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

/// What the log view needs: its first page, and no aggregate over the whole log.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LogPage {
    /// The newest events, newest first, in whole days, as in `TimelineView::events`.
    pub events: Vec<Event>,
    /// How many live events there are in all.
    pub events_total: u64,
    /// Self-assessments, one per day, newest first.
    pub assessments: Vec<Assessment>,
}

/// The newest events of `oldest_first` (the order `store::events::all` gives), newest first,
/// in whole days: what `store::events::newest_days` answers for the first page, taken from
/// a log already in memory instead of read twice.
fn newest_page(oldest_first: &[Event], limit: usize) -> Vec<Event> {
    let Some(cut) = oldest_first.len().checked_sub(limit.max(1)) else {
        return oldest_first.iter().rev().cloned().collect();
    };
    let first_day = oldest_first[cut].date;
    let from = oldest_first[..cut].partition_point(|e| e.date < first_day);
    oldest_first[from..].iter().rev().cloned().collect()
}

/// Events per page of the log and the timeline: a 200,000-event log must draw as fast as
/// a small one, so the window never gets more than a page at a time.
pub const PAGE: usize = 300;

impl AppState {
    /// The page of events before `before` (a date), newest first, in whole days.
    pub fn older_events(&self, before: Day) -> Result<Vec<Event>> {
        self.with_db(|c| store::events::newest_days(c, Some(&before.get().to_string()), PAGE))
    }

    /// The log's first page. Only the page and the self-assessments are read: the log view
    /// shows no aggregate, so it never loads the whole log.
    pub fn log_page(&self) -> Result<LogPage> {
        self.with_db(|c| {
            Ok(LogPage {
                events: store::events::newest_days(c, None, PAGE)?,
                events_total: store::events::count(c)? as u64,
                assessments: assessments(&store::events::baselines(c)?),
            })
        })
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
            events: newest_page(&events, PAGE),
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

    #[test]
    fn the_first_page_from_memory_is_the_page_the_store_reads() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        // Days with 1, 2, 3 and 4 events, one of the last deleted: a page of 4 takes the
        // last day's 3 and reaches into the day before, so it takes all of that day.
        let mut sample = Vec::new();
        for (d, n) in [
            ("2026-01-01", 1),
            ("2026-01-02", 2),
            ("2026-01-03", 3),
            ("2026-01-04", 4),
        ] {
            for _ in 0..n {
                let e = NewEvent::parse(day(d), "sql", 1, 1.0, "", None).unwrap();
                sample.push((e, pathwise_core::profile::EventKind::Work));
            }
        }
        state
            .write(|tx| store::events::append_many(tx, &sample, now()))
            .unwrap();
        state.delete_event(10, now()).unwrap();
        let all = state.events().unwrap();
        for limit in [1, 3, 4, 5, 6, 9, 10, 50] {
            let from_store = state
                .with_db(|c| store::events::newest_days(c, None, limit))
                .unwrap();
            let ids = |v: &[Event]| v.iter().map(|e| e.id).collect::<Vec<_>>();
            assert_eq!(
                ids(&newest_page(&all, limit)),
                ids(&from_store),
                "limit {limit}"
            );
        }
        assert_eq!(newest_page(&all, 4).len(), 6, "whole days: 3 then 3");
        assert!(newest_page(&[], 4).is_empty());
    }

    #[test]
    fn the_log_page_is_the_timelines_page_without_the_aggregates() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let ratings: Vec<Rating> =
            serde_json::from_str(r#"[{"skill":"sql","level":2},{"skill":"python","level":1}]"#)
                .unwrap();
        state.rate(&ratings, day("2026-11-20"), now()).unwrap();
        for d in ["2026-11-21", "2026-11-22"] {
            let e = NewEvent::parse(day(d), "sql", 3, 1.0, "", None).unwrap();
            state.log_event(&e, now()).unwrap();
        }
        let page = state.log_page().unwrap();
        let timeline = state.timeline(day("2026-11-27")).unwrap();
        assert_eq!(page.events_total, 4);
        assert_eq!(page.events_total, timeline.events_total);
        assert_eq!(page.events, timeline.events);
        assert_eq!(page.assessments, timeline.assessments);
        assert_eq!(page.assessments.len(), 1);
        assert_eq!(page.assessments[0].event_ids.len(), 2);
    }
}
