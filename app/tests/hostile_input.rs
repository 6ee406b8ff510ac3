//! Hostile input, many cases per run (the cargo-fuzz targets in `fuzz/` go deeper): every
//! parser a user can feed takes arbitrary bytes without a panic, and the writers keep any
//! text as text (CSV round-trips it, iCalendar folds and escapes it, Markdown escapes it).

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_app::formats::{backup, csv, ics, markdown};
use pathwise_core::plan::{plan, PlanInput};
use pathwise_core::profile::Event;
use proptest::prelude::*;

fn now() -> NaiveDateTime {
    "2026-11-27T09:00:00".parse().unwrap()
}

/// A valid backup and a valid pack, as texts to mutate.
fn seeds() -> &'static (String, String) {
    static S: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let state = pathwise_app::AppState::open(dir.path(), now());
        for (i, skill) in ["sql", "python", "docker"].iter().enumerate() {
            state
                .log_event(
                    &pathwise_app::store::events::NewEvent::parse(
                        NaiveDate::from_ymd_opt(2026, 3, 1 + i as u32).unwrap(),
                        skill,
                        2,
                        3.5,
                        "a, \"quoted\" note",
                        Some("https://example.org/x"),
                    )
                    .unwrap(),
                    now(),
                )
                .unwrap();
        }
        let backup = state
            .export_file(
                pathwise_app::services::export::ExportKind::Backup,
                pathwise_core::value::Lang::En,
                now(),
            )
            .unwrap()
            .text;
        let mut pack = pathwise_core::builtin().to_pack();
        pack.skills.truncate(12);
        pack.roles.clear();
        (backup, serde_json::to_string(&pack).unwrap())
    })
}

/// A text with bytes replaced, removed or the tail cut: near-valid input finds more paths
/// than noise.
fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = at % bytes.len();
        match op % 4 {
            0 => bytes[i] = byte,
            1 => {
                bytes.remove(i);
            }
            2 => bytes.insert(i, byte),
            _ => bytes.truncate(i),
        }
    }
    bytes
}

/// Characters that matter to the formats: quotes, separators, line breaks, markup, CJK.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\",;\\\\\n\r|<>&\\[\\]*`\u{0}\u{7}\u{1b}é数😀 a-z]{0,120}",
        ".{0,60}",
    ]
}

fn unescaped(s: &str, c: char) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for x in s.chars() {
        if !escaped && x == c {
            n += 1;
        }
        escaped = !escaped && x == '\\';
    }
    n
}

/// RFC 5545 unfolding and TEXT unescaping, to read back what `ics::write` wrote.
fn ics_values(text: &str, name: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter_map(|l| l.strip_prefix(&format!("{name}:")))
        .map(|v| {
            let mut out = String::new();
            let mut it = v.chars();
            while let Some(c) = it.next() {
                if c == '\\' {
                    match it.next() {
                        Some('n') | Some('N') => out.push('\n'),
                        Some(o) => out.push(o),
                        None => {}
                    }
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

fn events_with(notes: &[(String, String)]) -> Vec<Event> {
    notes
        .iter()
        .enumerate()
        .map(|(i, (note, evidence))| Event {
            id: i as i64 + 1,
            date: NaiveDate::from_ymd_opt(2026, 1, 1 + (i % 28) as u32).unwrap(),
            skill: "sql".into(),
            level: (i % 6) as u8,
            hours: i as f64 * 0.25,
            note: note.clone(),
            evidence: Some(evidence.clone()).filter(|e| !e.is_empty()),
            kind: Default::default(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_a_backup(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = backup::parse(&bytes);
    }

    #[test]
    fn mutated_backups(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let _ = backup::parse(&mutate(&seeds().0, &edits));
    }

    #[test]
    fn mutated_packs(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let bytes = mutate(&seeds().1, &edits);
        if let Ok(text) = pathwise_app::formats::text_of(&bytes) {
            if let Ok(pack) = pathwise_core::catalog::parse_pack(text) {
                let _ = pathwise_core::catalog::validate(&pack);
                let _ = pathwise_core::builtin().extended(&pack);
            }
        }
    }

    #[test]
    fn any_text_as_csv(text in "[a-z0-9,\"\\r\\n\\-. ]{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = csv::read(&format!("date,skill,level,hours,note\n{text}"));
        if let Ok(t) = std::str::from_utf8(&bytes) {
            let _ = csv::read(t);
        }
    }

    #[test]
    fn csv_keeps_any_note(notes in proptest::collection::vec((nasty_text(), Just(String::new())), 1..8)) {
        let events = events_with(&notes);
        let back = csv::read(&csv::write(&events)).unwrap();
        for (e, b) in events.iter().zip(&back) {
            // A CSV field holds any text; a lone CR inside quotes is kept too.
            prop_assert_eq!(b.event.note.get(), &e.note);
        }
    }

    #[test]
    fn markdown_escapes_any_text(notes in proptest::collection::vec((nasty_text(), nasty_text()), 1..6)) {
        for (a, b) in &notes {
            for s in [a, b] {
                let e = markdown::escape(s);
                prop_assert!(!e.contains(['<', '>', '\n', '\r']), "{:?}", e);
                prop_assert_eq!(unescaped(&e, '|'), 0);
            }
        }
        let events = events_with(&notes);
        let text = markdown::write(&markdown::Report {
            catalog: pathwise_core::builtin(),
            events: &events,
            plan: None,
            streak: Default::default(),
            lang: "en",
            now: now(),
        });
        // Every table row keeps its header's column count.
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| 2026-")).collect();
        prop_assert_eq!(rows.len(), events.len());
        for row in rows {
            prop_assert_eq!(unescaped(row, '|'), 7, "{}", row);
        }
    }

    #[test]
    fn ics_folds_and_escapes_any_name(name in nasty_text()) {
        let first = &plan_once().items[0].skill;
        let mut pack = pathwise_core::builtin().to_pack();
        pack.skills.iter_mut().filter(|s| s.id == **first).for_each(|s| s.name.en = name.clone());
        // Names the catalog refuses (blank, too long) never reach the writer.
        let Ok(catalog) = pathwise_core::Catalog::from_pack(pack) else { return Ok(()); };
        let text = ics::write(plan_once(), &catalog, "en", now().and_utc());
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "{:?}", line);
            prop_assert!(!line.contains(['\r', '\n']));
        }
        let summaries = ics_values(&text, "SUMMARY");
        prop_assert_eq!(summaries.len(), plan_once().items.len());
        let kept: String = name.chars().filter(|c| *c == '\n' || !c.is_control()).collect();
        prop_assert_eq!(&summaries[0], &format!("{kept} → {}", plan_once().items[0].level));
    }
}

fn plan_once() -> &'static pathwise_core::plan::Plan {
    static P: std::sync::OnceLock<pathwise_core::plan::Plan> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let c = pathwise_core::builtin();
        plan(
            c,
            &vec![0; c.skills.len()],
            "business_analyst",
            &PlanInput {
                start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                weekly_hours: [8.0; 7],
                holidays: vec![],
                deadline: None,
            },
        )
        .unwrap()
    })
}
