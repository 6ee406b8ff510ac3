//! Least privilege, read from the shipped configuration: a test fails when the CSP or the
//! capabilities loosen.

use serde_json::Value;

fn read(path: &str) -> Value {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap()
}

#[test]
fn the_content_security_policy_stays_strict() {
    let conf = read("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    let directive = |name: &str| -> Vec<String> {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.split_whitespace().next() == Some(name))
            .map(|d| d.split_whitespace().skip(1).map(str::to_owned).collect())
            .unwrap_or_else(|| panic!("CSP lacks {name}: {csp}"))
    };
    assert_eq!(directive("default-src"), ["'self'"]);
    assert_eq!(directive("script-src"), ["'self'"]);
    assert_eq!(directive("style-src"), ["'self'"]);
    assert_eq!(directive("object-src"), ["'none'"]);
    for bad in ["unsafe-eval", "unsafe-inline", "http:", "https:", "*"] {
        assert!(
            !csp.split_whitespace()
                .any(|w| w.trim_matches('\'') == bad.trim_matches('\'')),
            "CSP allows {bad}: {csp}"
        );
    }
    assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false));
    assert!(
        conf["app"]["security"]["assetProtocol"].is_null(),
        "no asset protocol"
    );
}

fn source(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_page_may_call_only_pathwises_own_commands() {
    let cap = read("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let granted: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("plain permission ids, no scopes")
                .to_owned()
        })
        .collect();
    let wanted: Vec<String> = pathwise::command_names::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, wanted,
        "the capability grants exactly the app's commands"
    );
    assert!(
        !granted.iter().any(|p| p.contains(':')),
        "no plugin or core permission for the page: {granted:?}"
    );

    // The allowlist and the dispatched commands are the same list, in the same order.
    let dispatch = source("src/dispatch.rs");
    let dispatched: Vec<&str> = dispatch
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"'))
        .filter_map(|l| l.split_once("\" =>").map(|(name, _)| name))
        .collect();
    assert_eq!(dispatched, pathwise::command_names::COMMANDS);
    assert!(
        source("build.rs").contains("app_manifest"),
        "the allowlist is built"
    );

    let manifest = source("Cargo.toml");
    for forbidden in ["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http"] {
        assert!(
            !manifest.contains(forbidden),
            "{forbidden} must not be a dependency"
        );
    }
}

/// Notes and evidence links are the user's; they must never reach stderr or a log file.
/// Only the startup timing line prints, and it carries a number.
#[test]
fn nothing_personal_is_printed() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut prints = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            // A macro or crate path at a word start (`catalog::` is not `log::`).
            let starts_word = |m: &str| {
                code.match_indices(m).any(|(i, _)| {
                    !code[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            };
            if [
                "println!",
                "eprintln!",
                "print!",
                "eprint!",
                "dbg!",
                "log::",
                "tracing::",
            ]
            .iter()
            .any(|m| starts_word(m))
            {
                prints.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert_eq!(prints.len(), 1, "{prints:#?}");
    assert!(
        prints[0].contains("first screen after {ms} ms"),
        "{prints:#?}"
    );
    let manifest = source("Cargo.toml");
    assert!(!manifest.contains("tauri-plugin-log"), "no log plugin");
}
