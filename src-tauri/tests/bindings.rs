//! The committed TypeScript bindings must equal what the Rust types generate.
//! `PATHWISE_WRITE_BINDINGS=1` (what `make bindings` sets) rewrites them instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ts") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"]
        .iter()
        .collect();
    let fresh = tempfile::tempdir().unwrap();
    pathwise::bindings::export_all(fresh.path()).unwrap();
    let generated = read_tree(fresh.path());
    assert!(
        generated.contains_key("RoleSummary.ts"),
        "{:?}",
        generated.keys()
    );

    if std::env::var_os("PATHWISE_WRITE_BINDINGS").is_some() {
        for old in read_tree(&committed).keys() {
            std::fs::remove_file(committed.join(old)).unwrap();
        }
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let existing = read_tree(&committed);
    let stale: Vec<_> = existing
        .keys()
        .filter(|k| !generated.contains_key(*k))
        .collect();
    let drifted: Vec<_> = generated
        .iter()
        .filter(|(k, v)| existing.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        stale.is_empty() && drifted.is_empty(),
        "ui/src/bindings is out of date (run `make bindings`): changed or missing {drifted:?}, stale {stale:?}"
    );
}
