//! The JSON backup: export then import gives the same data (a property over generated
//! profiles), and every kind of bad file is refused with a clear message, changing nothing.

use chrono::{Days, NaiveDate, NaiveDateTime};
use pathwise_app::formats::backup::{self, ImportMode};
use pathwise_app::services::import::ImportKind;
use pathwise_app::store::{self, events::NewEvent, settings::Settings, Opened};
use pathwise_app::AppState;
use proptest::prelude::*;
use rusqlite::Connection;

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

fn open(dir: &std::path::Path) -> Connection {
    match store::open_store(dir, now()) {
        Opened::Ready(c, _) => c,
        Opened::Problem(p) => panic!("{p:?}"),
    }
}

fn counts(conn: &Connection) -> Vec<i64> {
    [
        "events",
        "settings",
        "plans",
        "plan_items",
        "custom_skills",
        "custom_roles",
    ]
    .iter()
    .map(|t| {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

fn sample(dir: &std::path::Path) -> Connection {
    let mut conn = open(dir);
    store::write(&mut conn, |tx| {
        for (i, skill) in ["sql", "python", "airflow"].iter().enumerate() {
            store::events::append(
                tx,
                &NewEvent::parse(
                    NaiveDate::from_ymd_opt(2026, 3, 1 + i as u32).unwrap(),
                    skill,
                    2,
                    4.0,
                    "note",
                    None,
                )
                .unwrap(),
                now(),
            )?;
        }
        Ok(())
    })
    .unwrap();
    conn
}

fn refused(json: &[u8], want: &str) {
    let dir = tempfile::tempdir().unwrap();
    let conn = sample(dir.path());
    let before = counts(&conn);
    let err = pathwise_core::problem::describe(&backup::parse(json).unwrap_err());
    assert!(err.contains(want), "`{err}` lacks `{want}`");
    assert_eq!(counts(&conn), before);
}

/// The state over a sample profile (its connection closed first: one writer per folder).
fn sample_state(dir: &std::path::Path) -> AppState {
    drop(sample(dir));
    AppState::open(dir, now())
}

fn valid_json() -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let state = sample_state(dir.path());
    serde_json::from_str(&backup::to_json(&state.backup(now()).unwrap())).unwrap()
}

#[test]
fn bad_backups_are_refused_with_what_and_where() {
    let good = backup::to_json(&serde_json::from_value(valid_json()).unwrap());
    refused(&good.as_bytes()[..good.len() / 2], "not valid JSON at line");
    refused(&[b'{', 0xFF, 0xFE, b'}'], "not UTF-8");
    refused(
        &vec![b' '; pathwise_app::formats::MAX_IMPORT_BYTES + 10],
        "up to 20 MB",
    );

    let mut v = valid_json();
    v["format_version"] = 2.into();
    refused(v.to_string().as_bytes(), "newer Pathwise");
    let mut v = valid_json();
    v["format"] = "something-else".into();
    refused(v.to_string().as_bytes(), "not a Pathwise backup");
    let mut v = valid_json();
    v["events"][1]["id"] = v["events"][0]["id"].clone();
    refused(v.to_string().as_bytes(), "duplicate id");
    let mut v = valid_json();
    v["events"][0]["skill"] = "basket_weaving".into();
    refused(
        v.to_string().as_bytes(),
        "there is no skill `basket_weaving`",
    );
    let mut v = valid_json();
    v["events"][0]["level"] = "high".into();
    refused(v.to_string().as_bytes(), "wrong type");
    let mut v = valid_json();
    v["events"][0]["date"] = "2026-02-30".into();
    refused(v.to_string().as_bytes(), "wrong type");
    let mut v = valid_json();
    v["events"][0]["date"] = "1800-01-01".into();
    refused(v.to_string().as_bytes(), "outside 1970");
    let mut v = valid_json();
    v["custom"]["skills"] = serde_json::json!([
        {"id": "a1", "category": "programming", "name": {"en": "A"}, "hours": [1,1,1,1,1], "prerequisites": [{"skill": "b1", "level": 1}]},
        {"id": "b1", "category": "programming", "name": {"en": "B"}, "hours": [1,1,1,1,1], "prerequisites": [{"skill": "a1", "level": 1}]}
    ]);
    refused(v.to_string().as_bytes(), "a1 -> b1 -> a1");
}

#[test]
fn replace_and_merge_preview_then_apply() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample_state(dir.path());
    let b = state.backup(now()).unwrap();
    // One more event here that the backup does not have.
    state
        .log_event(
            &NewEvent::parse("2026-04-01".parse().unwrap(), "git", 1, 1.0, "", None).unwrap(),
            now(),
        )
        .unwrap();
    let review = state
        .review_import(ImportKind::Backup, "b.json", backup::to_json(&b).as_bytes())
        .unwrap();
    let merge = review.merge.unwrap();
    assert_eq!(
        (
            merge.events_added,
            merge.events_unchanged,
            merge.events_removed
        ),
        (0, 3, 0)
    );
    let replace = review.replace.unwrap();
    assert_eq!(
        (
            replace.events_added,
            replace.events_unchanged,
            replace.events_removed
        ),
        (0, 3, 1)
    );
    state.apply_import(ImportMode::Replace, now()).unwrap();
    assert_eq!(state.backup(now()).unwrap().events, b.events);
}

#[test]
fn a_backup_from_before_reminders_imports_with_the_reminder_off() {
    let mut v = valid_json();
    assert!(
        schema().is_valid(&v),
        "an export with its reminder fits the schema"
    );
    assert_eq!(v["settings"]["reminder"]["on"], false);
    v["settings"]["reminder"] = serde_json::json!({"on": true, "time": "07:45", "weekdays": [true, false, true, false, true, false, false], "at_login": true});
    assert!(schema().is_valid(&v));
    let b = backup::parse(v.to_string().as_bytes()).unwrap();
    assert!(b.settings.reminder.on && b.settings.reminder.at_login);
    assert_eq!(b.settings.reminder.time.to_string(), "07:45");

    v["settings"].as_object_mut().unwrap().remove("reminder");
    assert!(schema().is_valid(&v), "the field is optional in the schema");
    let dir = tempfile::tempdir().unwrap();
    let state = sample_state(dir.path());
    let review = state
        .review_import(ImportKind::Backup, "old.json", v.to_string().as_bytes())
        .unwrap();
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    state.apply_import(ImportMode::Replace, now()).unwrap();
    assert_eq!(
        state.settings().unwrap().reminder,
        pathwise_core::reminder::Reminder::default()
    );

    let mut bad = valid_json();
    bad["settings"]["reminder"]["time"] = "7:45".into();
    assert!(
        !schema().is_valid(&bad),
        "the schema refuses a time that is not HH:MM"
    );
    refused(bad.to_string().as_bytes(), "`7:45` is not a time of day");
}

/// The published schema of the backup format (`docs/backup.schema.json`).
fn schema() -> &'static jsonschema::Validator {
    static V: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let schema = serde_json::from_str(include_str!("../../docs/backup.schema.json")).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

prop_compose! {
    fn events()(rows in proptest::collection::vec((0usize..52, 0u64..2000, 0u8..=5, 0u32..4000, "[ -~\u{4e00}-\u{4e20}]{0,40}", any::<bool>()), 0..60)) -> Vec<NewEvent> {
        let skills: Vec<String> = pathwise_core::builtin().skills.iter().map(|s| s.id.clone()).collect();
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        rows.into_iter().map(|(s, d, level, quarter_hours, note, link)| NewEvent::parse(
            base + Days::new(d),
            &skills[s % skills.len()],
            level,
            quarter_hours as f64 / 4.0,
            &note,
            link.then_some("https://example.org/proof?a=1&b=\"2\""),
        ).unwrap()).collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn export_then_import_gives_the_same_data(evs in events(), weekly in proptest::array::uniform7(0u8..=24), lang in prop_oneof![Just(None), Just(Some("en")), Just(Some("zh"))]) {
        let from = tempfile::tempdir().unwrap();
        let mut conn = open(from.path());
        let settings = Settings {
            language: lang.map(|l| pathwise_core::value::Lang::parse(l).unwrap()),
            weekly_hours: weekly.map(|h| pathwise_core::value::DayHours::try_from(h as f64).unwrap()),
            target_role: Some(pathwise_core::value::RoleId::try_from("data_engineer".to_owned()).unwrap()),
            ..Settings::default()
        };
        store::write(&mut conn, |tx| {
            store::settings::save(tx, &settings)?;
            let work: Vec<_> = evs
                .iter()
                .map(|e| (e.clone(), pathwise_core::profile::EventKind::Work))
                .collect();
            store::events::append_many(tx, &work, now())
        }).unwrap();
        drop(conn);
        let exported = AppState::open(from.path(), now()).backup(now()).unwrap();
        let text = backup::to_json(&exported);
        let errors: Vec<String> = schema()
            .iter_errors(&serde_json::from_str(&text).unwrap())
            .map(|e| e.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);

        let to = tempfile::tempdir().unwrap();
        let fresh = AppState::open(to.path(), now());
        let review = fresh.review_import(ImportKind::Backup, "b.json", text.as_bytes()).unwrap();
        prop_assert!(review.problems.is_empty(), "{:?}", review.problems);
        fresh.apply_import(ImportMode::Replace, now()).unwrap();
        let again = fresh.backup(now()).unwrap();
        prop_assert_eq!(again, exported);
    }
}
