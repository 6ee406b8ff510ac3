//! The plan as an iCalendar file (RFC 5545): one all-day VEVENT per plan item from its
//! start to its due date. The UID is built from the item's stable id, so exporting again
//! after a re-plan updates the same calendar entries instead of adding new ones.
//!
//! Written here rather than with the `icalendar` crate: a plan needs six properties, one
//! escaping rule and line folding, and the crate cost the binary 42 kB against its size
//! budget (issue 15, ARCHITECTURE.md "Release build"). The tests read the file back with
//! that crate, so what is written is still checked by an independent reader.

use std::fmt::Write;

use chrono::{DateTime, Days, Utc};
use pathwise_core::plan::Plan;
use pathwise_core::Catalog;

pub fn uid(role: &str, item_id: &str) -> String {
    format!("{role}.{item_id}@pathwise.app").replace(|c: char| c.is_whitespace(), "-")
}

/// A TEXT value (RFC 5545 §3.3.11): control characters dropped (they have no place in a
/// calendar line), a line break written as `\n`, and `\ ; ,` escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `stamp` is the moment of the export, in UTC (DTSTAMP must be).
pub fn write(plan: &Plan, catalog: &Catalog, lang: &str, stamp: DateTime<Utc>) -> String {
    let role = catalog
        .role(&plan.role)
        .map(|r| r.name.get(lang).to_owned())
        .unwrap_or_else(|| plan.role.clone());
    let calendar_name = text(&format!("Pathwise: {role}"));
    let stamp = format!("{}Z", pathwise_core::stamp::compact(stamp.naive_utc()));
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Pathwise//Learning plan//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("NAME:{calendar_name}"),
        format!("X-WR-CALNAME:{calendar_name}"),
    ];
    for item in &plan.items {
        let skill = catalog.skill(&item.skill);
        let name = skill
            .map(|s| s.name.get(lang).to_owned())
            .unwrap_or_else(|| item.skill.to_string());
        let mut description = format!("{name}: level {} ({:.1} h)", item.level, item.hours);
        if let Some(s) = skill {
            for r in &s.resources {
                let _ = write!(description, "\n{} <{}>", r.title, r.url);
            }
        }
        let end = item.due.checked_add_days(Days::new(1)).unwrap_or(item.due);
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("DESCRIPTION:{}", text(&description)));
        lines.push(format!(
            "DTEND;VALUE=DATE:{}",
            pathwise_core::stamp::compact_date(end)
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!(
            "DTSTART;VALUE=DATE:{}",
            pathwise_core::stamp::compact_date(item.start)
        ));
        if item.done {
            lines.push("STATUS:CONFIRMED".to_owned());
        }
        lines.push(format!(
            "SUMMARY:{}",
            text(&format!("{name} → {}", item.level))
        ));
        lines.push("TRANSP:TRANSPARENT".to_owned());
        lines.push(format!("UID:{}", text(&uid(&plan.role, &item.id()))));
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// Writes one content line folded at 75 octets, the leading space of a continuation
/// included (RFC 5545 §3.1), never inside a UTF-8 character, and ends it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        if width + ch.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += ch.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_line_is_at_most_75_octets_and_unfolds_back() {
        let long = format!("DESCRIPTION:{}", "数据".repeat(60));
        let mut folded = String::new();
        for line in ["BEGIN:VEVENT", long.as_str(), "END:VEVENT"] {
            super::fold(line, &mut folded);
        }
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert!(folded.contains(&"\r\n ".to_string()));
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
    }
}
