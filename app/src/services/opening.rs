//! What the first screen needs, in one answer: the store's state, the settings, the
//! profile, today's date and whether a plan is under way (which decides the first view).
//! The shell prepares it while WebKit starts and writes it into the page, so the first
//! screen is drawn without waiting for a command.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::services::assessment::ProfileView;
use crate::services::backups::AppInfo;
use crate::state::AppState;
use crate::store::settings::Settings;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Opening {
    pub info: AppInfo,
    pub settings: Settings,
    pub profile: ProfileView,
    /// Today in the user's time zone (YYYY-MM-DD), as the `today_date` command gives it.
    pub today: String,
    pub has_plan: bool,
}

impl AppState {
    /// Fails when the store cannot be read: the page then asks command by command, and
    /// each answer says what went wrong where it is shown.
    pub fn opening(&self, today: NaiveDate) -> Result<Opening> {
        Ok(Opening {
            info: self.app_info()?,
            settings: self.settings()?,
            profile: self.profile()?,
            today: today.to_string(),
            has_plan: self.active_plan()?.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::assessment::Rating;
    use crate::services::plan::PlanRequest;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_opening_follows_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let now = day("2026-11-01").and_hms_opt(9, 0, 0).unwrap();
        let state = AppState::open(dir.path(), now);
        let first = state.opening(day("2026-11-01")).unwrap();
        assert_eq!(first.today, "2026-11-01");
        assert!(first.info.problem.is_none());
        assert!(!first.settings.onboarded);
        assert!(first.profile.rated.is_empty());
        assert!(!first.has_plan);

        let rating: Rating =
            serde_json::from_value(serde_json::json!({ "skill": "sql", "level": 2 })).unwrap();
        state.rate(&[rating], day("2026-11-01"), now).unwrap();
        let request: PlanRequest = serde_json::from_value(serde_json::json!({
            "start": "2026-11-02", "weekly_hours": [1, 1, 1, 1, 1, 1, 1], "deadline": null
        }))
        .unwrap();
        let role = serde_json::from_value("data_engineer".into()).unwrap();
        state
            .make_plan(&role, &request, day("2026-11-01"), now)
            .unwrap();
        let later = state.opening(day("2026-11-02")).unwrap();
        assert_eq!(later.today, "2026-11-02");
        assert_eq!(later.profile.levels.get("sql"), Some(&2));
        assert_eq!(later.profile.rated, vec!["sql".to_owned()]);
        assert!(later.has_plan);
    }

    #[test]
    fn a_store_that_cannot_be_read_has_no_opening() {
        let dir = tempfile::tempdir().unwrap();
        let now = day("2026-11-01").and_hms_opt(9, 0, 0).unwrap();
        let _first = AppState::open(dir.path(), now);
        // The folder's lock is held by the first: the second cannot open the store.
        let second = AppState::open(dir.path(), now);
        assert!(second.opening(day("2026-11-01")).is_err());
    }
}
