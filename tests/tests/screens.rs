//! Screenshots of the views for a person to look at (not a check): every view in English
//! and Chinese, light and dark, and the fit view at 1024×700 and 1920×1080. Run with
//! `xvfb-run -a -s "-screen 0 1920x1080x24" cargo test -p pathwise-e2e --test screens -- --ignored`;
//! the PNGs land in target/e2e-shots/screens-*.png.

use std::path::Path;

use chrono::{Days, Local, NaiveDate, NaiveDateTime};
use pathwise_app::services::assessment::Rating;
use pathwise_app::store::events::NewEvent;
use pathwise_app::AppState;
use pathwise_e2e::App;

fn at(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(9, 0, 0).unwrap()
}

/// A profile with some skills rated (one at 0), a plan with its first step done.
fn seed(dir: &Path) {
    let today = Local::now().date_naive();
    let made = today - Days::new(20);
    let state = AppState::open(dir, at(made));
    let ratings: Vec<Rating> = serde_json::from_value(serde_json::json!([
        {"skill": "python", "level": 2}, {"skill": "sql", "level": 3},
        {"skill": "git", "level": 1}, {"skill": "docker", "level": 0},
        {"skill": "statistics", "level": 2}, {"skill": "eda", "level": 2}
    ]))
    .unwrap();
    state.rate(&ratings, made, at(made)).unwrap();
    let mut s = state.settings().unwrap();
    s.onboarded = true;
    s.target_role = Some(serde_json::from_value("data_engineer".into()).unwrap());
    state.save_settings(s).unwrap();
    let request = serde_json::from_value(serde_json::json!({
        "start": (made + Days::new(1)).to_string(),
        "weekly_hours": [1, 1, 1, 1, 1, 2, 2],
    }))
    .unwrap();
    let role = serde_json::from_value("data_engineer".into()).unwrap();
    let plan = state
        .make_plan(&role, &request, made, at(made))
        .unwrap()
        .plan;
    let first = &plan.items[0];
    let e = NewEvent::parse(
        made + Days::new(3),
        &first.skill,
        first.level,
        first.hours,
        "",
        None,
    )
    .unwrap();
    state.log_event(&e, at(made + Days::new(3))).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "makes screenshots for people to look at; run on demand"]
async fn screenshots_of_every_view() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = App::start(data.path()).await;
    app.wait_for("[data-testid=today-hours]").await;
    for lang in ["en", "zh"] {
        app.set("[data-testid=lang]", lang).await;
        for theme in ["light", "dark"] {
            app.js(
                "document.documentElement.dataset.theme = arguments[0];",
                vec![theme.into()],
            )
            .await;
            app.client.set_window_size(1280, 800).await.unwrap();
            for view in [
                "today", "assess", "gap", "plan", "log", "timeline", "settings",
            ] {
                app.click(&format!("[data-nav={view}]")).await;
                app.wait_for("main h2").await;
                tokio::time::sleep(std::time::Duration::from_millis(800)).await;
                app.shot(&format!("screens-{view}-{lang}-{theme}")).await;
            }
            // The self-assessment narrowed to the best-fitting roles, a level pointed at.
            app.click("[data-nav=assess]").await;
            app.click("[data-testid=assess-top3]").await;
            app.js("window.scrollTo(0, 0);", vec![]).await;
            app.shot(&format!("screens-assess-top3-top-{lang}-{theme}"))
                .await;
            app.js(
                "document.querySelector('[data-skill=sql] input[value=\"3\"]').focus();",
                vec![],
            )
            .await;
            app.shot(&format!("screens-assess-top3-{lang}-{theme}"))
                .await;
            app.click("[data-testid=assess-all]").await;
            // The log form with its calendar open.
            app.click("[data-nav=log]").await;
            app.click(".date-field .pick").await;
            app.wait_for(".calendar").await;
            app.shot(&format!("screens-log-calendar-{lang}-{theme}"))
                .await;
            // The plan scrolled down: the menu stays in view.
            app.click("[data-nav=plan]").await;
            app.wait_for("[data-state=done]").await;
            app.js(
                "document.querySelector('[data-state=done]').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await;
            app.shot(&format!("screens-plan-scrolled-{lang}-{theme}"))
                .await;
            for (w, h) in [(1024, 700), (1920, 1080)] {
                app.client.set_window_size(w, h).await.unwrap();
                app.click("[data-nav=fit]").await;
                app.wait_count(".card .role-name", 8).await;
                tokio::time::sleep(std::time::Duration::from_millis(800)).await;
                app.shot(&format!("screens-fit-{w}x{h}-{lang}-{theme}"))
                    .await;
            }
        }
    }
    app.stop().await;
}
