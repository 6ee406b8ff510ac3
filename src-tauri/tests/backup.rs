//! The JSON backup: export then import gives the same data (a property over generated
//! profiles), and every kind of bad file is refused with a clear message, changing nothing.

use chrono::{Days, NaiveDate, NaiveDateTime};
use pathwise::db::{self, events::NewEvent, settings::Settings, Opened};
use pathwise::export::backup::{self, ImportMode};
use proptest::prelude::*;
use rusqlite::Connection;

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

fn open(dir: &std::path::Path) -> Connection {
    match db::open_store(dir, now()) {
        Opened::Ready(c) => c,
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
    db::write(&mut conn, |tx| {
        for (i, skill) in ["sql", "python", "airflow"].iter().enumerate() {
            db::events::append(
                tx,
                &NewEvent {
                    date: NaiveDate::from_ymd_opt(2026, 3, 1 + i as u32).unwrap(),
                    skill: skill.to_string(),
                    level: 2,
                    hours: 4.0,
                    note: "note".into(),
                    evidence: None,
                },
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
    let err = backup::parse(json).unwrap_err().join("; ");
    assert!(err.contains(want), "`{err}` lacks `{want}`");
    assert_eq!(counts(&conn), before);
}

fn valid_json() -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let conn = sample(dir.path());
    serde_json::from_str(&backup::to_json(&backup::collect(&conn, now()).unwrap())).unwrap()
}

#[test]
fn bad_backups_are_refused_with_what_and_where() {
    let good = backup::to_json(&serde_json::from_value(valid_json()).unwrap());
    refused(&good.as_bytes()[..good.len() / 2], "not valid JSON at line");
    refused(&[b'{', 0xFF, 0xFE, b'}'], "not UTF-8");
    refused(
        &vec![b' '; pathwise::export::MAX_IMPORT_BYTES + 10],
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
    refused(v.to_string().as_bytes(), "unknown skill `basket_weaving`");
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
    let mut conn = sample(dir.path());
    let b = backup::collect(&conn, now()).unwrap();
    // One more event here that the backup does not have.
    db::write(&mut conn, |tx| {
        db::events::append(
            tx,
            &NewEvent {
                date: "2026-04-01".parse().unwrap(),
                skill: "git".into(),
                level: 1,
                hours: 1.0,
                note: String::new(),
                evidence: None,
            },
            now(),
        )
    })
    .unwrap();
    let merge = backup::preview(&conn, &b, ImportMode::Merge).unwrap();
    assert_eq!(
        (
            merge.events_added,
            merge.events_unchanged,
            merge.events_removed
        ),
        (0, 3, 0)
    );
    let replace = backup::preview(&conn, &b, ImportMode::Replace).unwrap();
    assert_eq!(
        (
            replace.events_added,
            replace.events_unchanged,
            replace.events_removed
        ),
        (0, 3, 1)
    );
    db::write(&mut conn, |tx| {
        backup::apply(tx, &b, ImportMode::Replace, now())
    })
    .unwrap();
    assert_eq!(db::events::all(&conn).unwrap(), b.events);
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
        rows.into_iter().map(|(s, d, level, quarter_hours, note, link)| NewEvent {
            date: base + Days::new(d),
            skill: skills[s % skills.len()].clone(),
            level,
            hours: quarter_hours as f64 / 4.0,
            note,
            evidence: link.then(|| "https://example.org/proof?a=1&b=\"2\"".to_owned()),
        }).collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn export_then_import_gives_the_same_data(evs in events(), weekly in proptest::array::uniform7(0u8..=24), lang in prop_oneof![Just(None), Just(Some("en")), Just(Some("zh"))]) {
        let from = tempfile::tempdir().unwrap();
        let mut conn = open(from.path());
        let settings = Settings {
            language: lang.map(str::to_owned),
            weekly_hours: weekly.map(|h| h as f64),
            target_role: Some("data_engineer".into()),
            ..Settings::default()
        };
        db::write(&mut conn, |tx| {
            db::settings::save(tx, &settings)?;
            db::events::append_many(tx, &evs, now())
        }).unwrap();
        let exported = backup::collect(&conn, now()).unwrap();
        let text = backup::to_json(&exported);
        let errors: Vec<String> = schema()
            .iter_errors(&serde_json::from_str(&text).unwrap())
            .map(|e| e.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);

        let to = tempfile::tempdir().unwrap();
        let mut fresh = open(to.path());
        let parsed = backup::parse(text.as_bytes()).unwrap();
        db::write(&mut fresh, |tx| backup::apply(tx, &parsed, ImportMode::Replace, now())).unwrap();
        let again = backup::collect(&fresh, now()).unwrap();
        prop_assert_eq!(again, exported);
    }
}
