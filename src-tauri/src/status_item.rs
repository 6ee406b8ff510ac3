//! An icon with a menu in the desktop's status area, spoken over GIO's D-Bus: the item is
//! a StatusNotifierItem, its menu a `com.canonical.dbusmenu`, both registered with the
//! panel's StatusNotifierWatcher. This is what libappindicator does for Tauri's tray
//! feature; speaking it here, through the GIO that GTK and WebKit already load, saves the
//! binary 0.15 MB net (the tray crate, a PNG encoder to hand the icon over as a file, and
//! Tauri's tray and menu plumbing; see ARCHITECTURE.md, "Release build").
//!
//! Everything here runs on the GTK main thread: GIO calls an object back in the main
//! context of the thread that registered it.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use gio::glib::{self, ToVariant, Variant, VariantDict, VariantTy};
use gio::{DBusConnection, DBusMethodInvocation, DBusNodeInfo};

const ITEM_PATH: &str = "/StatusNotifierItem";
const MENU_PATH: &str = "/MenuBar";
const WATCHER: &str = "org.kde.StatusNotifierWatcher";
const ITEM: &str = "org.kde.StatusNotifierItem";
const MENU: &str = "com.canonical.dbusmenu";

const XML: &str = r#"<node>
 <interface name="org.kde.StatusNotifierItem">
  <property name="Category" type="s" access="read"/>
  <property name="Id" type="s" access="read"/>
  <property name="Title" type="s" access="read"/>
  <property name="Status" type="s" access="read"/>
  <property name="WindowId" type="i" access="read"/>
  <property name="IconName" type="s" access="read"/>
  <property name="IconPixmap" type="a(iiay)" access="read"/>
  <property name="OverlayIconName" type="s" access="read"/>
  <property name="AttentionIconName" type="s" access="read"/>
  <property name="ToolTip" type="(sa(iiay)ss)" access="read"/>
  <property name="ItemIsMenu" type="b" access="read"/>
  <property name="Menu" type="o" access="read"/>
  <method name="ContextMenu"><arg name="x" type="i"/><arg name="y" type="i"/></method>
  <method name="Activate"><arg name="x" type="i"/><arg name="y" type="i"/></method>
  <method name="SecondaryActivate"><arg name="x" type="i"/><arg name="y" type="i"/></method>
  <method name="Scroll"><arg name="delta" type="i"/><arg name="orientation" type="s"/></method>
  <signal name="NewTitle"/>
  <signal name="NewIcon"/>
  <signal name="NewToolTip"/>
  <signal name="NewStatus"><arg name="status" type="s"/></signal>
 </interface>
 <interface name="com.canonical.dbusmenu">
  <property name="Version" type="u" access="read"/>
  <property name="TextDirection" type="s" access="read"/>
  <property name="Status" type="s" access="read"/>
  <property name="IconThemePath" type="as" access="read"/>
  <method name="GetLayout">
   <arg name="parentId" type="i"/><arg name="recursionDepth" type="i"/>
   <arg name="propertyNames" type="as"/>
   <arg name="revision" type="u" direction="out"/>
   <arg name="layout" type="(ia{sv}av)" direction="out"/>
  </method>
  <method name="GetGroupProperties">
   <arg name="ids" type="ai"/><arg name="propertyNames" type="as"/>
   <arg name="properties" type="a(ia{sv})" direction="out"/>
  </method>
  <method name="GetProperty">
   <arg name="id" type="i"/><arg name="name" type="s"/>
   <arg name="value" type="v" direction="out"/>
  </method>
  <method name="Event">
   <arg name="id" type="i"/><arg name="eventId" type="s"/><arg name="data" type="v"/>
   <arg name="timestamp" type="u"/>
  </method>
  <method name="EventGroup">
   <arg name="events" type="a(isvu)"/><arg name="idErrors" type="ai" direction="out"/>
  </method>
  <method name="AboutToShow">
   <arg name="id" type="i"/><arg name="needUpdate" type="b" direction="out"/>
  </method>
  <method name="AboutToShowGroup">
   <arg name="ids" type="ai"/>
   <arg name="updatesNeeded" type="ai" direction="out"/>
   <arg name="idErrors" type="ai" direction="out"/>
  </method>
  <signal name="ItemsPropertiesUpdated">
   <arg name="updatedProps" type="a(ia{sv})"/><arg name="removedProps" type="a(ias)"/>
  </signal>
  <signal name="LayoutUpdated"><arg name="revision" type="u"/><arg name="parent" type="i"/></signal>
  <signal name="ItemActivationRequested"><arg name="id" type="i"/><arg name="timestamp" type="u"/></signal>
 </interface>
</node>"#;

/// One line of the menu: a label, or a separator (None).
pub type Entry = Option<String>;

/// An icon as the desktop gets it: its size and its pixels, 8-bit RGBA rows.
pub struct Icon<'a> {
    pub width: u32,
    pub height: u32,
    pub rgba: &'a [u8],
}

type OnClick = Box<dyn Fn(usize) + Send + Sync>;
type OnHost = Box<dyn Fn(bool) + Send + Sync>;

struct Shared {
    /// Cleared when the item is dropped: a watcher's answer still on its way must not
    /// report a panel showing an item that is gone.
    live: AtomicBool,
    title: String,
    /// `a(iiay)`: ARGB32 in network byte order, as the specification asks.
    pixmap: Variant,
    menu: Mutex<Menu>,
    on_click: OnClick,
    on_host: OnHost,
}

struct Menu {
    revision: u32,
    entries: Vec<Entry>,
}

/// The item while it is up; dropping it takes it off the desktop.
pub struct StatusItem {
    bus: DBusConnection,
    shared: Arc<Shared>,
    objects: Vec<gio::RegistrationId>,
    /// The item's own bus name: the watcher sees the item leave when it is released.
    name: Option<gio::OwnerId>,
    /// Stops watching for the panel's watcher. (gio's re-exports leave the watch's id type
    /// without a name to write here.)
    unwatch: Option<Box<dyn FnOnce() + Send + Sync>>,
}

/// Items made by this process so far, for a bus name no earlier item had.
static MADE: AtomicU32 = AtomicU32::new(0);

impl StatusItem {
    /// Puts the item up on the session bus. `on_click(i)` runs when menu entry `i` is
    /// chosen (or, for `i == 0`, when the icon itself is activated); `on_host(true)` when
    /// a panel shows the item, `on_host(false)` when none does (none runs, or it left).
    /// On the GTK main thread only.
    pub fn new(
        title: &str,
        icon: Option<Icon>,
        entries: Vec<Entry>,
        on_click: impl Fn(usize) + Send + Sync + 'static,
        on_host: impl Fn(bool) + Send + Sync + 'static,
    ) -> Result<Self, glib::Error> {
        let bus = gio::bus_get_sync(gio::BusType::Session, gio::Cancellable::NONE)?;
        let shared = Arc::new(Shared {
            live: AtomicBool::new(true),
            title: title.to_owned(),
            pixmap: pixmap(icon),
            menu: Mutex::new(Menu {
                revision: 1,
                entries,
            }),
            on_click: Box::new(on_click),
            on_host: Box::new(on_host),
        });
        let node = DBusNodeInfo::for_xml(XML)?;
        let mut item = StatusItem {
            bus: bus.clone(),
            shared: shared.clone(),
            objects: Vec::new(),
            name: None,
            unwatch: None,
        };
        for (path, name) in [(ITEM_PATH, ITEM), (MENU_PATH, MENU)] {
            let Some(interface) = node.lookup_interface(name) else {
                continue;
            };
            let (on_call, on_get) = (shared.clone(), shared.clone());
            item.objects.push(bus.register_object(
                path,
                &interface,
                move |_, _, _, _, method, args, reply| on_call.call(method, &args, reply),
                move |_, _, _, interface, property| on_get.property(interface, property),
                |_, _, _, _, _, _| false,
            )?);
        }
        let name = format!(
            "{ITEM}-{}-{}",
            std::process::id(),
            MADE.fetch_add(1, Ordering::Relaxed) + 1
        );
        item.name = Some(gio::bus_own_name_on_connection(
            &bus,
            &name,
            gio::BusNameOwnerFlags::NONE,
            |_, _| {},
            |_, _| {},
        ));
        // Register with the panel's watcher now if it runs, and again whenever one starts.
        // The name was asked for first on this connection, so the bus has given it to us
        // by the time the watcher looks it up.
        let (appeared, vanished) = (shared.clone(), shared);
        let watch = gio::bus_watch_name_on_connection(
            &bus,
            WATCHER,
            gio::BusNameWatcherFlags::NONE,
            move |bus, _, _| {
                let shared = appeared.clone();
                bus.call(
                    Some(WATCHER),
                    "/StatusNotifierWatcher",
                    WATCHER,
                    "RegisterStatusNotifierItem",
                    Some(&(name.as_str(),).to_variant()),
                    None,
                    gio::DBusCallFlags::NONE,
                    5_000,
                    gio::Cancellable::NONE,
                    move |answer| shared.host(answer.is_ok()),
                );
            },
            move |_, _| vanished.host(false),
        );
        item.unwatch = Some(Box::new(move || gio::bus_unwatch_name(watch)));
        Ok(item)
    }

    /// Replaces the menu's entries; a panel showing the menu reads it again.
    pub fn set_entries(&self, entries: Vec<Entry>) {
        let revision = {
            let mut menu = self.shared.menu.lock().unwrap_or_else(|e| e.into_inner());
            menu.entries = entries;
            menu.revision += 1;
            menu.revision
        };
        let _ = self.bus.emit_signal(
            None,
            MENU_PATH,
            MENU,
            "LayoutUpdated",
            Some(&(revision, 0i32).to_variant()),
        );
    }
}

impl Drop for StatusItem {
    fn drop(&mut self) {
        self.shared.live.store(false, Ordering::SeqCst);
        if let Some(unwatch) = self.unwatch.take() {
            unwatch();
        }
        // Hidden at once, for a panel that keeps an item until its name is gone.
        let _ = self.bus.emit_signal(
            None,
            ITEM_PATH,
            ITEM,
            "NewStatus",
            Some(&("Passive",).to_variant()),
        );
        if let Some(name) = self.name.take() {
            gio::bus_unown_name(name);
        }
        for id in self.objects.drain(..) {
            let _ = self.bus.unregister_object(id);
        }
    }
}

fn pixmap(icon: Option<Icon>) -> Variant {
    let icons = icon
        .filter(|i| i.rgba.len() == i.width as usize * i.height as usize * 4)
        .map(|i| {
            let argb: Vec<u8> = i
                .rgba
                .chunks_exact(4)
                .flat_map(|p| [p[3], p[0], p[1], p[2]])
                .collect();
            Variant::tuple_from_iter([
                (i.width as i32).to_variant(),
                (i.height as i32).to_variant(),
                Variant::array_from_fixed_array(&argb),
            ])
        });
    Variant::array_from_iter_with_type(VariantTy::new("(iiay)").expect("a type"), icons)
}

impl Shared {
    fn host(&self, shown: bool) {
        if self.live.load(Ordering::SeqCst) {
            (self.on_host)(shown);
        }
    }

    fn property(&self, interface: &str, name: &str) -> Variant {
        match name {
            "Status" if interface == MENU => "normal".to_variant(),
            "Status" => "Active".to_variant(),
            "Category" => "ApplicationStatus".to_variant(),
            "Id" => "pathwise".to_variant(),
            "Title" => self.title.to_variant(),
            "WindowId" => 0i32.to_variant(),
            "IconPixmap" => self.pixmap.clone(),
            "ToolTip" => Variant::tuple_from_iter([
                "".to_variant(),
                pixmap(None),
                self.title.to_variant(),
                "".to_variant(),
            ]),
            "ItemIsMenu" => true.to_variant(),
            "Menu" => glib::variant::ObjectPath::try_from(MENU_PATH)
                .expect("a valid path")
                .to_variant(),
            "Version" => 3u32.to_variant(),
            "TextDirection" => "ltr".to_variant(),
            "IconThemePath" => Vec::<String>::new().to_variant(),
            // IconName, OverlayIconName, AttentionIconName: the pixmap is the icon.
            _ => "".to_variant(),
        }
    }

    fn call(&self, method: &str, args: &Variant, reply: DBusMethodInvocation) {
        let menu = self.menu.lock().unwrap_or_else(|e| e.into_inner());
        let answer = match method {
            "Activate" => {
                drop(menu);
                (self.on_click)(0);
                Some(().to_variant())
            }
            "ContextMenu" | "SecondaryActivate" | "Scroll" => Some(().to_variant()),
            "GetLayout" => {
                let (parent, depth, names) =
                    args.get::<(i32, i32, Vec<String>)>().unwrap_or_default();
                menu.layout(parent, depth, &names)
                    .map(|l| Variant::tuple_from_iter([menu.revision.to_variant(), l]))
            }
            "GetGroupProperties" => {
                let (ids, names) = args.get::<(Vec<i32>, Vec<String>)>().unwrap_or_default();
                let found = ids.iter().filter_map(|&id| {
                    let props = menu.properties(id, &names)?;
                    Some(Variant::tuple_from_iter([id.to_variant(), props.end()]))
                });
                let found = Variant::array_from_iter_with_type(
                    VariantTy::new("(ia{sv})").expect("a type"),
                    found,
                );
                Some(Variant::tuple_from_iter([found]))
            }
            "GetProperty" => {
                let (id, name) = args.get::<(i32, String)>().unwrap_or_default();
                menu.properties(id, std::slice::from_ref(&name))
                    .and_then(|p| p.lookup_value(&name, None))
                    .map(|v| Variant::tuple_from_iter([Variant::from_variant(&v)]))
            }
            "Event" => {
                let id = args.child_value(0).get::<i32>().unwrap_or(-1);
                let event = args.child_value(1);
                let known = menu.clicked(id, event.str().unwrap_or_default());
                drop(menu);
                known.map(|index| {
                    if let Some(index) = index {
                        (self.on_click)(index);
                    }
                    ().to_variant()
                })
            }
            "EventGroup" => {
                let mut clicked = Vec::new();
                let mut unknown = Vec::new();
                for event in args.child_value(0).iter() {
                    let id = event.child_value(0).get::<i32>().unwrap_or(-1);
                    match menu.clicked(id, event.child_value(1).str().unwrap_or_default()) {
                        Some(Some(index)) => clicked.push(index),
                        Some(None) => {}
                        None => unknown.push(id),
                    }
                }
                drop(menu);
                for index in clicked {
                    (self.on_click)(index);
                }
                Some((unknown,).to_variant())
            }
            "AboutToShow" => Some((false,).to_variant()),
            "AboutToShowGroup" => Some((Vec::<i32>::new(), Vec::<i32>::new()).to_variant()),
            _ => None,
        };
        match answer {
            Some(answer) => reply.return_value(Some(&answer)),
            None => reply.return_dbus_error(
                "org.freedesktop.DBus.Error.InvalidArgs",
                "no such menu entry",
            ),
        }
    }
}

impl Menu {
    /// Entry `i` of the menu is item `i + 1`; item 0 holds them all.
    fn entry(&self, id: i32) -> Option<&Entry> {
        usize::try_from(id - 1)
            .ok()
            .and_then(|i| self.entries.get(i))
    }

    /// `a{sv}` of item `id`, only the `names` asked for (all when none is).
    fn properties(&self, id: i32, names: &[String]) -> Option<VariantDict> {
        let props = VariantDict::new(None);
        let put = |key: &str, value: Variant| {
            if names.is_empty() || names.iter().any(|n| n == key) {
                props.insert_value(key, &value);
            }
        };
        if id == 0 {
            put("children-display", "submenu".to_variant());
        } else {
            match self.entry(id)? {
                // An underscore marks a mnemonic in a dbusmenu label; a real one is doubled.
                Some(label) => put("label", label.replace('_', "__").to_variant()),
                None => put("type", "separator".to_variant()),
            }
            put("enabled", true.to_variant());
            put("visible", true.to_variant());
        }
        Some(props)
    }

    /// `(ia{sv}av)` of item `id`, with its children down to `depth` levels (-1: all).
    fn layout(&self, id: i32, depth: i32, names: &[String]) -> Option<Variant> {
        let props = self.properties(id, names)?;
        let children = (id == 0 && depth != 0).then(|| {
            (1..=self.entries.len() as i32)
                .filter_map(|child| self.layout(child, depth - 1, names))
                .map(|child| Variant::from_variant(&child))
                .collect::<Vec<_>>()
        });
        Some(Variant::tuple_from_iter([
            id.to_variant(),
            props.end(),
            Variant::array_from_iter_with_type(VariantTy::VARIANT, children.unwrap_or_default()),
        ]))
    }

    /// For an event on item `id`: None for no such item, Some(Some(entry)) for a click on
    /// an entry, Some(None) for anything else (hovers, openings).
    fn clicked(&self, id: i32, event: &str) -> Option<Option<usize>> {
        if id == 0 {
            return Some(None);
        }
        match self.entry(id)? {
            Some(_) if event == "clicked" => Some(Some(id as usize - 1)),
            _ => Some(None),
        }
    }
}
