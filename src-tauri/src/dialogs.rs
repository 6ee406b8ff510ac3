//! Native file dialogs. Every file Pathwise writes or reads outside its data folder is one
//! the user picked here; the page never passes a path.

use std::io::Read;
use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

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

fn builder(app: &AppHandle) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let mut b = app.dialog().file();
    // Start in Documents (or home), not in whatever folder the app was launched from.
    if let Some(dir) = app
        .path()
        .document_dir()
        .ok()
        .filter(|d| d.is_dir())
        .or_else(|| app.path().home_dir().ok())
    {
        b = b.set_directory(dir);
    }
    match app.get_webview_window("main") {
        Some(w) => b.set_parent(&w),
        None => b,
    }
}

/// Asks where to save; None when the user cancelled.
pub fn save_path(app: &AppHandle, suggested: &str, filter: (&str, &str)) -> Option<PathBuf> {
    if let Some(dir) = test_dir() {
        return Some(dir.join(suggested));
    }
    builder(app)
        .set_file_name(suggested)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks which file to open; None when the user cancelled.
pub fn open_path(app: &AppHandle, filter: (&str, &str)) -> Option<PathBuf> {
    if let Some(dir) = test_dir() {
        return Some(dir.join(format!("import.{}", filter.1)));
    }
    builder(app)
        .add_filter(filter.0, &[filter.1])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
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
