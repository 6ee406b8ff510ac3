//! Pathwise's desktop shell: the Tauri builder, the commands (one line each over the
//! services of `pathwise-app`), the native dialogs and the list of typed bindings.

pub mod bindings;
pub mod command_names;
pub mod commands;
pub mod dialogs;
pub mod reminders;
pub mod tray;
pub mod words;

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

/// The argument the login item starts Pathwise with.
pub const TRAY_ARG: &str = "--tray";

/// A stable 64-bit hash (FNV-1a) of a path, for the single-instance name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

const BACKUP_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// When the process started, for the first-screen measurement.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    // One window per data folder: a second launch focuses the first. The D-Bus name
    // includes the folder when PATHWISE_DATA_DIR picks one, so separate profiles (and
    // parallel tests) do not collide.
    let mut single = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        // The window may be hidden in the tray.
        tray::open(app);
    });
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        single = single.dbus_id(format!(
            "app.pathwise.desktop.d{:016x}",
            fnv1a(dir.as_encoded_bytes())
        ));
    }
    tauri::Builder::default()
        .plugin(single.build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        // Size and place are remembered, visibility is not: a window hidden in the tray
        // when the user chose Quit must open normally next time, and a start at login
        // (`--tray`) must stay hidden.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::all()
                        - tauri_plugin_window_state::StateFlags::VISIBLE,
                )
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        // Started at login with `--tray`: the window stays hidden until opened.
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args([TRAY_ARG])
                .build(),
        )
        .manage(tray::Tray::default())
        .on_window_event(tray::on_window_event)
        .setup(|app| {
            let dir = data_dir(app)?;
            // The database opens while the window and its page load.
            app.manage(pathwise_app::AppState::open_in_background(
                &dir,
                chrono::Local::now().naive_local(),
            ));
            let start_hidden = std::env::args().any(|a| a == TRAY_ARG);
            reminders::start(app.handle(), start_hidden);
            let handle = app.handle().clone();
            // Hourly while something changed, so a crash or a lost disk costs at most an
            // hour of entries beyond the daily copy.
            std::thread::spawn(move || loop {
                std::thread::sleep(BACKUP_EVERY);
                let state = handle.state::<pathwise_app::AppState>();
                let _ = state.backup_if_changed("hourly", chrono::Local::now().naive_local());
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_roles,
            commands::app_info,
            commands::check_store,
            commands::list_backups,
            commands::restore_backup,
            commands::recover,
            commands::today_date,
            commands::catalog,
            commands::get_settings,
            commands::save_settings,
            commands::profile,
            commands::rate_skills,
            commands::fit,
            commands::gap,
            commands::make_plan,
            commands::active_plan,
            commands::replan_today,
            commands::today_view,
            commands::log_event,
            commands::edit_event,
            commands::delete_event,
            commands::undo,
            commands::timeline,
            commands::log_page,
            commands::older_events,
            commands::open_resource,
            commands::export_file,
            commands::pick_import,
            commands::apply_import,
            commands::cancel_import,
            commands::save_own_skill,
            commands::save_own_role,
            commands::delete_own_skill,
            commands::delete_own_role,
            commands::first_screen
        ])
        .build(tauri::generate_context!())
        .expect("Pathwise could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<pathwise_app::AppState>() {
                    let _ = state.backup_if_changed("quit", chrono::Local::now().naive_local());
                }
            }
        });
}
