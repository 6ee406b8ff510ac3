//! Take your data anywhere, in the real window: make an own role, export a full backup,
//! start over on a fresh data folder, import it after its preview, and find the same
//! timeline and the same own role. A broken file is refused with its problems listed.
//! Debug builds answer file dialogs from PATHWISE_E2E_DIALOG_DIR (a GTK dialog cannot be
//! driven through WebDriver); everything else is the app as users run it.

use std::path::Path;

use chrono::NaiveDateTime;
use pathwise_app::store::events::NewEvent;
use pathwise_app::AppState;
use pathwise_e2e::App;

const DIALOG_ENV: &str = "PATHWISE_E2E_DIALOG_DIR";

fn seed(dir: &Path) {
    let now: NaiveDateTime = "2026-11-20T09:00:00".parse().unwrap();
    let state = AppState::open(dir, now);
    for (date, skill, level, hours, note) in [
        ("2026-11-02", "python", 2, 6.0, "pandas course"),
        ("2026-11-09", "sql", 3, 8.0, "window functions"),
        ("2026-11-16", "docker", 1, 3.0, "first image"),
    ] {
        state
            .log_event(
                &NewEvent::parse(date.parse().unwrap(), skill, level, hours, note, None).unwrap(),
                now,
            )
            .unwrap();
    }
    let mut s = state.settings().unwrap();
    s.onboarded = true;
    state.save_settings(s).unwrap();
}

async fn timeline(app: &App) -> Vec<String> {
    app.click("[data-nav=timeline]").await;
    app.wait_for("[data-testid=timeline-periods]").await;
    app.wait_count(".timeline-event", 3).await;
    app.texts(".timeline-event").await
}

#[tokio::test(flavor = "multi_thread")]
async fn export_a_backup_and_import_it_into_a_fresh_folder() {
    let files = tempfile::tempdir().unwrap();
    let first = tempfile::tempdir().unwrap();
    seed(first.path());
    let app = App::start_with(first.path(), &[(DIALOG_ENV, files.path())]).await;

    // The first load picks the start view; wait for it before navigating.
    app.wait_for("[data-testid=formula]").await;
    // An own role, made in the editor from a copy of Data engineer.
    app.click("[data-nav=own]").await;
    app.set("[data-testid=own-copy-from]", "data_engineer")
        .await;
    app.click("[data-testid=own-copy]").await;
    app.set("[data-testid=role-name-en]", "Streaming engineer")
        .await;
    app.click("[data-testid=req-add]").await;
    app.shot("portability-role-editor").await;
    app.click("[data-testid=role-save]").await;
    app.wait_text("[data-testid=own-status]", |t| {
        t.contains("Streaming engineer")
    })
    .await;
    assert_eq!(app.texts(".own-role-name").await.len(), 1);
    app.click("[data-testid=export-pack]").await;
    app.wait_text("[data-testid=export-pack-status]", |t| {
        t.contains("own-catalog")
    })
    .await;
    app.shot("portability-own-role").await;

    let before = timeline(&app).await;
    app.click("[data-nav=settings]").await;
    app.click("[data-testid=export-backup]").await;
    let saved = app
        .wait_text("[data-testid=export-backup-status]", |t| {
            t.contains(".json")
        })
        .await;
    let exported = std::fs::read_dir(files.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("pathwise-backup-"))
        .expect("the backup was written where the dialog said");
    assert!(saved.contains(&exported.display().to_string()), "{saved}");
    app.shot("portability-settings-exported").await;
    app.stop().await;

    // A broken CSV and then the backup, into a fresh folder.
    std::fs::copy(&exported, files.path().join("import.json")).unwrap();
    std::fs::write(
        files.path().join("import.csv"),
        "date,skill,level,hours\n2026-02-30,sql,2,1\n2026-01-01,sql,\"2,1\n",
    )
    .unwrap();
    let second = tempfile::tempdir().unwrap();
    let app = App::start_with(second.path(), &[(DIALOG_ENV, files.path())]).await;
    app.wait_for("main h2").await;
    app.click("[data-nav=settings]").await;
    app.click("[data-testid=import-events]").await;
    let problems = app
        .wait_text("[data-testid=import-problems]", |t| !t.is_empty())
        .await;
    assert!(
        problems.contains("line 2") || problems.contains("line 3"),
        "{problems}"
    );
    app.shot("portability-import-problems").await;

    app.click("[data-testid=import-backup]").await;
    let preview = app
        .wait_text("[data-testid=import-preview]", |t| !t.is_empty())
        .await;
    assert!(preview.contains("3 event(s) will be added"), "{preview}");
    assert!(preview.contains("1 own role(s)"), "{preview}");
    app.shot("portability-import-preview").await;
    app.click("[data-testid=import-apply]").await;
    app.wait_text("[data-testid=import-backup-status]", |t| {
        t.contains("before-import")
    })
    .await;

    assert_eq!(timeline(&app).await, before);
    app.click("[data-nav=own]").await;
    assert_eq!(
        app.wait_text(".own-role-name", |t| !t.is_empty()).await,
        "Streaming engineer yours"
    );
    app.stop().await;
}
