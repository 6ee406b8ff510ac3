//! The tray icon that keeps Pathwise reachable while reminders are on and the window is
//! closed: "Open", today's step, "Quit". With reminders off there is no tray icon and
//! closing the window quits, as before reminders existed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use pathwise_app::services::reminder::StepNote;
use pathwise_core::value::Lang;
use tauri::{AppHandle, Manager, WindowEvent};

use crate::status_item::{Entry, Icon, StatusItem};
use crate::words;

/// The menu's entries, in order; the separator is entry 2.
const OPEN: usize = 0;
const STEP: usize = 1;
const QUIT: usize = 3;

/// Whether a panel shows the tray icon (and so whether closing the window hides it), and
/// the icon while it is up.
#[derive(Default)]
pub struct Tray {
    up: Arc<AtomicBool>,
    shown: Mutex<Option<Shown>>,
}

struct Shown {
    entries: Vec<Entry>,
    item: StatusItem,
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

/// Puts the tray up or takes it down, and updates today's step in its menu. From any
/// thread: the icon lives on the GTK thread.
pub fn show(app: &AppHandle, on: bool, step: Option<&StepNote>, lang: Lang) {
    let entries = vec![
        Some(words::tray_open(lang).to_owned()),
        Some(words::tray_step(step, lang)),
        None,
        Some(words::tray_quit(lang).to_owned()),
    ];
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || put(&handle, on, entries));
}

fn put(app: &AppHandle, on: bool, entries: Vec<Entry>) {
    let Some(tray) = app.try_state::<Tray>() else {
        return;
    };
    let mut shown = tray.shown.lock().unwrap_or_else(|e| e.into_inner());
    if !on {
        *shown = None;
        tray.up.store(false, Ordering::SeqCst);
        return;
    }
    if let Some(s) = shown.as_mut() {
        if s.entries != entries {
            s.item.set_entries(entries.clone());
            s.entries = entries;
        }
        return;
    }
    let icon = app.default_window_icon().map(|i| Icon {
        width: i.width(),
        height: i.height(),
        rgba: i.rgba(),
    });
    let handle = app.clone();
    let up = tray.up.clone();
    let made = StatusItem::new(
        "Pathwise",
        icon,
        entries.clone(),
        move |entry| match entry {
            OPEN => open(&handle),
            STEP => open_today(&handle),
            QUIT => handle.exit(0),
            _ => {}
        },
        // Without a panel to show the icon, closing must still quit, or the app would
        // live on with no way back.
        move |shown_by_panel| up.store(shown_by_panel, Ordering::SeqCst),
    );
    match made {
        Ok(item) => *shown = Some(Shown { entries, item }),
        Err(_) => tray.up.store(false, Ordering::SeqCst),
    }
}
