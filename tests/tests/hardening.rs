//! Hostile text and accessibility in the real window.
//! - A note, an evidence link and an own role's name carrying `<img onerror>` and
//!   `<script>` show literally and run nothing; the page cannot reach plugin commands.
//! - axe-core (from ui/node_modules) runs in every view, in both themes, and no serious or
//!   critical violation is allowed (also in Chinese, and with the editors open), colour
//!   contrast included, with a finished plan step on screen; each chart's table is
//!   reachable from the keyboard.
//! - Every view in Chinese shows no English word outside an allowlist (product names,
//!   acronyms, the catalog's own names and resource titles, what the user typed), and no
//!   view in English says "1 days" or the like.

use std::path::Path;

use chrono::NaiveDateTime;
use pathwise_app::store::events::NewEvent;
use pathwise_app::AppState;
use pathwise_core::catalog::{Requirement, Role, Source, Text};
use pathwise_e2e::App;

const ROLE_NAME: &str = "Red team <img src=x onerror=\"window.__pwned='role'\"><script>window.__pwned='role-script'</script>";
const NOTE: &str = "<img src=x onerror=window.__pwned='note'> and <script>window.__pwned='note-script'</script> & <b>bold</b>";
const VIEWS: &[&str] = &[
    "today", "welcome", "assess", "fit", "gap", "plan", "log", "timeline", "own", "settings",
];

fn seed(dir: &Path) {
    let now: NaiveDateTime = "2026-11-20T09:00:00".parse().unwrap();
    let state = AppState::open(dir, now);
    state
        .save_own_role(
            Role {
                id: "red_team".into(),
                name: Text {
                    en: ROLE_NAME.into(),
                    zh: ROLE_NAME.into(),
                },
                summary: Text {
                    en: "<script>window.__pwned='summary'</script>".into(),
                    zh: String::new(),
                },
                responsibilities: vec![],
                requirements: vec![Requirement {
                    skill: "python".into(),
                    level: 3,
                    importance: 5,
                    source: Source::User,
                    note: String::new(),
                }],
                custom: true,
            },
            now,
        )
        .unwrap();
    for (date, skill, level) in [("2026-11-02", "python", 2), ("2026-11-09", "sql", 2)] {
        state
            .log_event(
                &NewEvent::parse(
                    date.parse().unwrap(),
                    skill,
                    level,
                    5.0,
                    NOTE,
                    Some("https://example.org/?q=<script>alert(1)</script>"),
                )
                .unwrap(),
                now,
            )
            .unwrap();
    }
    let mut s = state.settings().unwrap();
    s.onboarded = true;
    s.target_role = Some(serde_json::from_str(r#""data_engineer""#).unwrap());
    state.save_settings(s).unwrap();
    state
        .make_plan(
            &serde_json::from_str(r#""data_engineer""#).unwrap(),
            &serde_json::from_value(serde_json::json!({
                "start": "2026-11-02",
                "weekly_hours": [1.0, 1.0, 1.0, 1.0, 1.0, 3.0, 3.0],
                "deadline": "2027-06-30"
            }))
            .unwrap(),
            now.date(),
            now,
        )
        .unwrap();
}

async fn pwned(app: &App) -> serde_json::Value {
    app.js(
        "return window.__pwned === undefined ? null : String(window.__pwned);",
        vec![],
    )
    .await
}

/// Calls a command from the page as injected code would, and returns the error (or null).
async fn invoke_error(app: &App, cmd: &str, args: serde_json::Value) -> serde_json::Value {
    app.client
        .execute_async(
            "const done = arguments[arguments.length - 1];\n\
             window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])\n\
               .then(() => done(null), (e) => done(String(e && e.message || e)));",
            vec![cmd.into(), args],
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_text_shows_as_text_and_runs_nothing() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = App::start(data.path()).await;
    // With a plan the app opens on Today; the hostile texts are checked view by view.
    app.wait_for("[data-testid=today-hours]").await;
    app.click("[data-nav=fit]").await;
    app.wait_for("[data-testid=formula]").await;

    // Fit shows every role's name, the own one included.
    let card = app
        .wait_text("[data-role=red_team] .role-name", |t| !t.is_empty())
        .await;
    assert_eq!(card, ROLE_NAME);
    app.click("[data-nav=own]").await;
    let own = app.wait_text(".own-role-name", |t| !t.is_empty()).await;
    assert!(own.starts_with(ROLE_NAME), "{own}");
    app.click("[data-nav=timeline]").await;
    app.wait_for("[data-testid=timeline-periods]").await;
    app.wait_count(".timeline-event", 2).await;
    for t in app.texts(".timeline-event").await {
        assert!(t.ends_with(NOTE), "{t}");
    }
    app.click("[data-nav=log]").await;
    // The log fills in after the view opens; wait for both rows.
    app.wait_count("tr[data-event]", 2).await;
    let log = app.text("main").await;
    assert!(
        log.contains("<img src=x onerror="),
        "the log shows the note literally"
    );
    app.shot("hardening-hostile-log").await;
    let injected = app
        .js(
            "return document.querySelectorAll('img[src=x], main script, main b').length;",
            vec![],
        )
        .await;
    assert_eq!(injected, 0, "no element was made from user text");
    assert_eq!(pwned(&app).await, serde_json::Value::Null);

    // Injected code could call invoke directly: plugins are out of reach, and app
    // commands still check what they are given.
    let denied = invoke_error(
        &app,
        "plugin:dialog|save",
        serde_json::json!({ "options": {} }),
    )
    .await;
    assert!(
        denied.as_str().is_some_and(|e| e.contains("not allowed")),
        "{denied}"
    );
    let denied = invoke_error(
        &app,
        "plugin:opener|open_url",
        serde_json::json!({ "url": "file:///etc/passwd" }),
    )
    .await;
    assert!(
        denied.as_str().is_some_and(|e| e.contains("not allowed")),
        "{denied}"
    );
    let refused = invoke_error(
        &app,
        "open_resource",
        serde_json::json!({ "url": "file:///etc/passwd" }),
    )
    .await;
    assert!(
        refused.as_str().is_some_and(|e| e.contains("http")),
        "{refused}"
    );
    assert_eq!(
        invoke_error(&app, "app_info", serde_json::json!({})).await,
        serde_json::Value::Null,
        "the app's own commands are allowed"
    );
    app.stop().await;
}

/// Waits until an opened editor has put the focus on its first field (and scrolled to
/// it), so the next click lands where the test aims.
async fn focused(app: &App, testid: &str) {
    for _ in 0..100 {
        let now = app
            .js(
                "return document.activeElement && document.activeElement.dataset.testid || null;",
                vec![],
            )
            .await;
        if now == testid {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{testid} never took the focus");
}

/// Runs axe on the page as it is; records serious and critical violations in `failures`.
async fn axe_check(app: &App, label: &str, failures: &mut Vec<String>) {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let result = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\n\
             axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: true } } })\n\
               .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))),\n\
                     e => done([{ id: 'axe-error', impact: 'critical', nodes: 0, where: [String(e)] }]));",
            vec![],
        )
        .await
        .unwrap();
    let all = result.as_array().unwrap();
    let summary: Vec<String> = all
        .iter()
        .map(|v| format!("{}({}, {} nodes)", v["id"], v["impact"], v["nodes"]))
        .collect();
    eprintln!(
        "axe {label}: {}",
        if summary.is_empty() {
            "no violations".to_owned()
        } else {
            summary.join(", ")
        }
    );
    for v in all {
        if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
            failures.push(format!("{label}: {v}"));
        }
    }
}

/// Words that may stand in the Chinese UI: product names, acronyms, key names, units.
const ALLOWED: &[&str] = &[
    "Pathwise", "MLOps", "ML", "AI", "SQL", "CSV", "JSON", "ICS", "Markdown", "KB", "Alt", "Ctrl",
    "min", "http", "https", "O", "NET", "roadmap", "sh", "SFIA", "Monzo", "CC", "BY",
    // A key name (Ctrl+Z), a file extension (.ics), an environment variable, and the
    // language menu's own name for English.
    "Z", "ics", "PATHWISE", "DATA", "DIR", "English",
];

/// Every Latin word the catalog itself uses in Chinese (skill, role and category names
/// such as "Python" or "Kubernetes") or in a resource title.
fn catalog_words() -> std::collections::BTreeSet<String> {
    let c = pathwise_core::catalog::builtin();
    let mut texts: Vec<&str> = Vec::new();
    for s in &c.skills {
        texts.push(&s.name.zh);
        texts.push(&s.description.zh);
        texts.extend(s.levels.iter().map(|l| l.zh.as_str()));
        texts.push(&s.hours_basis.zh);
        texts.extend(s.resources.iter().map(|r| r.title.as_str()));
    }
    for r in &c.roles {
        texts.push(&r.name.zh);
        texts.push(&r.summary.zh);
        texts.extend(r.responsibilities.iter().map(|t| t.zh.as_str()));
        texts.extend(r.requirements.iter().map(|q| q.note.as_str()));
    }
    texts.extend(c.categories.iter().map(|k| k.name.zh.as_str()));
    texts.iter().flat_map(|t| latin_words(t)).collect()
}

fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the page says in `main` and the menu, hidden labels and attributes included,
/// less code samples and links the user typed.
async fn page_text(app: &App) -> String {
    let text = app
        .js(
            "const parts = [];\n\
             for (const root of document.querySelectorAll('nav, main')) {\n\
               const copy = root.cloneNode(true);\n\
               copy.querySelectorAll('code, style, script').forEach(e => e.remove());\n\
               const walk = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);\n\
               while (walk.nextNode()) parts.push(walk.currentNode.nodeValue);\n\
               copy.querySelectorAll('[aria-label], [title], [placeholder]').forEach(e => {\n\
                 for (const a of ['aria-label', 'title', 'placeholder']) if (e.hasAttribute(a)) parts.push(e.getAttribute(a));\n\
               });\n\
             }\n\
             return parts.join('\\n');",
            vec![],
        )
        .await;
    text.as_str().unwrap().to_owned()
}

/// English words in a Chinese page that are neither allowed nor the user's own text.
fn english_in(text: &str, allowed: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut text = text.to_owned();
    for typed in [
        ROLE_NAME,
        NOTE,
        "https://example.org/?q=<script>alert(1)</script>",
        "<script>window.__pwned='summary'</script>",
    ] {
        text = text.replace(typed, " ");
    }
    let mut found: Vec<String> = latin_words(&text)
        .into_iter()
        .filter(|w| !allowed.contains(w) && !ALLOWED.contains(&w.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// "1 days", "1 steps": a count of one with a plural noun.
fn one_with_plural(text: &str) -> Vec<String> {
    const NOUNS: &[&str] = &[
        "days",
        "weeks",
        "hours",
        "steps",
        "skills",
        "entries",
        "level-ups",
        "events",
        "items",
        "roles",
        "changes",
        "levels",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| {
            let n = w[0].trim_start_matches(|c: char| !c.is_ascii_digit());
            let noun = w[1].trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
            n == "1" && NOUNS.contains(&noun)
        })
        .map(|w| w.join(" "))
        .collect()
}

#[test]
fn the_text_checks_catch_what_they_are_for() {
    let allowed = std::collections::BTreeSet::from(["Python".to_owned()]);
    assert_eq!(
        english_in("当前连续 1 days，Python 与 SQL，每日备份 daily", &allowed),
        ["daily", "days"]
    );
    assert!(english_in(&format!("记录：{NOTE}"), &allowed).is_empty());
    assert_eq!(one_with_plural("Streak: 1 days (best 2 days)"), ["1 days"]);
    assert_eq!(
        one_with_plural("(1 steps) 11 days 1 day 21 hours"),
        ["(1 steps)"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_passes_axe_in_both_themes_and_languages() {
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed by `npm ci` in ui/");
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = App::start(data.path()).await;
    app.wait_for("[data-testid=today-hours]").await;
    app.js(&axe, vec![]).await;

    // A finished step on screen, so its colours are checked too: log the plan's next step.
    app.click("[data-nav=log]").await;
    app.wait_for("[data-testid=log-item] option:nth-child(2)")
        .await;
    let item = app
        .js(
            "return document.querySelector('[data-testid=log-item] option:nth-child(2)').value;",
            vec![],
        )
        .await;
    app.set("[data-testid=log-item]", item.as_str().unwrap())
        .await;
    app.click("[data-testid=log-save]").await;
    app.wait_count("tr[data-event]", 3).await;
    app.click("[data-nav=plan]").await;
    app.wait_for("[data-state=done]").await;

    let allowed = catalog_words();
    let mut english = Vec::new();
    let mut plurals = Vec::new();
    let mut failures = Vec::new();
    for lang in ["en", "zh"] {
        app.set("[data-testid=lang]", lang).await;
        for theme in ["light", "dark"] {
            app.js(
                "document.documentElement.dataset.theme = arguments[0];",
                vec![theme.into()],
            )
            .await;
            for view in VIEWS {
                app.click(&format!("[data-nav={view}]")).await;
                app.wait_for("main h2").await;
                // Open every chart's table too, so the tables are checked as well.
                app.js(
                    "document.querySelectorAll('.chart-actions button[aria-expanded=false]').forEach(b => b.click());",
                    vec![],
                )
                .await;
                axe_check(&app, &format!("{view} {theme} {lang}"), &mut failures).await;
                if theme == "light" {
                    let text = page_text(&app).await;
                    let found = if lang == "zh" {
                        english_in(&text, &allowed)
                    } else {
                        one_with_plural(&text)
                    };
                    if !found.is_empty() {
                        let list = if lang == "zh" {
                            &mut english
                        } else {
                            &mut plurals
                        };
                        list.push(format!("{view}: {found:?}"));
                    }
                }
            }
            // The editors of own roles and skills, with a row in each of their tables.
            app.click("[data-nav=own]").await;
            app.click("[data-testid=own-new-role]").await;
            focused(&app, "role-name-en").await;
            app.click("[data-testid=req-add]").await;
            app.wait_count("[data-testid=role-editor] tbody tr", 1)
                .await;
            axe_check(&app, &format!("role editor {theme} {lang}"), &mut failures).await;
            app.click("[data-testid=own-new-skill]").await;
            focused(&app, "skill-name-en").await;
            app.click("[data-testid=prereq-add]").await;
            app.click("[data-testid=resource-add]").await;
            app.wait_count("[data-testid=skill-editor] tbody tr", 2)
                .await;
            axe_check(&app, &format!("skill editor {theme} {lang}"), &mut failures).await;
            app.shot(&format!("hardening-skill-editor-{lang}-{theme}"))
                .await;
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        english.is_empty(),
        "English in the Chinese UI: {english:#?}"
    );
    assert!(
        plurals.is_empty(),
        "a count of one with a plural: {plurals:#?}"
    );

    // Each chart's table opens from the keyboard: its toggle is a focusable button that
    // Enter activates.
    app.js("delete document.documentElement.dataset.theme;", vec![])
        .await;
    for view in ["fit", "timeline"] {
        app.click(&format!("[data-nav={view}]")).await;
        app.wait_for(".chart-actions button").await;
        let buttons = app
            .client
            .find_all(fantoccini::Locator::Css(".chart-actions button"))
            .await
            .unwrap();
        assert!(!buttons.is_empty());
        for (i, b) in buttons.iter().enumerate() {
            if b.attr("aria-expanded").await.unwrap().as_deref() == Some("true") {
                continue;
            }
            app.js(
                "document.querySelectorAll('.chart-actions button')[arguments[0]].focus();",
                vec![i.into()],
            )
            .await;
            b.send_keys("\u{E007}").await.unwrap();
            let open = app
                .js(
                    "const c = document.querySelectorAll('.chart')[arguments[0]];\n\
                     return c.querySelector('button').getAttribute('aria-expanded') === 'true' && !!c.querySelector('table');",
                    vec![i.into()],
                )
                .await;
            assert_eq!(
                open, true,
                "{view}: chart {i} opens its table from the keyboard"
            );
        }
    }
    app.stop().await;
}
