//! Pathwise's desktop shell: the Tauri builder, the commands (one line each over the
//! services of `pathwise-app`), the native dialogs and the list of typed bindings.

pub mod bindings;
pub mod command_names;
pub mod commands;
pub mod dialogs;
mod dispatch;
mod login_item;
mod notify;
mod opening_page;
pub mod reminders;
pub mod render_mode;
pub mod single_instance;
mod status_item;
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

/// Where a data folder given by `PATHWISE_DATA_DIR` keeps the window's size and place.
pub const WINDOW_STATE_FILE: &str = "window-state.json";

/// The argument the login item starts Pathwise with.
pub const TRAY_ARG: &str = "--tray";

const BACKUP_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// When the process started, for the first-screen measurement.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    render_mode::choose();
    // One window per data folder: a second launch shows the first and goes. When the
    // socket cannot be had at all, the data folder's lock still keeps a second writer out.
    let folder = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty());
    let name = single_instance::name(
        single_instance::uid(),
        folder.as_ref().map(|d| d.as_encoded_bytes()),
    );
    let listener = match single_instance::claim(&name) {
        Ok(single_instance::Claim::Shown) => return,
        Ok(single_instance::Claim::First(listener)) => Some(listener),
        // Nothing is printed (see tests/security.rs): the lock decides alone.
        Err(_) => None,
    };
    let mut context = tauri::generate_context!();
    let opening = opening_page::install(&mut context);
    // Size and place are remembered, visibility is not: a window hidden in the tray when
    // the user chose Quit must open normally next time, and a start at login (`--tray`)
    // must stay hidden.
    let mut window_state = tauri_plugin_window_state::Builder::default().with_state_flags(
        tauri_plugin_window_state::StateFlags::all()
            - tauri_plugin_window_state::StateFlags::VISIBLE,
    );
    // Another data folder keeps its own window size and place, so tests and benches each
    // start from the default and folders do not share one. The plugin joins the name onto
    // its config folder, which an absolute path replaces.
    let own_file = folder
        .as_ref()
        .and_then(|d| std::path::absolute(d).ok())
        .and_then(|d| d.join(WINDOW_STATE_FILE).to_str().map(str::to_owned));
    if let Some(file) = own_file {
        window_state = window_state.with_filename(file);
    }
    tauri::Builder::default()
        .plugin(window_state.build())
        .manage(tray::Tray::default())
        .on_window_event(tray::on_window_event)
        .setup(move |app| {
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                // The window may be hidden in the tray.
                single_instance::serve(listener, move || tray::open(&handle));
            }
            let dir = data_dir(app)?;
            // The database opens while the window and its page load.
            app.manage(pathwise_app::AppState::open_in_background(
                &dir,
                chrono::Local::now().naive_local(),
            ));
            opening_page::prepare(app.handle(), opening);
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
        // Every command runs on a worker of the blocking pool, never on the main thread
        // that draws the window, through one dispatch for all (`dispatch.rs`).
        .invoke_handler(|invoke| {
            if !command_names::COMMANDS.contains(&invoke.message.command()) {
                return false;
            }
            tauri::async_runtime::spawn_blocking(move || dispatch::run(invoke));
            true
        })
        .build(context)
        .expect("Pathwise could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<pathwise_app::AppState>() {
                    let _ = state.backup_if_changed("quit", chrono::Local::now().naive_local());
                }
            }
        });
}
