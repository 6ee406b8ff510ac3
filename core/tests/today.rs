mod common;

use common::*;
use pathwise_core::plan::{plan, PlanInput};
use pathwise_core::profile::Event;
use pathwise_core::status::plan_status;
use pathwise_core::today::week_view;

/// (steps, hours logged, hours planned, next, next start)
type View<'a> = (&'a [&'a str], f64, f64, Option<&'a str>, Option<&'a str>);

/// The week of `today` for r1 from zero, starting on `start` at 1 h a day
/// (a@1 1h, a@2 2h, b@1 1h, b@2 1h, d@1 2h, packed in that order).
fn check(start: &str, events: &[Event], today: &str, week_start: &str, expect: View) {
    let c = tiny();
    let input = PlanInput {
        start: date(start),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    };
    let p = plan(&c, &levels(&c, &[]), "r1", &input).unwrap();
    let s = plan_status(&p, events, date(today));
    let v = week_view(&p, &s, events, date(today));
    assert_eq!(v.week_start, date(week_start));
    let got = (
        v.steps,
        v.hours_logged_this_week,
        v.hours_planned_this_week,
        v.next,
        v.next_start.map(|d| d.to_string()),
    );
    let (steps, logged, planned, next, next_start) = expect;
    let want = (
        steps.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        logged,
        planned,
        next.map(String::from),
        next_start.map(String::from),
    );
    assert_eq!(got, want, "{events:?} today {today}");
}

#[test]
fn the_week_shows_its_steps_and_hours() {
    let log = [
        ev(1, "2026-01-05", "a", 1, 1.0),
        ev(2, "2026-01-06", "a", 1, 0.5),
        ev(3, "2026-01-06", "z", 1, 2.0),
        base(4, "2026-01-06", "q", 3),
        ev(5, "2025-12-31", "y", 1, 9.0),
    ];
    // Wednesday of the first week: a@1 is done, the rest is this week's.
    check(
        "2026-01-05",
        &log,
        "2026-01-07",
        "2026-01-05",
        (&["a@2", "b@1", "b@2", "d@1"], 3.5, 7.0, None, None),
    );
    // The week after the finish: everything open is late and still shown.
    check(
        "2026-01-05",
        &log[..1],
        "2026-01-13",
        "2026-01-12",
        (&["a@2", "b@1", "b@2", "d@1"], 0.0, 0.0, None, None),
    );
    // A plan starting in two weeks: nothing this week, so what comes next and when.
    check(
        "2026-01-19",
        &[],
        "2026-01-07",
        "2026-01-05",
        (&[], 0.0, 0.0, Some("a@1"), Some("2026-01-19")),
    );
    // A plan that started last Thursday: three steps late, two this week (3 h).
    check(
        "2026-01-08",
        &[],
        "2026-01-12",
        "2026-01-12",
        (&["a@1", "a@2", "b@1", "b@2", "d@1"], 0.0, 3.0, None, None),
    );
    // With the late ones done, only this week's remain.
    check(
        "2026-01-08",
        &[
            ev(1, "2026-01-11", "a", 2, 3.0),
            ev(2, "2026-01-11", "b", 1, 1.0),
        ],
        "2026-01-12",
        "2026-01-12",
        (&["b@2", "d@1"], 0.0, 3.0, None, None),
    );
}

/// Today's step for r1 from zero, 1 h a day from 2026-01-05 (a@1 1h, a@2 2h, b@1 1h,
/// b@2 1h, d@1 2h): (step id, hours today, hours left) or None.
fn check_step(events: &[Event], today: &str, expect: Option<(&str, f64, f64)>) {
    let c = tiny();
    let input = PlanInput {
        start: date("2026-01-05"),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    };
    let p = plan(&c, &levels(&c, &[]), "r1", &input).unwrap();
    let s = plan_status(&p, events, date(today));
    let got = pathwise_core::today::todays_step(&p, &s, date(today))
        .map(|t| (p.items[t.index].id(), t.hours_today, t.remaining_hours));
    let want = expect.map(|(id, h, left)| (id.to_owned(), h, left));
    assert_eq!(got, want, "{events:?} today {today}");
}

#[test]
fn todays_step_is_the_one_planned_today_else_the_first_late_one() {
    // Day one: a@1 gets its hour. Day two: a@2's first hour of two.
    check_step(&[], "2026-01-05", Some(("a@1", 1.0, 1.0)));
    check_step(
        &[ev(1, "2026-01-05", "a", 1, 1.0)],
        "2026-01-06",
        Some(("a@2", 1.0, 2.0)),
    );
    // Before the plan starts nothing is scheduled or late.
    check_step(&[], "2026-01-04", None);
    // Day two with a@1 not done: a@2's hour is today, and it is still the step named.
    check_step(&[], "2026-01-06", Some(("a@2", 1.0, 2.0)));
    // Today's step done early: nothing else is today and nothing is late.
    check_step(
        &[
            ev(1, "2026-01-05", "a", 1, 1.0),
            ev(2, "2026-01-05", "a", 2, 2.0),
        ],
        "2026-01-06",
        None,
    );
    // After the finish: the first late step, with no time today.
    check_step(&[], "2026-01-20", Some(("a@1", 0.0, 1.0)));
    // Everything done: nothing to remind of.
    check_step(
        &[
            ev(1, "2026-01-05", "a", 2, 3.0),
            ev(2, "2026-01-05", "b", 2, 2.0),
            ev(3, "2026-01-05", "d", 1, 2.0),
        ],
        "2026-01-20",
        None,
    );
}
