//! Thin commands: read from the store, ask the core, write back. No SQL and no domain
//! logic here; each body calls one function that can be tested without Tauri.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::Result;
use crate::state::AppState;
use pathwise_core::RoleSummary;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database: String,
    pub schema_version: i64,
}

#[tauri::command(async)]
pub fn list_roles(state: State<'_, AppState>) -> Result<Vec<RoleSummary>> {
    state.list_roles()
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    state.app_info()
}
