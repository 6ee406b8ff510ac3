//! The state the shell manages: the one writer connection (or why there is none), the
//! lock that keeps a second Pathwise away, and an import waiting for the user's go-ahead.
//! The services (`services/`) add the methods behind each command.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDateTime;
use pathwise_core::problem::{Code, Problem};
use rusqlite::Connection;

use crate::error::{Error, ErrorKind, Result};
use crate::formats::Staged;
use crate::store::{self, Opened, ProblemKind, StoreProblem};

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
    staged: Mutex<Option<Staged>>,
    /// What opening the store found that the user should hear (a foreign log set aside).
    notices: Mutex<Vec<Problem>>,
    /// The profile's write count at the last backup, so a backup is made only after a change.
    backed_up_at: Mutex<Option<i64>>,
}

fn lock(dir: &Path) -> std::result::Result<File, Option<std::io::Error>> {
    std::fs::create_dir_all(dir).map_err(Some)?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("pathwise.lock"))
        .map_err(Some)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(None),
        Err(std::fs::TryLockError::Error(e)) => Err(Some(e)),
    }
}

impl AppState {
    pub fn open(data_dir: &Path, now: NaiveDateTime) -> AppState {
        let (store, lock) = match lock(data_dir) {
            Ok(file) => (Self::open_store(data_dir, now), Some(file)),
            Err(None) => (
                (
                    Store::Problem(StoreProblem::new(
                        ProblemKind::Other,
                        Problem::new(Code::AlreadyRunning).arg("dir", data_dir.display()),
                    )),
                    Vec::new(),
                ),
                None,
            ),
            // A folder we cannot even create a lock file in cannot hold the database.
            Err(Some(_)) => (Self::open_store(data_dir, now), None),
        };
        let (store, notices) = store;
        AppState {
            data_dir: data_dir.to_owned(),
            store: Mutex::new(store),
            _lock: lock,
            staged: Mutex::new(None),
            notices: Mutex::new(notices),
            backed_up_at: Mutex::new(None),
        }
    }

    /// The store, and what the user should hear about how it was opened.
    pub(crate) fn open_store(data_dir: &Path, now: NaiveDateTime) -> (Store, Vec<Problem>) {
        match store::open_store(data_dir, now) {
            Opened::Ready(conn, notices) => (Store::Ready(conn), notices),
            Opened::Problem(p) => (Store::Problem(p), Vec::new()),
        }
    }

    /// Notices from opening the store, each given once.
    pub(crate) fn take_notices(&self) -> Vec<Problem> {
        std::mem::take(&mut *self.notices.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub(crate) fn add_notices(&self, more: Vec<Problem>) {
        self.notices
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(more);
    }

    /// The profile's write count when the last backup of this run was made.
    pub(crate) fn backed_up_at(&self) -> MutexGuard<'_, Option<i64>> {
        self.backed_up_at.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn guard(&self) -> MutexGuard<'_, Store> {
        // A poisoned lock still holds a usable connection: every write is a transaction
        // that rolled back when its thread panicked.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn staged(&self) -> MutexGuard<'_, Option<Staged>> {
        self.staged.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn with_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        match &mut *self.guard() {
            Store::Ready(conn) => f(conn),
            Store::Problem(p) => Err(Error::new(ErrorKind::StoreUnavailable, p.problem.clone())),
        }
    }

    /// Runs `f` in one transaction.
    pub fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        self.with_db(|conn| store::write(conn, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        "2026-11-27T09:00:00".parse().unwrap()
    }

    #[test]
    fn an_unopenable_store_answers_with_a_readable_error() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the database file should be makes SQLite fail to open it.
        std::fs::create_dir(store::path_in(dir.path())).unwrap();
        let state = AppState::open(dir.path(), now());
        let err = state.with_db(|_| Ok(())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::StoreUnavailable);
    }

    #[test]
    fn a_second_state_on_the_same_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = AppState::open(dir.path(), now());
        assert!(first.with_db(|_| Ok(())).is_ok());
        let second = AppState::open(dir.path(), now());
        let err = second.with_db(|_| Ok(())).unwrap_err();
        assert_eq!(err.problems[0].code, Code::AlreadyRunning);
        drop(first);
        let third = AppState::open(dir.path(), now());
        assert!(third.with_db(|_| Ok(())).is_ok());
    }
}
