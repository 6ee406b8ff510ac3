//! A damaged database is moved aside exactly as it was found (with its `-wal` and `-shm`:
//! no connection to it is left to fold the log in on close), what can still be read is
//! salvaged into a fresh file, and the user is told both with the backups that could help.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use pathwise_core::problem::{Code, Problem};

use super::{backups, path_in, salvage, ProblemKind, StoreProblem, FILE_NAME};

/// Moves the damaged store in `dir` aside under a timestamped name, salvages it, and
/// describes what happened. The damaged file is never deleted or changed.
pub fn quarantine(dir: &Path, now: NaiveDateTime, problem: Problem) -> StoreProblem {
    let stamp = pathwise_core::stamp::compact(now);
    let main = path_in(dir);
    let target = dir.join(format!("{FILE_NAME}.corrupt-{stamp}"));
    let mut moved = Ok(());
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", main.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", target.display()));
            if let Err(e) = std::fs::rename(&from, &to) {
                moved = Err(e);
            }
        }
    }
    let backups = backups::list_verified(dir);
    match moved {
        Ok(()) => StoreProblem {
            kind: ProblemKind::Corrupt,
            problem,
            moved_to: Some(target.display().to_string()),
            salvaged: salvage::salvage(dir, &target, now),
            backups,
        },
        Err(e) => StoreProblem {
            kind: ProblemKind::Corrupt,
            problem: Problem::new(Code::StoreNotMoved)
                .arg("file", main.display())
                .arg(
                    "detail",
                    pathwise_core::problem::describe(std::slice::from_ref(&problem)),
                )
                .arg("reason", e),
            moved_to: None,
            salvaged: None,
            backups,
        },
    }
}
