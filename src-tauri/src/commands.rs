//! The commands the page may call: each one line over a service of `pathwise-app`, with
//! its arguments already checked by their types. No SQL and no logic here.

use pathwise_app::formats::backup::ImportMode;
use pathwise_app::services::assessment::{FitView, ProfileView, Rating};
use pathwise_app::services::backups::{AppInfo, CheckReport, Recovery};
use pathwise_app::services::catalog::CatalogView;
use pathwise_app::services::export::ExportKind;
use pathwise_app::services::import::{ImportDone, ImportKind, ImportReview};
use pathwise_app::services::plan::{PlanChange, PlanRequest, PlanView};
use pathwise_app::services::timeline::{LogPage, TimelineView};
use pathwise_app::services::today::TodayView;
use pathwise_app::store::backups::BackupInfo;
use pathwise_app::store::events::NewEvent;
use pathwise_app::store::settings::Settings;
use pathwise_app::{AppState, Error, Result};
use pathwise_core::catalog::{Role, Skill};
use pathwise_core::fit::Gap;
use pathwise_core::problem::{Code, Problem};
use pathwise_core::profile::Event;
use pathwise_core::value::{Day, HttpUrl, Lang, RoleId, SkillId};
use pathwise_core::RoleSummary;
use tauri::State;

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Today in the user's time zone: the UI asks for it rather than computing it.
fn today() -> chrono::NaiveDate {
    now().date()
}

#[tauri::command]
pub fn list_roles(state: State<'_, AppState>) -> Result<Vec<RoleSummary>> {
    state.list_roles()
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    state.app_info()
}

#[tauri::command]
pub fn check_store(state: State<'_, AppState>) -> Result<CheckReport> {
    state.check_store(now())
}

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    state.list_backups()
}

#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, file: String) -> Result<BackupInfo> {
    state.restore_backup(&file, now())
}

#[tauri::command]
pub fn recover(state: State<'_, AppState>, choice: Recovery) -> Result<AppInfo> {
    state.recover(&choice, now())
}

#[tauri::command]
pub fn today_date() -> String {
    today().to_string()
}

#[tauri::command]
pub fn catalog(state: State<'_, AppState>) -> Result<CatalogView> {
    state.catalog_view()
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    state.settings()
}

#[tauri::command]
pub fn save_settings(
    state: State<'_, AppState>,
    reminders: State<'_, crate::reminders::Reminders>,
    settings: Settings,
) -> Result<Settings> {
    let saved = state.save_settings(settings)?;
    // The reminder loop re-reads the settings now: the tray, the login item and the next
    // reminder follow at once.
    reminders.wake();
    Ok(saved)
}

#[tauri::command]
pub fn profile(state: State<'_, AppState>) -> Result<ProfileView> {
    state.profile()
}

#[tauri::command]
pub fn rate_skills(state: State<'_, AppState>, ratings: Vec<Rating>) -> Result<usize> {
    state.rate(&ratings, today(), now())
}

#[tauri::command]
pub fn fit(state: State<'_, AppState>) -> Result<FitView> {
    state.fit()
}

#[tauri::command]
pub fn gap(state: State<'_, AppState>, role: RoleId) -> Result<Gap> {
    state.gap(&role)
}

#[tauri::command]
pub fn make_plan(state: State<'_, AppState>, role: RoleId, input: PlanRequest) -> Result<PlanView> {
    state.make_plan(&role, &input, today(), now())
}

#[tauri::command]
pub fn active_plan(state: State<'_, AppState>) -> Result<Option<PlanView>> {
    state.plan_view(today())
}

/// Re-plans from today, with the weekly hours or the deadline changed when given.
#[tauri::command]
pub fn replan_today(state: State<'_, AppState>, change: Option<PlanChange>) -> Result<PlanView> {
    state.replan_with(&change.unwrap_or_default(), today(), now())
}

#[tauri::command]
pub fn today_view(state: State<'_, AppState>) -> Result<Option<TodayView>> {
    state.today(today())
}

#[tauri::command]
pub fn log_event(state: State<'_, AppState>, event: NewEvent) -> Result<i64> {
    state.log_event(&event, now())
}

#[tauri::command]
pub fn edit_event(state: State<'_, AppState>, id: i64, event: NewEvent) -> Result<i64> {
    state.edit_event(id, &event, now())
}

#[tauri::command]
pub fn delete_event(state: State<'_, AppState>, id: i64) -> Result<()> {
    state.delete_event(id, now())
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Result<Option<String>> {
    state.undo()
}

#[tauri::command]
pub fn timeline(state: State<'_, AppState>) -> Result<TimelineView> {
    state.timeline(today())
}

#[tauri::command]
pub fn log_page(state: State<'_, AppState>) -> Result<LogPage> {
    state.log_page()
}

#[tauri::command]
pub fn older_events(state: State<'_, AppState>, before: Day) -> Result<Vec<Event>> {
    state.older_events(before)
}

/// Opens a learning resource in the system browser; its type admits only http and https.
#[tauri::command]
pub fn open_resource(url: HttpUrl) -> Result<()> {
    // GIO (already in the process, under GTK) finds the desktop's browser; the opener
    // plugin it replaces carried a D-Bus client of its own.
    gio::AppInfo::launch_default_for_uri(&url.into_inner(), gio::AppLaunchContext::NONE)
        .map_err(|e| Error::invalid(Problem::new(Code::BrowserFailed).arg("detail", e)))
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

/// Asks where to save, then writes the export there. None when the user cancelled;
/// otherwise the path written.
#[tauri::command]
pub fn export_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    lang: Lang,
) -> Result<Option<String>> {
    let file = state.export_file(kind, lang, now())?;
    let Some(path) = crate::dialogs::save_path(&app, &file.name, kind.filter()) else {
        return Ok(None);
    };
    crate::dialogs::write_file(&path, &file.text)?;
    Ok(Some(path.display().to_string()))
}

/// Asks which file to import, reads and checks it, and returns the preview. Nothing is
/// written until `apply_import`.
#[tauri::command]
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

#[tauri::command]
pub fn apply_import(state: State<'_, AppState>, mode: ImportMode) -> Result<ImportDone> {
    state.apply_import(mode, now())
}

#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_import()
}

#[tauri::command]
pub fn save_own_skill(state: State<'_, AppState>, skill: Skill) -> Result<Skill> {
    state.save_own_skill(skill, now())
}

#[tauri::command]
pub fn save_own_role(state: State<'_, AppState>, role: Role) -> Result<Role> {
    state.save_own_role(role, now())
}

#[tauri::command]
pub fn delete_own_skill(state: State<'_, AppState>, id: SkillId) -> Result<()> {
    state.delete_own_skill(&id)
}

#[tauri::command]
pub fn delete_own_role(state: State<'_, AppState>, id: RoleId) -> Result<()> {
    state.delete_own_role(&id)
}
