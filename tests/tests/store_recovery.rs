//! The app started on an unreadable data file says what happened and where the file went,
//! and can start afresh without deleting it.

use fantoccini::Locator;
use pathwise_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_file_shows_the_recovery_message() {
    let data = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..16384u32).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(data.path().join("pathwise.sqlite3"), &garbage).unwrap();

    let app = App::start(data.path()).await;
    let panel = app.wait_for("[data-testid=store-problem]").await;
    let text = panel.text().await.unwrap();
    assert!(text.contains("could not be read"), "{text}");
    assert!(text.contains("pathwise.sqlite3.corrupt-"), "{text}");
    app.shot("store-recovery-corrupt").await;

    // The original bytes are kept under the name the message gives.
    let moved: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(std::fs::read(moved[0].path()).unwrap(), garbage);

    app.client
        .find(Locator::Css("[data-testid=start-fresh]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for(".role-name").await;
    assert_eq!(app.texts(".role-name").await.len(), 8);
    app.stop().await;
}

/// A profile of 400 events whose daily backup from yesterday holds the first 300, with one
/// page of its events damaged: returns how many events that page held.
fn damaged_profile(dir: &std::path::Path) -> u64 {
    use pathwise_app::store::{self, backups, events, events::NewEvent, Opened};
    let yesterday = chrono::Local::now().naive_local() - chrono::Duration::days(1);
    let Opened::Ready(mut conn, _) = store::open_store(dir, yesterday) else {
        panic!("a fresh store opens");
    };
    let skills: Vec<String> = pathwise_core::builtin()
        .skills
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let mut add = |conn: &mut rusqlite::Connection, range: std::ops::Range<usize>| {
        store::write(conn, |tx| {
            for i in range.clone() {
                let date = chrono::NaiveDate::from_ymd_opt(
                    2026,
                    1 + (i / 28 % 10) as u32,
                    1 + (i % 28) as u32,
                )
                .unwrap();
                let e = NewEvent::parse(
                    date,
                    &skills[i % skills.len()],
                    (i % 5) as u8 + 1,
                    1.0,
                    &format!("entry {i}"),
                    None,
                )
                .unwrap();
                events::append(tx, &e, yesterday)?;
            }
            Ok(())
        })
        .unwrap();
    };
    add(&mut conn, 0..300);
    backups::create_from(&conn, dir, "daily", yesterday).unwrap();
    add(&mut conn, 300..400);
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    let (page, cells): (i64, i64) = conn
        .query_row(
            "SELECT pageno, ncell FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);
    let path = store::path_in(dir);
    let mut bytes = std::fs::read(&path).unwrap();
    let start = (page as usize - 1) * 4096;
    bytes[start..start + 4096].fill(0x5A);
    std::fs::write(&path, bytes).unwrap();
    cells as u64
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_profile_offers_salvage_with_numbers_and_merges_it_with_the_backup() {
    let data = tempfile::tempdir().unwrap();
    let lost = damaged_profile(data.path());

    let app = App::start(data.path()).await;
    app.wait_for("[data-testid=store-problem]").await;
    let salvaged = app
        .wait_text("[data-testid=salvaged-events]", |t| !t.is_empty())
        .await;
    assert_eq!(salvaged, (400 - lost).to_string());
    assert_eq!(app.text("[data-testid=backup-events]").await, "300");
    app.shot("store-recovery-salvage").await;

    app.click("[data-testid=recover-merge]").await;
    app.click("[data-nav=timeline]").await;
    // The timeline draws a page of the newest days; the rest come a page at a time.
    app.wait_for("[data-testid=timeline-shown]").await;
    app.click("[data-testid=timeline-older]").await;
    // Every event is back: the salvaged ones and, from the backup, those on the damaged page.
    app.wait_count(".timeline-event", 400).await;
    app.stop().await;
}
