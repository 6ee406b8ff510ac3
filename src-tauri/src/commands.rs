//! Thin commands: read from the store, ask the core, write back. No SQL and no domain
//! logic here; each body is one `AppState` method that tests call without Tauri.

use tauri::State;

use crate::db::backups::BackupInfo;
use crate::error::Result;
use crate::state::{AppInfo, AppState, CheckReport};
use pathwise_core::RoleSummary;

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[tauri::command(async)]
pub fn list_roles(state: State<'_, AppState>) -> Result<Vec<RoleSummary>> {
    state.list_roles()
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    state.app_info()
}

#[tauri::command(async)]
pub fn check_store(state: State<'_, AppState>) -> Result<CheckReport> {
    state.check_store(now())
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    state.list_backups()
}

#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, file: String) -> Result<BackupInfo> {
    state.restore_backup(&file, now())
}

#[tauri::command(async)]
pub fn recover(state: State<'_, AppState>, backup: Option<String>) -> Result<AppInfo> {
    state.recover(backup.as_deref(), now())
}
