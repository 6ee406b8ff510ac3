//! The page's HTML carries what its first screen needs (`pathwise_app::services::opening`),
//! so that screen is drawn without a round trip through the commands: on a machine with no
//! GPU, those answers reached the page 10 to 16 ms after it asked, on the way to its first
//! frame (`make bench-start`).
//!
//! The opening is made on its own thread while WebKit starts and is written into
//! `index.html` when the window asks for it, once. When it is not ready by then (a slow
//! disk, a migration), could not be made (the store has a problem), or the page is loaded
//! again, the page is served as built and asks command by command, as it always can.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{Assets, Manager, Runtime};

/// The element the page reads it from (`ui/src/lib/opening.ts`).
const ELEMENT: &str = r#"<script type="application/json" id="opening">"#;
const PAGE: &str = "/index.html";

/// Where the opening waits for the page.
#[derive(Default)]
enum Stage {
    #[default]
    Making,
    Ready(String),
    /// The page was served: an opening made later would be out of date by the next load.
    Served,
}

#[derive(Clone, Default)]
pub struct Slot(Arc<Mutex<Stage>>);

impl Slot {
    fn stage(&self) -> std::sync::MutexGuard<'_, Stage> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps the opening's JSON for the page, unless the page has been served already.
    pub fn fill(&self, json: String) {
        let mut stage = self.stage();
        if matches!(*stage, Stage::Making) {
            *stage = Stage::Ready(json);
        }
    }

    /// The opening for the page being served now, if it was ready; never twice.
    fn take(&self) -> Option<String> {
        match std::mem::replace(&mut *self.stage(), Stage::Served) {
            Stage::Ready(json) => Some(json),
            Stage::Making | Stage::Served => None,
        }
    }
}

/// Puts the opening in front of the context's own assets; `prepare` fills the slot.
pub fn install<R: Runtime>(context: &mut tauri::Context<R>) -> Slot {
    let slot = Slot::default();
    let built = context.set_assets(Box::new(NoAssets));
    context.set_assets(Box::new(OpeningAssets {
        built,
        slot: slot.clone(),
    }));
    slot
}

/// Makes the opening once the store is open, on a thread of its own: the window does not
/// wait for it.
pub fn prepare<R: Runtime>(app: &tauri::AppHandle<R>, slot: Slot) {
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<pathwise_app::AppState>();
        let made = state.opening(crate::commands::today()).ok();
        if let Some(json) = made.and_then(|o| serde_json::to_string(&o).ok()) {
            slot.fill(json);
        }
    });
}

/// The page with the opening as a JSON data block at the end of its head. A data block is
/// never run, so the page's content security policy has nothing to allow. Every `<` is
/// written as its JSON escape, so no text in the data can end the element.
pub fn with_opening(html: &str, json: &str) -> Option<String> {
    let at = html.find("</head>")?;
    let json = json.replace('<', "\\u003c");
    let mut page = String::with_capacity(html.len() + json.len() + ELEMENT.len() + 9);
    page.push_str(&html[..at]);
    page.push_str(ELEMENT);
    page.push_str(&json);
    page.push_str("</script>");
    page.push_str(&html[at..]);
    Some(page)
}

struct OpeningAssets<R: Runtime> {
    built: Box<dyn Assets<R>>,
    slot: Slot,
}

impl<R: Runtime> Assets<R> for OpeningAssets<R> {
    fn setup(&self, app: &tauri::App<R>) {
        self.built.setup(app);
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let asset = self.built.get(key)?;
        if key.as_ref() != PAGE {
            return Some(asset);
        }
        let page = self.slot.take().and_then(|json| {
            let html = std::str::from_utf8(&asset).ok()?;
            with_opening(html, &json)
        });
        Some(page.map_or(asset, |p| Cow::Owned(p.into_bytes())))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.built.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.built.csp_hashes(html_path)
    }
}

/// Holds the place of the built assets for the moment they are moved into the wrapper.
struct NoAssets;

impl<R: Runtime> Assets<R> for NoAssets {
    fn get(&self, _: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<!doctype html><html><head><title>P</title></head><body></body></html>";

    #[test]
    fn the_opening_ends_the_head_and_no_text_in_it_can_close_the_element() {
        let json = r#"{"note":"</script><script>alert(1)</script>"}"#;
        let page = with_opening(HTML, json).unwrap();
        let start = page.find(ELEMENT).unwrap() + ELEMENT.len();
        let end = start + page[start..].find("</script>").unwrap();
        let data = &page[start..end];
        assert!(!data.contains('<'), "{data}");
        let read: serde_json::Value = serde_json::from_str(data).unwrap();
        assert_eq!(read["note"], "</script><script>alert(1)</script>");
        assert!(page[end..].starts_with("</script></head><body>"));
    }

    #[test]
    fn a_page_without_a_head_is_left_alone() {
        assert_eq!(with_opening("<p>no head</p>", "{}"), None);
    }

    #[test]
    fn the_opening_is_served_once_and_never_after_the_page_was() {
        let slot = Slot::default();
        assert_eq!(slot.take(), None, "not ready: the page asks by command");
        slot.fill("{}".into());
        assert_eq!(
            slot.take(),
            None,
            "made after the page was served: out of date"
        );

        let slot = Slot::default();
        slot.fill("{\"a\":1}".into());
        assert_eq!(slot.take().as_deref(), Some("{\"a\":1}"));
        assert_eq!(slot.take(), None, "a second load asks by command");
    }
}
