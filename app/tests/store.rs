//! The store against real SQLite files: migrations, corruption, newer files, backups,
//! undo, full disk, and crash safety under SIGKILL.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_app::services::backups::Recovery;
use pathwise_app::store::{self, backups, events, events::NewEvent, settings, Opened, ProblemKind};
use rusqlite::Connection;

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(dir: &Path) -> Connection {
    match store::open_store(dir, now()) {
        Opened::Ready(c, _) => c,
        Opened::Problem(p) => panic!("{p:?}"),
    }
}

fn new_event(date: &str, skill: &str, level: u8) -> NewEvent {
    NewEvent::parse(day(date), skill, level, 1.5, "n", None).unwrap()
}

fn fingerprint(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A profile saved by the schema before baselines: its three self-assessment ratings
/// become baselines, its work stays work, every row and the plan are kept, and the plan is
/// dated the day it was saved.
#[test]
fn upgrades_schema_3_ratings_to_baselines_keeping_every_row() {
    use pathwise_core::profile::EventKind;
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v3.sqlite3");
    std::fs::copy(&fixture, store::path_in(dir.path())).unwrap();
    let conn = open(dir.path());
    assert_eq!(
        store::schema_version(&conn).unwrap(),
        store::latest_version()
    );
    let all = events::all(&conn).unwrap();
    let got: Vec<(String, u8, f64, EventKind)> = all
        .iter()
        .map(|e| (e.skill.clone(), e.level, e.hours, e.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("sql".into(), 3, 0.0, EventKind::Baseline),
            ("python".into(), 2, 0.0, EventKind::Baseline),
            ("git".into(), 1, 0.0, EventKind::Baseline),
            ("docker".into(), 1, 3.5, EventKind::Work),
            ("sql".into(), 4, 6.0, EventKind::Work),
        ]
    );
    assert_eq!(all[3].evidence.as_deref(), Some("https://docs.docker.com/"));
    assert_eq!(
        all[0].note, "self-assessment",
        "the rows are kept as they were"
    );
    let plan = store::plans::load_active(&conn).unwrap().unwrap();
    assert_eq!(plan.items.len(), 1);
    assert_eq!(
        store::plans::dates(&conn).unwrap(),
        Some(store::plans::Dates::new(day("2026-11-21")))
    );
    let list = backups::list(dir.path()).unwrap();
    assert_eq!(list[0].reason, "before-upgrade-v3");
}

#[test]
fn an_upgrade_whose_backup_fails_says_so_in_its_own_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite3");
    let path = store::path_in(dir.path());
    std::fs::copy(&fixture, &path).unwrap();
    // A file where the backups folder should be: the backup cannot be written.
    std::fs::write(backups::dir_of(dir.path()), b"not a folder").unwrap();
    let before = std::fs::read(&path).unwrap();
    let Opened::Problem(p) = store::open_store(dir.path(), now()) else {
        panic!("an upgrade without its backup must not go ahead");
    };
    assert_eq!(p.problem.code.to_string(), "upgrade_backup_failed");
    assert_eq!(p.problem.args.get("version").map(String::as_str), Some("1"));
    assert!(
        p.problem.args.values().all(|v| !v.contains("os error")),
        "no system text: {:?}",
        p.problem.args
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is unchanged"
    );
}

#[test]
fn upgrades_the_first_shipped_schema_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite3");
    std::fs::copy(&fixture, store::path_in(dir.path())).unwrap();
    let conn = open(dir.path());
    assert_eq!(
        store::schema_version(&conn).unwrap(),
        store::latest_version()
    );
    let all = events::all(&conn).unwrap();
    let got: Vec<(String, String, u8, f64)> = all
        .iter()
        .map(|e| (e.date.to_string(), e.skill.clone(), e.level, e.hours))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-10-01".into(), "python".into(), 2, 12.5),
            ("2026-10-03".into(), "sql".into(), 1, 2.0),
            ("2026-10-09".into(), "sql".into(), 2, 6.0),
        ]
    );
    assert_eq!(all[1].evidence.as_deref(), Some("https://sqlbolt.com/"));
    let s = settings::load(&conn).unwrap();
    assert_eq!(s.language, Some(pathwise_core::value::Lang::Zh));
    assert_eq!(s.weekly(), [1.0, 1.0, 1.0, 1.0, 1.0, 3.0, 3.0]);
    // The upgrade was preceded by a backup of the old file.
    let list = backups::list(dir.path()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "before-upgrade-v1");
    let old = Connection::open(backups::dir_of(dir.path()).join(&list[0].file)).unwrap();
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
}

#[test]
fn an_unreadable_file_is_moved_aside_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = store::path_in(dir.path());
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    std::fs::write(format!("{}-wal", path.display()), b"wal bytes").unwrap();
    let Opened::Problem(p) = store::open_store(dir.path(), now()) else {
        panic!("opened garbage")
    };
    assert_eq!(p.kind, ProblemKind::Corrupt);
    let moved = p.moved_to.clone().unwrap();
    assert_eq!(p.problem.code, pathwise_core::Code::StoreCorrupt);
    assert!(moved.contains(".corrupt-"), "{moved}");
    assert_eq!(fingerprint(Path::new(&moved)), garbage);
    assert_eq!(
        fingerprint(Path::new(&format!("{moved}-wal"))),
        b"wal bytes"
    );
    assert!(!path.exists());
}

#[test]
fn damage_inside_the_file_is_found_by_the_quick_check_and_recovered_from_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let state = pathwise_app::AppState::open(dir.path(), now());
    state
        .write(|tx| {
            for i in 0..400 {
                events::append(tx, &new_event("2026-11-01", &format!("s{i}"), 1), now())?;
            }
            Ok(())
        })
        .unwrap();
    // The daily backup is taken on the first check, while the data is good.
    assert!(state.check_store(now()).unwrap().backup.is_some());
    drop(state);
    let path = store::path_in(dir.path());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 4096] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();

    let state = pathwise_app::AppState::open(dir.path(), now());
    let report = state.check_store(now()).unwrap();
    assert!(!report.problems.is_empty());
    let problem = report.info.problem.unwrap();
    assert_eq!(problem.kind, ProblemKind::Corrupt);
    assert_eq!(
        fingerprint(Path::new(problem.moved_to.as_ref().unwrap())),
        bytes
    );
    let newest = problem
        .backups
        .first()
        .expect("the daily backup is offered")
        .file
        .clone();
    let info = state
        .recover(&Recovery::Backup { backup: newest }, now())
        .unwrap();
    assert!(info.problem.is_none());
    assert_eq!(state.with_db(|c| events::count(c)).unwrap(), 400);
}

#[test]
fn a_file_from_a_newer_pathwise_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let path = store::path_in(dir.path());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let before = fingerprint(&path);
    let Opened::Problem(p) = store::open_store(dir.path(), now()) else {
        panic!("opened a newer file")
    };
    assert_eq!(p.kind, ProblemKind::NewerSchema);
    assert_eq!(p.problem.args["version"], "99", "{}", p.problem);
    assert_eq!(fingerprint(&path), before);
    assert!(backups::list(dir.path()).unwrap().is_empty());
}

#[test]
fn events_append_delete_edit_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open(dir.path());
    let ids: Vec<i64> = store::write(&mut conn, |tx| {
        (1..=5)
            .map(|d| {
                events::append(
                    tx,
                    &new_event(&format!("2026-01-0{d}"), "sql", d as u8),
                    now(),
                )
            })
            .collect()
    })
    .unwrap();
    assert_eq!(
        events::all(&conn)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        ids
    );

    store::write(&mut conn, |tx| events::delete(tx, ids[4], now())).unwrap();
    assert_eq!(events::count(&conn).unwrap(), 4);
    let edited = store::write(&mut conn, |tx| {
        events::edit(tx, ids[0], &new_event("2026-01-01", "python", 3), now())
    })
    .unwrap();
    assert_eq!(events::all(&conn).unwrap()[0].skill, "python");

    // Undo the edit, then the delete; the rows were never removed.
    assert_eq!(
        store::write(&mut conn, events::undo).unwrap().as_deref(),
        Some("edit")
    );
    assert_eq!(events::all(&conn).unwrap()[0].skill, "sql");
    assert!(!events::all(&conn).unwrap().iter().any(|e| e.id == edited));
    assert_eq!(
        store::write(&mut conn, events::undo).unwrap().as_deref(),
        Some("delete")
    );
    assert_eq!(events::count(&conn).unwrap(), 5);
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 6);
    assert!(store::write(&mut conn, |tx| events::delete(tx, 999, now())).is_err());
}

#[test]
fn timeline_queries_use_their_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let conn = open(dir.path());
    let plan = |sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
    };
    let page = plan(
        "SELECT id FROM events WHERE deleted_at IS NULL AND (date, id) < ('2026-01-01', 5) ORDER BY date DESC, id DESC LIMIT 50",
    );
    assert!(
        page.contains("USING INDEX events_by_date")
            || page.contains("USING COVERING INDEX events_by_date"),
        "{page}"
    );
    assert!(!page.contains("TEMP B-TREE"), "{page}");
    let history =
        plan("SELECT id FROM events WHERE deleted_at IS NULL AND skill = 'sql' ORDER BY date, id");
    assert!(history.contains("events_by_skill"), "{history}");
}

#[test]
fn restore_is_all_or_nothing_and_backs_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open(dir.path());
    store::write(&mut conn, |tx| {
        events::append(tx, &new_event("2026-01-01", "sql", 1), now())
    })
    .unwrap();
    let early = backups::create_from(&conn, dir.path(), "manual", now()).unwrap();
    store::write(&mut conn, |tx| {
        events::append(tx, &new_event("2026-01-02", "sql", 2), now())
    })
    .unwrap();

    // A damaged backup is refused and nothing changes.
    let bad = backups::dir_of(dir.path()).join("pathwise-20261127T100000-bad.sqlite3");
    std::fs::write(&bad, b"not a database at all").unwrap();
    assert!(backups::restore(
        &mut conn,
        dir.path(),
        "pathwise-20261127T100000-bad.sqlite3",
        now()
    )
    .is_err());
    assert_eq!(events::count(&conn).unwrap(), 2);
    // Names outside the backups folder are refused.
    assert!(backups::restore(&mut conn, dir.path(), "../pathwise.sqlite3", now()).is_err());
    std::fs::remove_file(bad).unwrap();

    let safety = backups::restore(&mut conn, dir.path(), &early.file, now()).unwrap();
    assert_eq!(safety.reason, "before-restore");
    assert_eq!(events::count(&conn).unwrap(), 1);
    // The state before the restore is itself restorable.
    backups::restore(&mut conn, dir.path(), &safety.file, now()).unwrap();
    assert_eq!(events::count(&conn).unwrap(), 2);
}

#[test]
fn backups_are_kept_by_kind_and_age() {
    let dir = tempfile::tempdir().unwrap();
    let conn = open(dir.path());
    // Thirteen daily backups, then eleven before imports (a header-only CSV imported
    // eleven times once pruned the only daily one).
    for d in 1..=13 {
        let at: NaiveDateTime = format!("2026-11-{d:02}T10:00:00").parse().unwrap();
        backups::create_from(&conn, dir.path(), "daily", at).unwrap();
    }
    for m in 0..11 {
        let at: NaiveDateTime = format!("2026-11-13T11:{m:02}:00").parse().unwrap();
        backups::create_from(&conn, dir.path(), "before-import", at).unwrap();
    }
    let list = backups::list(dir.path()).unwrap();
    let days: Vec<&str> = list
        .iter()
        .filter(|b| b.reason == "daily")
        .map(|b| &b.created_at[..10])
        .collect();
    // The last seven days, and 1 November as the newest of its ISO week (26 Oct - 1 Nov).
    assert_eq!(
        days,
        [
            "2026-11-13",
            "2026-11-12",
            "2026-11-11",
            "2026-11-10",
            "2026-11-09",
            "2026-11-08",
            "2026-11-07",
            "2026-11-01"
        ]
    );
    let imports = list.iter().filter(|b| b.reason == "before-import").count();
    assert_eq!(imports, backups::KEEP_EVENTS);
}

#[test]
fn a_full_disk_or_read_only_store_gives_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open(dir.path());
    store::write(&mut conn, |tx| {
        events::append(tx, &new_event("2026-01-01", "sql", 1), now())
    })
    .unwrap();
    // SQLite reports a full disk when the file may not grow: the same error path.
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "max_page_count", pages).unwrap();
    let big = NewEvent::parse(day("2026-01-02"), "sql", 2, 1.0, &"x".repeat(4_000), None).unwrap();
    let err = store::write(&mut conn, |tx| {
        for _ in 0..100 {
            events::append(tx, &big, now())?;
        }
        Ok(())
    })
    .unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert_eq!(events::count(&conn).unwrap(), 1);

    conn.pragma_update(None, "query_only", true).unwrap();
    let err = store::write(&mut conn, |tx| {
        events::append(tx, &new_event("2026-01-03", "sql", 2), now())
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("read-only") || err.to_string().contains("readonly"),
        "{err}"
    );
    assert_eq!(events::count(&conn).unwrap(), 1);
}

/// The child half of the crash test: appends events one transaction at a time and prints
/// each id after its commit returned; every tenth write it makes a backup, so some kills
/// land in the middle of one.
fn crash_child(dir: &Path) {
    use std::io::Write;
    let mut conn = open(dir);
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        // Early in each run too: under load a child may live for only a few writes.
        if i % 10 == 2 {
            backups::create_from(&conn, dir, "hourly", now()).unwrap();
        }
        let id = store::write(&mut conn, |tx| {
            events::append(
                tx,
                &new_event("2026-02-01", &format!("k{}", i % 50), (i % 5) as u8 + 1),
                now(),
            )
        })
        .unwrap();
        writeln!(out, "{id}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn committed_events_survive_sigkill() {
    if let Some(dir) = std::env::var_os("PATHWISE_CRASH_CHILD") {
        crash_child(Path::new(&dir));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut printed: Vec<i64> = Vec::new();
    let mut seed = 0x2545_F491u64;
    let mut cut_backups = 0;
    for round in 0..1000 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "committed_events_survive_sigkill",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PATHWISE_CRASH_CHILD", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(|l| l.ok())
                .filter_map(|l| l.trim().parse::<i64>().ok())
                .collect::<Vec<_>>()
        });
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // The first child gets time to create the store; a kill before its first write
        // would leave an empty file, which (rightly) opens as damaged, not as new.
        let first = if round == 0 { 500 } else { 0 };
        std::thread::sleep(Duration::from_millis(first + 20 + seed % 60));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        printed.extend(reader.join().unwrap());

        // A backup cut short never carries a backup's name: every listed one verifies,
        // and the next start clears the partial copy.
        let partial = std::fs::read_dir(backups::dir_of(dir.path()))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().contains(".partial"))
                    .count()
            })
            .unwrap_or(0);
        cut_backups += partial;
        backups::remove_partial(dir.path());
        let listed = backups::list(dir.path()).unwrap().len();
        assert_eq!(
            backups::list_verified(dir.path()).len(),
            listed,
            "round {round}"
        );

        let conn = Connection::open(store::path_in(dir.path())).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        let fk: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk, 0, "round {round}");
        let mut stmt = conn.prepare("SELECT id FROM events").unwrap();
        let stored: std::collections::HashSet<i64> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let lost: Vec<_> = printed.iter().filter(|id| !stored.contains(id)).collect();
        assert!(
            lost.is_empty(),
            "round {round}: committed ids missing: {lost:?}"
        );
    }
    assert!(
        printed.len() > 500,
        "the child wrote only {} events",
        printed.len()
    );
    assert!(cut_backups > 0, "no kill landed during a backup");
}

#[test]
fn settings_round_trip_with_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open(dir.path());
    let s = settings::load(&conn).unwrap();
    assert_eq!(s, settings::Settings::default());
    let changed: settings::Settings = serde_json::from_value(serde_json::json!({
        "language": "zh",
        "theme": "dark",
        "weekly_hours": [0.0, 2.0, 0.0, 2.0, 0.0, 4.0, 0.5],
        "start_date": "2026-12-01",
        "target_role": "data_engineer",
        "onboarded": true,
    }))
    .unwrap();
    store::write(&mut conn, |tx| settings::save(tx, &changed)).unwrap();
    drop(conn);
    let conn = open(dir.path());
    assert_eq!(settings::load(&conn).unwrap(), changed);
}

#[test]
fn the_active_plan_round_trips_with_stable_item_ids() {
    use pathwise_core::plan::{plan, replan, ItemProgress, PlanInput};
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open(dir.path());
    assert!(store::plans::load_active(&conn).unwrap().is_none());
    let catalog = pathwise_core::builtin();
    let levels = vec![0u8; catalog.skills.len()];
    let input = PlanInput {
        start: day("2026-12-07"),
        weekly_hours: [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0],
        holidays: vec![day("2026-12-25")],
        deadline: Some(day("2027-12-31")),
    };
    let first = plan(catalog, &levels, "data_engineer", &input).unwrap();
    store::write(&mut conn, |tx| {
        store::plans::save_active(
            tx,
            &first,
            store::plans::Dates::new(day("2026-11-27")),
            now(),
        )
    })
    .unwrap();
    let loaded = store::plans::load_active(&conn).unwrap().unwrap();
    assert_eq!(loaded, first);

    let progress = vec![ItemProgress {
        id: first.items[0].id(),
        done_on: Some(day("2026-12-20")),
        ..Default::default()
    }];
    let second = replan(&loaded, &progress, day("2027-01-04")).unwrap();
    store::write(&mut conn, |tx| {
        store::plans::save_active(
            tx,
            &second,
            store::plans::Dates::new(day("2026-11-27")),
            now(),
        )
    })
    .unwrap();
    let reloaded = store::plans::load_active(&conn).unwrap().unwrap();
    assert_eq!(reloaded, second);
    let ids = |p: &pathwise_core::plan::Plan| p.items.iter().map(|i| i.id()).collect::<Vec<_>>();
    assert_eq!(ids(&reloaded), ids(&first));
    let plans: i64 = conn
        .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
        .unwrap();
    assert_eq!(plans, 2);
}

#[test]
fn own_skills_and_roles_round_trip_and_extend_the_catalog() {
    use pathwise_core::catalog::{Requirement, Role, Skill, Source, Text};
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open(dir.path());
    let skill = Skill {
        id: "dbt".into(),
        category: "data_engineering".into(),
        name: Text {
            en: "dbt".into(),
            zh: String::new(),
        },
        description: Text::default(),
        hours: vec![2.0, 8.0, 20.0, 40.0, 80.0],
        levels: Vec::new(),
        hours_basis: Default::default(),
        prerequisites: vec![pathwise_core::catalog::Prerequisite {
            skill: "sql".into(),
            level: 2,
        }],
        resources: vec![],
        custom: true,
    };
    let role = Role {
        id: "analytics_engineer".into(),
        name: Text {
            en: "Analytics engineer".into(),
            zh: "分析工程师".into(),
        },
        summary: Text::default(),
        responsibilities: vec![],
        requirements: vec![Requirement {
            skill: "dbt".into(),
            level: 3,
            importance: 5,
            source: Source::User,
            note: String::new(),
        }],
        custom: true,
    };
    store::write(&mut conn, |tx| {
        store::catalog::put_skill(tx, &skill, now())?;
        store::catalog::put_role(tx, &role, now())
    })
    .unwrap();
    let pack = store::catalog::load(&conn).unwrap();
    assert_eq!(pack.skills, vec![skill]);
    assert_eq!(pack.roles, vec![role]);
    let merged = pathwise_core::builtin().extended(&pack).unwrap();
    assert_eq!(merged.roles.len(), 9);
    assert!(store::write(&mut conn, |tx| store::catalog::delete_role(
        tx,
        "analytics_engineer"
    ))
    .unwrap());
    assert!(store::catalog::load(&conn).unwrap().roles.is_empty());
}
