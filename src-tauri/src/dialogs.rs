//! Native file dialogs. Every file Pathwise writes or reads outside its data folder is one
//! the user picked here; the page never passes a path.

use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

use tauri::{AppHandle, Manager};

use pathwise_app::formats::MAX_IMPORT_BYTES;
use pathwise_app::{Error, ErrorKind, Result};
use pathwise_core::problem::{Code, Problem};

/// End-to-end tests cannot click in a GTK dialog, so debug builds answer every dialog from
/// this folder when it is set: a save goes to `<dir>/<suggested name>`, an open reads
/// `<dir>/import.<ext>`. Release builds always ask.
pub const TEST_DIR_ENV: &str = "PATHWISE_E2E_DIALOG_DIR";

fn test_dir() -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os(TEST_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// Where a dialog starts: Documents (or home), not whatever folder the app was launched
/// from.
fn start_folder(app: &AppHandle) -> Option<PathBuf> {
    app.path()
        .document_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| app.path().home_dir().ok())
}

/// Asks through GTK's native file chooser (the desktop portal's where there is one), on
/// the main thread where GTK lives, and waits for the answer. GTK is already in the
/// process; the dialog plugin it replaces brought a file-system plugin and a dialog crate
/// along, which the binary's size budget could not afford (see ARCHITECTURE.md). Callers
/// run on command threads, never on the main thread, so the wait cannot block GTK.
fn ask(app: &AppHandle, save: Option<&str>, filter: (&str, &str)) -> Option<PathBuf> {
    use gtk::prelude::*;
    let waiting = Arc::new(Handoff::default());
    let reply = Reply(Arc::clone(&waiting));
    let window = app.get_webview_window("main");
    let start = start_folder(app);
    let suggested = save.map(str::to_owned);
    let (label, ext) = (filter.0.to_owned(), filter.1.to_owned());
    app.run_on_main_thread(move || {
        let parent = window.and_then(|w| w.gtk_window().ok());
        let action = if suggested.is_some() {
            gtk::FileChooserAction::Save
        } else {
            gtk::FileChooserAction::Open
        };
        let dialog = gtk::FileChooserNative::new(None, parent.as_ref(), action, None, None);
        dialog.set_modal(true);
        if let Some(dir) = start {
            dialog.set_current_folder(dir);
        }
        if let Some(name) = &suggested {
            dialog.set_current_name(name);
            dialog.set_do_overwrite_confirmation(true);
        }
        let only = gtk::FileFilter::new();
        only.set_name(Some(&label));
        only.add_pattern(&format!("*.{ext}"));
        dialog.add_filter(only);
        let answer = (dialog.run() == gtk::ResponseType::Accept)
            .then(|| dialog.filename())
            .flatten();
        dialog.destroy();
        reply.send(answer);
    })
    .ok()?;
    waiting.wait()
}

/// The chooser's answer, handed from the main thread to the command waiting for it. A
/// lock and a condition variable rather than a channel: std's channels cost the binary
/// about 40 kB for the few places that wait on another thread.
#[derive(Default)]
struct Handoff {
    answer: Mutex<Option<Option<PathBuf>>>,
    ready: Condvar,
}

impl Handoff {
    fn wait(&self) -> Option<PathBuf> {
        let answer = self.answer.lock().unwrap_or_else(|p| p.into_inner());
        let mut answer = self
            .ready
            .wait_while(answer, |a| a.is_none())
            .unwrap_or_else(|p| p.into_inner());
        answer.take().flatten()
    }
}

/// The main thread's end. Dropped without an answer (the event loop went away with the
/// closure unrun), it answers "cancelled", so the command never waits forever.
struct Reply(Arc<Handoff>);

impl Reply {
    fn send(self, answer: Option<PathBuf>) {
        *self.0.answer.lock().unwrap_or_else(|p| p.into_inner()) = Some(answer);
        // Drop notifies.
    }
}

impl Drop for Reply {
    fn drop(&mut self) {
        self.0
            .answer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert(None);
        self.0.ready.notify_one();
    }
}

/// Asks where to save; None when the user cancelled.
pub fn save_path(app: &AppHandle, suggested: &str, filter: (&str, &str)) -> Option<PathBuf> {
    if let Some(dir) = test_dir() {
        return Some(dir.join(suggested));
    }
    ask(app, Some(suggested), filter)
}

/// Asks which file to open; None when the user cancelled.
pub fn open_path(app: &AppHandle, filter: (&str, &str)) -> Option<PathBuf> {
    if let Some(dir) = test_dir() {
        return Some(dir.join(format!("import.{}", filter.1)));
    }
    ask(app, None, filter)
}

/// A failed read or write, naming the file when the kind alone does not say enough.
fn file_error(path: &std::path::Path, e: std::io::Error) -> Error {
    let error = Error::from(e);
    match error.kind {
        ErrorKind::Io | ErrorKind::NotFound => Error::new(
            error.kind,
            Problem::new(Code::Io).arg(
                "detail",
                format!(
                    "{}: {}",
                    path.display(),
                    error.problems[0].args.get("detail").map_or("", |d| d)
                ),
            ),
        ),
        _ => error,
    }
}

/// Writes next to the target and renames, so a full disk or a crash never leaves half a
/// file where the user expects a whole one.
pub fn write_file(path: &std::path::Path, text: &str) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".pathwise-part");
    let tmp = PathBuf::from(tmp);
    let result = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(file_error(path, e));
    }
    Ok(())
}

/// Reads at most one byte more than the import cap, so a huge file is refused without
/// being loaded.
pub fn read_capped(path: &std::path::Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| file_error(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(path, e))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_reads_at_most_one_byte_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ics");
        write_file(&path, "BEGIN:VCALENDAR\r\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "BEGIN:VCALENDAR\r\n"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        let err = write_file(&dir.path().join("missing/x.md"), "x").unwrap_err();
        assert!(err.to_string().contains("missing/x.md"), "{err}");

        let big = dir.path().join("big.json");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_IMPORT_BYTES as u64 * 3).unwrap();
        assert_eq!(read_capped(&big).unwrap().len(), MAX_IMPORT_BYTES + 1);
        assert!(read_capped(&dir.path().join("nope")).is_err());
    }
}
