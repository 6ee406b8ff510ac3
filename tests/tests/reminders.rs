//! The daily reminder end to end: the app runs inside a private D-Bus session where this
//! test owns the notification service and the tray's watcher. A reminder set in Settings
//! for the next minute brings exactly one notification naming today's step; closing the
//! window leaves the app running in the tray; a click on the notification opens Today;
//! the tray's menu, read as a panel reads it, names today's step; Quit in it ends the
//! process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{Local, Timelike};
use pathwise_app::services::plan::PlanRequest;
use pathwise_app::AppState;
use pathwise_core::value::{Lang, RoleId};
use pathwise_e2e::{app_pids, App};
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// One `Notify` call as the server received it.
#[derive(Debug, Clone)]
struct Shown {
    id: u32,
    summary: String,
    body: String,
    actions: Vec<String>,
}

#[derive(Clone, Default)]
struct Notifications {
    shown: Arc<Mutex<Vec<Shown>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Notifications {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        let id = shown.len() as u32 + 1;
        shown.push(Shown {
            id,
            summary,
            body,
            actions,
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into(), "actions".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("e2e".into(), "pathwise".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}
}

/// The StatusNotifierWatcher a desktop's panel runs: the tray registers its item here.
#[derive(Clone, Default)]
struct Watcher {
    /// (bus name of the sender, what it registered: an object path or a bus name)
    items: Arc<Mutex<Vec<(String, String)>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        self.items.lock().unwrap().push((sender, service));
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap()
            .iter()
            .map(|(_, s)| s.clone())
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// A data folder with a plan that has a step today, in English.
fn prepare(dir: &std::path::Path) -> String {
    let today = Local::now().date_naive();
    let state = AppState::open(dir, Local::now().naive_local());
    let request: PlanRequest = serde_json::from_value(serde_json::json!({
        "start": today.to_string(), "weekly_hours": [2, 2, 2, 2, 2, 2, 2]
    }))
    .unwrap();
    let role = RoleId::try_from("data_analyst".to_owned()).unwrap();
    state
        .make_plan(&role, &request, today, Local::now().naive_local())
        .unwrap();
    let mut s = state.settings().unwrap();
    s.language = Some(Lang::En);
    s.onboarded = true;
    state.save_settings(s).unwrap();
    let step = state.todays_step(today).unwrap().expect("a step today");
    format!("{} → {}", step.skill.en, step.level.en)
}

/// X11, as a window manager would talk to the app's window.
mod x11 {
    use std::ffi::CStr;
    use std::ptr;

    use x11_dl::xlib;

    pub struct Display {
        x: xlib::Xlib,
        d: *mut xlib::Display,
    }

    impl Display {
        pub fn open() -> Display {
            let x = xlib::Xlib::open().expect("libX11");
            let d = unsafe { (x.XOpenDisplay)(ptr::null()) };
            assert!(!d.is_null(), "no X display (the test runs under xvfb-run)");
            Display { x, d }
        }

        /// Top-level windows titled `title` (mapped or not).
        pub fn windows(&self, title: &str) -> Vec<xlib::Window> {
            let mut found = Vec::new();
            unsafe {
                let root = (self.x.XDefaultRootWindow)(self.d);
                let (mut r, mut p, mut kids, mut n) = (0, 0, ptr::null_mut(), 0u32);
                (self.x.XQueryTree)(self.d, root, &mut r, &mut p, &mut kids, &mut n);
                for i in 0..n as usize {
                    let w = *kids.add(i);
                    let mut name = ptr::null_mut();
                    if (self.x.XFetchName)(self.d, w, &mut name) != 0 && !name.is_null() {
                        if CStr::from_ptr(name).to_string_lossy() == title {
                            found.push(w);
                        }
                        (self.x.XFree)(name.cast());
                    }
                }
                if !kids.is_null() {
                    (self.x.XFree)(kids.cast());
                }
            }
            found
        }

        pub fn viewable(&self, w: xlib::Window) -> bool {
            unsafe {
                let mut attrs: xlib::XWindowAttributes = std::mem::zeroed();
                (self.x.XGetWindowAttributes)(self.d, w, &mut attrs) != 0
                    && attrs.map_state == xlib::IsViewable
            }
        }

        /// What a window manager sends when the user clicks the close button.
        pub fn ask_to_close(&self, w: xlib::Window) {
            unsafe {
                let protocols = (self.x.XInternAtom)(self.d, c"WM_PROTOCOLS".as_ptr(), 0);
                let delete = (self.x.XInternAtom)(self.d, c"WM_DELETE_WINDOW".as_ptr(), 0);
                let mut ev: xlib::XClientMessageEvent = std::mem::zeroed();
                ev.type_ = xlib::ClientMessage;
                ev.window = w;
                ev.message_type = protocols;
                ev.format = 32;
                ev.data.set_long(0, delete as i64);
                ev.data.set_long(1, xlib::CurrentTime as i64);
                let mut event = xlib::XEvent::from(ev);
                (self.x.XSendEvent)(self.d, w, 0, xlib::NoEventMask, &mut event);
                (self.x.XFlush)(self.d);
            }
        }
    }

    impl Drop for Display {
        fn drop(&mut self) {
            unsafe {
                (self.x.XCloseDisplay)(self.d);
            }
        }
    }
}

async fn until<T>(what: &str, limit: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The tray's item (its bus name and object path) as `RegisterStatusNotifierItem` gave
/// it: an object path on the sender's connection, or a bus name with the usual path.
fn item_address(item: &(String, String)) -> (String, String) {
    let (sender, service) = item;
    if service.starts_with('/') {
        (sender.clone(), service.clone())
    } else {
        (service.clone(), "/StatusNotifierItem".to_owned())
    }
}

/// The item's menu (com.canonical.dbusmenu), at the path its `Menu` property names.
async fn menu_of(bus: &zbus::Connection, item: &(String, String)) -> zbus::Proxy<'static> {
    let (dest, path) = item_address(item);
    let sni = zbus::Proxy::new(bus, dest.clone(), path, "org.kde.StatusNotifierItem")
        .await
        .unwrap();
    let menu: OwnedObjectPath = sni.get_property("Menu").await.unwrap();
    zbus::Proxy::new(bus, dest, menu, "com.canonical.dbusmenu")
        .await
        .unwrap()
}

/// The tray's menu as a panel reads it: `GetLayout` of the whole tree, each entry's id
/// and label (a separator has none), mnemonic underscores removed.
async fn tray_menu(bus: &zbus::Connection, item: &(String, String)) -> Vec<(i32, String)> {
    let menu = menu_of(bus, item).await;
    type Layout = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);
    let (_revision, (root, _, children)): (u32, Layout) = menu
        .call("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
        .await
        .unwrap();
    assert_eq!(root, 0, "the layout starts at the root");
    children
        .into_iter()
        .map(|child| {
            let (id, props, _): Layout = child.try_into().expect("an entry is (ia{sv}av)");
            let label = props
                .get("label")
                .and_then(|l| String::try_from(l.try_clone().unwrap()).ok())
                .unwrap_or_default()
                .replace('_', "");
            (id, label)
        })
        .collect()
}

/// The tray icon's pixels as a panel reads them: (width, height, bytes) of each size.
async fn tray_icon(bus: &zbus::Connection, item: &(String, String)) -> Vec<(i32, i32, usize)> {
    let (dest, path) = item_address(item);
    let sni = zbus::Proxy::new(bus, dest, path, "org.kde.StatusNotifierItem")
        .await
        .unwrap();
    let pixmaps: Vec<(i32, i32, Vec<u8>)> = sni.get_property("IconPixmap").await.unwrap();
    pixmaps
        .into_iter()
        .map(|(w, h, argb)| (w, h, argb.len()))
        .collect()
}

/// Clicks `label` in the tray menu the app exported over D-Bus (com.canonical.dbusmenu),
/// as a panel does.
async fn click_tray_item(bus: &zbus::Connection, item: &(String, String), label: &str) {
    let entries = tray_menu(bus, item).await;
    let Some((id, _)) = entries.iter().find(|(_, l)| l == label) else {
        panic!("no `{label}` in the tray menu: {entries:?}");
    };
    let menu = menu_of(bus, item).await;
    menu.call_method("Event", &(*id, "clicked", Value::from(0i32), 0u32))
        .await
        .unwrap();
}

/// With reminders off (the default), closing the window quits, as before reminders.
async fn closing_without_reminders_quits(x: &x11::Display) {
    let data = tempfile::tempdir().unwrap();
    prepare(data.path());
    let app = App::start(data.path()).await;
    app.wait_for("[data-testid=today-hours]").await;
    assert_eq!(app_pids(data.path()).len(), 1);
    let window = until("the app window", Duration::from_secs(10), || {
        x.windows("Pathwise").into_iter().find(|w| x.viewable(*w))
    })
    .await;
    x.ask_to_close(window);
    until("the app to exit on close", Duration::from_secs(15), || {
        app_pids(data.path()).is_empty().then_some(())
    })
    .await;
    app.stop().await;
}

// One test, so the two apps never share the display at once (windows are found by title).
#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_arrives_once_and_the_tray_keeps_the_app_until_quit() {
    let x = x11::Display::open();
    closing_without_reminders_quits(&x).await;

    let data = tempfile::tempdir().unwrap();
    let step = prepare(data.path());
    let (app, address) = App::start_in_dbus_session(data.path()).await;

    let notifications = Notifications::default();
    let watcher = Watcher::default();
    let bus = zbus::connection::Builder::address(address.as_str())
        .unwrap()
        .name("org.freedesktop.Notifications")
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .serve_at("/org/freedesktop/Notifications", notifications.clone())
        .unwrap()
        .serve_at("/StatusNotifierWatcher", watcher.clone())
        .unwrap()
        .build()
        .await
        .expect("the test's listener owns the names on the private bus");

    // The app opens on Today (a plan exists); the reminder is set in Settings.
    app.wait_for("[data-testid=today-hours]").await;
    app.click("[data-nav=settings]").await;
    app.wait_for("[data-testid=reminder-form]").await;
    // The time has minutes only: aim at the next minute, with a few seconds to spare.
    if Local::now().second() > 52 {
        tokio::time::sleep(Duration::from_secs(9)).await;
    }
    let at = Local::now() + chrono::Duration::minutes(1);
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    app.click("[data-testid=reminder-on]").await;
    app.set("[data-testid=reminder-time]", &time).await;
    app.click("[data-testid=reminder-save]").await;
    app.wait_text("[role=status]", |t| t.contains("Saved"))
        .await;
    app.shot("reminder-settings").await;
    assert!(
        notifications.shown.lock().unwrap().is_empty(),
        "nothing before {time}"
    );

    // The tray is up with the reminder on.
    let item = until("the tray to register", Duration::from_secs(20), || {
        watcher.items.lock().unwrap().first().cloned()
    })
    .await;

    let shown = until("the reminder notification", Duration::from_secs(90), || {
        notifications.shown.lock().unwrap().first().cloned()
    })
    .await;
    let fired = Local::now();
    let due = at.with_second(0).unwrap().with_nanosecond(0).unwrap();
    assert!(fired >= due, "shown at {fired}, before {due}");
    assert_eq!(shown.summary, "Time for today's step");
    assert!(
        shown.body.starts_with(&step) && shown.body.ends_with("h planned today"),
        "{shown:?} should name {step}"
    );
    assert!(
        shown.actions.contains(&"default".to_owned()),
        "a click on the notification is reported: {shown:?}"
    );
    // Exactly one: not repeated while the minute lasts, nor after.
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(notifications.shown.lock().unwrap().len(), 1);

    // Closing the window keeps the app in the tray.
    let pids = app_pids(data.path());
    assert_eq!(pids.len(), 1, "one app process: {pids:?}");
    let window = until("the app window", Duration::from_secs(10), || {
        x.windows("Pathwise").into_iter().find(|w| x.viewable(*w))
    })
    .await;
    x.ask_to_close(window);
    until("the window to hide", Duration::from_secs(10), || {
        (!x.viewable(window)).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(app_pids(data.path()), pids, "the app lives on in the tray");

    // A click on the notification opens the window on Today.
    bus.emit_signal(
        None::<&str>,
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        "ActionInvoked",
        &(shown.id, "default"),
    )
    .await
    .unwrap();
    until("the window to show again", Duration::from_secs(10), || {
        x.viewable(window).then_some(())
    })
    .await;
    app.wait_for("[data-testid=today-hours]").await;
    app.shot("reminder-opened-today").await;

    // The menu and the icon, as a panel reads them.
    let labels: Vec<String> = tray_menu(&bus, &item)
        .await
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert_eq!(
        labels,
        ["Open Pathwise", &format!("Today: {step}"), "", "Quit"],
        "the tray menu"
    );
    let icons = tray_icon(&bus, &item).await;
    assert!(
        icons
            .iter()
            .any(|&(w, h, n)| w > 0 && h > 0 && n == (w * h * 4) as usize),
        "an ARGB icon: {icons:?}"
    );

    // Quit in the tray menu ends the process.
    click_tray_item(&bus, &item, "Quit").await;
    until("the app to exit", Duration::from_secs(15), || {
        app_pids(data.path()).is_empty().then_some(())
    })
    .await;
    app.stop().await;
}
