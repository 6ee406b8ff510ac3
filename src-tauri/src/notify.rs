//! Desktop notifications through the freedesktop notification service, spoken over GIO's
//! D-Bus client. GIO is already in the process (GTK and WebKit are built on it), so this
//! costs the binary nothing, where the notification plugin brought two versions of zbus
//! and an async runtime (most of the gap to the size budget; see ARCHITECTURE.md).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use gio::glib::{self, ToVariant, Variant, VariantTy};

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";
/// The action a click on the notification's body invokes, by the specification.
const CLICK: &str = "default";

type OnClick = Arc<dyn Fn() + Send + Sync>;

/// Shows notifications and reports clicks on the ones it showed.
pub struct Notifier {
    on_click: OnClick,
    ours: Arc<Mutex<HashSet<u32>>>,
    listening: Mutex<bool>,
}

impl Notifier {
    /// `on_click` runs on the main thread when the user clicks one of our notifications.
    pub fn new(on_click: impl Fn() + Send + Sync + 'static) -> Self {
        Self {
            on_click: Arc::new(on_click),
            ours: Arc::default(),
            listening: Mutex::new(false),
        }
    }

    /// Shows a notification. Errors when there is no session bus or no notification
    /// service.
    pub fn show(&self, title: &str, body: &str) -> Result<(), glib::Error> {
        let bus = gio::bus_get_sync(gio::BusType::Session, gio::Cancellable::NONE)?;
        self.listen(&bus);
        let hints: HashMap<String, Variant> =
            HashMap::from([("desktop-entry".to_owned(), "pathwise".to_variant())]);
        let args = (
            "Pathwise",
            0u32,
            "pathwise",
            title,
            body,
            vec![CLICK.to_owned(), title.to_owned()],
            hints,
            -1i32,
        )
            .to_variant();
        let reply = bus.call_sync(
            Some(SERVICE),
            PATH,
            SERVICE,
            "Notify",
            Some(&args),
            VariantTy::new("(u)").ok(),
            gio::DBusCallFlags::NONE,
            5_000,
            gio::Cancellable::NONE,
        )?;
        if let Some((id,)) = reply.get::<(u32,)>() {
            if let Ok(mut ours) = self.ours.lock() {
                ours.insert(id);
            }
        }
        Ok(())
    }

    /// Subscribes once to the service's `ActionInvoked`. GIO calls a subscription back in
    /// the main context of the thread that made it, so it is made from the main loop's
    /// context (the GTK thread), whichever thread shows the first notification.
    fn listen(&self, bus: &gio::DBusConnection) {
        let Ok(mut listening) = self.listening.lock() else {
            return;
        };
        if *listening {
            return;
        }
        *listening = true;
        let bus = bus.clone();
        let ours = self.ours.clone();
        let on_click = self.on_click.clone();
        glib::MainContext::default().invoke(move || {
            bus.signal_subscribe(
                None,
                Some(SERVICE),
                Some("ActionInvoked"),
                Some(PATH),
                None,
                gio::DBusSignalFlags::NONE,
                move |_, _, _, _, _, params| {
                    if let Some((id, action)) = params.get::<(u32, String)>() {
                        let mine = ours.lock().is_ok_and(|o| o.contains(&id));
                        if mine && action == CLICK {
                            on_click();
                        }
                    }
                },
            );
        });
    }
}
