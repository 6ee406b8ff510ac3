//! The foundation journey: a real window titled Pathwise lists the article's eight roles,
//! read from the core through a command, and the app created its SQLite file; a second
//! launch on the same data folder leaves it to the first.

use pathwise_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn window_shows_the_eight_roles_and_creates_the_database() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;

    assert_eq!(app.client.title().await.unwrap(), "Pathwise");
    app.wait_for(".role-name").await;
    let names = app.texts(".role-name").await;
    let expected: Vec<String> = pathwise_core::builtin()
        .roles
        .iter()
        .map(|r| r.name.en.clone())
        .collect();
    assert_eq!(names, expected);
    assert_eq!(names.len(), 8);
    let shot = app.shot("foundation-roles").await;
    assert!(std::fs::metadata(&shot).unwrap().len() > 1000);

    let db = data.path().join("pathwise.sqlite3");
    assert!(db.exists(), "no database at {}", db.display());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert!(version >= 1, "schema version {version}");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'events')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 2);

    // A second launch on the same folder asks this window to show itself and goes away,
    // leaving the first one running.
    let started = std::time::Instant::now();
    let mut second = std::process::Command::new(pathwise_e2e::app_binary())
        .env("PATHWISE_DATA_DIR", data.path())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = second.kill();
            panic!("a second launch on the same folder kept running");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status}");
    assert_eq!(
        app.texts(".role-name").await.len(),
        8,
        "the first window still answers"
    );
    app.stop().await;
}
