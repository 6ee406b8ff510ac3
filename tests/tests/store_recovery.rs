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
