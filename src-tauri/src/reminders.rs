//! The reminder loop: a thread that asks the reminder service whether one is due, shows
//! the notification, keeps the tray and the login item in step with the settings, and
//! sleeps until the next reminder. It wakes at least once a minute and reads the wall
//! clock afresh, so a suspend, a clock change or a new time zone cannot make it late by
//! more than that; a settings change wakes it at once.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use pathwise_app::AppState;
use pathwise_core::reminder::Reminder;
use tauri::{AppHandle, Manager};

use crate::notify::Notifier;
use crate::{login_item, tray, words};

const LONGEST_SLEEP: Duration = Duration::from_secs(60);

/// The handle commands use to wake the loop after the settings changed.
pub struct Reminders {
    wake: Mutex<Sender<()>>,
}

impl Reminders {
    pub fn wake(&self) {
        if let Ok(tx) = self.wake.lock() {
            let _ = tx.send(());
        }
    }
}

/// Starts the loop; `start_hidden`: launched at login (`--tray`), so the window stays
/// hidden when reminders are on.
pub fn start(app: &AppHandle, start_hidden: bool) {
    let (tx, rx) = mpsc::channel();
    app.manage(Reminders {
        wake: Mutex::new(tx),
    });
    let on = app
        .state::<AppState>()
        .settings()
        .is_ok_and(|s| s.reminder.on);
    if start_hidden && on {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.hide();
        }
    }
    let app = app.clone();
    std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || {
            let mut seen: Option<Reminder> = None;
            // A click on a reminder opens Today.
            let handle = app.clone();
            let notifier = Notifier::new(move || tray::open_today(&handle));
            loop {
                let wait = tick(&app, &notifier, &mut seen);
                match rx.recv_timeout(wait) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .expect("the reminder thread starts");
}

/// One look: returns how long to sleep.
fn tick(app: &AppHandle, notifier: &Notifier, seen: &mut Option<Reminder>) -> Duration {
    let state = app.state::<AppState>();
    let now = chrono::Local::now();
    let Ok(check) = state.check_reminder(&now) else {
        // The store is unavailable (the window says why); look again later.
        return LONGEST_SLEEP;
    };
    let lang = words::lang(check.language);
    if seen.as_ref() != Some(&check.reminder) {
        sync_login_item(&check.reminder);
        *seen = Some(check.reminder.clone());
    }
    let step = if check.reminder.on {
        state.todays_step(now.date_naive()).ok().flatten()
    } else {
        None
    };
    tray::show(app, check.reminder.on, step.as_ref(), lang);
    if let Some(note) = &check.notify {
        let _ = notifier.show(
            words::notification_title(lang),
            &words::notification_body(note, lang),
        );
    }
    check
        .next
        .and_then(|next| (next - now).to_std().ok())
        .map_or(LONGEST_SLEEP, |d| d.min(LONGEST_SLEEP))
}

/// "Start at login, in the tray" is an entry in the desktop's autostart folder, there
/// exactly while reminders are on and the user asked for it. Only touched when it
/// differs, so turning it off elsewhere is not fought every minute.
fn sync_login_item(r: &Reminder) {
    let want = r.on && r.at_login;
    let (Some(folder), Ok(exe)) = (login_item::folder(), std::env::current_exe()) else {
        return;
    };
    if login_item::is_on(&folder) != want {
        let _ = login_item::set(&folder, want, &exe, &[crate::TRAY_ARG]);
    }
}
