//! The state the shell manages: the one writer connection (or why there is none), the
//! lock that keeps a second Pathwise away, and an import waiting for the user's go-ahead.
//! The services (`services/`) add the methods behind each command.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

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
    /// Shared with the thread that opens it when the app starts (`open_in_background`).
    store: Arc<Mutex<Store>>,
    /// Held for the app's lifetime: a second Pathwise on the same folder cannot get it,
    /// so two writers never open the file (single-instance focuses the first window on
    /// desktops; this also covers sessions without D-Bus).
    _lock: Option<File>,
    /// An imported file that was checked and waits for the user's go-ahead.
    staged: Mutex<Option<Staged>>,
    /// What opening the store found that the user should hear (a foreign log set aside).
    /// Shared with the opening thread like the store.
    notices: Arc<Mutex<Vec<Problem>>>,
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
        let (state, opening) = Self::locked(data_dir);
        if opening {
            let (store, notices) = Self::open_store(data_dir, now);
            *state.guard() = store;
            state.add_notices(notices);
        }
        state
    }

    /// As `open`, but the database is opened (and, on a first start or an upgrade,
    /// migrated) on another thread, so the window and its page load meanwhile. Until it is
    /// open, the store's mutex is held by that thread: a command that needs the store
    /// waits for it, and one that does not (the catalog's roles, today's date) does not.
    pub fn open_in_background(data_dir: &Path, now: NaiveDateTime) -> AppState {
        let (state, opening) = Self::locked(data_dir);
        if opening {
            let store = Arc::clone(&state.store);
            let heard = Arc::clone(&state.notices);
            let dir = data_dir.to_owned();
            // A barrier rather than a channel: std's channels cost the binary about 40 kB
            // for the few places that wait on another thread.
            let held = Arc::new(std::sync::Barrier::new(2));
            let opener_holds = Arc::clone(&held);
            std::thread::spawn(move || {
                let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
                opener_holds.wait();
                let (opened, notices) = Self::open_store(&dir, now);
                *guard = opened;
                // Before the store is let go, so whoever reads it next hears them too.
                heard
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend(notices);
            });
            // Returns only once the opener holds the mutex, so no command can see the
            // placeholder. (Nothing before the barrier can fail: a poisoned lock is taken
            // over.)
            held.wait();
        }
        state
    }

    /// The state with the data-folder lock taken (or why not), and whether the store
    /// still has to be opened. Until then it holds a placeholder problem.
    fn locked(data_dir: &Path) -> (AppState, bool) {
        let (store, lock, opening) = match lock(data_dir) {
            Ok(file) => (Self::not_opened(), Some(file), true),
            Err(None) => (
                Store::Problem(StoreProblem::new(
                    ProblemKind::Other,
                    Problem::new(Code::AlreadyRunning).arg("dir", data_dir.display()),
                )),
                None,
                false,
            ),
            // A folder we cannot even create a lock file in cannot hold the database.
            Err(Some(_)) => (Self::not_opened(), None, true),
        };
        let state = AppState {
            data_dir: data_dir.to_owned(),
            store: Arc::new(Mutex::new(store)),
            _lock: lock,
            staged: Mutex::new(None),
            notices: Arc::new(Mutex::new(Vec::new())),
            backed_up_at: Mutex::new(None),
        };
        (state, opening)
    }

    #[cfg(test)]
    fn not_opened_problems() -> Vec<Problem> {
        match Self::not_opened() {
            Store::Problem(p) => vec![p.problem],
            Store::Ready(_) => unreachable!("the placeholder is never a connection"),
        }
    }

    /// What the store says if opening it never finished (its thread panicked).
    fn not_opened() -> Store {
        Store::Problem(store::other("the database was not opened"))
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
    fn a_store_opened_in_the_background_is_there_for_the_first_command() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open_in_background(dir.path(), now());
        // The first command waits for the opening thread rather than seeing no store.
        let version = state.with_db(|conn| store::schema_version(conn)).unwrap();
        assert_eq!(version, store::latest_version());
        let second = AppState::open_in_background(dir.path(), now());
        let err = second.with_db(|_| Ok(())).unwrap_err();
        assert_eq!(err.problems[0].code, Code::AlreadyRunning);
    }

    #[test]
    fn a_background_open_that_fails_is_reported_like_a_direct_one() {
        let unopenable = || {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(store::path_in(dir.path())).unwrap();
            dir
        };
        let (a, b) = (unopenable(), unopenable());
        let background = AppState::open_in_background(a.path(), now());
        let direct = AppState::open(b.path(), now());
        let err = background.with_db(|_| Ok(())).unwrap_err();
        let expected = direct.with_db(|_| Ok(())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::StoreUnavailable);
        // The opener's own problem, not the placeholder it replaced.
        assert_eq!(err.problems[0].code, expected.problems[0].code);
        assert_ne!(err.problems, AppState::not_opened_problems());
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
