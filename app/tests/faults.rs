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
    add_notes(conn, from, n, |i| format!("event {i}"));
}

/// Events `from..from + n`, event i with the note `note(i)`.
fn add_notes(conn: &mut Connection, from: usize, n: usize, note: impl Fn(usize) -> String) {
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
                &note(i),
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

/// Pages of `name`'s b-tree of one type (dbstat's `leaf`, `internal`, `overflow`), with
/// the rows each holds and its place in the tree ("/" is the root).
fn pages_of(conn: &Connection, name: &str, kind: &str) -> Vec<(u64, u64, String)> {
    conn.prepare(
        "SELECT pageno, ncell, path FROM dbstat WHERE name = ?1 AND pagetype = ?2 ORDER BY path",
    )
    .unwrap()
    .query_map([name, kind], |r| {
        Ok((
            r.get::<_, i64>(0)? as u64,
            r.get::<_, i64>(1)? as u64,
            r.get(2)?,
        ))
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

/// Damages `page` of a copy of the store in `from` (checkpointed, closed), opens the copy
/// and returns what it salvaged with the app on it.
fn damaged_copy(from: &Path, page: u64, fill: &[u8]) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let path = store::path_in(dir.path());
    std::fs::copy(store::path_in(from), &path).unwrap();
    damage_page(&path, page, fill);
    let state = AppState::open(dir.path(), today());
    (dir, state)
}

fn salvaged_of(state: &AppState) -> pathwise_app::store::salvage::Salvaged {
    let report = state.check_store(today()).unwrap();
    let problem = report.info.problem.expect("damage found");
    assert_eq!(problem.kind, ProblemKind::Corrupt);
    problem.salvaged.expect("salvaged")
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

#[test]
fn a_damaged_interior_page_hides_no_undamaged_leaf() {
    // Notes long enough for one event a leaf: enough leaves for interior pages below
    // the root.
    let made = tempfile::tempdir().unwrap();
    let mut conn = open(made.path());
    add_notes(&mut conn, 0, 1200, |i| {
        format!("event {i} {}", "x".repeat(2100))
    });
    checkpoint(&conn);
    let original = events::all(&conn).unwrap();
    let interior = pages_of(&conn, "events", "internal");
    drop(conn);
    assert!(interior.len() >= 3, "{interior:?}");
    let root = interior.iter().find(|p| p.2 == "/").unwrap().0;
    let below = interior.iter().find(|p| p.2 != "/").unwrap().0;
    for (page, fill) in [(below, &[0u8][..]), (below, &[0x05, 0x13]), (root, &[0x77])] {
        let (_dir, state) = damaged_copy(made.path(), page, fill);
        let salvaged = salvaged_of(&state);
        assert_eq!(salvaged.events, 1200, "page {page}, fill {fill:?}");
        state.recover(&Recovery::Salvaged, today()).unwrap();
        assert_eq!(state.with_db(|c| events::all(c)).unwrap(), original);
    }
}

#[test]
fn a_damaged_schema_page_still_gives_back_every_event() {
    // Checkpointed: the rows are all in the file, whose page 1 is damaged.
    let made = tempfile::tempdir().unwrap();
    let conn = profile(made.path(), 300, 400);
    checkpoint(&conn);
    let original = events::all(&conn).unwrap();
    drop(conn);
    for fill in [&[0u8][..], &[0xFF, 0x00, 0x31]] {
        let (_dir, state) = damaged_copy(made.path(), 1, fill);
        let salvaged = salvaged_of(&state);
        assert_eq!((salvaged.events, salvaged.plans), (400, 0), "fill {fill:?}");
        state.recover(&Recovery::Salvaged, today()).unwrap();
        assert_eq!(state.with_db(|c| events::all(c)).unwrap(), original);
    }

    // The newest event only in the log. A log that holds page 1 hides the damage from
    // SQLite; this one does not, so only the page scan reading the log finds the event.
    let dir = tempfile::tempdir().unwrap();
    let path = store::path_in(dir.path());
    let mut conn = profile(dir.path(), 300, 400);
    checkpoint(&conn);
    add(&mut conn, 400, 1);
    let original = events::all(&conn).unwrap();
    close_leaving_log(conn);
    let log = std::fs::read(wal(&path)).unwrap();
    let frames = store::wal::frames(&log).expect("a log");
    assert!(!frames.pages.is_empty() && frames.pages.iter().all(|f| f.0 != 1));
    damage_page(&path, 1, &[0]);
    let state = AppState::open(dir.path(), today());
    assert_eq!(salvaged_of(&state).events, 401);
    state.recover(&Recovery::Salvaged, today()).unwrap();
    assert_eq!(state.with_db(|c| events::all(c)).unwrap(), original);
}

#[test]
fn a_damaged_overflow_page_loses_only_its_row() {
    let made = tempfile::tempdir().unwrap();
    let mut conn = open(made.path());
    add(&mut conn, 0, 150);
    // All ASCII, note and link at their longest: the row spills onto one overflow page.
    let link = format!("https://example.org/{}", "y".repeat(1970));
    store::write(&mut conn, |tx| {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let e = NewEvent::parse(day, &skills()[0], 3, 1.0, &"x".repeat(4000), Some(&link));
        events::append(tx, &e.unwrap(), today()).map(|_| ())
    })
    .unwrap();
    add(&mut conn, 151, 149);
    checkpoint(&conn);
    let original = events::all(&conn).unwrap();
    let overflow = pages_of(&conn, "events", "overflow");
    drop(conn);
    assert_eq!(overflow.len(), 1, "{overflow:?}");
    // SQLite reads the last page of a chain without looking where it points, so one of
    // these fills puts "work" where the row's kind was, and the row passes every CHECK
    // with the fill in its note and link.
    for fill in [&b"work"[..], b"orkw", b"rkwo", b"kwor", &[0]] {
        let (_dir, state) = damaged_copy(made.path(), overflow[0].0, fill);
        assert_eq!(salvaged_of(&state).events, 300 - 1, "fill {fill:?}");
        state.recover(&Recovery::Salvaged, today()).unwrap();
        let got = state.with_db(|c| events::all(c)).unwrap();
        assert!(got.iter().all(|e| original.contains(e)), "fill {fill:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Whatever page of the file is damaged (the schema page, an interior page, a leaf,
    /// an index, an overflow or a freelist page), and however, every event whose pages
    /// are undamaged is salvaged exactly as it was, and nothing else appears: not even
    /// the rows a wipe left on freelist pages.
    #[test]
    fn salvage_keeps_every_row_on_an_undamaged_page(
        n in 150usize..600,
        big in prop::collection::vec((0usize..600, 1400usize..3990), 0..6),
        wiped in prop::option::of(1usize..400),
        pick in any::<prop::sample::Index>(),
        fill in prop::collection::vec(any::<u8>(), 1..64),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = store::path_in(dir.path());
        let mut conn = open(dir.path());
        if let Some(w) = wiped {
            // What a restore does first: the pages of these rows go to the freelist.
            add(&mut conn, 0, n + w);
            store::write(&mut conn, store::wipe).unwrap();
        }
        // Numbered from 1000: no original row equals one the wipe left behind.
        add_notes(&mut conn, 1000, n, |i| match big.iter().find(|b| b.0 == i - 1000) {
            // Three bytes a character: notes that spill to overflow pages.
            Some(&(_, len)) => format!("event {i} {}", "学".repeat(len)),
            None => format!("event {i}"),
        });
        checkpoint(&conn);
        let original = events::all(&conn).unwrap();
        prop_assert!(!pages_of(&conn, "events", "internal").is_empty());
        let pages: u64 = conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0)).unwrap() as u64;
        let page = 1 + pick.index(pages as usize) as u64;
        // The events that cannot come back: those on a damaged leaf, or the one whose
        // overflow page it is.
        let lost: u64 = pages_of(&conn, "events", "leaf")
            .iter()
            .filter(|p| p.0 == page)
            .map(|p| p.1)
            .sum::<u64>()
            + pages_of(&conn, "events", "overflow").iter().filter(|p| p.0 == page).count() as u64;
        drop(conn);
        damage_page(&path, page, &fill);
        let state = AppState::open(dir.path(), today());
        let report = state.check_store(today()).unwrap();
        let Some(problem) = report.info.problem else {
            // SQLite found nothing wrong (a freelist page, or a fill that happens to be a
            // valid page): nothing was lost that it can tell.
            return Ok(());
        };
        let salvaged = problem.salvaged.expect("salvaged");
        prop_assert!(
            salvaged.events + lost >= n as u64,
            "{salvaged:?} of {n}, page {page} of {pages} held {lost}"
        );
        state.recover(&Recovery::Salvaged, today()).unwrap();
        let got = state.with_db(|c| events::all(c)).unwrap();
        prop_assert_eq!(got.len() as u64, salvaged.events);
        for e in got {
            prop_assert!(original.contains(&e), "{e:?} is not an original row (page {page})");
        }
    }
}
