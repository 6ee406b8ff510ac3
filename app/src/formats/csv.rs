//! The event log as CSV (RFC 4180, through the `csv` crate): a header row, CRLF line ends,
//! fields quoted when they must be. Reading accepts any column order; `id`, `note` and
//! `evidence` may be absent. Each problem names the line it starts on, which stays right
//! after a note that spans several lines.

use pathwise_core::problem::{Code, Problem};
use pathwise_core::profile::{Event, EventKind};
use pathwise_core::value::{Day, Hours, HttpUrl, Level, Note, SkillId};

use crate::store::events::NewEvent;

pub const HEADER: [&str; 8] = [
    "id", "date", "skill", "level", "hours", "note", "evidence", "kind",
];

/// A cell a spreadsheet would run as a formula starts with one of these (OWASP, "CSV
/// Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text as a cell no spreadsheet runs: when it starts with a formula character, after
/// any apostrophes, it gets one more apostrophe in front, so `typed` can take exactly that
/// one away again.
pub fn neutral(text: &str) -> String {
    if text.trim_start_matches('\'').starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// What `neutral` wrote, as typed.
pub fn typed(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if cell.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

pub fn write(events: &[Event]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER).expect("writing to memory");
    for e in events {
        w.write_record([
            e.id.to_string().as_str(),
            &e.date.to_string(),
            &neutral(&e.skill),
            &e.level.to_string(),
            &e.hours.to_string(),
            &neutral(&e.note),
            &neutral(e.evidence.as_deref().unwrap_or("")),
            match e.kind {
                EventKind::Work => "work",
                EventKind::Baseline => "baseline",
            },
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

/// An event read from a file, with the line its row starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u64,
    pub event: NewEvent,
    /// `baseline` for a self-assessment rating; work when the column is absent.
    pub kind: EventKind,
}

fn at(line: u64, column: &str) -> String {
    format!("line {line}, {column}")
}

/// Reads events. Every problem is listed, each with its line and column.
pub fn read(text: &str) -> Result<Vec<Row>, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) if !h.iter().all(|f| f.trim().is_empty()) => h.clone(),
        Ok(_) => return Err(vec![Problem::new(Code::CsvEmpty)]),
        Err(e) => return Err(vec![syntax(&e)]),
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    // A column given twice would silently lose one of them.
    let mut seen = std::collections::HashSet::new();
    let twice: Vec<Problem> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty() && !seen.insert(h.clone()))
        .map(|h| {
            Problem::at("line 1", Code::CsvDuplicateColumn)
                .arg("column", pathwise_core::problem::shown(&h))
        })
        .collect();
    if !twice.is_empty() {
        return Err(twice);
    }
    let missing: Vec<Problem> = ["date", "skill", "level", "hours"]
        .iter()
        .filter(|c| col(c).is_none())
        .map(|c| Problem::at("line 1", Code::CsvMissingColumn).arg("column", c))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let column = |name| col(name).expect("checked above");
    let (date, skill, level, hours) = (
        column("date"),
        column("skill"),
        column("level"),
        column("hours"),
    );
    let (note, evidence, kind) = (col("note"), col("evidence"), col("kind"));
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(syntax(&e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        if record.len() != header.len() {
            problems.push(Problem::at(format!("line {line}"), Code::CsvSyntax).arg(
                "detail",
                format!("{} fields, the header has {}", record.len(), header.len()),
            ));
            continue;
        }
        let field = |i: usize| typed(&record[i]).to_owned();
        let number = |i: usize| -> Result<f64, Problem> {
            record[i].trim().parse::<f64>().map_err(|_| {
                Problem::new(Code::WrongType).arg(
                    "detail",
                    format!(
                        "`{}` is not a number",
                        pathwise_core::problem::shown(&record[i])
                    ),
                )
            })
        };
        let mut row_problems = Vec::new();
        let mut keep = Keep {
            line,
            problems: &mut row_problems,
        };
        let d = keep.value(Day::parse(&record[date]), "date");
        let s = keep.value(
            SkillId::try_from(typed(record[skill].trim()).to_owned()),
            "skill",
        );
        let l = match record[level].trim().parse::<u8>() {
            Ok(v) => keep.value(Level::try_from(v), "level"),
            Err(_) => keep.value(
                Err(Problem::new(Code::LevelOutOfRange)
                    .arg("min", 0)
                    .arg("max", pathwise_core::value::MAX_LEVEL)
                    .arg("value", pathwise_core::problem::shown(&record[level]))),
                "level",
            ),
        };
        let h = keep.value(number(hours).and_then(Hours::try_from), "hours");
        let n = keep.value(Note::try_from(note.map(field).unwrap_or_default()), "note");
        let ev = match evidence.map(field).filter(|e| !e.trim().is_empty()) {
            None => Some(None),
            Some(url) => keep.value(HttpUrl::try_from(url).map(Some), "evidence"),
        };
        match (d, s, l, h, n, ev) {
            (Some(date), Some(skill), Some(level), Some(hours), Some(note), Some(evidence))
                if row_problems.is_empty() =>
            {
                out.push(Row {
                    line,
                    kind: match kind.map(|k| record[k].trim().to_ascii_lowercase()) {
                        Some(k) if k == "baseline" => EventKind::Baseline,
                        _ => EventKind::Work,
                    },
                    event: NewEvent {
                        date,
                        skill,
                        level,
                        hours,
                        note,
                        evidence,
                    },
                })
            }
            _ => problems.extend(row_problems),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Collects a row's problems, each located at its line and column.
struct Keep<'a> {
    line: u64,
    problems: &'a mut Vec<Problem>,
}

impl Keep<'_> {
    fn value<T>(&mut self, r: Result<T, Problem>, column: &str) -> Option<T> {
        r.map_err(|p| self.problems.push(p.within(&at(self.line, column))))
            .ok()
    }
}

fn syntax(e: &csv::Error) -> Problem {
    let path = e
        .position()
        .map(|p| format!("line {}", p.line()))
        .unwrap_or_default();
    Problem::at(path, Code::CsvSyntax).arg("detail", e)
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
            kind: EventKind::Work,
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
        assert!(text.starts_with("id,date,skill,level,hours,note,evidence,kind\r\n"));
        assert!(text.contains("\"comma, and \"\"quotes\"\"\""));
        let back = read(&text).unwrap();
        assert_eq!(back.len(), 4);
        for (a, b) in events.iter().zip(&back) {
            assert_eq!(a, &b.event.with_id(a.id));
        }
    }

    fn check_bad(text: &str, path: &str, code: Code) {
        let problems = read(text).unwrap_err();
        assert!(
            problems.iter().any(|p| p.path == path && p.code == code),
            "{problems:?} lacks {path}: {code}"
        );
    }

    #[test]
    fn broken_files_name_the_line_and_column() {
        check_bad(
            "date,skill,level,hours\n2026-01-01,\"sql,2,1\n",
            "line 2",
            Code::CsvSyntax,
        );
        check_bad(
            "date,skill,level,hours\n2026-01-01,s\"ql,2,1\n",
            "line 2, skill",
            Code::IdInvalid,
        );
        check_bad(
            "date,skill,hours\n2026-01-01,sql,1\n",
            "line 1",
            Code::CsvMissingColumn,
        );
        check_bad(
            "date,skill,level,hours\n2026-02-30,sql,2,1\n",
            "line 2, date",
            Code::DateInvalid,
        );
        check_bad(
            "date,skill,level,hours\n2026-01-01,sql,7,1\n",
            "line 2, level",
            Code::LevelOutOfRange,
        );
        check_bad(
            "date,skill,level,hours\n2026-01-01,sql,2\n",
            "line 2",
            Code::CsvSyntax,
        );
        check_bad("", "", Code::CsvEmpty);
    }

    #[test]
    fn formula_like_text_is_exported_inert_and_read_back_as_typed() {
        let notes = [
            "=HYPERLINK(\"http://evil\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tTab",
            "'=already quoted",
            "''=twice",
            "'plain apostrophe",
            "plain",
        ];
        let events: Vec<Event> = notes
            .iter()
            .enumerate()
            .map(|(i, n)| ev(i as i64, n, None))
            .collect();
        let text = write(&events);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        for record in reader.records() {
            let note = record.unwrap()[5].to_owned();
            assert!(
                !note.starts_with(FORMULA_START),
                "{note:?} would run in a spreadsheet"
            );
        }
        let back = read(&text).unwrap();
        let got: Vec<&str> = back.iter().map(|r| r.event.note.get().as_str()).collect();
        assert_eq!(got, notes);
    }

    #[test]
    fn a_column_given_twice_is_refused() {
        check_bad(
            "date,skill,level,hours,note,Note\n2026-01-01,sql,1,1,a,b\n",
            "line 1",
            Code::CsvDuplicateColumn,
        );
    }

    #[test]
    fn lines_stay_right_after_a_note_over_several_lines() {
        let text = "date,skill,level,hours,note\n\
                    2026-01-01,sql,1,1,\"first\nsecond\nthird\"\n\
                    2026-01-02,sql,9,1,after\n";
        check_bad(text, "line 5, level", Code::LevelOutOfRange);
        let ok = read(&text.replace(",9,", ",2,")).unwrap();
        assert_eq!(ok.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 5]);
    }
}
