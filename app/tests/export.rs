//! The calendar export parses back with the icalendar crate, holds every plan item, and
//! keeps its UIDs across a re-plan.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarComponent, Component};
use pathwise_app::formats::{csv, ics};
use pathwise_core::plan::{plan, replan, ItemProgress, PlanInput};

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn parsed(text: &str) -> Vec<(String, String, Option<String>)> {
    let cal: Calendar = text
        .parse()
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{text}"));
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap().to_owned(),
                e.get_summary().unwrap_or_default().to_owned(),
                e.get_description().map(str::to_owned),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn the_plan_calendar_parses_back_with_stable_uids() {
    let catalog = pathwise_core::builtin();
    let levels = vec![0u8; catalog.skills.len()];
    let input = PlanInput {
        start: day("2026-11-30"),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    };
    let first = plan(catalog, &levels, "mlops_engineer", &input).unwrap();
    let text = ics::write(&first, catalog, "zh", now().and_utc());
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "a line is longer than 75 octets"
    );
    let events = parsed(&text);
    assert_eq!(events.len(), first.items.len());
    let uids: BTreeSet<String> = events.iter().map(|e| e.0.clone()).collect();
    assert_eq!(uids.len(), first.items.len(), "UIDs are unique");
    for item in &first.items {
        assert!(
            uids.contains(&ics::uid(&first.role, &item.id())),
            "{} missing",
            item.id()
        );
    }
    // Descriptions carry the resources, escaping survives the round trip.
    assert!(events
        .iter()
        .any(|e| e.2.as_deref().is_some_and(|d| d.contains("https://"))));

    let progress = vec![ItemProgress {
        id: first.items[0].id(),
        done_on: Some(day("2026-12-01")),
        ..Default::default()
    }];
    let second = replan(&first, &progress, day("2027-01-15")).unwrap();
    assert_ne!(second.finish, first.finish);
    let again: BTreeSet<String> = parsed(&ics::write(&second, catalog, "en", now().and_utc()))
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(again, uids);
}

#[test]
fn csv_export_reads_back() {
    let events = vec![pathwise_core::profile::Event {
        id: 7,
        date: day("2026-02-03"),
        skill: "sql".into(),
        level: 3,
        hours: 2.5,
        note: "a \"quoted\", multi\nline note".into(),
        evidence: Some("https://example.org".into()),
        kind: pathwise_core::profile::EventKind::Work,
    }];
    let back = csv::read(&csv::write(&events)).unwrap();
    assert_eq!(back[0].event.with_id(7), events[0]);
}

#[test]
fn imports_refuse_oversized_and_non_utf8_files() {
    let big = vec![b'a'; pathwise_app::formats::MAX_IMPORT_BYTES + 1];
    assert!(pathwise_app::formats::text_of(&big)
        .unwrap_err()
        .to_string()
        .contains("20 MB"));
    assert!(pathwise_app::formats::text_of(&[b'o', b'k', 0xFF, 0xFE])
        .unwrap_err()
        .to_string()
        .contains("position 2"));
    assert_eq!(
        pathwise_app::formats::text_of("名字".as_bytes()).unwrap(),
        "名字"
    );
}

/// DTSTAMP is the moment of the export in real UTC, whatever the local time zone. This
/// file is its own test binary, so setting TZ here touches no other test.
#[test]
fn the_calendar_stamp_is_utc_in_shanghai() {
    // SAFETY: no other thread of this test binary reads the environment meanwhile.
    unsafe { std::env::set_var("TZ", "Asia/Shanghai") };
    let catalog = pathwise_core::builtin();
    let levels = vec![0u8; catalog.skills.len()];
    let input = PlanInput {
        start: day("2026-11-30"),
        weekly_hours: [1.0; 7],
        holidays: vec![],
        deadline: None,
    };
    let p = plan(catalog, &levels, "data_analyst", &input).unwrap();
    // 07:30 on the 29th in Shanghai is 23:30 on the 28th in UTC.
    let local: NaiveDateTime = "2026-11-29T07:30:00".parse().unwrap();
    let text = ics::write(
        &p,
        catalog,
        "en",
        pathwise_app::services::export::utc_of(local),
    );
    assert!(text.contains("DTSTAMP:20261128T233000Z"), "{text}");
}
