//! Any text as a skill name in the calendar export: every line stays within 75 octets and
//! ends with CRLF, and no text can start a property of its own.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathwise_core::plan::{plan, PlanInput};

fuzz_target!(|name: &str| {
    let mut pack = pathwise_core::builtin().to_pack();
    pack.skills
        .iter_mut()
        .for_each(|s| s.name.en = name.to_owned());
    let Ok(catalog) = pathwise_core::Catalog::from_pack(pack) else {
        return;
    };
    let input = PlanInput {
        start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        weekly_hours: [8.0; 7],
        holidays: vec![],
        deadline: None,
    };
    let levels = vec![3u8; catalog.skills.len()];
    let Ok(p) = plan(&catalog, &levels, "business_analyst", &input) else {
        return;
    };
    let now = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let text = pathwise_app::formats::ics::write(&p, &catalog, "en", now);
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains(['\r', '\n']));
    }
    let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();
    assert_eq!(events, p.items.len());
});
