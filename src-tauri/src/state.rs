//! The state Tauri manages: the one writer connection (or why it could not be opened).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

use crate::commands::AppInfo;
use crate::db;
use crate::error::{Error, Result};
use pathwise_core::RoleSummary;

pub struct AppState {
    pub data_dir: PathBuf,
    /// The store, or the message explaining why it is not open; kept so the window still
    /// opens and shows that message instead of a blank page.
    db: Mutex<std::result::Result<Connection, String>>,
}

impl AppState {
    pub fn open(data_dir: &Path) -> AppState {
        let db = db::open(data_dir).map_err(|e| e.to_string());
        AppState {
            data_dir: data_dir.to_owned(),
            db: Mutex::new(db),
        }
    }

    /// Runs `f` with the connection; a poisoned lock still holds a usable connection
    /// because every write is a transaction that rolled back when its thread panicked.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut guard = self.db.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(conn) => f(conn),
            Err(why) => Err(Error::StoreUnavailable(why.clone())),
        }
    }

    pub fn list_roles(&self) -> Result<Vec<RoleSummary>> {
        Ok(pathwise_core::role_summaries(pathwise_core::builtin()))
    }

    pub fn app_info(&self) -> Result<AppInfo> {
        let schema_version = self.with_db(|conn| db::schema_version(conn))?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.data_dir.display().to_string(),
            database: db::path_in(&self.data_dir).display().to_string(),
            schema_version,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_eight_roles_of_the_article() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path());
        let roles = state.list_roles().unwrap();
        assert_eq!(roles.len(), 8);
        assert_eq!(roles[4].name.en, "Data engineer");
    }

    #[test]
    fn an_unopenable_store_answers_with_a_readable_error() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the database file should be makes SQLite fail to open it.
        std::fs::create_dir(db::path_in(dir.path())).unwrap();
        let state = AppState::open(dir.path());
        let err = state.app_info().unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::StoreUnavailable);
        assert!(err.to_string().contains("could not be opened"), "{err}");
    }
}
