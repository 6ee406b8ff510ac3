//! The plan as an iCalendar file (RFC 5545): one all-day VEVENT per plan item from its
//! start to its due date. The UID is built from the item's stable id, so exporting again
//! after a re-plan updates the same calendar entries instead of adding new ones.

use chrono::{Days, NaiveDateTime};
use pathwise_core::plan::Plan;
use pathwise_core::Catalog;

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

pub fn uid(role: &str, item_id: &str) -> String {
    format!("{role}.{item_id}@pathwise.app").replace(|c: char| c.is_whitespace(), "-")
}

pub fn write(plan: &Plan, catalog: &Catalog, lang: &str, now: NaiveDateTime) -> String {
    let mut out = String::new();
    let role = catalog
        .role(&plan.role)
        .map(|r| r.name.get(lang).to_owned())
        .unwrap_or_else(|| plan.role.clone());
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pathwise//Learning plan//EN",
        "CALSCALE:GREGORIAN",
    ] {
        fold(line, &mut out);
    }
    fold(
        &format!("X-WR-CALNAME:{}", escape(&format!("Pathwise: {role}"))),
        &mut out,
    );
    let stamp = now.format("%Y%m%dT%H%M%SZ");
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
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", uid(&plan.role, &item.id())), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(
            &format!("DTSTART;VALUE=DATE:{}", item.start.format("%Y%m%d")),
            &mut out,
        );
        fold(
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
            &mut out,
        );
        fold(
            &format!("SUMMARY:{}", escape(&format!("{name} → {}", item.level))),
            &mut out,
        );
        fold(&format!("DESCRIPTION:{}", escape(&description)), &mut out);
        if item.done {
            fold("STATUS:CONFIRMED", &mut out);
        }
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_folding() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&"数".repeat(40), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "数".repeat(40));
    }
}
