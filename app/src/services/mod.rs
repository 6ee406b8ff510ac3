//! The services behind the commands, one file per feature. Each adds methods to
//! `AppState`: check what the core cannot (does the skill exist?), read from the store,
//! ask the core, and write back in one transaction.

pub mod assessment;
pub mod backups;
pub mod catalog;
pub mod export;
pub mod import;
pub mod log;
pub mod opening;
pub mod plan;
pub mod reminder;
pub mod settings;
pub mod timeline;
pub mod today;
