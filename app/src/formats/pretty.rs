//! JSON for people to read: the backup and the own-catalog pack are written compactly by
//! serde and indented here, two spaces a level, as `serde_json::to_string_pretty` does.
//! Serialising through serde's pretty formatter would put a second copy of every backup
//! type's serialiser in the binary (the page gets the same types compactly), about 19 kB
//! against its size budget (ARCHITECTURE.md, "Release build").

use serde::Serialize;

/// `value` as indented JSON, the same text `serde_json::to_string_pretty` gives.
pub fn to_json<T: Serialize>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string(value).map(|compact| indent(&compact))
}

/// Indents compact JSON (no white space outside strings, as serde writes it).
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        out.push(c);
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => match chars.peek() {
                // An empty object or list stays on its line: `{}`, `[]`.
                Some('}' | ']') => out.extend(chars.next()),
                _ => {
                    depth += 1;
                    newline(&mut out, depth);
                }
            },
            '}' | ']' => {
                out.pop();
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => newline(&mut out, depth),
            ':' => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            // Quotes, backslashes, brackets, commas and colons inside strings.
            "[\"\\\\{}\\[\\],: a-z数据\n\t]{0,12}".prop_map(Value::from),
        ]
    }

    fn tree() -> impl Strategy<Value = Value> {
        leaf().prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                proptest::collection::btree_map("[a-z\":,{]{0,6}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn indents_as_serde_json_does(value in tree()) {
            prop_assert_eq!(
                super::to_json(&value).unwrap(),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }

    #[test]
    fn empty_lists_and_objects_stay_on_their_line() {
        let value = json!({ "a": [], "b": {}, "c": [{}], "d": "}\\\"]" });
        assert_eq!(
            super::to_json(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
