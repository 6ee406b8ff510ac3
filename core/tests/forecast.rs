mod common;

use common::*;
use pathwise_core::forecast::{forecast, history, History};
use pathwise_core::plan::{plan, Plan, PlanInput};
use pathwise_core::profile::Event;
use pathwise_core::status::plan_status;

/// r1 from zero, from Monday 2026-01-05 at 1 h a day: 7 h, finishing Sunday 01-11.
fn r1(deadline: Option<&str>, weekly: f64) -> Plan {
    let c = tiny();
    let input = PlanInput {
        start: date("2026-01-05"),
        weekly_hours: [weekly / 7.0; 7],
        holidays: vec![],
        deadline: deadline.map(date),
    };
    plan(&c, &levels(&c, &[]), "r1", &input).unwrap()
}

/// The observations a log gives for r1 made on `made`, seen on `today`.
fn check_history(events: &[Event], made: &str, today: &str, steps: &[f64], weeks: &[f64]) {
    let p = r1(None, 7.0);
    let s = plan_status(&p, events, date(today));
    let h = history(&p, &s, events, date(made), date(today));
    let round = |v: &[f64]| {
        v.iter()
            .map(|x| (x * 1e9).round() / 1e9)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        (round(&h.step_ratios), round(&h.week_ratios)),
        (steps.to_vec(), round(weeks)),
        "{events:?}"
    );
}

#[test]
fn history_reads_pace_from_steps_and_capacity_from_weeks() {
    let log = [
        ev(1, "2026-01-05", "a", 1, 2.0),
        ev(2, "2026-01-06", "z", 1, 1.0),
        base(3, "2026-01-07", "b", 1),
        ev(4, "2026-01-13", "d", 1, 1.0),
    ];
    // In the first week nothing is a full past week yet.
    check_history(&log[..3], "2026-01-05", "2026-01-09", &[2.0], &[]);
    // a@1 took 2 h for 1 planned, d@1 1 h for 2 (b@1 was assessed: no pace); week one
    // studied 3 of 7 h, week two counts once it is over.
    check_history(&log, "2026-01-05", "2026-01-14", &[2.0, 0.5], &[3.0 / 7.0]);
    check_history(
        &log,
        "2026-01-05",
        "2026-01-19",
        &[2.0, 0.5],
        &[3.0 / 7.0, 1.0 / 7.0],
    );
    // A plan made early: the week before the start counts only with work in it.
    check_history(&log, "2025-12-22", "2026-01-14", &[2.0, 0.5], &[3.0 / 7.0]);
    let early = [ev(1, "2026-01-01", "a", 1, 2.0)];
    check_history(
        &early,
        "2025-12-22",
        "2026-01-14",
        &[2.0],
        &[2.0 / 7.0, 0.0],
    );
}

#[test]
fn with_no_history_the_forecast_is_the_plan() {
    let p = r1(None, 7.0);
    let s = plan_status(&p, &[], date("2026-01-05"));
    let f = forecast(&p, &s, &History::default(), date("2026-01-05"), 1000, 7);
    assert_eq!(f.p50, p.finish);
    assert!(f.p80 > f.p50, "{f:?}");
    assert!(!f.from_history);
    assert_eq!((f.pace.median, f.capacity.median), (1.0, 1.0));
    assert!(f.pace.low < 1.0 && f.pace.high > 1.0);
    assert_eq!(f.deadline_probability, None);
}

#[test]
fn the_estimates_move_towards_the_users_own_figures() {
    let p = r1(None, 7.0);
    let s = plan_status(&p, &[], date("2026-01-05"));
    let pace = |n: usize| {
        let h = History {
            step_ratios: vec![2.0; n],
            week_ratios: vec![],
        };
        forecast(&p, &s, &h, date("2026-01-05"), 200, 1).pace
    };
    let (one, ten, hundred) = (pace(1), pace(10), pace(100));
    assert!(1.0 < one.median && one.median < ten.median && ten.median < hundred.median);
    assert!(hundred.median > 1.95 && hundred.median < 2.0, "{hundred:?}");
    // More data, narrower range.
    assert!(hundred.high - hundred.low < one.high - one.low);
    // A week with no study is a floor, not minus infinity; capacity stays within bounds.
    let h = History {
        step_ratios: vec![],
        week_ratios: vec![0.0; 50],
    };
    let f = forecast(&p, &s, &h, date("2026-01-05"), 200, 1);
    assert!(
        f.capacity.median >= 0.05 && f.capacity.median < 0.1,
        "{f:?}"
    );
    assert!(f.p50 > date("2026-03-01"), "{f:?}");
}

#[test]
fn done_plans_finish_on_the_last_step() {
    let p = r1(Some("2026-01-10"), 7.0);
    let log = [
        ev(1, "2026-01-06", "a", 2, 3.0),
        ev(2, "2026-01-07", "b", 2, 2.0),
        ev(3, "2026-01-09", "d", 1, 2.0),
    ];
    let s = plan_status(&p, &log, date("2026-01-12"));
    let h = history(&p, &s, &log, date("2026-01-05"), date("2026-01-12"));
    let f = forecast(&p, &s, &h, date("2026-01-12"), 100, 3);
    assert_eq!((f.p50, f.p80), (date("2026-01-09"), date("2026-01-09")));
    assert_eq!(f.deadline_probability, Some(1.0));
    assert_eq!(f.reachable_deadline, None);
    assert!(f.from_history);
}

#[test]
fn a_missed_deadline_says_what_would_meet_it() {
    // 7 h at 1 h a day cannot be done by Thursday.
    let p = r1(Some("2026-01-08"), 7.0);
    let s = plan_status(&p, &[], date("2026-01-05"));
    let f = forecast(&p, &s, &History::default(), date("2026-01-05"), 2000, 11);
    assert_eq!(f.reachable_deadline, Some(f.p80));
    let prob = f.deadline_probability.unwrap();
    assert!(prob < 0.2, "{prob}");
    let needed = f.weekly_hours_to_meet_deadline.unwrap();
    assert!(needed > 7.0 * 7.0 / 4.0, "{needed}");
    // And that much does bring the 80 % date to the deadline.
    let q = r1(Some("2026-01-08"), needed);
    let s = plan_status(&q, &[], date("2026-01-05"));
    let g = forecast(&q, &s, &History::default(), date("2026-01-05"), 2000, 11);
    assert!(g.p80 <= date("2026-01-08"), "{g:?}");
    assert_eq!(
        (g.reachable_deadline, g.weekly_hours_to_meet_deadline),
        (None, None)
    );
    assert!(g.deadline_probability.unwrap() >= 0.8);
}

#[test]
fn the_forecast_starts_from_today_once_the_plan_is_under_way() {
    let p = r1(None, 7.0);
    // Nothing done by Friday: 7 h from Friday at 1 h a day end on Thursday 01-15.
    let s = plan_status(&p, &[], date("2026-01-09"));
    let f = forecast(&p, &s, &History::default(), date("2026-01-09"), 1000, 5);
    assert_eq!(f.p50, date("2026-01-15"));
    // Partial work shortens what is left: 1.5 h logged towards a@1 (1 h) leaves 6 h.
    let log = [ev(1, "2026-01-05", "a", 0, 1.5)];
    let s = plan_status(&p, &log, date("2026-01-09"));
    let f = forecast(&p, &s, &History::default(), date("2026-01-09"), 1000, 5);
    assert_eq!(f.p50, date("2026-01-14"));
}

/// Capacity counts only the weeks since the weekly hours last changed; pace keeps every
/// step done.
#[test]
fn new_weekly_hours_restart_capacity_but_not_pace() {
    let p = r1(None, 7.0);
    let log = [
        ev(1, "2026-01-05", "a", 1, 2.0),
        ev(2, "2026-01-13", "d", 1, 1.0),
        ev(3, "2026-01-20", "z", 1, 1.0),
    ];
    let s = plan_status(&p, &log, date("2026-01-26"));
    let all = history(&p, &s, &log, date("2026-01-05"), date("2026-01-26"));
    let since = pathwise_core::forecast::history_from(
        &p,
        &s,
        &log,
        date("2026-01-05"),
        date("2026-01-19"),
        date("2026-01-26"),
    );
    assert_eq!(since.step_ratios, all.step_ratios);
    assert!(
        since.week_ratios.len() < all.week_ratios.len(),
        "{all:?} {since:?}"
    );
    assert_eq!(since.week_ratios.len(), 1, "only the week of 2026-01-19");
}
