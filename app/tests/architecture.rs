//! The layering ARCHITECTURE.md promises, checked on the source: SQL only in the store,
//! formats that never touch a connection, no file importing a layer above it, and no
//! import circles between the files of any crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out.sort();
    out
}

/// Code without its `#[cfg(test)]` module (tests may set up data however they like).
fn production(text: &str) -> &str {
    text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text)
}

const SQL: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "UPDATE ",
    "DELETE FROM",
    "CREATE TABLE",
    "CREATE INDEX",
    "PRAGMA ",
    "VACUUM",
    "execute_batch",
    "prepare_cached(",
    ".prepare(",
    "query_row(",
];

#[test]
fn sql_lives_only_in_the_store() {
    let root = root();
    let mut found = Vec::new();
    for dir in ["core/src", "app/src", "src-tauri/src"] {
        for (path, text) in sources(&root.join(dir)) {
            if path.components().any(|c| c.as_os_str() == "store") {
                continue;
            }
            for (n, line) in production(&text).lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                if let Some(word) = SQL.iter().find(|w| line.contains(*w)) {
                    found.push(format!("{}:{}: `{}`", path.display(), n + 1, word.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside app/src/store:\n{}",
        found.join("\n")
    );
}

#[test]
fn formats_never_touch_a_connection_and_no_layer_imports_one_above() {
    let app = root().join("app/src");
    // Each layer and what it may not name.
    let rules: &[(&str, &[&str])] = &[
        (
            "store",
            &["crate::formats", "crate::services", "crate::state"],
        ),
        (
            "formats",
            &[
                "crate::services",
                "crate::state",
                "rusqlite",
                "Connection",
                "Transaction",
            ],
        ),
        ("state.rs", &["crate::services"]),
    ];
    let mut found = Vec::new();
    for (path, text) in sources(&app) {
        let rel = path
            .strip_prefix(&app)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for (layer, banned) in rules {
            if rel.starts_with(layer) {
                for word in *banned {
                    if production(&text).contains(word) {
                        found.push(format!("{rel} names {word}"));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The module a file is (`catalog`, `store::events`), from its path under `src`.
fn module_of(src: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|p| p != "mod" && p != "lib" && p != "main")
        .collect();
    parts.join("::")
}

/// `crate::a::b` mentions in `text`, as module paths that are files of the crate.
fn imports(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        while !segments.is_empty() {
            let candidate = segments.join("::");
            if modules.contains(&candidate) {
                out.insert(candidate);
                break;
            }
            segments.pop();
        }
        // `use crate::{a, b}` names several modules at once.
        if let Some(list) = rest.strip_prefix('{') {
            for name in list.split('}').next().unwrap_or("").split(',') {
                let name = name.trim().split("::").next().unwrap_or("").trim();
                if modules.contains(name) {
                    out.insert(name.to_owned());
                }
            }
        }
    }
    out
}

fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
                1 => {
                    let from = path.iter().position(|p| p == next).unwrap();
                    let mut c = path[from..].to_vec();
                    c.push(next.clone());
                    return Some(c);
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_crate_has_an_import_circle() {
    for dir in ["core/src", "app/src", "src-tauri/src"] {
        let src = root().join(dir);
        let files = sources(&src);
        let modules: BTreeSet<String> = files.iter().map(|(p, _)| module_of(&src, p)).collect();
        let mut graph = BTreeMap::new();
        for (path, text) in &files {
            let me = module_of(&src, path);
            let mut uses = imports(production(text), &modules);
            // A module may name its own children and itself.
            uses.retain(|m| m != &me && !(me.is_empty() || m.starts_with(&format!("{me}::"))));
            graph.insert(me, uses);
        }
        graph.remove("");
        assert_eq!(cycle(&graph), None, "an import circle in {dir}");
    }
}
