//! The living plan in the real window: a profile assessed, then a plan made a month ago
//! and worked on before its start, late and partly. The Plan, Today and Timeline views
//! show the step states, burn-up figures and forecast dates that `pathwise-core` computes
//! for the same log on the same day; one click on Today ticks a step off everywhere
//! without a re-plan; a restart opens on Today; and a backup of it all imports into a
//! fresh folder with the same states. Screenshots of the three views in both languages
//! and themes land in target/e2e-shots/.

use std::path::Path;

use chrono::{Days, Local, NaiveDate, NaiveDateTime};
use pathwise_app::services::assessment::Rating;
use pathwise_app::store::events::NewEvent;
use pathwise_app::AppState;
use pathwise_core::forecast;
use pathwise_core::plan::Plan;
use pathwise_core::progress;
use pathwise_core::status::{self, ItemState, PlanStatus};
use pathwise_e2e::App;

const DIALOG_ENV: &str = "PATHWISE_E2E_DIALOG_DIR";
const ROLE: &str = "data_engineer";

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn at(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(9, 0, 0).unwrap()
}

fn state_word(s: ItemState) -> &'static str {
    match s {
        ItemState::Done => "done",
        ItemState::Late => "late",
        ItemState::InProgress => "in_progress",
        ItemState::Upcoming => "upcoming",
    }
}

/// A self-assessment, a plan made 30 days ago that started 28 days ago, and work on its
/// steps: the first done before the start, the second done late, the third half done.
fn seed(dir: &Path) -> Plan {
    let made = today() - Days::new(30);
    let state = AppState::open(dir, at(made));
    let ratings: Vec<Rating> = serde_json::from_value(serde_json::json!([
        {"skill": "python", "level": 2}, {"skill": "sql", "level": 2},
        {"skill": "git", "level": 1}, {"skill": "linux_shell", "level": 1}
    ]))
    .unwrap();
    state.rate(&ratings, made, at(made)).unwrap();
    let mut s = state.settings().unwrap();
    s.onboarded = true;
    s.target_role = Some(serde_json::from_value(ROLE.into()).unwrap());
    state.save_settings(s).unwrap();
    let start = today() - Days::new(28);
    let request = serde_json::from_value(serde_json::json!({
        "start": start.to_string(),
        "weekly_hours": [1, 1, 1, 1, 1, 2, 2],
        "deadline": (today() + Days::new(200)).to_string(),
    }))
    .unwrap();
    let role = serde_json::from_value(ROLE.into()).unwrap();
    let plan = state
        .make_plan(&role, &request, made, at(made))
        .unwrap()
        .plan;
    let items = &plan.items;
    let log = |date: NaiveDate, skill: &str, level: u8, hours: f64| {
        let e = NewEvent::parse(date.min(today()), skill, level, hours, "", None).unwrap();
        state.log_event(&e, at(date)).unwrap();
    };
    log(
        start - Days::new(2),
        &items[0].skill,
        items[0].level,
        items[0].hours,
    );
    log(
        items[1].due + Days::new(3),
        &items[1].skill,
        items[1].level,
        items[1].hours * 1.5,
    );
    log(
        today() - Days::new(1),
        &items[2].skill,
        items[2].level - 1,
        (items[2].hours / 2.0).max(0.5),
    );
    plan
}

/// What the core says about the stored plan and log today.
fn expected(
    dir: &Path,
) -> (
    Plan,
    PlanStatus,
    forecast::Forecast,
    Vec<progress::BurnUpWeek>,
) {
    let state = AppState::open(dir, at(today()));
    let view = state.plan_view(today()).unwrap().unwrap();
    let events = state.timeline(today()).unwrap().events;
    let status = status::plan_status(&view.plan, &events, today());
    let history = forecast::history_from(
        &view.plan,
        &status,
        &events,
        view.made,
        view.hours_from,
        today(),
    );
    let f = forecast::forecast(
        &view.plan,
        &status,
        &history,
        today(),
        pathwise_app::services::plan::FORECAST_SAMPLES,
        pathwise_app::services::plan::FORECAST_SEED,
    );
    let burn = progress::burn_up(&view.plan, view.made, &events, today(), Some((&f, &status)));
    assert_eq!(view.status, status, "the service and the core agree");
    (view.plan, status, f, burn)
}

async fn check_plan_view(app: &App, status: &PlanStatus, f: &forecast::Forecast) {
    app.click("[data-nav=plan]").await;
    app.wait_for("[data-testid=forecast-text]").await;
    for s in &status.items {
        let css = format!(
            "[data-item=\"{}\"][data-state={}]",
            s.id,
            state_word(s.state)
        );
        app.wait_for(&css).await;
    }
    let text = app.text("[data-testid=forecast-text]").await;
    assert!(
        text.contains(&f.p50.to_string()) && text.contains(&f.p80.to_string()),
        "{text}"
    );
    assert_eq!(
        app.text("[data-testid=plan-done]").await,
        format!("{} / {}", status.done, status.items.len())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_plan_follows_the_log_and_the_forecast_learns() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let seeded = seed(data.path());
    let (plan, status, f, burn) = expected(data.path());
    assert_eq!(status.items[0].state, ItemState::Done);
    assert_eq!(status.items[1].state, ItemState::Done);
    assert!(f.from_history, "two steps are done, so the pace is learned");

    let app = App::start_with(data.path(), &[(DIALOG_ENV, files.path())]).await;
    // With a plan, the app opens on Today.
    app.wait_for("[data-testid=today-hours]").await;
    let forecast_text = app.text("[data-testid=forecast-text]").await;
    assert!(
        forecast_text.contains(&f.p50.to_string()),
        "{forecast_text}"
    );

    check_plan_view(&app, &status, &f).await;

    // The burn-up counts the work from before the start; its table has the core's numbers.
    app.click("[data-nav=timeline]").await;
    app.wait_for("[data-testid=timeline-assessments]").await;
    app.click(".chart .chart-actions button").await;
    let actual: Vec<String> = app
        .texts("[data-testid=burnup-table] td.actual")
        .await
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let last_actual = burn.iter().rev().find_map(|w| w.actual_hours).unwrap();
    let shown: f64 = actual.last().unwrap().replace(',', "").parse().unwrap();
    assert!(
        (shown - last_actual).abs() < 0.051,
        "{shown} vs {last_actual}"
    );
    assert_eq!(
        actual.len(),
        burn.iter().filter(|w| w.actual_hours.is_some()).count()
    );
    let steps: Vec<String> = app
        .texts("[data-testid=burnup-table] td.actual-steps")
        .await
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let last_steps = burn.iter().rev().find_map(|w| w.actual_steps).unwrap();
    assert_eq!(steps.last().unwrap(), &last_steps.to_string());
    // One line per self-assessment, not four events.
    assert_eq!(
        app.texts("[data-testid=timeline-assessments] > li")
            .await
            .len(),
        1
    );

    // One click on Today marks the step open this week done, everywhere, with no re-plan.
    let open = status.next.clone().expect("an open step");
    app.click("[data-nav=today]").await;
    app.click(&format!("[data-testid=\"today-done-{open}\"]"))
        .await;
    app.click("[data-nav=plan]").await;
    app.wait_for(&format!("[data-item=\"{open}\"][data-state=done]"))
        .await;
    app.click("[data-nav=log]").await;
    app.wait_for("[data-testid=log-item]").await;
    let offered = app.texts("[data-testid=log-item] option").await;
    let open_item = plan.items.iter().find(|i| i.id() == open).unwrap();
    let name = pathwise_core::builtin()
        .skill(&open_item.skill)
        .unwrap()
        .name
        .en
        .clone();
    assert!(
        !offered
            .iter()
            .any(|o| o.starts_with(&format!("{name} → {}", open_item.level))),
        "{offered:?}"
    );

    // Screenshots of the three views in both languages and themes.
    for lang in ["en", "zh"] {
        app.set("[data-testid=lang]", lang).await;
        for theme in ["light", "dark"] {
            app.js(
                "document.documentElement.dataset.theme = arguments[0];",
                vec![theme.into()],
            )
            .await;
            for view in ["today", "plan", "timeline"] {
                app.click(&format!("[data-nav={view}]")).await;
                app.wait_for("main h2").await;
                app.shot(&format!("living-{view}-{lang}-{theme}")).await;
            }
        }
    }
    app.set("[data-testid=lang]", "en").await;

    // A backup of it all, for the fresh folder below.
    app.click("[data-nav=settings]").await;
    app.click("[data-testid=export-backup]").await;
    app.wait_text("[data-testid=export-backup-status]", |t| {
        t.contains(".json")
    })
    .await;
    app.stop().await;

    // A restart opens on Today, with the step still done.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let (_, after, f_after, _) = expected(data.path());
    assert_eq!(
        after.items.iter().find(|s| s.id == open).unwrap().state,
        ItemState::Done
    );
    let app = App::start(data.path()).await;
    app.wait_for("[data-testid=today-hours]").await;
    check_plan_view(&app, &after, &f_after).await;
    app.stop().await;

    // The backup imported into a fresh folder gives the same states and forecast.
    let backup = std::fs::read_dir(files.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("pathwise-backup-"))
        .unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let state = AppState::open(fresh.path(), at(today()));
    let review = state
        .review_import(
            pathwise_app::services::import::ImportKind::Backup,
            "b.json",
            &std::fs::read(backup).unwrap(),
        )
        .unwrap();
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    state
        .apply_import(
            pathwise_app::formats::backup::ImportMode::Replace,
            at(today()),
        )
        .unwrap();
    drop(state);
    let (_, imported, f_imported, _) = expected(fresh.path());
    assert_eq!(imported, after);
    assert_eq!(f_imported, f_after);
    assert_eq!(seeded.items.len(), after.items.len());
}
