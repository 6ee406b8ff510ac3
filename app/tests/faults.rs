//! Fault tests for the layer above SQLite's commit path: broken backups, files and logs
//! that are not ours, damaged files with and without their log, empty files, and salvage.
//! Each asserts the original bytes survive, what the user is told, and what they get back.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use pathwise_app::services::backups::Recovery;
use pathwise_app::store::{self, backups, events, events::NewEvent, ProblemKind};
use pathwise_app::AppState;
use pathwise_core::problem::Code;
use proptest::prelude::*;
use rusqlite::{config::DbConfig, Connection};

fn at(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn yesterday() -> NaiveDateTime {
    at("2026-11-26T09:00:00")
}

fn today() -> NaiveDateTime {
    at("2026-11-27T09:00:00")
}

/// Real skill ids: a merge checks events against the catalog.
fn skills() -> Vec<String> {
    pathwise_core::builtin()
        .skills
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

fn open(dir: &Path) -> Connection {
    match store::open_store(dir, today()) {
        store::Opened::Ready(c, _) => c,
        store::Opened::Problem(p) => panic!("{p:?}"),
    }
}

fn add(conn: &mut Connection, from: usize, n: usize) {
    store::write(conn, |tx| {
        for i in from..from + n {
            let e = NewEvent::parse(
                chrono::NaiveDate::from_ymd_opt(
                    2026,
                    1 + (i / 28 % 12) as u32,
                    1 + (i % 28) as u32,
                )
                .unwrap(),
                &skills()[i % skills().len()],
                (i % 5) as u8 + 1,
                1.0,
                &format!("event {i}"),
                None,
            )
            .unwrap();
            events::append(tx, &e, today())?;
        }
        Ok(())
    })
    .unwrap();
}

/// A profile of `total` events whose daily backup from yesterday holds the first `backed`.
fn profile(dir: &Path, backed: usize, total: usize) -> Connection {
    let mut conn = open(dir);
    add(&mut conn, 0, backed);
    backups::create_from(&conn, dir, "daily", yesterday()).unwrap();
    add(&mut conn, backed, total - backed);
    conn
}

/// Closes a connection the way a killed app does: its log stays beside the file.
fn close_leaving_log(conn: Connection) {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .unwrap();
    drop(conn);
}

fn checkpoint(conn: &Connection) {
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
}

fn wal(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}

fn count(state: &AppState) -> i64 {
    state.with_db(|c| events::count(c)).unwrap()
}

/// The first leaf page of the events table and how many rows it holds.
fn first_events_leaf(conn: &Connection) -> (u64, u64) {
    conn.query_row(
        "SELECT pageno, ncell FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'
         ORDER BY pageno LIMIT 1",
        [],
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
    )
    .unwrap()
}

fn damage_page(path: &Path, page: u64, fill: &[u8]) {
    let mut bytes = std::fs::read(path).unwrap();
    let start = ((page - 1) * 4096) as usize;
    for (i, b) in bytes[start..start + 4096].iter_mut().enumerate() {
        *b = fill[i % fill.len()];
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_broken_backup_is_never_trusted() {
    let dir = tempfile::tempdir().unwrap();
    drop(profile(dir.path(), 300, 400));
    let bdir = backups::dir_of(dir.path());
    // What a full disk and a kill during today's backup left under earlier versions.
    let empty = "pathwise-20261127T080000-daily.sqlite3";
    std::fs::write(bdir.join(empty), b"").unwrap();
    std::fs::write(
        bdir.join(".pathwise-20261127T081500-daily.sqlite3.partial"),
        b"SQLite format 3\0",
    )
    .unwrap();

    let state = AppState::open(dir.path(), today());
    let report = state.check_store(today()).unwrap();
    // The empty file is no backup: today's daily one is made anyway, the partial is gone.
    assert!(report.backup.is_some(), "{report:?}");
    assert!(!std::fs::read_dir(&bdir)
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".partial")));
    let offered = backups::list_verified(dir.path());
    assert!(offered.iter().all(|b| b.file != empty));
    assert_eq!(offered.last().unwrap().events, Some(300));
    // Restoring the empty file is refused and changes nothing.
    let err = state.restore_backup(empty, today()).unwrap_err();
    assert_eq!(err.problems[0].code, Code::BackupDamaged);
    assert_eq!(count(&state), 400);
    // The good one restores.
    let good = offered.last().unwrap().file.clone();
    state.restore_backup(&good, today()).unwrap();
    assert_eq!(count(&state), 300);
}

#[test]
fn another_programs_database_is_left_byte_for_byte() {
    let cases: [(&str, Code); 3] = [
        ("CREATE TABLE notes (body TEXT);", Code::StoreForeignTables),
        // A `settings` table once made the migration fail after WAL mode was set.
        (
            "CREATE TABLE settings (k, v); CREATE TABLE things (x);",
            Code::StoreForeignTables,
        ),
        (
            "PRAGMA application_id = 4660; CREATE TABLE events (id);",
            Code::StoreForeignApp,
        ),
    ];
    for (sql, code) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = store::path_in(dir.path());
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        let before = std::fs::read(&path).unwrap();
        let state = AppState::open(dir.path(), today());
        let problem = state.app_info().unwrap().problem.expect("refused");
        assert_eq!(problem.kind, ProblemKind::Foreign, "{sql}");
        assert_eq!(problem.problem.code, code, "{sql}");
        assert!(problem.problem.args["file"].ends_with("pathwise.sqlite3"));
        drop(state);
        assert_eq!(std::fs::read(&path).unwrap(), before, "{sql}");
        assert!(!wal(&path).exists(), "{sql}");
    }
}

#[test]
fn a_log_of_another_profile_is_set_aside_unread() {
    let mine = tempfile::tempdir().unwrap();
    let conn = profile(mine.path(), 300, 400);
    checkpoint(&conn);
    drop(conn);
    let other = tempfile::tempdir().unwrap();
    let mut theirs = open(other.path());
    add(&mut theirs, 0, 5);
    checkpoint(&theirs);
    add(&mut theirs, 5, 3);
    close_leaving_log(theirs);
    let their_log = std::fs::read(wal(&store::path_in(other.path()))).unwrap();
    assert!(!their_log.is_empty());
    std::fs::write(wal(&store::path_in(mine.path())), &their_log).unwrap();

    let state = AppState::open(mine.path(), today());
    assert_eq!(count(&state), 400);
    let report = state.check_store(today()).unwrap();
    let notice = report
        .notices
        .iter()
        .find(|p| p.code == Code::WalSetAside)
        .expect("the user is told");
    assert_eq!(std::fs::read(&notice.args["file"]).unwrap(), their_log);
    drop(state);
    // Still all of mine after the app folded its own log in on close.
    let state = AppState::open(mine.path(), today());
    assert_eq!(count(&state), 400);
}

#[test]
fn a_log_of_this_profile_is_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = profile(dir.path(), 300, 400);
    checkpoint(&conn);
    add(&mut conn, 400, 25);
    close_leaving_log(conn);
    assert!(
        std::fs::metadata(wal(&store::path_in(dir.path())))
            .unwrap()
            .len()
            > 0
    );
    let state = AppState::open(dir.path(), today());
    assert_eq!(count(&state), 425);
    assert!(state.check_store(today()).unwrap().notices.is_empty());
}

#[test]
fn a_damaged_file_and_its_log_are_kept_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = store::path_in(dir.path());
    let mut conn = profile(dir.path(), 300, 300);
    checkpoint(&conn);
    let (leaf, cells) = first_events_leaf(&conn);
    // The newest 100 live only in the log, as after a crash.
    add(&mut conn, 300, 100);
    close_leaving_log(conn);
    damage_page(&path, leaf, &[0x5A]);
    let (file, log) = (
        std::fs::read(&path).unwrap(),
        std::fs::read(wal(&path)).unwrap(),
    );

    let state = AppState::open(dir.path(), today());
    let problem = state.app_info().unwrap().problem.expect("damaged");
    assert_eq!(problem.kind, ProblemKind::Corrupt);
    let moved = PathBuf::from(problem.moved_to.unwrap());
    assert_eq!(std::fs::read(&moved).unwrap(), file);
    assert_eq!(std::fs::read(wal(&moved)).unwrap(), log);
    // Salvage read the log too: only the damaged page's rows are missing.
    let salvaged = problem.salvaged.expect("salvaged");
    assert!(salvaged.events >= 400 - cells, "{salvaged:?}");
    assert!(salvaged.events < 400);
    state.recover(&Recovery::Salvaged, today()).unwrap();
    assert_eq!(count(&state) as u64, salvaged.events);
}

#[test]
fn an_empty_data_file_is_damaged_not_new() {
    let dir = tempfile::tempdir().unwrap();
    let conn = profile(dir.path(), 300, 400);
    checkpoint(&conn);
    drop(conn);
    std::fs::write(store::path_in(dir.path()), b"").unwrap();
    let state = AppState::open(dir.path(), today());
    let problem = state
        .app_info()
        .unwrap()
        .problem
        .expect("not a fresh profile");
    assert_eq!(problem.kind, ProblemKind::Corrupt);
    assert_eq!(problem.problem.code, Code::StoreEmpty);
    assert!(problem.salvaged.is_none());
    assert_eq!(problem.backups[0].events, Some(300));
    let backup = problem.backups[0].file.clone();
    state
        .recover(&Recovery::Backup { backup }, today())
        .unwrap();
    assert_eq!(count(&state), 300);
}

#[test]
fn salvage_merged_with_the_backup_loses_nothing_either_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = store::path_in(dir.path());
    let conn = profile(dir.path(), 300, 400);
    checkpoint(&conn);
    let (leaf, cells) = first_events_leaf(&conn);
    drop(conn);
    damage_page(&path, leaf, &[0x00, 0xFF, 0x13]);
    let state = AppState::open(dir.path(), today());
    let report = state.check_store(today()).unwrap();
    assert!(!report.problems.is_empty());
    let problem = report.info.problem.expect("damaged");
    let salvaged = problem.salvaged.clone().expect("salvaged");
    assert_eq!(salvaged.events, 400 - cells);
    let newest = &problem.backups[0];
    assert_eq!(newest.events, Some(300));
    state
        .recover(
            &Recovery::Merge {
                backup: newest.file.clone(),
            },
            today(),
        )
        .unwrap();
    // The damaged page held some of the first 300, which the backup has.
    assert_eq!(count(&state), 400);
    let notes: std::collections::BTreeSet<String> = state
        .with_db(|c| events::all(c))
        .unwrap()
        .into_iter()
        .map(|e| e.note)
        .collect();
    assert_eq!(notes.len(), 400);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever leaf of the events table is damaged, and however, every row on the other
    /// pages is salvaged, exactly as it was.
    #[test]
    fn salvage_keeps_every_row_on_an_undamaged_page(
        n in 150usize..500,
        pick in any::<prop::sample::Index>(),
        fill in prop::collection::vec(any::<u8>(), 1..64),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = store::path_in(dir.path());
        let mut conn = open(dir.path());
        add(&mut conn, 0, n);
        checkpoint(&conn);
        let original = events::all(&conn).unwrap();
        let leaves: Vec<(u64, u64)> = conn
            .prepare("SELECT pageno, ncell FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'")
            .unwrap()
            .query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        drop(conn);
        let (page, cells) = leaves[pick.index(leaves.len())];
        damage_page(&path, page, &fill);
        let state = AppState::open(dir.path(), today());
        let report = state.check_store(today()).unwrap();
        let Some(problem) = report.info.problem else {
            // SQLite found the bytes consistent (a fill that happens to be a valid page):
            // nothing was lost that it can tell.
            return Ok(());
        };
        let salvaged = problem.salvaged.expect("salvaged");
        prop_assert!(salvaged.events + cells >= n as u64, "{salvaged:?} of {n}, page held {cells}");
        state.recover(&Recovery::Salvaged, today()).unwrap();
        for e in state.with_db(|c| events::all(c)).unwrap() {
            prop_assert!(original.contains(&e), "{e:?} is not an original row");
        }
    }
}
