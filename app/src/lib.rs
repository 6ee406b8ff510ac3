//! Pathwise without Tauri: the SQLite store at the bottom, the file formats above it
//! (pure: values in, bytes out), the state (the one connection), and the services, one
//! file per feature, above all of them. The desktop shell calls the services; so do the
//! tests, with no display and no built UI.

pub mod error;
pub mod formats;
pub mod services;
pub mod state;
pub mod store;

pub use error::{Error, ErrorKind, Result};
pub use state::AppState;
