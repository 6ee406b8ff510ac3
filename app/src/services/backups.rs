//! Backups and recovery: what the app knows about its data folder, the check after the
//! first screen (with the daily backup), restoring a backup, and recovering from a file
//! SQLite could not read.

use chrono::NaiveDateTime;
use pathwise_core::problem::{Code, Problem};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::state::{AppState, Store};
use crate::store::{self, backups, backups::BackupInfo, ProblemKind, StoreProblem};

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database: String,
    /// None while the store is not open.
    pub schema_version: Option<i64>,
    pub problem: Option<StoreProblem>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CheckReport {
    /// Empty when SQLite's quick check said "ok".
    pub problems: Vec<Problem>,
    /// The daily backup, when one was due and made.
    pub backup: Option<BackupInfo>,
    pub info: AppInfo,
}

impl AppState {
    pub fn app_info(&self) -> Result<AppInfo> {
        let (schema_version, problem) = match &*self.guard() {
            Store::Ready(conn) => (Some(store::schema_version(conn)?), None),
            Store::Problem(p) => (None, Some(p.clone())),
        };
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database: store::path_in(&self.data_dir).display().to_string(),
            schema_version,
            problem,
        })
    }

    /// What the UI calls once its first screen is drawn: SQLite's quick check (a corrupt
    /// file is moved aside), then the daily backup if none was made today.
    pub fn check_store(&self, now: NaiveDateTime) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let mut backup = None;
        {
            let mut guard = self.guard();
            if let Store::Ready(conn) = &*guard {
                let found = match store::quick_check(conn) {
                    Ok(found) => found,
                    Err(e) => vec![e.to_string()],
                };
                if found.is_empty() {
                    if backups::daily_due(&self.data_dir, now.date())? {
                        backup = Some(backups::create_from(conn, &self.data_dir, "daily", now)?);
                    }
                } else {
                    let detail = found.join("; ");
                    problems.push(Problem::new(Code::StoreCorrupt).arg("detail", &detail));
                    // Close the connection before moving the file it has open.
                    *guard = Store::Problem(store::other(""));
                    *guard = Store::Problem(store::quarantine(&self.data_dir, now, &detail));
                }
            }
        }
        Ok(CheckReport {
            problems,
            backup,
            info: self.app_info()?,
        })
    }

    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        backups::list(&self.data_dir)
    }

    pub fn restore_backup(&self, file: &str, now: NaiveDateTime) -> Result<BackupInfo> {
        self.with_db(|conn| backups::restore(conn, &self.data_dir, file, now))
    }

    /// After a corrupt file was moved aside: put a backup in its place (or nothing, for a
    /// fresh profile) and open the store again.
    pub fn recover(&self, backup: Option<&str>, now: NaiveDateTime) -> Result<AppInfo> {
        {
            let mut guard = self.guard();
            match &*guard {
                Store::Problem(p) if p.kind == ProblemKind::Corrupt && p.moved_to.is_some() => {}
                _ => return Err(Error::invalid(Problem::new(Code::NothingToRecover))),
            }
            if store::path_in(&self.data_dir).exists() {
                return Err(Error::invalid(Problem::new(Code::DataFileInPlace)));
            }
            if let Some(file) = backup {
                backups::install(&self.data_dir, file)?;
            }
            *guard = Self::open_store(&self.data_dir, now);
        }
        self.app_info()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        "2026-11-27T09:00:00".parse().unwrap()
    }

    #[test]
    fn check_makes_one_daily_backup() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let first = state.check_store(now()).unwrap();
        assert!(first.problems.is_empty());
        assert!(first.backup.is_some());
        let again = state.check_store(now()).unwrap();
        assert!(again.backup.is_none());
        assert_eq!(state.list_backups().unwrap().len(), 1);
    }

    #[test]
    fn an_unopenable_store_is_reported_in_the_app_info() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(store::path_in(dir.path())).unwrap();
        let state = AppState::open(dir.path(), now());
        assert!(state.app_info().unwrap().problem.is_some());
    }
}
