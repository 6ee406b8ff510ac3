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

#[test]
fn the_page_gets_no_plugin_permissions() {
    let cap = read("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert_eq!(
        cap["permissions"],
        serde_json::json!([]),
        "the page needs no permission: plugins act from Rust"
    );
    let manifest = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"),
    )
    .unwrap();
    for forbidden in ["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http"] {
        assert!(
            !manifest.contains(forbidden),
            "{forbidden} must not be a dependency"
        );
    }
}
