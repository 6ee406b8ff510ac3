//! Pathwise's domain: pure data in, data out. No IO, no clock, no Tauri, no SQLite: the
//! caller passes `today` and everything else, so every function is deterministic.

pub mod catalog;
pub mod error;
pub mod fit;
pub mod forecast;
pub mod level;
pub mod order;
pub mod own;
pub mod plan;
pub mod problem;
pub mod profile;
pub mod progress;
pub mod reminder;
pub mod replay;
pub mod stamp;
pub mod status;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod text;
pub mod today;
pub mod value;

pub use catalog::{builtin, Catalog, Pack, Role, Skill, Text};
pub use error::{Error, Result};
pub use problem::{Code, Problem};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A role in a list: its id, name and one-line summary.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct RoleSummary {
    pub id: String,
    pub name: Text,
    pub summary: Text,
    pub custom: bool,
}

/// The roles of a catalog in catalog order.
pub fn role_summaries(catalog: &Catalog) -> Vec<RoleSummary> {
    catalog
        .roles
        .iter()
        .map(|r| RoleSummary {
            id: r.id.clone(),
            name: r.name.clone(),
            summary: r.summary.clone(),
            custom: r.custom,
        })
        .collect()
}
