//! A measurement, not a test in `make test`: how long each view takes, from the click in
//! the menu to its content drawn, on a profile of 200,000 events. Run it against a release
//! build (the debug build is several times slower):
//!
//! ```sh
//! make dist   # or: cargo build --release -p pathwise --features tauri/custom-protocol
//! PATHWISE_E2E_APP=target/release/pathwise xvfb-run -a -s "-screen 0 1280x800x24" \
//!   cargo test -p pathwise-e2e --test big_log -- --ignored --nocapture
//! ```

use std::time::Instant;

use chrono::{Days, NaiveDate};
use pathwise_app::store::events::{self, NewEvent};
use pathwise_app::AppState;
use pathwise_core::profile::EventKind;
use pathwise_e2e::App;

const EVENTS: usize = 200_000;

fn big_profile(dir: &std::path::Path) {
    let now = chrono::Local::now().naive_local();
    let state = AppState::open(dir, now);
    let skills: Vec<String> = pathwise_core::builtin()
        .skills
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let start = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
    let sample: Vec<(NewEvent, EventKind)> = (0..EVENTS)
        .map(|i| {
            let e = NewEvent::parse(
                start + Days::new((i / 110) as u64),
                &skills[i % skills.len()],
                (i % 5) as u8 + 1,
                0.5,
                "",
                None,
            )
            .unwrap();
            (e, EventKind::Work)
        })
        .collect();
    state
        .write(|tx| events::append_many(tx, &sample, now))
        .unwrap();
    let mut settings = state.settings().unwrap();
    settings.onboarded = true;
    state.save_settings(settings).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement on 200,000 events; run on demand against a release build"]
async fn every_view_on_a_big_log() {
    let data = tempfile::tempdir().unwrap();
    big_profile(data.path());
    let app = App::start(data.path()).await;
    app.wait_for("main h2").await;
    // What each view draws once its data is in: a selector that appears only then.
    let views = [
        ("timeline", ".timeline-event"),
        ("log", "[data-event]"),
        ("fit", ".role-name"),
        ("gap", "main h2"),
        ("assess", "main h2"),
        ("today", "main h2"),
        ("plan", "main h2"),
    ];
    for (view, drawn) in views {
        let started = Instant::now();
        app.click(&format!("[data-nav={view}]")).await;
        app.wait_for(drawn).await;
        // One frame after the content exists, so the time includes drawing it.
        app.js(
            "return await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));",
            vec![],
        )
        .await;
        println!("{view}: {} ms", started.elapsed().as_millis());
    }
    app.stop().await;
}
