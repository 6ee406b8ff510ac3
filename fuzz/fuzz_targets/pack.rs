//! A catalog pack, any bytes: parsed, validated and merged with the built-in catalog.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = pathwise_app::formats::text_of(data) else {
        return;
    };
    if let Ok(pack) = pathwise_core::catalog::parse_pack(text) {
        let _ = pathwise_core::catalog::validate(&pack);
        let _ = pathwise_core::builtin().extended(&pack);
    }
});
