//! Writers and readers for the files a user takes elsewhere: the event log as CSV
//! (RFC 4180), the plan as iCalendar (RFC 5545), the report as Markdown and the full
//! backup as JSON. Pure text in, text out; `portability` and the commands pick the files.

pub mod backup;
pub mod csv;
pub mod ics;
pub mod markdown;

/// Files larger than this are refused before they are parsed.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Checks size and encoding of an imported file, so every importer reports them alike.
pub fn text_of(bytes: &[u8]) -> Result<&str, String> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "the file is {:.1} MB; Pathwise imports files up to 20 MB",
            bytes.len() as f64 / 1_048_576.0
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (first bad byte at position {})",
            e.valid_up_to()
        )
    })
}
