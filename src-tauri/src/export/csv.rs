//! The event log as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they
//! hold a comma, quote, CR or LF, quotes doubled inside.

use chrono::NaiveDate;
use pathwise_core::profile::Event;

use crate::db::events::NewEvent;

pub const HEADER: [&str; 7] = ["id", "date", "skill", "level", "hours", "note", "evidence"];

fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Formula-like text ("=", "+", "-", "@" first) is kept as typed: Pathwise writes data,
/// and a spreadsheet that evaluates it is the spreadsheet's choice to make.
pub fn write(events: &[Event]) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for e in events {
        let row = [
            e.id.to_string(),
            e.date.to_string(),
            field(&e.skill),
            e.level.to_string(),
            e.hours.to_string(),
            field(&e.note),
            field(e.evidence.as_deref().unwrap_or("")),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Splits CSV text into records of fields; reports broken quoting with its line.
pub fn records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut quoted = false;
    let mut was_quoted = false;
    let mut quote_line = 0usize;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    match chars.peek() {
                        None | Some(',') | Some('\r') | Some('\n') => {}
                        Some(other) => {
                            return Err(format!("line {line}: `{other}` after a closing quote"));
                        }
                    }
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
                quote_line = line;
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            ',' => {
                row.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                was_quoted = false;
                line += 1;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(format!("line {quote_line}: a quoted field is never closed"));
    }
    if !field.is_empty() || !row.is_empty() || was_quoted {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

/// Reads events from CSV with Pathwise's header (column order may differ; `id`, `note`
/// and `evidence` may be absent). Every problem is reported with its line.
pub fn read(text: &str) -> Result<Vec<NewEvent>, Vec<String>> {
    let rows = records(text).map_err(|e| vec![e])?;
    let Some((header, body)) = rows.split_first() else {
        return Err(vec!["the file is empty".into()]);
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let mut problems = Vec::new();
    let required = ["date", "skill", "level", "hours"];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "the header lacks the column(s) {}",
            missing.join(", ")
        )]);
    }
    let (date, skill, level, hours) = (
        col("date").unwrap(),
        col("skill").unwrap(),
        col("level").unwrap(),
        col("hours").unwrap(),
    );
    let (note, evidence) = (col("note"), col("evidence"));
    let mut out = Vec::new();
    for (i, row) in body.iter().enumerate() {
        let line = i + 2;
        if row.len() == 1 && row[0].is_empty() {
            continue;
        }
        if row.len() != header.len() {
            problems.push(format!(
                "line {line}: {} fields, the header has {}",
                row.len(),
                header.len()
            ));
            continue;
        }
        let d = match NaiveDate::parse_from_str(row[date].trim(), "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                problems.push(format!(
                    "line {line}: `{}` is not a date (YYYY-MM-DD)",
                    row[date]
                ));
                continue;
            }
        };
        let l = match row[level].trim().parse::<u8>() {
            Ok(l) if l <= 5 => l,
            _ => {
                problems.push(format!("line {line}: level `{}` is not 0 to 5", row[level]));
                continue;
            }
        };
        let h = match row[hours].trim().parse::<f64>() {
            Ok(h) if h.is_finite() && h >= 0.0 => h,
            _ => {
                problems.push(format!(
                    "line {line}: hours `{}` is not a number of 0 or more",
                    row[hours]
                ));
                continue;
            }
        };
        out.push(NewEvent {
            date: d,
            skill: row[skill].trim().to_owned(),
            level: l,
            hours: h,
            note: note.map(|n| row[n].clone()).unwrap_or_default(),
            evidence: evidence.map(|e| row[e].clone()).filter(|e| !e.is_empty()),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: i64, note: &str, evidence: Option<&str>) -> Event {
        Event {
            id,
            date: "2026-03-01".parse().unwrap(),
            skill: "sql".into(),
            level: 2,
            hours: 1.5,
            note: note.into(),
            evidence: evidence.map(str::to_owned),
        }
    }

    #[test]
    fn quoting_follows_rfc_4180_and_reads_back() {
        let events = vec![
            ev(1, "plain", None),
            ev(2, "comma, and \"quotes\"", Some("https://example.org/a,b")),
            ev(3, "two\r\nlines", None),
            ev(4, "=1+1 <script>alert(1)</script>", None),
        ];
        let text = write(&events);
        assert!(text.starts_with("id,date,skill,level,hours,note,evidence\r\n"));
        assert!(text.contains("\"comma, and \"\"quotes\"\"\""));
        let back = read(&text).unwrap();
        assert_eq!(back.len(), 4);
        for (a, b) in events.iter().zip(&back) {
            assert_eq!(
                (&a.note, &a.evidence, a.date, a.level, a.hours),
                (&b.note, &b.evidence, b.date, b.level, b.hours)
            );
        }
    }

    fn check_bad(text: &str, want: &str) {
        let err = read(text).unwrap_err().join("; ");
        assert!(err.contains(want), "`{err}` lacks `{want}`");
    }

    #[test]
    fn broken_files_name_the_line() {
        check_bad(
            "date,skill,level,hours\n2026-01-01,\"sql,2,1\n",
            "never closed",
        );
        check_bad(
            "date,skill,level,hours\n2026-01-01,s\"ql,2,1\n",
            "quote inside",
        );
        check_bad(
            "date,skill,hours\n2026-01-01,sql,1\n",
            "lacks the column(s) level",
        );
        check_bad(
            "date,skill,level,hours\n2026-02-30,sql,2,1\n",
            "line 2: `2026-02-30` is not a date",
        );
        check_bad("date,skill,level,hours\n2026-01-01,sql,7,1\n", "level `7`");
        check_bad(
            "date,skill,level,hours\n2026-01-01,sql,2\n",
            "line 2: 3 fields",
        );
        check_bad("", "empty");
    }
}
