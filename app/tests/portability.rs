//! Imports through the app's own two steps (review, then apply), exports, and the user's
//! own roles and skills. Every refused input leaves row counts and the database file's
//! bytes exactly as they were.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_app::formats::backup::ImportMode;
use pathwise_app::services::export::ExportKind;
use pathwise_app::services::import::ImportKind;
use pathwise_app::services::plan::PlanRequest;
use pathwise_app::store::{self, events::NewEvent};
use pathwise_app::AppState;
use pathwise_core::catalog::{Catalog, Pack, Requirement, Role, Skill, Source, Text};
use pathwise_core::value::{Lang, RoleId, SkillId};

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ev(date: &str, skill: &str, level: u8, hours: f64, note: &str) -> NewEvent {
    NewEvent::parse(day(date), skill, level, hours, note, None).unwrap()
}

fn role(id: &str) -> RoleId {
    RoleId::try_from(id.to_owned()).unwrap()
}

fn skill(id: &str) -> SkillId {
    SkillId::try_from(id.to_owned()).unwrap()
}

fn request(
    start: &str,
    weekly: [f64; 7],
    holidays: &[&str],
    deadline: Option<&str>,
) -> PlanRequest {
    serde_json::from_value(serde_json::json!({
        "start": start, "weekly_hours": weekly, "holidays": holidays, "deadline": deadline
    }))
    .unwrap()
}

fn sample(dir: &Path) -> AppState {
    let state = AppState::open(dir, now());
    state
        .log_event(&ev("2026-03-01", "sql", 2, 4.0, "joins"), now())
        .unwrap();
    state
        .log_event(&ev("2026-03-02", "python", 1, 3.0, ""), now())
        .unwrap();
    state
}

/// Row counts of every table a user's data lives in, and a hash of the database files.
fn fingerprint(state: &AppState, dir: &Path) -> (Vec<i64>, u64) {
    let counts = state
        .with_db(|c| {
            Ok([
                "events",
                "settings",
                "plans",
                "plan_items",
                "custom_skills",
                "custom_roles",
                "changes",
            ]
            .iter()
            .map(|t| {
                c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap()
            })
            .collect())
        })
        .unwrap();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let db = store::path_in(dir);
    for suffix in ["", "-wal"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        if let Ok(bytes) = std::fs::read(p) {
            for b in bytes {
                hash = (hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    (counts, hash)
}

/// Reviews `bytes` as `kind`, expects a problem containing `want`, and checks that neither
/// the review nor an attempt to apply changed anything.
fn refused(kind: ImportKind, bytes: &[u8], want: &str) {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    let before = fingerprint(&state, dir.path());
    let review = state.review_import(kind, "bad", bytes).unwrap();
    let all = review
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains(want), "{kind:?}: `{all}` lacks `{want}`");
    assert!(review.merge.is_none() && review.replace.is_none());
    let err = state.apply_import(ImportMode::Merge, now()).unwrap_err();
    assert!(err.to_string().contains("no checked file"), "{err}");
    assert_eq!(fingerprint(&state, dir.path()), before, "{kind:?} {want}");
}

fn backup_json(state: &AppState) -> serde_json::Value {
    let f = state
        .export_file(ExportKind::Backup, Lang::En, now())
        .unwrap();
    serde_json::from_str(&f.text).unwrap()
}

fn good_backup() -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    backup_json(&sample(dir.path()))
}

fn own_skill(id: &str, prereq: Option<&str>) -> Skill {
    Skill {
        id: id.into(),
        category: "programming".into(),
        name: Text {
            en: format!("Own {id}"),
            zh: String::new(),
        },
        description: Text::default(),
        hours: vec![2.0, 4.0, 8.0, 16.0, 32.0],
        levels: Vec::new(),
        hours_basis: Default::default(),
        prerequisites: prereq
            .map(|p| {
                vec![pathwise_core::catalog::Prerequisite {
                    skill: p.into(),
                    level: 1,
                }]
            })
            .unwrap_or_default(),
        resources: vec![],
        custom: false,
    }
}

fn own_role(id: &str, skills: &[&str]) -> Role {
    Role {
        id: id.into(),
        name: Text {
            en: format!("Role {id}"),
            zh: "自定义角色".into(),
        },
        summary: Text::default(),
        responsibilities: vec![],
        requirements: skills
            .iter()
            .map(|s| Requirement {
                skill: (*s).into(),
                level: 3,
                importance: 4,
                source: Source::User,
                note: String::new(),
            })
            .collect(),
        custom: false,
    }
}

fn pack_json(skills: &[Skill], roles: &[Role]) -> String {
    serde_json::to_string(&Pack {
        skills: skills.to_vec(),
        roles: roles.to_vec(),
        ..Pack::default()
    })
    .unwrap()
}

/// One test per kind of bad input the issue lists: each is refused with a message that
/// says what and where, and leaves row counts and the database bytes unchanged.
macro_rules! bad_input {
    ($($name:ident: $kind:expr, $bytes:expr, $want:expr;)*) => {
        $(
            #[test]
            fn $name() {
                let bytes: Vec<u8> = $bytes;
                refused($kind, &bytes, $want);
            }
        )*
    };
}

fn backup_with(path: &str, value: serde_json::Value) -> Vec<u8> {
    let mut v = good_backup();
    *v.pointer_mut(path).unwrap() = value;
    v.to_string().into_bytes()
}

/// A good backup with an active plan, one of whose dates is then set to `date`.
fn backup_with_plan_date(date: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    state
        .make_plan(
            &role("data_analyst"),
            &request("2026-11-30", [1.0; 7], &[], None),
            day("2026-11-27"),
            now(),
        )
        .unwrap();
    let mut v = backup_json(&state);
    v["plan"]["items"][0]["due"] = date.into();
    v.to_string().into_bytes()
}

fn truncated(text: String) -> Vec<u8> {
    text.as_bytes()[..text.len() / 2].to_vec()
}

fn oversized() -> Vec<u8> {
    vec![b' '; pathwise_app::formats::MAX_IMPORT_BYTES + 1]
}

fn good_pack() -> String {
    pack_json(
        &[own_skill("kafka_streams", None)],
        &[own_role("streaming", &["kafka_streams", "sql"])],
    )
}

use ImportKind::{Backup as B, Events as E, Pack as P};

bad_input! {
    backup_truncated_json: B, truncated(good_backup().to_string()), "not valid JSON at line";
    backup_not_utf8: B, b"{\"format\": \"pathwise-backup\", \xff}".to_vec(), "not UTF-8";
    backup_over_the_size_cap: B, oversized(), "up to 20 MB";
    backup_future_version: B, backup_with("/format_version", 7.into()), "newer Pathwise";
    backup_wrong_version: B, backup_with("/format_version", "one".into()), "format version must be a whole number";
    backup_wrong_format: B, backup_with("/format", "zip".into()), "not a Pathwise backup";
    backup_unknown_skill: B, backup_with("/events/0/skill", "basket_weaving".into()), "events[0] (id 1).skill: there is no skill `basket_weaving`";
    backup_wrong_type: B, backup_with("/events/0/level", "high".into()), "wrong type";
    backup_wrong_type_in_settings: B, backup_with("/settings/weekly_hours", serde_json::json!([1, 2])), "wrong type";
    backup_reminder_time_invalid: B, backup_with("/settings/reminder/time", "25:00".into()), "`25:00` is not a time of day";
    backup_reminder_without_weekdays: B, backup_with("/settings/reminder", serde_json::json!({"on": true, "time": "08:00", "weekdays": [false, false, false, false, false, false, false], "at_login": false})), "settings.reminder.weekdays: a reminder needs at least one weekday";
    backup_impossible_date: B, backup_with("/events/0/date", "2026-02-30".into()), "wrong type";
    backup_date_out_of_range: B, backup_with("/events/0/date", "2999-01-01".into()), "outside 1970";
    backup_plan_date_out_of_range: B, backup_with_plan_date("2300-01-01"), "plan: the date 2300-01-01 is outside";
    backup_duplicate_ids: B, {
        let mut v = good_backup();
        v["events"][1]["id"] = v["events"][0]["id"].clone();
        v.to_string().into_bytes()
    }, "events[1] (id 1): duplicate id";
    backup_duplicate_key: B, {
        let text = good_backup().to_string();
        format!("{}, \"events\": []}}", &text[..text.len() - 1]).into_bytes()
    }, "events: the key `events` is given twice";
    backup_with_a_byte_order_mark_reads: B, {
        let mut v = good_backup();
        v["events"][0]["skill"] = "basket_weaving".into();
        [b"\xef\xbb\xbf".to_vec(), v.to_string().into_bytes()].concat()
    }, "events[0] (id 1).skill: there is no skill `basket_weaving`";
    backup_prerequisite_cycle: B, {
        let mut v = good_backup();
        v["custom"] = serde_json::from_str(&pack_json(
            &[own_skill("a1", Some("b1")), own_skill("b1", Some("a1"))],
            &[],
        ))
        .unwrap();
        v.to_string().into_bytes()
    }, "a1 -> b1 -> a1";

    pack_truncated_json: P, truncated(good_pack()), "not valid JSON";
    pack_not_utf8: P, b"{\"skills\": [\xc3\x28]}".to_vec(), "not UTF-8";
    pack_over_the_size_cap: P, oversized(), "up to 20 MB";
    pack_future_version: P, good_pack().replace("\"format_version\":1", "\"format_version\":9").into_bytes(), "format_version: the file has format version 9";
    pack_wrong_type: P, good_pack().replace("\"hours\":[2.0", "\"hours\":[\"two\"").into_bytes(), "not valid JSON";
    pack_duplicate_ids: P, pack_json(&[own_skill("x1", None), own_skill("x1", None)], &[]).into_bytes(), "skills[1] (x1).id: duplicate id";
    pack_unknown_skill: P, pack_json(&[], &[own_role("r1", &["sql", "telepathy"])]).into_bytes(), "roles[0] (r1).requirements[1].skill: there is no skill `telepathy`";
    pack_prerequisite_cycle: P, pack_json(&[own_skill("c1", Some("c2")), own_skill("c2", Some("c1"))], &[]).into_bytes(), "c1 -> c2 -> c1";
    pack_builtin_id: P, pack_json(&[own_skill("sql", None)], &[]).into_bytes(), "`sql` is built in";
    pack_bad_hours: P, {
        let mut s = own_skill("h1", None);
        s.hours[2] = -1.0;
        pack_json(&[s], &[]).into_bytes()
    }, "skills[0] (h1).hours[2]";
    pack_empty: P, b"{}".to_vec(), "no skills and no roles";

    csv_broken_quoting: E, b"date,skill,level,hours\n2026-01-01,sql,\"2,1\n".to_vec(), "line 2";
    csv_missing_columns: E, b"date,skill,hours\n2026-01-01,sql,1\n".to_vec(), "line 1: the CSV has no `level` column";
    csv_impossible_date: E, b"date,skill,level,hours\n2026-02-30,sql,2,1\n".to_vec(), "line 2, date: `2026-02-30` is not a date";
    csv_wrong_type: E, b"date,skill,level,hours\n2026-01-01,sql,9,1\n".to_vec(), "0 to 5, not 9";
    csv_unknown_skill: E, b"date,skill,level,hours\n2026-01-01,astrology,2,1\n".to_vec(), "line 2, skill: there is no skill `astrology`";
    csv_not_utf8: E, b"date,skill,level,hours,note\n2026-01-01,sql,2,1,caf\xe9\n".to_vec(), "not UTF-8";
    csv_over_the_size_cap: E, oversized(), "up to 20 MB";
    csv_empty: E, Vec::new(), "no header row";
    csv_duplicate_column: E, b"date,skill,level,hours,note,note\n2026-01-01,sql,2,1,a,b\n".to_vec(), "line 1: the CSV has the column `note` twice";
    csv_with_a_byte_order_mark_reads: E, b"\xef\xbb\xbfdate,skill,level,hours\n2026-01-01,astrology,2,1\n".to_vec(), "line 2, skill: there is no skill `astrology`";
}

#[test]
fn a_csv_import_previews_then_adds_only_new_events_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    let csv = state
        .export_file(ExportKind::Events, Lang::En, now())
        .unwrap()
        .text
        + "9,2026-04-01,git,1,2,\"new, with comma\",,work\n";
    let review = state
        .review_import(ImportKind::Events, "e.csv", csv.as_bytes())
        .unwrap();
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    let merge = review.merge.unwrap();
    assert_eq!((merge.events_added, merge.events_unchanged), (1, 2));
    let done = state.apply_import(ImportMode::Merge, now()).unwrap();
    assert_eq!(done.backup.reason, "before-import");
    assert!(state
        .list_backups()
        .unwrap()
        .iter()
        .any(|b| b.file == done.backup.file));
    let events = state.with_db(|c| store::events::all(c)).unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[2].note, "new, with comma");
    // The staged file is used once.
    assert!(state.apply_import(ImportMode::Merge, now()).is_err());
}

#[test]
fn a_backup_round_trips_through_a_fresh_folder() {
    let from_dir = tempfile::tempdir().unwrap();
    let from = sample(from_dir.path());
    from.save_own_skill(own_skill("dbt_models", Some("sql")), now())
        .unwrap();
    from.save_own_role(
        own_role("analytics_engineer", &["dbt_models", "sql"]),
        now(),
    )
    .unwrap();
    from.make_plan(
        &role("analytics_engineer"),
        &request("2026-11-30", [2.0; 7], &["2026-12-25"], Some("2027-06-30")),
        day("2026-11-27"),
        now(),
    )
    .unwrap();
    let text = from
        .export_file(ExportKind::Backup, Lang::En, now())
        .unwrap()
        .text;

    let to_dir = tempfile::tempdir().unwrap();
    let to = AppState::open(to_dir.path(), now());
    let review = to
        .review_import(ImportKind::Backup, "b.json", text.as_bytes())
        .unwrap();
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    let replace = review.replace.unwrap();
    assert_eq!(
        (
            replace.events_added,
            replace.custom_skills,
            replace.custom_roles
        ),
        (2, 1, 1)
    );
    assert!(replace.plan_replaced);
    to.apply_import(ImportMode::Replace, now()).unwrap();
    assert_eq!(
        to.timeline(day("2026-12-02")).unwrap().events,
        from.timeline(day("2026-12-02")).unwrap().events
    );
    assert_eq!(to.active_plan().unwrap(), from.active_plan().unwrap());
    assert!(
        to.catalog()
            .unwrap()
            .role("analytics_engineer")
            .unwrap()
            .custom
    );
    assert_eq!(to.fit().unwrap().ranked.len(), 9);
}

#[test]
fn a_pack_adds_own_entries_marked_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    let pack = pack_json(
        &[own_skill("spark_tuning", Some("sql"))],
        &[own_role("spark_specialist", &["spark_tuning", "python"])],
    );
    let review = state
        .review_import(ImportKind::Pack, "p.json", pack.as_bytes())
        .unwrap();
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    assert!(review.replace.is_none(), "a pack only merges");
    assert!(state.apply_import(ImportMode::Replace, now()).is_err());
    state
        .review_import(ImportKind::Pack, "p.json", pack.as_bytes())
        .unwrap();
    state.apply_import(ImportMode::Merge, now()).unwrap();
    let view = state.catalog_view().unwrap();
    assert!(
        view.skills
            .iter()
            .find(|s| s.id == "spark_tuning")
            .unwrap()
            .custom
    );
    assert!(
        view.roles
            .iter()
            .find(|r| r.id == "spark_specialist")
            .unwrap()
            .custom
    );
    assert_eq!(view.roles.iter().filter(|r| !r.custom).count(), 8);
    state.gap(&role("spark_specialist")).unwrap();

    // Exported as a pack, they import into another profile unchanged.
    let exported = state
        .export_file(ExportKind::Pack, Lang::En, now())
        .unwrap();
    assert!(exported.name.ends_with(".json"));
    let other_dir = tempfile::tempdir().unwrap();
    let other = AppState::open(other_dir.path(), now());
    let review = other
        .review_import(ImportKind::Pack, &exported.name, exported.text.as_bytes())
        .unwrap();
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    other.apply_import(ImportMode::Merge, now()).unwrap();
    let mine = |s: &AppState| {
        let c = s.catalog_view().unwrap();
        (
            c.skills
                .into_iter()
                .filter(|s| s.custom)
                .collect::<Vec<_>>(),
            c.roles.into_iter().filter(|r| r.custom).collect::<Vec<_>>(),
        )
    };
    assert_eq!(mine(&other), mine(&state));
}

#[test]
fn own_entries_are_validated_and_deleted_only_when_unused() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    // A copy of a built-in role under a new id.
    let mut copy = state
        .catalog()
        .unwrap()
        .role("data_engineer")
        .unwrap()
        .clone();
    copy.id = "my_data_engineer".into();
    copy.requirements.retain(|q| q.skill != "spark");
    state.save_own_role(copy, now()).unwrap();
    assert!(
        state
            .catalog()
            .unwrap()
            .role("my_data_engineer")
            .unwrap()
            .custom
    );

    let before = fingerprint(&state, dir.path());
    let err = state
        .save_own_role(own_role("r2", &["unknown_thing"]), now())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("roles[0] (r2).requirements[0].skill"),
        "{err}"
    );
    let mut builtin_id = own_skill("python", None);
    builtin_id.name.en = "Mine".into();
    assert!(state.save_own_skill(builtin_id, now()).is_err());
    let mut long = own_skill("long", None);
    long.name.en = "x".repeat(3000);
    assert!(state
        .save_own_skill(long, now())
        .unwrap_err()
        .to_string()
        .contains("longer than"));
    assert_eq!(fingerprint(&state, dir.path()), before);

    state
        .save_own_skill(own_skill("base_skill", None), now())
        .unwrap();
    state
        .save_own_skill(own_skill("top_skill", Some("base_skill")), now())
        .unwrap();
    let err = state.delete_own_skill(&skill("base_skill")).unwrap_err();
    assert!(err.to_string().contains("use it: top_skill;"), "{err}");
    state
        .log_event(&ev("2026-05-01", "top_skill", 1, 1.0, ""), now())
        .unwrap();
    assert!(state
        .delete_own_skill(&skill("top_skill"))
        .unwrap_err()
        .to_string()
        .contains("logged 1"));
    assert!(state
        .delete_own_skill(&skill("sql"))
        .unwrap_err()
        .to_string()
        .contains("not one of your own"));

    let mut s = state.settings().unwrap();
    s.target_role = Some(role("my_data_engineer"));
    state.save_settings(s).unwrap();
    state.delete_own_role(&role("my_data_engineer")).unwrap();
    assert_eq!(state.settings().unwrap().target_role, None);
    assert!(state.catalog().unwrap().role("my_data_engineer").is_none());
}

#[test]
fn own_entries_survive_a_new_builtin_catalog() {
    let own = Pack {
        skills: vec![
            own_skill("needs_git", Some("git")),
            own_skill("plain", None),
        ],
        roles: vec![
            own_role("keeps", &["plain", "sql"]),
            own_role("loses", &["needs_git"]),
        ],
        ..Pack::default()
    };
    // A future built-in catalog without `git`: what depended on it is set aside, the rest
    // stays, and nothing fails.
    let mut next = pathwise_core::builtin().to_pack();
    next.skills.retain(|s| s.id != "git");
    for s in &mut next.skills {
        s.prerequisites.retain(|p| p.skill != "git");
    }
    for r in &mut next.roles {
        r.requirements.retain(|q| q.skill != "git");
    }
    let next = Catalog::from_pack(next).unwrap();
    let (catalog, set_aside) = pathwise_core::own::with_own(&next, &own);
    assert!(catalog.role("keeps").is_some() && catalog.skill("plain").is_some());
    assert!(catalog.role("loses").is_none());
    let set_aside: Vec<(pathwise_core::Code, &str)> = set_aside
        .iter()
        .map(|p| (p.code, p.args["id"].as_str()))
        .collect();
    assert_eq!(
        set_aside,
        [
            (pathwise_core::Code::SetAsideSkill, "needs_git"),
            (pathwise_core::Code::SetAsideRole, "loses")
        ]
    );
    // With the current catalog all of it fits.
    let (catalog, set_aside) = pathwise_core::own::with_own(pathwise_core::builtin(), &own);
    assert!(set_aside.is_empty() && catalog.role("loses").is_some());
}

#[test]
fn exports_validate_against_the_published_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/backup.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    state
        .save_own_skill(own_skill("dbt_models", Some("sql")), now())
        .unwrap();
    state
        .save_own_role(own_role("analytics_engineer", &["dbt_models"]), now())
        .unwrap();
    let mut v = backup_json(&state);
    assert!(v["plan"].is_null());
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    state
        .make_plan(
            &role("data_scientist"),
            &request(
                "2026-11-30",
                [1.0, 1.0, 1.0, 1.0, 1.0, 3.0, 0.0],
                &[],
                Some("2027-01-31"),
            ),
            day("2026-11-27"),
            now(),
        )
        .unwrap();
    v = backup_json(&state);
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The schema is strict enough to notice a wrong document.
    v["events"][0]["level"] = 9.into();
    assert!(!validator.is_valid(&v));
}

#[test]
fn the_report_lists_plan_and_progress_with_user_text_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    state
        .log_event(
            &ev(
                "2026-04-01",
                "git",
                1,
                2.0,
                "<img src=x onerror=alert(1)> | *bold*",
            ),
            now(),
        )
        .unwrap();
    let plan = state
        .make_plan(
            &role("data_engineer"),
            &request("2026-11-30", [1.0; 7], &[], Some("2027-01-01")),
            day("2026-11-27"),
            now(),
        )
        .unwrap();
    let md = state
        .export_file(ExportKind::Report, Lang::En, now())
        .unwrap();
    assert!(md.name.ends_with(".md"));
    let text = md.text;
    assert!(text.contains("## Learning plan: Data engineer"), "{text}");
    assert_eq!(
        text.matches("| planned |").count() + text.matches("h logged |").count(),
        plan.plan.items.len()
    );
    assert!(text.contains("&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\*bold\\*"));
    assert!(!text.contains("<img"));
    let zh = state
        .export_file(ExportKind::Report, Lang::Zh, now())
        .unwrap()
        .text;
    assert!(zh.contains("## 学习计划"));
    let ics = state
        .export_file(ExportKind::Calendar, Lang::En, now())
        .unwrap();
    assert_eq!(
        ics.text.matches("BEGIN:VEVENT").count(),
        plan.plan.items.len()
    );
}

#[test]
fn hostile_command_arguments_are_refused_and_write_nothing() {
    use pathwise_app::services::assessment::Rating;
    use pathwise_app::ErrorKind;
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    let before = fingerprint(&state, dir.path());
    let huge = "x".repeat(1_000_000);
    // What the command layer reads: each is refused by its type, with a short message.
    let typed: Vec<String> = [
        serde_json::from_value::<RoleId>(huge.clone().into()).map(|_| ()),
        serde_json::from_value::<RoleId>("../etc/passwd".into()).map(|_| ()),
        serde_json::from_value::<RoleId>("data engineer; DROP TABLE events".into()).map(|_| ()),
        serde_json::from_value::<Lang>("fr".into()).map(|_| ()),
        serde_json::from_value::<SkillId>("".into()).map(|_| ()),
        serde_json::from_value::<NewEvent>(serde_json::json!({
            "date": "2026-01-01", "skill": "sql", "level": 1, "hours": 1,
            "evidence": format!("https://example.org/{huge}")
        }))
        .map(|_| ()),
        serde_json::from_value::<NewEvent>(serde_json::json!({
            "date": "2026-01-01", "skill": "sql", "level": 1, "hours": 1,
            "evidence": "file:///etc/passwd"
        }))
        .map(|_| ()),
    ]
    .into_iter()
    .map(|r| r.unwrap_err().to_string())
    .collect();
    for m in &typed {
        assert!(
            m.len() < 300,
            "the message echoes the input: {}",
            &m[..300.min(m.len())]
        );
    }
    let mut errors = vec![
        state.restore_backup(&huge, now()).unwrap_err(),
        state
            .rate(
                &vec![
                    Rating {
                        skill: skill("sql"),
                        level: pathwise_core::value::Level::try_from(1).unwrap(),
                    };
                    10_001
                ],
                day("2026-11-27"),
                now(),
            )
            .unwrap_err(),
        state
            .log_event(&ev("2026-01-01", "no_such_skill", 1, 1.0, ""), now())
            .unwrap_err(),
    ];
    let mut s = state.settings().unwrap();
    s.target_role = Some(role("astronaut"));
    errors.push(state.save_settings(s).unwrap_err());
    let mut r = own_role("r9", &["sql"]);
    r.requirements = (0..300).map(|_| r.requirements[0].clone()).collect();
    errors.push(state.save_own_role(r, now()).unwrap_err());
    let mut sk = own_skill("s9", None);
    sk.resources = vec![pathwise_core::catalog::Resource {
        title: "x".into(),
        url: "javascript:alert(1)".into(),
    }];
    errors.push(state.save_own_skill(sk, now()).unwrap_err());
    for err in &errors {
        assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
        let m = err.to_string();
        assert!(
            m.len() < 2_000,
            "the message echoes the input: {}",
            &m[..300.min(m.len())]
        );
    }
    assert_eq!(fingerprint(&state, dir.path()), before);
}

/// A way to make a valid document wrong, named for the failure message.
type Spoil = (&'static str, fn(&mut serde_json::Value));

#[test]
fn the_catalog_schema_holds_the_builtin_catalog_and_a_pack_export() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/catalog.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors = |v: &serde_json::Value| -> Vec<String> {
        validator
            .iter_errors(v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    };
    // The built-in files as they are, and the catalog they make together.
    for text in [
        include_str!("../../core/catalog/skills.json"),
        include_str!("../../core/catalog/roles.json"),
    ] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(errors(&v), Vec::<String>::new());
    }
    let builtin = serde_json::to_value(pathwise_core::catalog::builtin_pack().unwrap()).unwrap();
    assert_eq!(errors(&builtin), Vec::<String>::new());

    // A pack export with an own skill that has level descriptors and a basis.
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path());
    let mut described = own_skill("dbt_models", Some("sql"));
    described.levels = (1..=5)
        .map(|l| Text {
            en: format!("Level {l}: writes models"),
            zh: format!("第 {l} 级"),
        })
        .collect();
    described.hours_basis = Text {
        en: "dbt Fundamentals (~5 h)".into(),
        zh: String::new(),
    };
    state.save_own_skill(described, now()).unwrap();
    state
        .save_own_skill(own_skill("plain", None), now())
        .unwrap();
    state
        .save_own_role(
            own_role("analytics_engineer", &["dbt_models", "plain"]),
            now(),
        )
        .unwrap();
    let exported = state
        .export_file(ExportKind::Pack, Lang::En, now())
        .unwrap();
    let pack: serde_json::Value = serde_json::from_str(&exported.text).unwrap();
    assert_eq!(pack["skills"].as_array().map(Vec::len), Some(2), "{pack}");
    assert_eq!(errors(&pack), Vec::<String>::new());

    // Strict enough to notice a wrong document, each of these alone.
    let wrong: [Spoil; 6] = [
        ("three descriptors", |v| {
            v["skills"][0]["levels"].as_array_mut().unwrap().truncate(3)
        }),
        ("a descriptor without English", |v| {
            v["skills"][0]["levels"][1]["en"] = "".into()
        }),
        ("a two-line basis", |v| {
            v["skills"][0]["hours_basis"]["en"] = "one\ntwo".into()
        }),
        ("four hours", |v| {
            v["skills"][0]["hours"].as_array_mut().unwrap().pop();
        }),
        ("an unknown field", |v| v["roles"][0]["weight"] = 3.into()),
        (
            "a script link",
            |v| {
                v["skills"][0]["resources"] =
                    serde_json::json!([{"title": "x", "url": "javascript:alert(1)"}])
            },
        ),
    ];
    for (what, spoil) in wrong {
        let mut v = builtin.clone();
        spoil(&mut v);
        assert!(!validator.is_valid(&v), "{what} passed the schema");
    }

    // The backup schema carries the same definitions for the pack inside a backup.
    let backup: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/backup.schema.json")).unwrap();
    for (name, def) in schema["$defs"].as_object().unwrap() {
        assert_eq!(
            &backup["$defs"][name], def,
            "$defs/{name} differs between the schemas"
        );
    }
}

/// A field of the wrong type is found by line and column in the file as the user sees it.
#[test]
fn a_wrong_type_in_a_backup_names_its_line() {
    let mut v = good_backup();
    v["events"][0]["level"] = "high".into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"level\": \"high\""))
        .unwrap()
        + 1;
    let problems = pathwise_app::formats::backup::parse(text.as_bytes()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .path
            .starts_with(&format!("line {line}, column ")),
        "{problems:?}"
    );
    assert!(
        problems[0].args["detail"].contains("invalid type"),
        "{problems:?}"
    );
    assert!(
        !problems[0].args["detail"].contains(" at line "),
        "{problems:?}"
    );
}
