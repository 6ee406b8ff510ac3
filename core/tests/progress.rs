mod common;

use common::*;
use pathwise_core::forecast::{Estimate, Forecast};
use pathwise_core::plan::{plan, PlanInput};
use pathwise_core::profile::Event;
use pathwise_core::progress::{
    self, activity, burn_up, by_period, fit_over_time, item_progress, streak, Period,
};
use pathwise_core::status::plan_status;

fn weekly(h: [f64; 7]) -> [f64; 7] {
    h
}

/// Streak for events on these days, with `today`.
fn check_streak(days: &[&str], week: [f64; 7], holidays: &[&str], today: &str, expect: (u32, u32)) {
    let events: Vec<_> = days
        .iter()
        .enumerate()
        .map(|(i, d)| ev(i as i64, d, "a", 1, 1.0))
        .collect();
    let hol: Vec<_> = holidays.iter().map(|d| date(d)).collect();
    let s = streak(&events, &week, &hol, date(today));
    assert_eq!((s.current, s.longest), expect, "{days:?} today {today}");
}

#[test]
fn streaks_skip_days_without_planned_hours() {
    let every = weekly([1.0; 7]);
    // 2026-01-05 is a Monday.
    check_streak(&[], every, &[], "2026-01-10", (0, 0));
    check_streak(
        &["2026-01-05", "2026-01-06", "2026-01-07"],
        every,
        &[],
        "2026-01-07",
        (3, 3),
    );
    // Today not yet logged does not break it.
    check_streak(
        &["2026-01-05", "2026-01-06"],
        every,
        &[],
        "2026-01-07",
        (2, 2),
    );
    // A missed study day does.
    check_streak(
        &["2026-01-05", "2026-01-06"],
        every,
        &[],
        "2026-01-08",
        (0, 2),
    );
    check_streak(
        &["2026-01-05", "2026-01-07", "2026-01-08"],
        every,
        &[],
        "2026-01-08",
        (2, 2),
    );
    // Weekdays only: the weekend does not break Friday -> Monday.
    let weekdays = weekly([1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]);
    check_streak(
        &["2026-01-08", "2026-01-09", "2026-01-12"],
        weekdays,
        &[],
        "2026-01-12",
        (3, 3),
    );
    // Nor does a holiday.
    check_streak(
        &["2026-01-05", "2026-01-07"],
        every,
        &["2026-01-06"],
        "2026-01-07",
        (2, 2),
    );
    // Studying on a rest day still counts.
    check_streak(
        &["2026-01-09", "2026-01-10"],
        weekdays,
        &[],
        "2026-01-10",
        (2, 2),
    );
}

#[test]
fn activity_has_every_day_of_the_range() {
    let events = [
        ev(1, "2026-01-02", "a", 1, 1.5),
        ev(2, "2026-01-02", "b", 1, 0.5),
        ev(3, "2026-02-01", "a", 2, 1.0),
    ];
    let days = activity(&events, date("2026-01-01"), date("2026-01-03"));
    let got: Vec<(String, f64, u32)> = days
        .iter()
        .map(|d| (d.date.to_string(), d.hours, d.events))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-01-01".into(), 0.0, 0),
            ("2026-01-02".into(), 2.0, 2),
            ("2026-01-03".into(), 0.0, 0)
        ]
    );
}

#[test]
fn events_group_by_week_and_month_newest_first() {
    let events = [
        ev(1, "2026-01-05", "a", 1, 1.0),
        ev(2, "2026-01-07", "a", 1, 2.0),
        ev(3, "2026-01-12", "a", 2, 1.0),
        ev(4, "2026-02-02", "b", 1, 3.0),
    ];
    let weeks = by_period(&events, Period::Week);
    let got: Vec<(String, u32, f64, u32)> = weeks
        .iter()
        .map(|w| (w.start.to_string(), w.events, w.hours, w.level_ups))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-02-02".into(), 1, 3.0, 1),
            ("2026-01-12".into(), 1, 1.0, 1),
            ("2026-01-05".into(), 2, 3.0, 1),
        ]
    );
    let months = by_period(&events, Period::Month);
    assert_eq!(months.len(), 2);
    assert_eq!(
        (
            months[1].start,
            months[1].events,
            months[1].event_ids.clone()
        ),
        (date("2026-01-01"), 3, vec![1, 2, 3])
    );
}

#[test]
fn fit_over_time_replays_the_log() {
    let c = tiny();
    let events = [
        ev(1, "2026-01-05", "d", 1, 2.0),
        ev(2, "2026-01-06", "b", 1, 1.0),
        ev(3, "2026-01-06", "b", 2, 1.0),
    ];
    let series = fit_over_time(&c, &events);
    assert_eq!(series.roles, ["r1", "r2"]);
    let r1: Vec<(String, f64)> = series
        .points
        .iter()
        .map(|p| (p.date.to_string(), p.fits[0]))
        .collect();
    // One point per day with events: d@1 gives 1/11, then b@2 gives 11/11.
    assert_eq!(r1.len(), 2);
    assert!((r1[0].1 - 100.0 / 11.0).abs() < 1e-9);
    assert!((r1[1].1 - 100.0).abs() < 1e-9);
}

/// Skill d at level 1 on each of `n` consecutive days from 2026-01-05 (a Monday).
fn daily_log(n: usize) -> Vec<Event> {
    let first = date("2026-01-05");
    (0..n)
        .map(|i| {
            let day = first + chrono::Days::new(i as u64);
            ev(i as i64, &day.to_string(), "d", 1, 1.0)
        })
        .collect()
}

#[test]
fn fit_over_time_is_daily_up_to_the_limit_then_weekly() {
    let c = tiny();
    let short = fit_over_time(&c, &daily_log(progress::FIT_DAILY_MAX));
    assert!(!short.weekly);
    assert_eq!(short.points.len(), progress::FIT_DAILY_MAX);
    let mut events = daily_log(progress::FIT_DAILY_MAX + 1);
    // b@1 on the Sunday that ends the 52nd week, b@2 on the last day.
    events.push(ev(1_000, "2027-01-03", "b", 1, 1.0));
    events.push(ev(1_001, "2027-01-06", "b", 2, 1.0));
    let long = fit_over_time(&c, &events);
    assert!(long.weekly);
    // 367 days from a Monday cover 52 whole weeks and one more day.
    assert_eq!(long.points.len(), 53);
    let mondays: Vec<_> = long.points.iter().map(|p| p.date).collect();
    assert_eq!(mondays[0], date("2026-01-05"));
    assert!(mondays.windows(2).all(|w| (w[1] - w[0]).num_days() == 7));
    // A weekly point carries the fit after its week's last event: d@1 alone is 1/11,
    // with b@1 6/11 from the week it happened in, with b@2 11/11.
    let r1: Vec<f64> = long.points.iter().map(|p| p.fits[0]).collect();
    assert!((r1[50] - 100.0 / 11.0).abs() < 1e-9);
    assert!((r1[51] - 600.0 / 11.0).abs() < 1e-9, "{}", r1[51]);
    assert!((r1[52] - 100.0).abs() < 1e-9);
}

#[test]
fn a_weekly_fit_point_marks_an_assessment_anywhere_in_its_week() {
    let c = tiny();
    let mut events = daily_log(progress::FIT_DAILY_MAX + 10);
    // A Wednesday in the third week.
    events.push(base(10_000, "2026-01-21", "a", 2));
    let series = fit_over_time(&c, &events);
    assert!(series.weekly);
    let marked: Vec<String> = series
        .points
        .iter()
        .filter(|p| p.assessment)
        .map(|p| p.date.to_string())
        .collect();
    assert_eq!(marked, ["2026-01-19"]);
}

#[test]
fn item_progress_and_burn_up_follow_the_log() {
    let c = tiny();
    let inp = PlanInput {
        start: date("2026-01-05"),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    };
    let p = plan(&c, &levels(&c, &[]), "r1", &inp).unwrap();
    // a@1 reached, then 1.5h towards a@2 without reaching it.
    let events = [
        ev(1, "2026-01-05", "a", 1, 1.0),
        ev(2, "2026-01-06", "a", 1, 1.0),
        ev(3, "2026-01-12", "a", 1, 0.5),
    ];
    let prog = item_progress(&p, &events);
    assert_eq!(prog[0].done_on, Some(date("2026-01-05")));
    assert_eq!(
        (prog[1].logged_hours, prog[1].first_logged),
        (1.5, Some(date("2026-01-06")))
    );
    assert_eq!(prog[2].logged_hours, 0.0);

    let weeks = burn_up(&p, p.input.start, &events, date("2026-01-13"), None);
    // Plan finishes Sunday 2026-01-11: one plan week, plus today's week.
    type Row = (String, f64, Option<f64>, u32, Option<u32>);
    let got: Vec<Row> = weeks
        .iter()
        .map(|w| {
            (
                w.week.to_string(),
                w.planned_hours,
                w.actual_hours,
                w.planned_steps,
                w.actual_steps,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-01-05".into(), 7.0, Some(2.0), 5, Some(1)),
            ("2026-01-12".into(), 7.0, Some(2.5), 5, Some(1))
        ]
    );
    assert_eq!(progress::monday_of(date("2026-01-11")), date("2026-01-05"));
}

/// A week of the burn-up: (Monday, planned hours, actual hours, actual steps, forecast).
type Week<'a> = (&'a str, f64, Option<f64>, Option<u32>, Option<f64>);
type WeekRow = (String, f64, Option<f64>, Option<u32>, Option<f64>);

/// Burn-up of r1 from zero, starting Monday 2026-01-05 at 1 h a day (7 h, finish 01-11),
/// for a log, the day the plan was made, today and an optional forecast (p50, p80).
fn check_burn_up(
    events: &[Event],
    made: &str,
    today: &str,
    forecast: Option<(&str, &str)>,
    expect: &[Week],
) {
    let c = tiny();
    let p = plan(&c, &levels(&c, &[]), "r1", &every_day("2026-01-05")).unwrap();
    let f = forecast.map(|(p50, p80)| Forecast {
        p50: date(p50),
        p80: date(p80),
        deadline_probability: None,
        pace: Estimate {
            median: 1.0,
            low: 1.0,
            high: 1.0,
        },
        capacity: Estimate {
            median: 1.0,
            low: 1.0,
            high: 1.0,
        },
        steps_observed: 0,
        weeks_observed: 0,
        from_history: false,
        weekly_hours_to_meet_deadline: None,
        reachable_deadline: None,
    });
    let status = plan_status(&p, events, date(today));
    let got: Vec<WeekRow> = burn_up(
        &p,
        date(made),
        events,
        date(today),
        f.as_ref().map(|f| (f, &status)),
    )
    .into_iter()
    .map(|w| {
        (
            w.week.to_string(),
            w.planned_hours,
            w.actual_hours,
            w.actual_steps,
            w.forecast_hours,
        )
    })
    .collect();
    let want: Vec<WeekRow> = expect
        .iter()
        .map(|&(w, ph, ah, an, fh)| (w.to_string(), ph, ah, an, fh))
        .collect();
    assert_eq!(got, want, "{events:?} made {made} today {today}");
}

fn every_day(start: &str) -> PlanInput {
    PlanInput {
        start: date(start),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    }
}

#[test]
fn burn_up_counts_work_honestly() {
    let early = [ev(1, "2025-12-31", "a", 1, 1.0)];
    // Work before the start counts when the plan was made before it.
    check_burn_up(
        &early,
        "2025-12-29",
        "2026-01-06",
        None,
        &[
            ("2025-12-29", 0.0, Some(1.0), Some(1), None),
            ("2026-01-05", 7.0, Some(1.0), Some(1), None),
        ],
    );
    // Work before the plan was made is not this plan's hours, but the step is done.
    check_burn_up(
        &early,
        "2026-01-05",
        "2026-01-06",
        None,
        &[("2026-01-05", 7.0, Some(0.0), Some(1), None)],
    );
    // Partial hours count; off-plan work does not (d@2, z).
    let partial = [
        ev(1, "2026-01-05", "a", 0, 1.5),
        ev(2, "2026-01-05", "z", 1, 4.0),
        ev(3, "2026-01-06", "d", 1, 2.0),
        ev(4, "2026-01-06", "d", 1, 3.0),
    ];
    check_burn_up(
        &partial,
        "2026-01-05",
        "2026-01-06",
        None,
        &[("2026-01-05", 7.0, Some(3.5), Some(1), None)],
    );
    // Undo: the same log without the event that reached d@1.
    check_burn_up(
        &partial[..2],
        "2026-01-05",
        "2026-01-06",
        None,
        &[("2026-01-05", 7.0, Some(1.5), Some(0), None)],
    );
    // A self-assessment is no progress: no hours, no step.
    check_burn_up(
        &[base(1, "2026-01-05", "a", 2)],
        "2026-01-05",
        "2026-01-06",
        None,
        &[("2026-01-05", 7.0, Some(0.0), Some(0), None)],
    );
}

#[test]
fn burn_up_actual_ends_today_and_the_forecast_reaches_the_total_at_p50() {
    let log = [ev(1, "2026-01-05", "a", 1, 1.0)];
    // 1 h done, 6 h left; the median finish is in the week of 01-19, the 80 % one in the
    // week of 01-26, so the chart runs to it and the forecast climbs 1 -> 7 over two weeks.
    check_burn_up(
        &log,
        "2026-01-05",
        "2026-01-06",
        Some(("2026-01-21", "2026-01-28")),
        &[
            ("2026-01-05", 7.0, Some(1.0), Some(1), Some(1.0)),
            ("2026-01-12", 7.0, None, None, Some(4.0)),
            ("2026-01-19", 7.0, None, None, Some(7.0)),
            ("2026-01-26", 7.0, None, None, Some(7.0)),
        ],
    );
    // Without a forecast the weeks after today have no actual line either; the chart
    // starts at the plan's start even when today is earlier.
    check_burn_up(
        &log,
        "2026-01-05",
        "2025-12-30",
        None,
        &[("2026-01-05", 7.0, None, None, None)],
    );
}

#[test]
fn baselines_are_not_activity() {
    let events = [
        base(1, "2026-01-05", "a", 2),
        base(2, "2026-01-05", "b", 1),
        ev(3, "2026-01-06", "a", 3, 2.0),
        base(4, "2026-01-07", "d", 1),
        ev(5, "2026-01-08", "a", 3, 1.0),
    ];
    // The baselines' days neither start nor extend a streak.
    let s = streak(&events, &[1.0; 7], &[], date("2026-01-08"));
    assert_eq!((s.current, s.longest), (1, 1));
    let days: Vec<u32> = activity(&events, date("2026-01-05"), date("2026-01-08"))
        .iter()
        .map(|d| d.events)
        .collect();
    assert_eq!(days, [0, 1, 0, 1]);
    let week = &by_period(&events, Period::Week)[0];
    // a@3 rose from the assessed 2: one level-up; baselines add nothing.
    assert_eq!(
        (
            week.events,
            week.hours,
            week.level_ups,
            week.event_ids.clone()
        ),
        (2, 3.0, 1, vec![3, 5])
    );
    let c = tiny();
    let marks: Vec<(String, bool)> = fit_over_time(&c, &events)
        .points
        .iter()
        .map(|p| (p.date.to_string(), p.assessment))
        .collect();
    assert_eq!(
        marks,
        [
            ("2026-01-05".into(), true),
            ("2026-01-06".into(), false),
            ("2026-01-07".into(), true),
            ("2026-01-08".into(), false),
        ]
    );
}
