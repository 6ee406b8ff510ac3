//! The reminder loop: a thread that asks the reminder service whether one is due, shows
//! the notification, keeps the tray and the login item in step with the settings, and
//! sleeps until the next reminder. It wakes at least once a minute and reads the wall
//! clock afresh, so a suspend, a clock change or a new time zone cannot make it late by
//! more than that; a settings change wakes it at once.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use pathwise_app::AppState;
use pathwise_core::reminder::Reminder;
use tauri::{AppHandle, Manager};

use crate::notify::Notifier;
use crate::{login_item, tray, words};

const LONGEST_SLEEP: Duration = Duration::from_secs(60);

/// The handle commands use to wake the loop after the settings changed. A flag and a
/// condition variable rather than a channel: std's channels cost the binary about 40 kB
/// for the few places that wait on another thread.
#[derive(Default)]
pub struct Reminders {
    woken: Mutex<bool>,
    bell: Condvar,
}

impl Reminders {
    pub fn wake(&self) {
        *self.woken.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.bell.notify_one();
    }

    /// Sleeps for `wait`, or less when woken.
    fn sleep(&self, wait: Duration) {
        let woken = self.woken.lock().unwrap_or_else(|p| p.into_inner());
        let (mut woken, _) = self
            .bell
            .wait_timeout_while(woken, wait, |woken| !*woken)
            .unwrap_or_else(|p| p.into_inner());
        *woken = false;
    }
}

/// Starts the loop; `start_hidden`: launched at login (`--tray`), so the window stays
/// hidden when reminders are on.
pub fn start(app: &AppHandle, start_hidden: bool) {
    app.manage(Reminders::default());
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
                app.state::<Reminders>().sleep(wait);
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
