//! The state Tauri manages: the one writer connection (or why there is none), and the
//! bodies of the commands, testable without Tauri.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::db::{self, backups, backups::BackupInfo, Opened, ProblemKind, StoreProblem};
use crate::error::{Error, Result};
use pathwise_core::RoleSummary;

pub enum Store {
    Ready(Connection),
    Problem(StoreProblem),
}

pub struct AppState {
    pub data_dir: PathBuf,
    store: Mutex<Store>,
    /// Held for the app's lifetime: a second Pathwise on the same folder cannot get it,
    /// so two writers never open the file (single-instance focuses the first window on
    /// desktops; this also covers sessions without D-Bus).
    _lock: Option<File>,
    /// An imported file that was checked and waits for the user's go-ahead.
    pub(crate) staged: Mutex<Option<crate::portability::Staged>>,
}

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
    pub problems: Vec<String>,
    /// The daily backup, when one was due and made.
    pub backup: Option<BackupInfo>,
    pub info: AppInfo,
}

fn lock(dir: &Path) -> std::result::Result<File, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("pathwise.lock"))
        .map_err(|e| e.to_string())?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err("busy".into()),
        Err(std::fs::TryLockError::Error(e)) => Err(e.to_string()),
    }
}

impl AppState {
    pub fn open(data_dir: &Path, now: NaiveDateTime) -> AppState {
        let (store, lock) = match lock(data_dir) {
            Ok(file) => (Self::open_store(data_dir, now), Some(file)),
            Err(why) if why == "busy" => (
                Store::Problem(StoreProblem {
                    kind: ProblemKind::Other,
                    message: format!(
                        "Pathwise is already running with the data folder {}. Use that window; two copies must not write the same data.",
                        data_dir.display()
                    ),
                    moved_to: None,
                    backups: Vec::new(),
                }),
                None,
            ),
            // A folder we cannot even create a lock file in cannot hold the database.
            Err(_) => (Self::open_store(data_dir, now), None),
        };
        AppState {
            data_dir: data_dir.to_owned(),
            store: Mutex::new(store),
            _lock: lock,
            staged: Mutex::new(None),
        }
    }

    fn open_store(data_dir: &Path, now: NaiveDateTime) -> Store {
        match db::open_store(data_dir, now) {
            Opened::Ready(conn) => Store::Ready(conn),
            Opened::Problem(p) => Store::Problem(p),
        }
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, Store> {
        // A poisoned lock still holds a usable connection: every write is a transaction
        // that rolled back when its thread panicked.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn with_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        match &mut *self.guard() {
            Store::Ready(conn) => f(conn),
            Store::Problem(p) => Err(Error::StoreUnavailable(p.message.clone())),
        }
    }

    /// Runs `f` in one transaction.
    pub fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        self.with_db(|conn| db::write(conn, f))
    }

    pub fn list_roles(&self) -> Result<Vec<RoleSummary>> {
        Ok(pathwise_core::role_summaries(pathwise_core::builtin()))
    }

    pub fn app_info(&self) -> Result<AppInfo> {
        let (schema_version, problem) = match &*self.guard() {
            Store::Ready(conn) => (Some(db::schema_version(conn)?), None),
            Store::Problem(p) => (None, Some(p.clone())),
        };
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database: db::path_in(&self.data_dir).display().to_string(),
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
            let mut store = self.guard();
            if let Store::Ready(conn) = &*store {
                let found = match db::quick_check(conn) {
                    Ok(found) => found,
                    Err(e) => vec![e.to_string()],
                };
                if found.is_empty() {
                    if backups::daily_due(&self.data_dir, now.date())? {
                        backup = Some(backups::create_from(conn, &self.data_dir, "daily", now)?);
                    }
                } else {
                    problems = found;
                    // Close the connection before moving the file it has open.
                    *store = Store::Problem(StoreProblem {
                        kind: ProblemKind::Other,
                        message: String::new(),
                        moved_to: None,
                        backups: Vec::new(),
                    });
                    *store =
                        Store::Problem(db::quarantine(&self.data_dir, now, &problems.join("; ")));
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
            let mut store = self.guard();
            match &*store {
                Store::Problem(p) if p.kind == ProblemKind::Corrupt && p.moved_to.is_some() => {}
                _ => return Err(Error::Invalid("there is nothing to recover from".into())),
            }
            if db::path_in(&self.data_dir).exists() {
                return Err(Error::Invalid(
                    "a data file is already in place; restart Pathwise".into(),
                ));
            }
            if let Some(file) = backup {
                backups::install(&self.data_dir, file)?;
            }
            *store = Self::open_store(&self.data_dir, now);
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
    fn lists_the_eight_roles_of_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), now());
        let roles = state.list_roles().unwrap();
        assert_eq!(roles.len(), 8);
        assert_eq!(roles[4].name.en, "Data engineer");
    }

    #[test]
    fn an_unopenable_store_answers_with_a_readable_error() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the database file should be makes SQLite fail to open it.
        std::fs::create_dir(db::path_in(dir.path())).unwrap();
        let state = AppState::open(dir.path(), now());
        let info = state.app_info().unwrap();
        assert!(info.problem.is_some());
        let err = state.with_db(|_| Ok(())).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::StoreUnavailable);
    }

    #[test]
    fn a_second_state_on_the_same_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = AppState::open(dir.path(), now());
        assert!(first.app_info().unwrap().problem.is_none());
        let second = AppState::open(dir.path(), now());
        let problem = second.app_info().unwrap().problem.unwrap();
        assert!(
            problem.message.contains("already running"),
            "{}",
            problem.message
        );
        drop(first);
        let third = AppState::open(dir.path(), now());
        assert!(third.app_info().unwrap().problem.is_none());
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
}
