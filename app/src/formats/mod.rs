//! Writers and readers for the files a user takes elsewhere: the event log as CSV, the
//! plan as iCalendar, the report as Markdown and the full backup as JSON. Values in,
//! bytes out: nothing here opens a connection or a file.

pub mod backup;
pub mod csv;
pub mod ics;
pub mod markdown;

use pathwise_core::problem::{Code, Problem};

/// Files larger than this are refused before they are parsed.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Checks size and encoding of an imported file, so every importer reports them alike. A
/// UTF-8 byte-order mark (as spreadsheet programs write) is skipped.
pub fn text_of(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Problem::new(Code::FileTooLarge)
            .arg("size", format!("{:.1}", bytes.len() as f64 / 1_048_576.0))
            .arg("max", MAX_IMPORT_BYTES / 1_048_576));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Problem::new(Code::NotUtf8).arg("position", e.valid_up_to()))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A checked file waiting for the user's go-ahead.
#[derive(Debug, Clone)]
pub enum Staged {
    Backup(Box<backup::Backup>),
    Pack(pathwise_core::Pack),
    Events(
        Vec<(
            crate::store::events::NewEvent,
            pathwise_core::profile::EventKind,
        )>,
    ),
}
