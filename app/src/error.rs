//! The error every service returns: a kind the UI can branch on, and the problems, each a
//! stable code with its arguments that the UI says in the user's language. `Display` is
//! the English text, for logs and tests.

use std::fmt;

use pathwise_core::problem::{describe, Code, Problem};
use rusqlite::ErrorCode;
use serde::{Serialize, Serializer};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// What was asked for does not exist (an event, a backup, an own entry).
    NotFound,
    /// The request or a file broke a rule; the problems say which.
    Invalid,
    DiskFull,
    ReadOnly,
    /// Another program holds the database.
    Busy,
    Corrupt,
    /// The data was written by a newer Pathwise.
    NewerFile,
    Io,
    /// Any other database failure.
    Database,
    /// The store could not be opened at start; the recovery screen explains.
    StoreUnavailable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn new(kind: ErrorKind, problem: Problem) -> Error {
        Error {
            kind,
            problems: vec![problem],
        }
    }

    pub fn invalid(problem: Problem) -> Error {
        Error::new(ErrorKind::Invalid, problem)
    }

    pub fn invalid_all(problems: Vec<Problem>) -> Error {
        Error {
            kind: ErrorKind::Invalid,
            problems,
        }
    }

    pub fn not_found(problem: Problem) -> Error {
        Error::new(ErrorKind::NotFound, problem)
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            kind: self.kind,
            problems: self.problems.clone(),
            message: self.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe(&self.problems))
    }
}

impl std::error::Error for Error {}

/// What crosses IPC for an error.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub problems: Vec<Problem>,
    /// The problems in English, for logs.
    pub message: String,
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Error {
        Error::invalid(p)
    }
}

impl From<pathwise_core::Error> for Error {
    fn from(e: pathwise_core::Error) -> Error {
        Error::invalid_all(e.problems())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        let detail = e.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => {
                Error::new(ErrorKind::DiskFull, Problem::new(Code::DiskFull))
            }
            Some(ErrorCode::ReadOnly) => {
                Error::new(ErrorKind::ReadOnly, Problem::new(Code::ReadOnly))
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                Error::new(ErrorKind::Busy, Problem::new(Code::Busy))
            }
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::new(
                ErrorKind::Corrupt,
                Problem::new(Code::StoreCorrupt).arg("detail", detail),
            ),
            _ => Error::new(
                ErrorKind::Database,
                Problem::new(Code::Database).arg("detail", detail),
            ),
        }
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Error {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            other => Error::new(
                ErrorKind::Database,
                Problem::new(Code::Database).arg("detail", other),
            ),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        use std::io::ErrorKind as Io;
        match e.kind() {
            Io::StorageFull | Io::QuotaExceeded => {
                Error::new(ErrorKind::DiskFull, Problem::new(Code::DiskFull))
            }
            Io::ReadOnlyFilesystem | Io::PermissionDenied => {
                Error::new(ErrorKind::ReadOnly, Problem::new(Code::ReadOnly))
            }
            _ => Error::new(ErrorKind::Io, Problem::new(Code::Io).arg("detail", e)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn check(error: Error, kind: &str, code: &str) {
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["kind"], kind, "{json}");
        assert_eq!(json["problems"][0]["code"], code, "{json}");
        assert_eq!(json["message"], error.to_string());
    }

    #[test]
    fn each_failure_has_its_own_kind_and_code() {
        check(
            Error::invalid(Problem::new(Code::LevelOutOfRange).arg("value", 7)),
            "invalid",
            "level_out_of_range",
        );
        check(
            pathwise_core::Error::UnknownRole("astronaut".into()).into(),
            "invalid",
            "unknown_role",
        );
        check(
            std::io::Error::new(std::io::ErrorKind::StorageFull, "no space").into(),
            "disk_full",
            "disk_full",
        );
        check(
            std::io::Error::new(std::io::ErrorKind::ReadOnlyFilesystem, "ro").into(),
            "read_only",
            "read_only",
        );
        check(std::io::Error::other("boom").into(), "io", "io");
        let sqlite =
            |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None).into();
        check(sqlite(rusqlite::ffi::SQLITE_FULL), "disk_full", "disk_full");
        check(
            sqlite(rusqlite::ffi::SQLITE_READONLY),
            "read_only",
            "read_only",
        );
        check(sqlite(rusqlite::ffi::SQLITE_BUSY), "busy", "busy");
        check(
            sqlite(rusqlite::ffi::SQLITE_CORRUPT),
            "corrupt",
            "store_corrupt",
        );
        check(sqlite(rusqlite::ffi::SQLITE_ERROR), "database", "database");
        check(
            Error::not_found(Problem::new(Code::EventNotFound).arg("id", 9)),
            "not_found",
            "event_not_found",
        );
    }
}
