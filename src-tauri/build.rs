include!("src/command_names.rs");

fn main() {
    // Only the listed commands get permissions; nothing else the page invokes is allowed.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step failed");
}
