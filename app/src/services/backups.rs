//! Backups and recovery: what the app knows about its data folder, the check after the
//! first screen (with the daily backup), restoring a backup, and recovering from a file
//! SQLite could not read.

use chrono::NaiveDateTime;
use pathwise_core::problem::{shown, Code, Problem};
use rusqlite::config::DbConfig;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::formats::backup::ImportMode;
use crate::state::{AppState, Store};
use crate::store::{
    self, backups,
    backups::{BackupFailure, BackupInfo},
    ProblemKind, StoreProblem,
};

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database: String,
    /// None while the store is not open.
    pub schema_version: Option<i64>,
    pub problem: Option<StoreProblem>,
    /// The last backup that could not be made, until one succeeds again.
    pub backup_failure: Option<BackupFailure>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CheckReport {
    /// Empty when SQLite's quick check said "ok".
    pub problems: Vec<Problem>,
    /// What the user should hear once: a foreign log set aside, a backup that failed.
    pub notices: Vec<Problem>,
    /// The daily backup, when one was due and made.
    pub backup: Option<BackupInfo>,
    pub info: AppInfo,
}

/// What to do after a damaged file was moved aside.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RecoveryWire")]
pub enum Recovery {
    /// The salvaged rows, with a backup's merged in (what neither holds is lost only if
    /// both lost it).
    Merge {
        backup: String,
    },
    Salvaged,
    Backup {
        backup: String,
    },
    Fresh,
}

/// How a `Recovery` is read: its kind, and the backup that two of the kinds name. Read
/// as a plain struct, because serde reads an internally tagged enum by buffering the
/// whole value first, which cost the binary about 25 kB for this one type.
#[derive(Deserialize)]
struct RecoveryWire {
    kind: RecoveryKind,
    backup: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RecoveryKind {
    Merge,
    Salvaged,
    Backup,
    Fresh,
}

impl TryFrom<RecoveryWire> for Recovery {
    type Error = &'static str;

    fn try_from(wire: RecoveryWire) -> std::result::Result<Recovery, Self::Error> {
        Ok(match (wire.kind, wire.backup) {
            (RecoveryKind::Merge, Some(backup)) => Recovery::Merge { backup },
            (RecoveryKind::Backup, Some(backup)) => Recovery::Backup { backup },
            (RecoveryKind::Merge | RecoveryKind::Backup, None) => {
                return Err("missing field `backup`")
            }
            (RecoveryKind::Salvaged, _) => Recovery::Salvaged,
            (RecoveryKind::Fresh, _) => Recovery::Fresh,
        })
    }
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
            backup_failure: backups::last_failure(&self.data_dir),
        })
    }

    /// What the UI calls once its first screen is drawn: SQLite's quick check (a damaged
    /// file is moved aside and salvaged), then the daily backup if none was made today.
    pub fn check_store(&self, now: NaiveDateTime) -> Result<CheckReport> {
        let mut problems = Vec::new();
        backups::remove_partial(&self.data_dir);
        let mut backup = None;
        let mut notices;
        {
            let mut guard = self.guard();
            // Taken with the store in hand: an opening still under way adds its notices
            // before it lets the store go.
            notices = self.take_notices();
            if let Some(failure) = backups::last_failure(&self.data_dir) {
                notices.push(failure.problem);
            }
            if let Store::Ready(conn) = &*guard {
                let found = match store::quick_check(conn) {
                    Ok(found) => found,
                    // SQLite's own words, not the app's sentence around them.
                    Err(e) => vec![e
                        .problems
                        .first()
                        .and_then(|p| p.args.get("detail").cloned())
                        .unwrap_or_else(|| e.to_string())],
                };
                if found.is_empty() {
                    if backups::daily_due(&self.data_dir, now.date())? {
                        match backups::create_from(conn, &self.data_dir, "daily", now) {
                            Ok(made) => {
                                *self.backed_up_at() = store::profile_writes(conn).ok();
                                backup = Some(made);
                            }
                            Err(e) => notices.extend(e.problems),
                        }
                    }
                } else {
                    let detail = shown(&found.join("; "));
                    problems.push(Problem::new(Code::StoreCorrupt).arg("detail", &detail));
                    // Closing must not fold the log into the damaged file: it is moved
                    // aside exactly as found.
                    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
                    *guard = Store::Problem(store::other(""));
                    *guard = Store::Problem(store::quarantine::quarantine(
                        &self.data_dir,
                        now,
                        Problem::new(Code::StoreCorrupt).arg("detail", detail),
                    ));
                }
            }
        }
        Ok(CheckReport {
            problems,
            notices,
            backup,
            info: self.app_info()?,
        })
    }

    /// A backup with `reason` if anything was written since the last one of this run:
    /// the shell calls it every hour and on quit, so a crash loses at most an hour.
    pub fn backup_if_changed(
        &self,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<Option<BackupInfo>> {
        let guard = self.guard();
        let Store::Ready(conn) = &*guard else {
            return Ok(None);
        };
        let writes = store::profile_writes(conn)?;
        if *self.backed_up_at() == Some(writes) {
            return Ok(None);
        }
        let made = backups::create_from(conn, &self.data_dir, reason, now)?;
        *self.backed_up_at() = Some(writes);
        Ok(Some(made))
    }

    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        backups::list(&self.data_dir)
    }

    pub fn restore_backup(&self, file: &str, now: NaiveDateTime) -> Result<BackupInfo> {
        self.with_db(|conn| backups::restore(conn, &self.data_dir, file, now))
    }

    /// After a damaged file was moved aside: put the salvaged rows, a backup, both merged,
    /// or nothing in its place, and open the store again. The damaged file stays as it was.
    pub fn recover(&self, choice: &Recovery, now: NaiveDateTime) -> Result<AppInfo> {
        {
            let mut guard = self.guard();
            let salvaged = match &*guard {
                Store::Problem(p) if p.kind == ProblemKind::Corrupt && p.moved_to.is_some() => {
                    p.salvaged.clone()
                }
                _ => return Err(Error::invalid(Problem::new(Code::NothingToRecover))),
            };
            if store::path_in(&self.data_dir).exists() {
                return Err(Error::invalid(Problem::new(Code::DataFileInPlace)));
            }
            let salvaged_file = || {
                salvaged
                    .as_ref()
                    .map(|s| s.file.clone())
                    .ok_or_else(|| Error::invalid(Problem::new(Code::NothingToRecover)))
            };
            // Read before anything moves, so a backup that cannot be merged changes nothing.
            let merge_from = match choice {
                Recovery::Merge { backup } => {
                    let (_scratch, conn) = backups::migrated_copy(&self.data_dir, backup)?;
                    Some(crate::services::export::backup_of(&conn, now)?)
                }
                _ => None,
            };
            match choice {
                Recovery::Merge { .. } | Recovery::Salvaged => {
                    backups::install_salvaged(&self.data_dir, &salvaged_file()?)?
                }
                Recovery::Backup { backup } => backups::install(&self.data_dir, backup)?,
                Recovery::Fresh => {}
            }
            let (store, notices) = Self::open_store(&self.data_dir, now);
            *guard = store;
            self.add_notices(notices);
            if let (Some(doc), Store::Ready(conn)) = (merge_from, &mut *guard) {
                store::write(conn, |tx| {
                    crate::services::import::apply_backup(tx, &doc, ImportMode::Merge, now)
                })?;
            }
        }
        self.app_info()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_reads_as_the_page_writes_it() {
        let read = |json: &str| serde_json::from_str::<Recovery>(json).map_err(|e| e.to_string());
        let merge = Recovery::Merge {
            backup: "b.json".into(),
        };
        assert_eq!(
            read(r#"{"kind":"merge","backup":"b.json"}"#),
            Ok(merge.clone())
        );
        assert_eq!(read(&serde_json::to_string(&merge).unwrap()), Ok(merge));
        assert_eq!(read(r#"{"kind":"fresh"}"#), Ok(Recovery::Fresh));
        assert_eq!(
            read(r#"{"kind":"salvaged","backup":null}"#),
            Ok(Recovery::Salvaged)
        );
        assert!(read(r#"{"kind":"backup"}"#).unwrap_err().contains("backup"));
        assert!(read(r#"{"kind":"delete_everything"}"#).is_err());
    }

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
