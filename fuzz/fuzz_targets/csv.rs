//! Events from CSV, any bytes: read without a panic; what reads back writes and reads again
//! to the same events.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathwise::export::csv;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = pathwise::export::text_of(data) else {
        return;
    };
    if let Ok(events) = csv::read(text) {
        let as_events: Vec<pathwise_core::profile::Event> = events
            .iter()
            .enumerate()
            .map(|(i, e)| pathwise_core::profile::Event {
                id: i as i64,
                date: e.date,
                skill: e.skill.clone(),
                level: e.level,
                hours: e.hours,
                note: e.note.clone(),
                evidence: e.evidence.clone(),
            })
            .collect();
        let again = csv::read(&csv::write(&as_events)).expect("our own CSV reads back");
        assert_eq!(again.len(), events.len());
    }
});
