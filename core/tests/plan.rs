mod common;

use common::*;
use pathwise_core::plan::{plan, replan, segments, ItemProgress, PlanInput};
use pathwise_core::Error;

fn input(start: &str, weekly: [f64; 7]) -> PlanInput {
    PlanInput {
        start: date(start),
        weekly_hours: weekly,
        holidays: vec![],
        deadline: None,
    }
}

/// Plans r1 from no skills and expects (id, start, due) per item and the finish.
fn check(inp: PlanInput, expect: &[(&str, &str, &str)], finish: &str) {
    let c = tiny();
    let p = plan(&c, &levels(&c, &[]), "r1", &inp).unwrap();
    let got: Vec<(String, String, String)> = p
        .items
        .iter()
        .map(|i| (i.id(), i.start.to_string(), i.due.to_string()))
        .collect();
    let want: Vec<(String, String, String)> = expect
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(p.finish, date(finish));
}

// 2026-01-05 is a Monday. r1 from zero: a@1 1h, a@2 2h, b@1 1h, b@2 1h, d@1 2h = 7h.
#[test]
fn items_are_packed_into_each_weekday() {
    // One hour every day: each hour is a day.
    check(
        input("2026-01-05", [1.0; 7]),
        &[
            ("a@1", "2026-01-05", "2026-01-05"),
            ("a@2", "2026-01-06", "2026-01-07"),
            ("b@1", "2026-01-08", "2026-01-08"),
            ("b@2", "2026-01-09", "2026-01-09"),
            ("d@1", "2026-01-10", "2026-01-11"),
        ],
        "2026-01-11",
    );
    // Weekends only, 3h each: items share days and span weeks.
    check(
        input("2026-01-05", [0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.0]),
        &[
            ("a@1", "2026-01-10", "2026-01-10"),
            ("a@2", "2026-01-10", "2026-01-10"),
            ("b@1", "2026-01-11", "2026-01-11"),
            ("b@2", "2026-01-11", "2026-01-11"),
            ("d@1", "2026-01-11", "2026-01-17"),
        ],
        "2026-01-17",
    );
    // Holidays take the day out.
    let mut holiday = input("2026-01-05", [1.0; 7]);
    holiday.holidays = vec![date("2026-01-05"), date("2026-01-07")];
    check(
        holiday,
        &[
            ("a@1", "2026-01-06", "2026-01-06"),
            ("a@2", "2026-01-08", "2026-01-09"),
            ("b@1", "2026-01-10", "2026-01-10"),
            ("b@2", "2026-01-11", "2026-01-11"),
            ("d@1", "2026-01-12", "2026-01-13"),
        ],
        "2026-01-13",
    );
}

#[test]
fn order_puts_prerequisites_first_then_weight() {
    let c = tiny();
    let p = plan(&c, &levels(&c, &[]), "r2", &input("2026-01-05", [8.0; 7])).unwrap();
    let ids: Vec<String> = p.items.iter().map(|i| i.id()).collect();
    // a (weight 2×3=6) before b (inherits 3×1=3) before c (3×1=3, id after b).
    assert_eq!(ids, ["a@1", "a@2", "a@3", "b@1", "c@1"]);
    assert_eq!(p.items[3].after, vec![1]); // b@1 waits for a@2
    assert_eq!(p.items[4].after, vec![3]); // c@1 waits for b@1
    assert!(p.items[1].after.is_empty()); // a@2 follows a@1 implicitly
    assert!(p.items[3].prerequisite && !p.items[4].prerequisite);
}

#[test]
fn deadline_verdict_and_the_weekly_hours_that_would_meet_it() {
    let c = tiny();
    let lv = levels(&c, &[]);
    let mut inp = input("2026-01-05", [1.0; 7]);
    inp.deadline = Some(date("2026-01-11"));
    let p = plan(&c, &lv, "r1", &inp).unwrap();
    assert_eq!(p.meets_deadline, Some(true));
    assert_eq!(p.weekly_hours, 7.0);
    assert_eq!(p.weekly_hours_needed, Some(7.0));

    inp.deadline = Some(date("2026-01-08"));
    let p = plan(&c, &lv, "r1", &inp).unwrap();
    assert_eq!(p.meets_deadline, Some(false));
    // 7h in 4 days of 1h: 7 × 7/4 = 12.25 -> 12.5 a week.
    assert_eq!(p.weekly_hours_needed, Some(12.5));
    // And that much does meet it.
    inp.weekly_hours = [12.5 / 7.0; 7];
    let p = plan(&c, &lv, "r1", &inp).unwrap();
    assert_eq!(p.meets_deadline, Some(true), "finish {}", p.finish);
}

#[test]
fn impossible_inputs_are_clear_errors() {
    let c = tiny();
    let lv = levels(&c, &[]);
    assert_eq!(
        plan(&c, &lv, "r1", &input("2026-01-05", [0.0; 7])).unwrap_err(),
        Error::NoAvailability
    );
    let mut late = input("2026-02-01", [1.0; 7]);
    late.deadline = Some(date("2026-01-01"));
    assert!(matches!(
        plan(&c, &lv, "r1", &late),
        Err(Error::StartAfterDeadline { .. })
    ));
    let err = plan(
        &c,
        &lv,
        "r1",
        &input("2026-01-05", [25.0, 0., 0., 0., 0., 0., 0.]),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("weekly_hours[0]: hours per day are 0 to 24"),
        "{err}"
    );
    assert_eq!(
        plan(&c, &lv, "zz", &input("2026-01-05", [1.0; 7])).unwrap_err(),
        Error::UnknownRole("zz".into())
    );
    // Nothing to learn: an empty plan finishing on its start.
    let done = levels(&c, &[("a", 5), ("b", 5), ("c", 5), ("d", 5)]);
    let p = plan(&c, &done, "r1", &input("2026-01-05", [1.0; 7])).unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.finish, date("2026-01-05"));
}

#[test]
fn replanning_keeps_done_items_counts_partial_hours_and_reports_slip() {
    let c = tiny();
    let first = plan(&c, &levels(&c, &[]), "r1", &input("2026-01-05", [1.0; 7])).unwrap();
    // a@1 done on time, 1h of a@2's 2h logged, nothing else; re-plan on Jan 9 (a@2 was
    // due Jan 7, so it is late).
    let progress = vec![
        ItemProgress {
            id: "a@1".into(),
            done_on: Some(date("2026-01-05")),
            ..Default::default()
        },
        ItemProgress {
            id: "a@2".into(),
            done_on: None,
            logged_hours: 1.0,
            first_logged: Some(date("2026-01-06")),
        },
    ];
    let p = replan(&first, &progress, date("2026-01-09")).unwrap();
    let got: Vec<(String, String, String, bool, i64)> = p
        .items
        .iter()
        .map(|i| {
            (
                i.id(),
                i.start.to_string(),
                i.due.to_string(),
                i.done,
                i.slip_days,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "a@1".into(),
                "2026-01-05".into(),
                "2026-01-05".into(),
                true,
                0
            ),
            (
                "a@2".into(),
                "2026-01-06".into(),
                "2026-01-09".into(),
                false,
                2
            ),
            (
                "b@1".into(),
                "2026-01-10".into(),
                "2026-01-10".into(),
                false,
                2
            ),
            (
                "b@2".into(),
                "2026-01-11".into(),
                "2026-01-11".into(),
                false,
                2
            ),
            (
                "d@1".into(),
                "2026-01-12".into(),
                "2026-01-13".into(),
                false,
                2
            ),
        ]
    );
    assert_eq!(p.items[1].remaining_hours, 1.0);
    assert_eq!(p.slip_days, 2);
    assert_eq!(p.finish, date("2026-01-13"));
    assert_eq!(p.packed_from, date("2026-01-09"));
    // Early completion shows as negative slip.
    let early = vec![ItemProgress {
        id: "d@1".into(),
        done_on: Some(date("2026-01-06")),
        ..Default::default()
    }];
    let p = replan(&first, &early, date("2026-01-05")).unwrap();
    assert_eq!(p.items[4].slip_days, -5);
    assert!(p.slip_days < 0);
}

#[test]
fn segments_fill_each_day_up_to_its_hours() {
    let c = tiny();
    let p = plan(
        &c,
        &levels(&c, &[]),
        "r1",
        &input("2026-01-05", [0.0, 1.5, 0.0, 0.0, 0.0, 0.0, 2.0]),
    )
    .unwrap();
    let segs = segments(&p).unwrap();
    let total: u32 = segs.iter().map(|s| s.minutes).sum();
    assert_eq!(total, 7 * 60);
    let mut per_day = std::collections::BTreeMap::new();
    for s in &segs {
        *per_day.entry(s.day).or_insert(0) += s.minutes;
    }
    for (day, m) in per_day {
        use chrono::Datelike;
        let cap = if day.weekday() == chrono::Weekday::Tue {
            90
        } else {
            120
        };
        assert!(m <= cap, "{day}: {m}");
    }
}
