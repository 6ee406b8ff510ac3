//! A measurement, not a test in `make test`: how long each view takes, from the click in
//! the menu to its content drawn, on a profile of 200,000 events. Run it against a release
//! build (the debug build is several times slower):
//!
//! ```sh
//! make dist   # or: cargo build --release -p pathwise --features tauri/custom-protocol
//! PATHWISE_E2E_APP=target/release/pathwise xvfb-run -a -s "-screen 0 1280x800x24" \
//!   cargo test -p pathwise-e2e --test big_log -- --ignored --nocapture
//! ```
//!
//! Each line gives the time from the click (as the page saw it) to the view drawn with its
//! charts, measured in the page, and each command the view called: its time from call to
//! answer, the size of its answer as JSON, and how long after the answer the view was
//! drawn (the window's share).

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
    // A user with that much history has a target and a plan: the gap, the plan, today and
    // the burn-up all have something to compute.
    let role: pathwise_core::value::RoleId = serde_json::from_str(r#""data_engineer""#).unwrap();
    let mut settings = state.settings().unwrap();
    settings.onboarded = true;
    settings.target_role = Some(role.clone());
    state.save_settings(settings).unwrap();
    let request = serde_json::from_value(serde_json::json!({
        "start": now.date(), "weekly_hours": [1, 1, 1, 1, 1, 2, 2]
    }))
    .unwrap();
    state.make_plan(&role, &request, now.date(), now).unwrap();
}

/// Installed before each click: remembers when the click reached the page, and wraps the
/// page's fetch (which carries IPC) so the report can say how much of a view's time its commands took.
const PROBE: &str = r#"
window.__big = { clicked: null, calls: [] };
document.addEventListener('click', () => { window.__big.clicked = performance.now(); }, { capture: true, once: true });
// Commands reach the backend as fetches of ipc://localhost/<command>.
if (!window.__bigFetch) {
  window.__bigFetch = true;
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(input && input.url ? input.url : input);
    const call = { cmd: url.split('/').pop(), start: performance.now(), end: null, answer: null };
    if (url.startsWith('ipc:') || url.includes('ipc.localhost')) window.__big.calls.push(call);
    return fetch.call(this, input, init).then((r) => ((call.end = performance.now()), (call.answer = r.clone()), r));
  };
}
"#;

/// Waits in the page until every selector in `arguments[0]` matches and every chart in the
/// view has been drawn (Chart.js styles its canvas as it draws the first frame), then one
/// more frame; returns the time since the click and each command's time and size.
const DRAWN: &str = r#"
const sels = arguments[0];
const ready = () => sels.every((s) => document.querySelector(s)) &&
  [...document.querySelectorAll('main canvas')].every((c) => c.style.display === 'block');
await new Promise((r) => { const tick = () => (ready() ? r() : requestAnimationFrame(tick)); tick(); });
await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const done = performance.now();
const t0 = window.__big.clicked;
const calls = [];
for (const c of window.__big.calls) {
  const bytes = c.answer ? (await c.answer.arrayBuffer()).byteLength : 0;
  calls.push({
    cmd: c.cmd,
    ms: c.end === null ? null : Math.round(c.end - c.start),
    kb: Math.round(bytes / 1024),
    after: c.end === null ? null : Math.round(done - c.end),
  });
}
return { ms: Math.round(done - t0), calls };
"#;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement on 200,000 events; run on demand against a release build"]
async fn every_view_on_a_big_log() {
    let data = tempfile::tempdir().unwrap();
    big_profile(data.path());
    let app = App::start(data.path()).await;
    app.wait_for("main h2").await;
    // After the first screen the app checks the store and makes its daily backup, holding
    // the store meanwhile; the views are measured once that is done (and its time said).
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let waited = app
        .js(
            "const t0 = performance.now();\n\
             await window.__TAURI_INTERNALS__.invoke('get_settings');\n\
             return Math.round(performance.now() - t0);",
            vec![],
        )
        .await;
    println!("store free after the start-up check and backup: {waited} ms");
    // What each view draws once its data is in: selectors that appear only then (and its
    // charts, drawn).
    let views: [(&str, &[&str]); 7] = [
        ("timeline", &[".timeline-event", "[data-testid=streak]"]),
        ("log", &["[data-event]"]),
        ("fit", &[".role-name"]),
        ("gap", &["[data-testid=gap-totals]"]),
        ("assess", &["[data-testid=assess-counter]"]),
        ("today", &["[data-testid=today-hours]"]),
        ("plan", &["[data-testid=plan-finish]"]),
    ];
    // The first visit loads the view's code (and Chart.js with the first chart); the
    // second is a return to a view already seen.
    for visit in ["first", "again"] {
        for (view, drawn) in views {
            app.js(PROBE, vec![]).await;
            app.click(&format!("[data-nav={view}]")).await;
            let r = app.js(DRAWN, vec![serde_json::json!(drawn)]).await;
            let calls: Vec<String> = r["calls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    format!(
                        "{} {} ms {} KB (drawn {} ms after)",
                        c["cmd"].as_str().unwrap_or("?"),
                        c["ms"],
                        c["kb"],
                        c["after"]
                    )
                })
                .collect();
            println!("{visit} {view}: {} ms; {}", r["ms"], calls.join(", "));
        }
    }
    app.stop().await;
}
