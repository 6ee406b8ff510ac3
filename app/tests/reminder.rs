//! The reminder service over a real store: one reminder a day, kept across restarts,
//! naming today's step; nothing owed from before the reminder was set.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use pathwise_app::services::plan::PlanRequest;
use pathwise_app::AppState;
use pathwise_core::reminder::Reminder;
use pathwise_core::value::{ClockTime, RoleId};

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

/// 2026-11-30 (a Monday) at `hm` in UTC+8.
fn at(hm: &str) -> DateTime<FixedOffset> {
    let local: NaiveDateTime = format!("2026-11-30T{hm}:00").parse().unwrap();
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .from_local_datetime(&local)
        .unwrap()
}

fn with_plan(dir: &std::path::Path) -> AppState {
    let state = AppState::open(dir, now());
    let request: PlanRequest = serde_json::from_value(serde_json::json!({
        "start": "2026-11-30", "weekly_hours": [1.5, 1.5, 1.5, 1.5, 1.5, 0, 0]
    }))
    .unwrap();
    let role = RoleId::try_from("data_analyst".to_owned()).unwrap();
    state
        .make_plan(&role, &request, "2026-11-27".parse().unwrap(), now())
        .unwrap();
    state
}

fn set_reminder(state: &AppState, time: &str, on: bool) {
    let mut s = state.settings().unwrap();
    s.reminder = Reminder {
        on,
        time: ClockTime::parse(time).unwrap(),
        ..Reminder::default()
    };
    state.save_settings(s).unwrap();
}

#[test]
fn one_reminder_a_day_naming_todays_step_even_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_plan(dir.path());
    // Off: nothing, and no next time to wake for.
    let off = state.check_reminder(&at("08:00")).unwrap();
    assert!(off.notify.is_none() && off.next.is_none());

    set_reminder(&state, "09:00", true);
    let early = state.check_reminder(&at("08:00")).unwrap();
    assert!(early.notify.is_none());
    assert_eq!(early.next.unwrap(), at("09:00"));

    let due = state.check_reminder(&at("09:00")).unwrap();
    let note = due.notify.expect("the reminder is due and a step is open");
    let first = state
        .plan_view("2026-11-30".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(note.step, first.plan.items[0].id());
    assert_eq!(note.hours_today, 1.5);
    assert!(!note.skill.en.is_empty() && !note.level.zh.is_empty());
    assert_eq!(due.next.unwrap().to_rfc3339(), "2026-12-01T09:00:00+08:00");

    // Again a minute later, and after a restart: it was shown already.
    assert!(state.check_reminder(&at("09:01")).unwrap().notify.is_none());
    drop(state);
    let state = AppState::open(dir.path(), now());
    assert!(state.check_reminder(&at("09:30")).unwrap().notify.is_none());
}

#[test]
fn a_reminder_set_after_its_time_owes_nothing_today_but_a_missed_one_fires_once() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_plan(dir.path());
    set_reminder(&state, "09:00", true);
    // First seen at 10:00: set after its time today, so nothing is owed.
    assert!(state.check_reminder(&at("10:00")).unwrap().notify.is_none());

    // Seen at 08:00 (the app then closed before 09:00), next started at 12:00: today's
    // was missed, so exactly one now.
    let dir = tempfile::tempdir().unwrap();
    let state = with_plan(dir.path());
    set_reminder(&state, "09:00", true);
    assert!(state.check_reminder(&at("08:00")).unwrap().notify.is_none());
    drop(state);
    let state = AppState::open(dir.path(), now());
    assert!(state.check_reminder(&at("12:00")).unwrap().notify.is_some());
    assert!(state.check_reminder(&at("12:00")).unwrap().notify.is_none());

    // Changing the time re-arms from the change: 11:00 set at 12:00 owes nothing.
    set_reminder(&state, "11:00", true);
    assert!(state.check_reminder(&at("12:05")).unwrap().notify.is_none());
}

#[test]
fn a_reminder_on_without_weekdays_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path(), now());
    let mut s = state.settings().unwrap();
    s.reminder.on = true;
    s.reminder.weekdays = [false; 7];
    let err = state.save_settings(s).unwrap_err();
    assert!(err.to_string().contains("at least one weekday"), "{err}");
    assert!(!state.settings().unwrap().reminder.on);
}
