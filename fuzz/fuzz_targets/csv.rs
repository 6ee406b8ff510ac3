//! Events from CSV, any bytes: read without a panic; what reads back writes and reads again
//! to the same events.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathwise_app::formats::csv;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = pathwise_app::formats::text_of(data) else {
        return;
    };
    if let Ok(events) = csv::read(text) {
        let as_events: Vec<pathwise_core::profile::Event> = events
            .iter()
            .enumerate()
            .map(|(i, row)| row.event.with_id(i as i64))
            .collect();
        let again = csv::read(&csv::write(&as_events)).expect("our own CSV reads back");
        assert_eq!(again.len(), events.len());
    }
});
