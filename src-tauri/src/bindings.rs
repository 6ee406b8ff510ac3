//! The TypeScript types for everything that crosses IPC, generated with ts-rs into
//! `ui/src/bindings/`. `make bindings` writes them; a test fails when they drift.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    crate::error::ErrorPayload::export_all(&cfg)?;
    crate::state::AppInfo::export_all(&cfg)?;
    crate::state::CheckReport::export_all(&cfg)?;
    crate::db::backups::BackupInfo::export_all(&cfg)?;
    pathwise_core::RoleSummary::export_all(&cfg)?;
    crate::db::settings::Settings::export_all(&cfg)?;
    crate::db::events::NewEvent::export_all(&cfg)?;
    crate::journey::CatalogView::export_all(&cfg)?;
    crate::journey::ProfileView::export_all(&cfg)?;
    crate::journey::FitView::export_all(&cfg)?;
    crate::journey::Rating::export_all(&cfg)?;
    crate::journey::TimelineView::export_all(&cfg)?;
    pathwise_core::fit::Gap::export_all(&cfg)?;
    pathwise_core::plan::Plan::export_all(&cfg)?;
    pathwise_core::plan::PlanInput::export_all(&cfg)?;
    crate::portability::ExportKind::export_all(&cfg)?;
    crate::portability::ImportKind::export_all(&cfg)?;
    crate::portability::ImportReview::export_all(&cfg)?;
    crate::portability::ImportDone::export_all(&cfg)?;
    crate::export::backup::ImportMode::export_all(&cfg)?;
    pathwise_core::catalog::Skill::export_all(&cfg)?;
    pathwise_core::catalog::Role::export_all(&cfg)?;
    Ok(())
}
