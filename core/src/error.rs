//! The one error type of the domain crate.

use crate::catalog::Problem;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// A catalog (built-in or a user's pack) failed validation; every problem is listed.
    #[error("the catalog has {} problem(s): {}", .0.len(), crate::catalog::describe(.0))]
    InvalidCatalog(Vec<Problem>),
    #[error("the catalog is not valid JSON: {0}")]
    CatalogJson(String),
    #[error("unknown skill `{0}`")]
    UnknownSkill(String),
    #[error("unknown role `{0}`")]
    UnknownRole(String),
    #[error("{0}")]
    InvalidInput(String),
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
