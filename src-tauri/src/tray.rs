//! The tray icon that keeps Pathwise reachable while reminders are on and the window is
//! closed: "Open", today's step, "Quit". With reminders off there is no tray icon and
//! closing the window quits, as before reminders existed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use pathwise_app::services::reminder::StepNote;
use pathwise_core::value::Lang;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, WindowEvent, Wry};

use crate::words;

const TRAY: &str = "pathwise";

/// Whether the tray is up (and so whether closing the window hides it), and the menu
/// entries whose words change.
#[derive(Default)]
pub struct Tray {
    up: AtomicBool,
    shown: Mutex<Option<Shown>>,
}

struct Shown {
    lang: Lang,
    step_text: String,
    step: MenuItem<Wry>,
}

/// Closing the window while the tray is up hides it instead, so reminders keep firing.
pub fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let up = window
            .try_state::<Tray>()
            .is_some_and(|t| t.up.load(Ordering::SeqCst));
        if up {
            api.prevent_close();
            let _ = window.hide();
        }
    }
}

/// Shows the window again (it may be hidden, minimised or behind others).
pub fn open(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Opens the window on Today (a click on a reminder).
pub fn open_today(app: &AppHandle) {
    open(app);
    if let Some(window) = app.get_webview_window("main") {
        // The page listens for this; an event from Rust needs no page permission.
        let _ = window.eval("window.dispatchEvent(new CustomEvent('pathwise:open-today'))");
    }
}

/// Puts the tray up or takes it down, and updates today's step in its menu.
pub fn show(app: &AppHandle, on: bool, step: Option<&StepNote>, lang: Lang) {
    let Some(tray) = app.try_state::<Tray>() else {
        return;
    };
    let step_text = words::tray_step(step, lang);
    let mut shown = tray.shown.lock().unwrap_or_else(|e| e.into_inner());
    if !on {
        if shown.take().is_some() {
            let _ = app.remove_tray_by_id(TRAY);
        }
        tray.up.store(false, Ordering::SeqCst);
        return;
    }
    match shown.as_mut() {
        Some(s) if s.lang == lang => {
            if s.step_text != step_text {
                let _ = s.step.set_text(&step_text);
                s.step_text = step_text;
            }
        }
        _ => {
            if shown.take().is_some() {
                let _ = app.remove_tray_by_id(TRAY);
            }
            match build(app, &step_text, lang) {
                Ok(step) => {
                    *shown = Some(Shown {
                        lang,
                        step_text,
                        step,
                    })
                }
                // Without a tray (no status area), closing must still quit, or the app
                // would live on with no way back.
                Err(_) => {
                    tray.up.store(false, Ordering::SeqCst);
                    return;
                }
            }
        }
    }
    tray.up.store(true, Ordering::SeqCst);
}

fn build(app: &AppHandle, step_text: &str, lang: Lang) -> tauri::Result<MenuItem<Wry>> {
    let open_item = MenuItem::with_id(app, "open", words::tray_open(lang), true, None::<&str>)?;
    let step = MenuItem::with_id(app, "step", step_text, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", words::tray_quit(lang), true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &open_item,
            &step,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id(TRAY)
        .menu(&menu)
        .tooltip("Pathwise")
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => open(app),
            "step" => open_today(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(step)
}
