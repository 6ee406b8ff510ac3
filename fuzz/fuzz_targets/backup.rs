//! A JSON backup file, any bytes: parsed and checked, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pathwise_app::formats::backup::parse(data);
});
