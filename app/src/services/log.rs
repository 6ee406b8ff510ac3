//! The progress log: logging, editing and deleting events, and undoing the last change.
//! Every value of an event was checked as it was read; the skill must also exist.

use chrono::NaiveDateTime;

use crate::error::Result;
use crate::state::AppState;
use crate::store::{self, events::NewEvent};

impl AppState {
    pub fn log_event(&self, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
        self.known_skill(&self.catalog()?, &e.skill)?;
        self.write(|tx| store::events::append(tx, e, now))
    }

    pub fn edit_event(&self, id: i64, e: &NewEvent, now: NaiveDateTime) -> Result<i64> {
        self.known_skill(&self.catalog()?, &e.skill)?;
        self.write(|tx| store::events::edit(tx, id, e, now))
    }

    pub fn delete_event(&self, id: i64, now: NaiveDateTime) -> Result<()> {
        self.write(|tx| store::events::delete(tx, id, now))
    }

    pub fn undo(&self) -> Result<Option<String>> {
        self.write(store::events::undo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use pathwise_core::problem::Code;

    fn now() -> NaiveDateTime {
        "2026-11-27T09:00:00".parse().unwrap()
    }

    fn ev(json: &str) -> std::result::Result<NewEvent, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// Expects `json` to be refused as an event with a message containing `why`.
    fn check_refused(json: &str, why: &str) {
        let err = ev(json).unwrap_err();
        assert!(err.contains(why), "{json}: {err}");
    }

    #[test]
    fn events_are_checked_as_they_are_read() {
        let ok = r#"{"date":"2026-01-01","skill":"sql","level":1,"hours":1}"#;
        assert!(ev(ok).is_ok());
        check_refused(&ok.replace("\"level\":1", "\"level\":6"), "0 to 5");
        check_refused(&ok.replace("\"hours\":1", "\"hours\":-1"), "hours");
        check_refused(&ok.replace("2026-01-01", "1900-01-01"), "outside");
        check_refused(&ok.replace("2026-01-01", "2026-02-30"), "not a date");
        check_refused(
            &ok.replace('}', r#","evidence":"javascript:alert(1)"}"#),
            "http",
        );
        check_refused(
            &ok.replace('}', &format!(r#","note":"{}"}}"#, "x".repeat(4_001))),
            "at most",
        );
        assert!(ev(&ok.replace('}', r#","evidence":""}"#))
            .unwrap()
            .evidence
            .is_none());
    }

    #[test]
    fn an_unknown_skill_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let e = ev(r#"{"date":"2026-01-01","skill":"no_such_skill","level":1,"hours":1}"#).unwrap();
        let err = state.log_event(&e, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid);
        assert_eq!(err.problems[0].code, Code::UnknownSkill);
        assert_eq!(state.with_db(|c| store::events::count(c)).unwrap(), 0);
        let err = state.delete_event(99, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
    }
}
