mod common;

use common::*;
use pathwise_core::plan::{plan, PlanInput};
use pathwise_core::progress::{
    self, activity, burn_up, by_period, fit_over_time, item_progress, streak, Period,
};

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

    let weeks = burn_up(&p, &events, date("2026-01-13"));
    // Plan finishes Sunday 2026-01-11: one plan week, plus today's week.
    let got: Vec<(String, f64, f64, u32, u32)> = weeks
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
            ("2026-01-05".into(), 7.0, 2.0, 5, 1),
            ("2026-01-12".into(), 7.0, 2.5, 5, 1)
        ]
    );
    assert_eq!(progress::monday_of(date("2026-01-11")), date("2026-01-05"));
}
