//! Writers and readers for the files a user takes elsewhere: the event log as CSV, the
//! plan as iCalendar, the report as Markdown and the full backup as JSON. Values in,
//! bytes out: nothing here opens a connection or a file.

pub mod backup;
pub mod csv;
pub mod ics;
pub mod markdown;
pub mod pretty;

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

/// The first key a JSON object lists twice, with where it is. serde keeps the last of
/// two equal keys without a word, so a second `"events": []` would quietly empty a
/// backup; this reads the text once more and says so instead. Text that is not JSON
/// passes: the parser reports it with its line.
pub fn duplicate_key(text: &str) -> Option<Problem> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    struct Walk<'a> {
        path: String,
        found: &'a mut Option<Problem>,
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let Walk { path, found } = self;
            let mut i = 0;
            loop {
                let seed = Walk {
                    path: format!("{path}[{i}]"),
                    found: &mut *found,
                };
                if seq.next_element_seed(seed)?.is_none() {
                    return Ok(());
                }
                i += 1;
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let Walk { path, found } = self;
            let mut keys = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if !keys.insert(key.clone()) && found.is_none() {
                    *found = Some(
                        Problem::at(pathwise_core::problem::shown(&at), Code::DuplicateKey)
                            .arg("key", pathwise_core::problem::shown(&key)),
                    );
                }
                map.next_value_seed(Walk {
                    path: at,
                    found: &mut *found,
                })?;
            }
            Ok(())
        }
    }

    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let walk = Walk {
        path: String::new(),
        found: &mut found,
    };
    let _ = walk.deserialize(&mut de);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_found_with_its_place() {
        let p = duplicate_key(
            r#"{"a": 1, "events": [], "b": {"c": [{"x": 1, "x": 2}]}, "events": []}"#,
        )
        .unwrap();
        assert_eq!((p.path.as_str(), p.code), ("b.c[0].x", Code::DuplicateKey));
        assert_eq!(
            duplicate_key(r#"{"events": [], "events": [1]}"#)
                .unwrap()
                .path,
            "events"
        );
        assert_eq!(duplicate_key(r#"{"a": [1, {"b": 2}], "c": "a"}"#), None);
        assert_eq!(duplicate_key("not json"), None);
    }
}
