//! The error the UI sees. It serializes as `{kind, message}` so the UI can show a readable
//! message for any failure and branch on `kind` where it must.

use serde::{Serialize, Serializer};
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the database reported an error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("the database could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("a file could not be read or written: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Domain(#[from] pathwise_core::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("your data could not be opened: {0}")]
    StoreUnavailable(String),
}

/// What crosses IPC for an error.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Database,
    Io,
    Domain,
    Invalid,
    StoreUnavailable,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Db(_) | Error::Migration(_) => ErrorKind::Database,
            Error::Io(_) => ErrorKind::Io,
            Error::Domain(_) => ErrorKind::Domain,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::StoreUnavailable(_) => ErrorKind::StoreUnavailable,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            kind: self.kind(),
            message: self.to_string(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn check(error: Error, expect: &str) {
        assert_eq!(serde_json::to_string(&error).unwrap(), expect);
    }

    #[test]
    fn serializes_as_kind_and_message() {
        check(
            Error::Invalid("level must be 0 to 5".into()),
            r#"{"kind":"invalid","message":"level must be 0 to 5"}"#,
        );
        check(
            Error::Domain(pathwise_core::Error::UnknownRole("astronaut".into())),
            r#"{"kind":"domain","message":"unknown role `astronaut`"}"#,
        );
        check(
            Error::StoreUnavailable("disk full".into()),
            r#"{"kind":"store_unavailable","message":"your data could not be opened: disk full"}"#,
        );
        check(
            Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "read-only",
            )),
            r#"{"kind":"io","message":"a file could not be read or written: read-only"}"#,
        );
    }
}
