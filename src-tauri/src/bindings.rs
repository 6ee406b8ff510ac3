//! The TypeScript types for everything that crosses IPC, generated with ts-rs into
//! `ui/src/bindings/`, and the English text of every problem code (`codes.ts`), so the UI
//! has one source for both. `make bindings` writes them; a test fails when they drift.

use std::path::Path;

use pathwise_core::problem::Code;
use ts_rs::{Config, ExportError, TS};

pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    pathwise_app::error::ErrorPayload::export_all(&cfg)?;
    pathwise_app::services::backups::AppInfo::export_all(&cfg)?;
    pathwise_app::services::backups::CheckReport::export_all(&cfg)?;
    pathwise_app::store::backups::BackupInfo::export_all(&cfg)?;
    pathwise_app::services::backups::Recovery::export_all(&cfg)?;
    pathwise_core::RoleSummary::export_all(&cfg)?;
    pathwise_app::store::settings::Settings::export_all(&cfg)?;
    pathwise_app::store::events::NewEvent::export_all(&cfg)?;
    pathwise_app::services::catalog::CatalogView::export_all(&cfg)?;
    pathwise_app::services::assessment::ProfileView::export_all(&cfg)?;
    pathwise_app::services::opening::Opening::export_all(&cfg)?;
    pathwise_app::services::assessment::FitView::export_all(&cfg)?;
    pathwise_app::services::assessment::Rating::export_all(&cfg)?;
    pathwise_app::services::timeline::TimelineView::export_all(&cfg)?;
    pathwise_app::services::timeline::LogPage::export_all(&cfg)?;
    pathwise_app::services::plan::PlanRequest::export_all(&cfg)?;
    pathwise_core::fit::Gap::export_all(&cfg)?;
    pathwise_core::plan::Plan::export_all(&cfg)?;
    pathwise_app::services::plan::PlanView::export_all(&cfg)?;
    pathwise_app::services::plan::PlanChange::export_all(&cfg)?;
    pathwise_app::services::today::TodayView::export_all(&cfg)?;
    pathwise_app::services::export::ExportKind::export_all(&cfg)?;
    pathwise_app::services::import::ImportKind::export_all(&cfg)?;
    pathwise_app::services::import::ImportReview::export_all(&cfg)?;
    pathwise_app::services::import::ImportDone::export_all(&cfg)?;
    pathwise_app::formats::backup::ImportMode::export_all(&cfg)?;
    pathwise_core::catalog::Skill::export_all(&cfg)?;
    pathwise_core::catalog::Role::export_all(&cfg)?;
    std::fs::write(dir.join("codes.ts"), codes_ts())?;
    Ok(())
}

/// Every problem code with its English template, as TypeScript the UI imports.
pub fn codes_ts() -> String {
    let mut out = String::from(
        "// Generated from pathwise_core::problem::Code by `make bindings`. Do not edit.\n\
         import type { Code } from \"./Code\";\n\n\
         export const ENGLISH: Record<Code, string> = {\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "  {code}: {},\n",
            serde_json::to_string(code.english()).expect("a string serializes")
        ));
    }
    out.push_str("};\n");
    out
}
