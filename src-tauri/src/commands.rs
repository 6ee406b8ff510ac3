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

use crate::db::events::NewEvent;
use crate::db::settings::Settings;
use crate::journey::{CatalogView, FitView, ProfileView, Rating, TimelineView};
use pathwise_core::fit::Gap;
use pathwise_core::plan::{Plan, PlanInput};

fn today() -> chrono::NaiveDate {
    now().date()
}

#[tauri::command(async)]
pub fn catalog(state: State<'_, AppState>) -> Result<CatalogView> {
    state.catalog_view()
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    state.settings()
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings> {
    state.save_settings(settings)
}

#[tauri::command(async)]
pub fn profile(state: State<'_, AppState>) -> Result<ProfileView> {
    state.profile()
}

#[tauri::command(async)]
pub fn rate_skills(state: State<'_, AppState>, ratings: Vec<Rating>) -> Result<usize> {
    state.rate(&ratings, today(), now())
}

#[tauri::command(async)]
pub fn fit(state: State<'_, AppState>) -> Result<FitView> {
    state.fit()
}

#[tauri::command(async)]
pub fn gap(state: State<'_, AppState>, role: String) -> Result<Gap> {
    state.gap(&role)
}

#[tauri::command(async)]
pub fn make_plan(state: State<'_, AppState>, role: String, input: PlanInput) -> Result<Plan> {
    state.make_plan(&role, &input, now())
}

#[tauri::command(async)]
pub fn active_plan(state: State<'_, AppState>) -> Result<Option<Plan>> {
    state.active_plan()
}

#[tauri::command(async)]
pub fn replan_today(state: State<'_, AppState>) -> Result<Plan> {
    state.replan(today(), now())
}

#[tauri::command(async)]
pub fn log_event(state: State<'_, AppState>, event: NewEvent) -> Result<i64> {
    state.log_event(&event, now())
}

#[tauri::command(async)]
pub fn edit_event(state: State<'_, AppState>, id: i64, event: NewEvent) -> Result<i64> {
    state.edit_event(id, &event, now())
}

#[tauri::command(async)]
pub fn delete_event(state: State<'_, AppState>, id: i64) -> Result<()> {
    state.delete_event(id, now())
}

#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>) -> Result<Option<String>> {
    state.undo()
}

#[tauri::command(async)]
pub fn timeline(state: State<'_, AppState>) -> Result<TimelineView> {
    state.timeline(today())
}

/// Opens a learning resource in the system browser; only http and https addresses.
#[tauri::command(async)]
pub fn open_resource(app: tauri::AppHandle, url: String) -> Result<()> {
    use tauri_plugin_opener::OpenerExt;
    if !pathwise_core::catalog::is_web_url(&url) {
        return Err(crate::error::Error::Invalid(
            "only http and https links can be opened".into(),
        ));
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| crate::error::Error::Invalid(format!("the browser could not be opened: {e}")))
}

/// The UI reports that its first screen is drawn; the answer is the milliseconds since the
/// process started (printed too, so a startup measurement can read it from stderr).
#[tauri::command]
pub fn first_screen() -> u64 {
    let ms = crate::STARTED
        .get()
        .map(|t| t.elapsed().as_millis() as u64)
        .unwrap_or(0);
    eprintln!("pathwise: first screen after {ms} ms");
    ms
}

use crate::export::backup::ImportMode;
use crate::portability::{ExportKind, ImportDone, ImportKind, ImportReview};
use pathwise_core::catalog::{Role, Skill};

/// Asks where to save, then writes the export there. None when the user cancelled;
/// otherwise the path written.
#[tauri::command(async)]
pub fn export_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    lang: String,
) -> Result<Option<String>> {
    let file = state.export_file(kind, &lang, now())?;
    let Some(path) = crate::dialogs::save_path(&app, &file.name, kind.filter()) else {
        return Ok(None);
    };
    crate::dialogs::write_file(&path, &file.text)?;
    Ok(Some(path.display().to_string()))
}

/// Asks which file to import, reads and checks it, and returns the preview. Nothing is
/// written until `apply_import`.
#[tauri::command(async)]
pub fn pick_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: ImportKind,
) -> Result<Option<ImportReview>> {
    let Some(path) = crate::dialogs::open_path(&app, kind.filter()) else {
        return Ok(None);
    };
    let bytes = crate::dialogs::read_capped(&path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.review_import(kind, &name, &bytes).map(Some)
}

#[tauri::command(async)]
pub fn apply_import(state: State<'_, AppState>, mode: ImportMode) -> Result<ImportDone> {
    state.apply_import(mode, now())
}

#[tauri::command(async)]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import()
}

#[tauri::command(async)]
pub fn save_own_skill(state: State<'_, AppState>, skill: Skill) -> Result<Skill> {
    state.save_own_skill(skill, now())
}

#[tauri::command(async)]
pub fn save_own_role(state: State<'_, AppState>, role: Role) -> Result<Role> {
    state.save_own_role(role, now())
}

#[tauri::command(async)]
pub fn delete_own_skill(state: State<'_, AppState>, id: String) -> Result<()> {
    state.delete_own_skill(&id)
}

#[tauri::command(async)]
pub fn delete_own_role(state: State<'_, AppState>, id: String) -> Result<()> {
    state.delete_own_role(&id)
}
