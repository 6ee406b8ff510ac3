//! The plan as an iCalendar file (RFC 5545, through the `icalendar` crate, which escapes
//! and folds): one all-day VEVENT per plan item from its start to its due date. The UID
//! is built from the item's stable id, so exporting again after a re-plan updates the
//! same calendar entries instead of adding new ones.

use chrono::{DateTime, Days, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use pathwise_core::plan::Plan;
use pathwise_core::Catalog;

pub fn uid(role: &str, item_id: &str) -> String {
    format!("{role}.{item_id}@pathwise.app").replace(|c: char| c.is_whitespace(), "-")
}

/// Control characters have no place in a calendar line; the rest the crate escapes.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// `stamp` is the moment of the export, in UTC (DTSTAMP must be).
pub fn write(plan: &Plan, catalog: &Catalog, lang: &str, stamp: DateTime<Utc>) -> String {
    let role = catalog
        .role(&plan.role)
        .map(|r| r.name.get(lang).to_owned())
        .unwrap_or_else(|| plan.role.clone());
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Pathwise//Learning plan//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(&clean(&format!("Pathwise: {role}")));
    for item in &plan.items {
        let skill = catalog.skill(&item.skill);
        let name = skill
            .map(|s| s.name.get(lang).to_owned())
            .unwrap_or_else(|| item.skill.to_string());
        let mut description = format!("{name}: level {} ({:.1} h)", item.level, item.hours);
        if let Some(s) = skill {
            for r in &s.resources {
                description.push_str(&format!("\n{} <{}>", r.title, r.url));
            }
        }
        let end = item.due.checked_add_days(Days::new(1)).unwrap_or(item.due);
        let mut event = Event::new();
        event
            .uid(&uid(&plan.role, &item.id()))
            .timestamp(stamp)
            .starts(item.start)
            .ends(end)
            .summary(&clean(&format!("{name} → {}", item.level)))
            .description(&clean(&description))
            .add_property("TRANSP", "TRANSPARENT");
        if item.done {
            event.status(EventStatus::Confirmed);
        }
        calendar.push(event.done());
    }
    refold(&calendar.done().to_string())
}

/// Folds content lines at 75 octets, the leading space of a continuation included (RFC
/// 5545 §3.1). The crate's own folding leaves the last piece of a long line one octet
/// over (it counts 75 after the space), which strict readers reject; so its output is
/// unfolded and folded again here, never inside a UTF-8 character.
fn refold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for line in text.replace("\r\n ", "").split("\r\n") {
        if line.is_empty() {
            continue;
        }
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
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_line_is_at_most_75_octets_and_unfolds_back() {
        let long = format!("DESCRIPTION:{}", "数据".repeat(60));
        let folded = super::refold(&format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n"));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert!(folded.contains(&"\r\n ".to_string()));
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
    }
}
