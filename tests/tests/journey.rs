//! The desktop journey on a fresh data folder: rate skills, see the eight roles ranked,
//! pick Data Engineer, see the gap, plan at 6 hours a week from a fixed date (the finish
//! date must equal the core's), log two completions (timeline, burn-up and fit move),
//! switch to Simplified Chinese, restart and find everything as it was. Screenshots of
//! every view in both themes land in target/e2e-shots/.

use chrono::NaiveDate;
use pathwise_core::plan::{plan, PlanInput};
use pathwise_e2e::App;

const RATINGS: &[(&str, u8)] = &[("python", 2), ("sql", 2), ("git", 1), ("linux_shell", 1)];
const START: &str = "2026-11-02";
const WEEKLY: [f64; 7] = [0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.0];
const VIEWS: &[&str] = &[
    "today", "welcome", "assess", "fit", "gap", "plan", "log", "timeline", "own", "settings",
];

async fn shoot_all(app: &App, tag: &str) {
    for theme in ["light", "dark"] {
        app.js(
            "document.documentElement.dataset.theme = arguments[0];",
            vec![theme.into()],
        )
        .await;
        for view in VIEWS {
            app.click(&format!("[data-nav={view}]")).await;
            app.wait_for("main h2").await;
            app.shot(&format!("{tag}-{view}-{theme}")).await;
        }
    }
    app.js("delete document.documentElement.dataset.theme;", vec![])
        .await;
}

async fn fit_of(app: &App, role: &str) -> f64 {
    app.click("[data-nav=fit]").await;
    let t = app
        .text(&format!("[data-role={role}] [data-testid=fit-value]"))
        .await;
    t.trim_end_matches('%').parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn from_self_assessment_to_a_reviewed_timeline() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path()).await;

    // (a) First run: the welcome lists the roles, then the self-assessment.
    app.wait_for(".role-name").await;
    app.click("[data-testid=start-assessment]").await;
    for (skill, level) in RATINGS {
        app.click(&format!(
            "[data-skill={skill}] label:nth-of-type({})",
            level + 1
        ))
        .await;
    }
    app.click("[data-testid=assess-done]").await;
    app.wait_for("[data-testid=formula]").await;
    // The formula shows at once; the ranked cards follow when the fit arrives.
    app.wait_count(".card .role-name", 8).await;
    let names = app.texts(".card .role-name").await;
    assert_eq!(names.len(), 8, "{names:?}");
    let fits: Vec<f64> = app
        .texts("[data-testid=fit-value]")
        .await
        .iter()
        .map(|t| t.trim_end_matches('%').parse().unwrap())
        .collect();
    assert!(
        fits.windows(2).all(|w| w[0] >= w[1]),
        "not ranked: {fits:?}"
    );
    let fit_before = fit_of(&app, "data_engineer").await;

    app.click("[data-role=data_engineer] [data-testid=choose-role]")
        .await;
    app.wait_for("[data-testid=gap-totals]").await;
    assert!(app.texts("table.gap tbody tr").await.len() >= 5);

    app.click("[data-testid=to-plan]").await;
    app.set("[data-testid=plan-start]", START).await;
    for (day, hours) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .zip(WEEKLY)
    {
        app.set(
            &format!("[data-testid=plan-hours-{day}]"),
            &hours.to_string(),
        )
        .await;
    }
    app.click("[data-testid=plan-generate]").await;
    let shown = app
        .wait_text("[data-testid=plan-finish]", |t| !t.is_empty())
        .await;

    let catalog = pathwise_core::builtin();
    let mut levels = vec![0u8; catalog.skills.len()];
    for (skill, level) in RATINGS {
        levels[catalog.skill_idx(skill).unwrap()] = *level;
    }
    let input = PlanInput {
        start: START.parse().unwrap(),
        weekly_hours: WEEKLY,
        holidays: vec![],
        deadline: None,
    };
    let expected = plan(catalog, &levels, "data_engineer", &input).unwrap();
    assert_eq!(shown, expected.finish.to_string());

    // (b) Log the first two plan steps as done.
    app.click("[data-nav=timeline]").await;
    app.wait_for("main h2").await;
    for (i, item) in expected.items.iter().take(2).enumerate() {
        app.click("[data-nav=log]").await;
        app.set("[data-testid=log-skill]", &item.skill).await;
        app.set("[data-testid=log-level]", &item.level.to_string())
            .await;
        let day = NaiveDate::from_ymd_opt(2026, 11, 10 + i as u32).unwrap();
        app.set("[data-testid=log-date]", &day.to_string()).await;
        app.set("[data-testid=log-hours]", &item.hours.to_string())
            .await;
        app.set("[data-testid=log-note]", "done the tutorial").await;
        app.click("[data-testid=log-save]").await;
        app.wait_count("tr[data-event]", i + 1).await;
    }
    // The ratings are one self-assessment line, not events of their own.
    assert_eq!(app.texts("tr[data-event]").await.len(), 2);
    assert_eq!(app.texts("tr[data-assessment]").await.len(), 1);

    app.click("[data-nav=timeline]").await;
    app.wait_for("[data-testid=timeline-periods]").await;
    let listed = app.texts(".timeline-event").await;
    assert_eq!(
        listed
            .iter()
            .filter(|t| t.contains("done the tutorial"))
            .count(),
        2,
        "{listed:?}"
    );
    // The burn-up's actual line: its table shows the logged hours.
    app.click(".chart .chart-actions button").await;
    // The actual line ends at today: later weeks are empty.
    let rows: Vec<String> = app
        .texts("[data-testid=burnup-table] td.actual")
        .await
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let logged: f64 = expected.items.iter().take(2).map(|i| i.hours).sum();
    let last: f64 = rows.last().unwrap().replace(',', "").parse().unwrap();
    assert!(
        (last - logged).abs() < 0.11,
        "actual {last}, logged {logged}: {rows:?}"
    );
    let fit_after = fit_of(&app, "data_engineer").await;
    assert!(fit_after > fit_before, "fit {fit_before} -> {fit_after}");

    shoot_all(&app, "journey-en").await;

    // Readable in a small window too.
    app.client.set_window_size(1024, 700).await.unwrap();
    for view in ["fit", "plan", "timeline"] {
        app.click(&format!("[data-nav={view}]")).await;
        app.wait_for("main h2").await;
        app.shot(&format!("journey-1024x700-{view}")).await;
    }
    app.client.set_window_size(1200, 800).await.unwrap();

    // (c) Simplified Chinese. A message already on screen changes language with the rest.
    app.click("[data-nav=settings]").await;
    app.set("[data-testid=settings-theme]", "light").await;
    app.wait_text("[role=status]", |t| t == "Saved.").await;
    app.set("[data-testid=lang]", "zh").await;
    app.wait_text("[role=status]", |t| t == "已保存。").await;
    app.click("[data-nav=fit]").await;
    app.wait_text("[data-role=data_engineer] .role-name", |t| {
        t == "数据工程师"
    })
    .await;
    let zh_names = app.texts(".card .role-name").await;
    assert!(zh_names.contains(&"数据科学家".to_string()), "{zh_names:?}");
    shoot_all(&app, "journey-zh").await;
    app.stop().await;

    // (d) Restart on the same folder: everything as it was left.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let app = App::start(data.path()).await;
    app.wait_text("[data-nav=fit]", |t| t == "你适合哪个角色？")
        .await;
    app.click("[data-nav=plan]").await;
    assert_eq!(
        app.wait_text("[data-testid=plan-finish]", |t| !t.is_empty())
            .await,
        expected.finish.to_string()
    );
    app.click("[data-nav=fit]").await;
    let card = app.text("[data-role=data_engineer]").await;
    assert!(card.contains("你的目标角色"), "{card}");
    assert_eq!(fit_of(&app, "data_engineer").await, fit_after);
    app.click("[data-nav=timeline]").await;
    app.wait_for("[data-testid=timeline-periods]").await;
    assert_eq!(
        app.texts(".timeline-event")
            .await
            .iter()
            .filter(|t| t.contains("done the tutorial"))
            .count(),
        2
    );
    app.stop().await;
}
