//! Pathwise's desktop shell: everything that touches the world (window, SQLite, files).

pub mod bindings;
pub mod commands;
pub mod db;
pub mod error;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;

/// Tests and power users point the app at another data folder with this variable.
pub const DATA_DIR_ENV: &str = "PATHWISE_DATA_DIR";

fn data_dir(app: &tauri::App) -> std::result::Result<PathBuf, Box<dyn std::error::Error>> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => Ok(app.path().app_data_dir()?),
    }
}

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = data_dir(app)?;
            app.manage(state::AppState::open(&dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_roles,
            commands::app_info
        ])
        .run(tauri::generate_context!())
        .expect("Pathwise could not start its window");
}
