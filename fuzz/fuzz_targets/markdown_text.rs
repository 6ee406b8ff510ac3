//! Any text through the Markdown escaper: no HTML, no line break, no unescaped table pipe.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let e = pathwise_app::formats::markdown::escape(text);
    assert!(!e.contains(['<', '>', '\n', '\r']));
    let mut escaped = false;
    for c in e.chars() {
        assert!(
            escaped || !matches!(c, '|' | '[' | ']' | '*' | '`'),
            "{e:?}"
        );
        escaped = !escaped && c == '\\';
    }
});
