//! The one error type of the domain crate. Each variant becomes problems with codes
//! (`problems()`), so the UI can say it in the user's language.

use crate::problem::{describe, Code, Problem};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// A catalog (built-in or a user's pack) failed validation; every problem is listed.
    #[error("the catalog has {} problem(s):\n{}", .0.len(), describe(.0))]
    InvalidCatalog(Vec<Problem>),
    #[error("the catalog is not valid JSON: {0}")]
    CatalogJson(String),
    #[error("there is no role `{0}`")]
    UnknownRole(String),
    #[error("{0}")]
    InvalidInput(Problem),
    #[error("no hours are available: give at least one weekday some hours")]
    NoAvailability,
    #[error("the start date {start} is after the deadline {deadline}")]
    StartAfterDeadline {
        start: chrono::NaiveDate,
        deadline: chrono::NaiveDate,
    },
    #[error("the learning steps cannot be ordered: prerequisites form a cycle: {}", .0.join(" -> "))]
    Cycle(Vec<String>),
    #[error("the plan would run past {0}; add hours or remove holidays")]
    BeyondHorizon(chrono::NaiveDate),
}

impl Error {
    /// What went wrong as problems with codes.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::InvalidCatalog(found) => found.clone(),
            Error::CatalogJson(detail) => {
                vec![Problem::new(Code::CatalogJson).arg("detail", detail)]
            }
            Error::UnknownRole(id) => vec![Problem::new(Code::UnknownRole).arg("id", id)],
            Error::InvalidInput(p) => vec![p.clone()],
            Error::NoAvailability => vec![Problem::new(Code::NoAvailability)],
            Error::StartAfterDeadline { start, deadline } => {
                vec![Problem::new(Code::StartAfterDeadline)
                    .arg("start", start)
                    .arg("deadline", deadline)]
            }
            Error::Cycle(path) => {
                vec![Problem::new(Code::PrerequisiteCycle).arg("cycle", path.join(" -> "))]
            }
            Error::BeyondHorizon(date) => vec![Problem::new(Code::BeyondHorizon).arg("date", date)],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
