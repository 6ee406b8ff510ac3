mod common;

use common::*;
use pathwise_core::plan::{plan, Plan, PlanInput};
use pathwise_core::profile::Event;
use pathwise_core::status::{open_steps, plan_status, ItemState};

use ItemState::*;

/// r1 from zero, from Monday 2026-01-05 at 1 h a day:
/// a@1 1h (due 01-05), a@2 2h (01-07), b@1 1h (01-08), b@2 1h (01-09), d@1 2h (01-11).
fn r1() -> Plan {
    let c = tiny();
    let input = PlanInput {
        start: date("2026-01-05"),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    };
    plan(&c, &levels(&c, &[]), "r1", &input).unwrap()
}

/// (id, state, done_on, by_assessment, logged, remaining); items not listed are upcoming
/// with nothing logged.
type Row<'a> = (&'a str, ItemState, Option<&'a str>, bool, f64, f64);

fn check(events: &[Event], today: &str, expect: &[Row]) {
    let p = r1();
    let s = plan_status(&p, events, date(today));
    let got: Vec<(String, ItemState, Option<String>, bool, f64, f64)> = s
        .items
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                i.state,
                i.done_on.map(|d| d.to_string()),
                i.by_assessment,
                i.logged_hours,
                i.remaining_hours,
            )
        })
        .collect();
    let want: Vec<(String, ItemState, Option<String>, bool, f64, f64)> = p
        .items
        .iter()
        .map(|item| match expect.iter().find(|r| r.0 == item.id()) {
            Some(&(id, st, on, by, logged, left)) => {
                (id.to_string(), st, on.map(String::from), by, logged, left)
            }
            None => (item.id(), Upcoming, None, false, 0.0, item.hours),
        })
        .collect();
    assert_eq!(got, want, "{events:?} today {today}");
}

#[test]
fn each_item_is_done_late_in_progress_or_upcoming() {
    // Nothing logged, the day before the start.
    check(&[], "2026-01-04", &[]);
    // A step logged a week before the plan's start is done.
    check(
        &[ev(1, "2025-12-29", "a", 1, 1.5)],
        "2026-01-05",
        &[("a@1", Done, Some("2025-12-29"), false, 1.5, 0.0)],
    );
    // Partial hours make the skill's next step in progress, and only that one.
    check(
        &[ev(1, "2026-01-05", "a", 0, 0.5)],
        "2026-01-05",
        &[("a@1", InProgress, None, false, 0.5, 0.5)],
    );
    // Due yesterday and not done is late, with the hours logged so far.
    check(
        &[ev(1, "2026-01-05", "a", 0, 0.5)],
        "2026-01-06",
        &[("a@1", Late, None, false, 0.5, 0.5)],
    );
    // Logged past the estimate: nothing remains, but it is open until the level is set.
    check(
        &[ev(1, "2026-01-05", "a", 0, 3.0)],
        "2026-01-05",
        &[("a@1", InProgress, None, false, 3.0, 0.0)],
    );
    // A jump of two levels shares its hours by planned hours (1 h and 2 h).
    check(
        &[ev(1, "2026-01-05", "a", 2, 6.0)],
        "2026-01-06",
        &[
            ("a@1", Done, Some("2026-01-05"), false, 2.0, 0.0),
            ("a@2", Done, Some("2026-01-05"), false, 4.0, 0.0),
        ],
    );
    // Hours towards a step, then the event that reaches it.
    check(
        &[
            ev(1, "2026-01-05", "a", 1, 1.0),
            ev(2, "2026-01-06", "a", 1, 1.5),
            ev(3, "2026-01-07", "a", 2, 0.5),
        ],
        "2026-01-07",
        &[
            ("a@1", Done, Some("2026-01-05"), false, 1.0, 0.0),
            ("a@2", Done, Some("2026-01-07"), false, 2.0, 0.0),
        ],
    );
    // A later lower level re-opens the steps above it, and drops the work towards them.
    check(
        &[
            ev(1, "2026-01-05", "a", 2, 3.0),
            ev(2, "2026-01-06", "a", 2, 1.0),
            ev(3, "2026-01-06", "a", 1, 0.0),
        ],
        "2026-01-06",
        &[("a@1", Done, Some("2026-01-05"), false, 1.0, 0.0)],
    );
    // A baseline that reaches a level: done by assessment, no hours.
    check(
        &[base(1, "2026-01-01", "a", 2)],
        "2026-01-09",
        &[
            ("a@1", Done, Some("2026-01-01"), true, 0.0, 0.0),
            ("a@2", Done, Some("2026-01-01"), true, 0.0, 0.0),
            ("b@1", Late, None, false, 0.0, 1.0),
        ],
    );
    // A level reached, lost and reached again is dated by the last time.
    check(
        &[
            ev(1, "2026-01-05", "d", 1, 2.0),
            base(2, "2026-01-06", "d", 0),
            ev(3, "2026-01-09", "d", 1, 0.5),
        ],
        "2026-01-09",
        &[
            ("a@1", Late, None, false, 0.0, 1.0),
            ("a@2", Late, None, false, 0.0, 2.0),
            ("b@1", Late, None, false, 0.0, 1.0),
            ("d@1", Done, Some("2026-01-09"), false, 0.5, 0.0),
        ],
    );
}

#[test]
fn undo_reopens_and_the_totals_follow() {
    let log = vec![
        ev(1, "2026-01-05", "a", 0, 0.5),
        ev(2, "2026-01-05", "a", 1, 0.5),
        ev(3, "2026-01-06", "d", 0, 0.5),
    ];
    let p = r1();
    let s = plan_status(&p, &log, date("2026-01-06"));
    assert_eq!(
        (s.done, s.open, s.late, s.hours_done, s.hours_remaining),
        (1, 4, 0, 1.5, 5.5)
    );
    assert_eq!(s.next.as_deref(), Some("a@2"));
    assert_eq!(open_steps(&p, &s), ["a@2", "b@1", "b@2", "d@1"]);
    // Event 2 removed: a@1 is open again (and late), its step first.
    let undone = [log[0].clone(), log[2].clone()];
    let s = plan_status(&p, &undone, date("2026-01-06"));
    assert_eq!(
        (s.done, s.open, s.late, s.hours_done, s.hours_remaining),
        (0, 5, 1, 1.0, 6.0)
    );
    assert_eq!(s.items[0].state, Late);
    assert_eq!(s.next.as_deref(), Some("a@1"));
    assert_eq!(open_steps(&p, &s)[0], "a@1");
}
