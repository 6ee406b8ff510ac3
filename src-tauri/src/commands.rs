//! The commands the page may call: each one line over a service of `pathwise-app`, with
//! its arguments already checked by their types (`dispatch.rs` reads them). No SQL and no
//! logic here.

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

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Today in the user's time zone: the UI asks for it rather than computing it.
pub(crate) fn today() -> chrono::NaiveDate {
    now().date()
}

pub fn list_roles(state: &AppState) -> Result<Vec<RoleSummary>> {
    state.list_roles()
}

pub fn app_info(state: &AppState) -> Result<AppInfo> {
    state.app_info()
}

pub fn check_store(state: &AppState) -> Result<CheckReport> {
    state.check_store(now())
}

pub fn list_backups(state: &AppState) -> Result<Vec<BackupInfo>> {
    state.list_backups()
}

pub fn restore_backup(state: &AppState, file: String) -> Result<BackupInfo> {
    state.restore_backup(&file, now())
}

pub fn recover(state: &AppState, choice: Recovery) -> Result<AppInfo> {
    state.recover(&choice, now())
}

pub fn today_date() -> String {
    today().to_string()
}

pub fn catalog(state: &AppState) -> Result<CatalogView> {
    state.catalog_view()
}

pub fn get_settings(state: &AppState) -> Result<Settings> {
    state.settings()
}

pub fn save_settings(
    state: &AppState,
    reminders: &crate::reminders::Reminders,
    settings: Settings,
) -> Result<Settings> {
    let saved = state.save_settings(settings)?;
    // The reminder loop re-reads the settings now: the tray, the login item and the next
    // reminder follow at once.
    reminders.wake();
    Ok(saved)
}

pub fn profile(state: &AppState) -> Result<ProfileView> {
    state.profile()
}

pub fn rate_skills(state: &AppState, ratings: Vec<Rating>) -> Result<usize> {
    state.rate(&ratings, today(), now())
}

pub fn fit(state: &AppState) -> Result<FitView> {
    state.fit()
}

pub fn gap(state: &AppState, role: RoleId) -> Result<Gap> {
    state.gap(&role)
}

pub fn make_plan(state: &AppState, role: RoleId, input: PlanRequest) -> Result<PlanView> {
    state.make_plan(&role, &input, today(), now())
}

pub fn active_plan(state: &AppState) -> Result<Option<PlanView>> {
    state.plan_view(today())
}

/// Re-plans from today, with the weekly hours or the deadline changed when given.
pub fn replan_today(state: &AppState, change: Option<PlanChange>) -> Result<PlanView> {
    state.replan_with(&change.unwrap_or_default(), today(), now())
}

pub fn today_view(state: &AppState) -> Result<Option<TodayView>> {
    state.today(today())
}

pub fn log_event(state: &AppState, event: NewEvent) -> Result<i64> {
    state.log_event(&event, now())
}

pub fn edit_event(state: &AppState, id: i64, event: NewEvent) -> Result<i64> {
    state.edit_event(id, &event, now())
}

pub fn delete_event(state: &AppState, id: i64) -> Result<()> {
    state.delete_event(id, now())
}

pub fn undo(state: &AppState) -> Result<Option<String>> {
    state.undo()
}

pub fn timeline(state: &AppState) -> Result<TimelineView> {
    state.timeline(today())
}

pub fn log_page(state: &AppState) -> Result<LogPage> {
    state.log_page()
}

pub fn older_events(state: &AppState, before: Day) -> Result<Vec<Event>> {
    state.older_events(before)
}

/// Opens a learning resource in the system browser; its type admits only http and https.
pub fn open_resource(url: HttpUrl) -> Result<()> {
    // GIO (already in the process, under GTK) finds the desktop's browser; the opener
    // plugin it replaces carried a D-Bus client of its own.
    gio::AppInfo::launch_default_for_uri(&url.into_inner(), gio::AppLaunchContext::NONE)
        .map_err(|e| Error::invalid(Problem::new(Code::BrowserFailed).arg("detail", e)))
}

/// The UI reports that its first screen is drawn; the answer is the milliseconds since the
/// process started (printed too, so a startup measurement can read it from stderr).
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
pub fn export_file(
    app: &tauri::AppHandle,
    state: &AppState,
    kind: ExportKind,
    lang: Lang,
) -> Result<Option<String>> {
    let file = state.export_file(kind, lang, now())?;
    let Some(path) = crate::dialogs::save_path(app, &file.name, kind.filter()) else {
        return Ok(None);
    };
    crate::dialogs::write_file(&path, &file.text)?;
    Ok(Some(path.display().to_string()))
}

/// Asks which file to import, reads and checks it, and returns the preview. Nothing is
/// written until `apply_import`.
pub fn pick_import(
    app: &tauri::AppHandle,
    state: &AppState,
    kind: ImportKind,
) -> Result<Option<ImportReview>> {
    let Some(path) = crate::dialogs::open_path(app, kind.filter()) else {
        return Ok(None);
    };
    let bytes = crate::dialogs::read_capped(&path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.review_import(kind, &name, &bytes).map(Some)
}

pub fn apply_import(state: &AppState, mode: ImportMode) -> Result<ImportDone> {
    state.apply_import(mode, now())
}

pub fn cancel_import(state: &AppState) {
    state.cancel_import()
}

pub fn save_own_skill(state: &AppState, skill: Skill) -> Result<Skill> {
    state.save_own_skill(skill, now())
}

pub fn save_own_role(state: &AppState, role: Role) -> Result<Role> {
    state.save_own_role(role, now())
}

pub fn delete_own_skill(state: &AppState, id: SkillId) -> Result<()> {
    state.delete_own_skill(&id)
}

pub fn delete_own_role(state: &AppState, id: RoleId) -> Result<()> {
    state.delete_own_role(&id)
}
