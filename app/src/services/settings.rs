//! The user's settings. Every value was checked when it was read (its types hold only
//! valid values); what is left is whether the target role exists.

use pathwise_core::problem::{Code, Problem};

use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store::{self, settings::Settings};

impl AppState {
    pub fn settings(&self) -> Result<Settings> {
        self.with_db(|c| store::settings::load(c))
    }

    pub fn save_settings(&self, s: Settings) -> Result<Settings> {
        if let Some(problem) = s.reminder.problem() {
            return Err(Error::invalid(problem));
        }
        if let Some(role) = &s.target_role {
            if self.catalog()?.role(role).is_none() {
                return Err(Error::invalid(
                    Problem::at("target_role", Code::UnknownRole).arg("id", role),
                ));
            }
        }
        self.write(|tx| store::settings::save(tx, &s))?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_validated() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), "2026-11-27T09:00:00".parse().unwrap());
        let mut s = state.settings().unwrap();
        s.target_role = Some(RoleIdExt::id("astronaut"));
        assert!(state.save_settings(s.clone()).is_err());
        s.target_role = Some(RoleIdExt::id("data_engineer"));
        assert!(serde_json::from_str::<Settings>(
            r#"{"language":null,"theme":"system","weekly_hours":[30,1,1,1,1,1,1],"start_date":null,"target_role":null,"onboarded":false}"#
        )
        .is_err());
        s.language = Some(pathwise_core::value::Lang::Zh);
        assert_eq!(state.save_settings(s.clone()).unwrap(), s);
        assert_eq!(state.settings().unwrap(), s);
    }

    struct RoleIdExt;
    impl RoleIdExt {
        fn id(s: &str) -> pathwise_core::value::RoleId {
            pathwise_core::value::RoleId::try_from(s.to_owned()).unwrap()
        }
    }
}
