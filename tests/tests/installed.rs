//! The install test's journey, driven against the packaged binary: `make dist-check`
//! installs the `.deb` and runs this with `PATHWISE_E2E_APP=/usr/bin/pathwise` on a fresh
//! data folder it keeps (to check afterwards that removing the package leaves it alone).
//! `make test` skips it: there is no installed package there.

use std::path::PathBuf;

use pathwise_e2e::{App, APP_ENV};

/// The folder the install test hands over; it must exist and be empty.
const DATA_ENV: &str = "PATHWISE_DIST_DATA";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the installed package: `make dist-check` runs it"]
async fn the_installed_app_opens_rates_and_keeps_the_rating() {
    let app_bin = PathBuf::from(std::env::var_os(APP_ENV).expect("PATHWISE_E2E_APP is set"));
    assert!(
        app_bin.starts_with("/usr/bin"),
        "this test drives the installed app, not {}",
        app_bin.display()
    );
    let data = PathBuf::from(std::env::var_os(DATA_ENV).expect("PATHWISE_DIST_DATA is set"));
    assert!(
        std::fs::read_dir(&data).unwrap().next().is_none(),
        "{} is not a fresh folder",
        data.display()
    );

    // First screen: the eight roles, from the catalog compiled into the release build.
    let app = App::start(&data).await;
    assert_eq!(app.client.title().await.unwrap(), "Pathwise");
    app.wait_count(".role-name", 8).await;
    let expected: Vec<String> = pathwise_core::builtin()
        .roles
        .iter()
        .map(|r| r.name.en.clone())
        .collect();
    assert_eq!(app.texts(".role-name").await, expected);
    app.shot("installed-first-screen").await;

    // One rating: Python at level 3.
    app.click("[data-testid=start-assessment]").await;
    app.click("[data-skill=python] label:nth-of-type(4)").await;
    app.click("[data-testid=assess-done]").await;
    app.wait_count(".card .role-name", 8).await;
    app.stop().await;
    assert!(data.join("pathwise.sqlite3").exists());

    // A restart on the same folder shows the rating as it was left.
    let app = App::start(&data).await;
    app.click("[data-nav=assess]").await;
    // The ratings arrive after the view: wait for Python at 3, then check nothing else moved.
    app.wait_for("[data-skill=python] label:nth-of-type(4).chosen")
        .await;
    let rated = app
        .js(
            "return Array.from(document.querySelectorAll('.row[data-skill] input:checked'))\n\
               .filter((i) => i.value !== '0')\n\
               .map((i) => i.closest('[data-skill]').dataset.skill + '=' + i.value);",
            vec![],
        )
        .await;
    assert_eq!(
        rated,
        serde_json::json!(["python=3"]),
        "the one rating, kept"
    );
    app.shot("installed-after-restart").await;
    app.stop().await;
}
