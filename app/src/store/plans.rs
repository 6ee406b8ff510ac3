//! Plans: the active plan's inputs, summary and items. Saving a new plan keeps the old
//! ones (inactive) so a re-plan can be compared with what came before.

use chrono::{NaiveDate, NaiveDateTime};
use pathwise_core::plan::{Plan, PlanInput, PlanItem};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use pathwise_core::problem::{Code, Problem};

use super::dates::DbDate;
use crate::error::{Error, ErrorKind, Result};

fn item_from_row(row: &Row) -> rusqlite::Result<PlanItem> {
    let after: String = row.get("after")?;
    Ok(PlanItem {
        skill: row.get::<_, String>("skill")?.into(),
        level: row.get("level")?,
        hours: row.get("hours")?,
        remaining_hours: row.get("remaining_hours")?,
        prerequisite: row.get("prerequisite")?,
        importance: row.get("importance")?,
        start: row.get::<_, DbDate>("start")?.0,
        due: row.get::<_, DbDate>("due")?.0,
        after: serde_json::from_str(&after).unwrap_or_default(),
        done: row.get("done")?,
        slip_days: row.get("slip_days")?,
    })
}

/// When a plan was made, and since when its weekly hours hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    /// The day the user first made the plan (a re-plan keeps it).
    pub made: NaiveDate,
    /// The day its weekly hours took effect (a re-plan with new hours moves it).
    pub hours_from: NaiveDate,
}

impl Dates {
    pub fn new(day: NaiveDate) -> Dates {
        Dates {
            made: day,
            hours_from: day,
        }
    }
}

/// Saves `plan` as the active one, with its `dates`.
pub fn save_active(tx: &Transaction, plan: &Plan, dates: Dates, now: NaiveDateTime) -> Result<i64> {
    tx.execute("UPDATE plans SET active = 0 WHERE active = 1", [])?;
    tx.execute(
        "INSERT INTO plans (role, input, packed_from, finish, total_hours, slip_days, created_at, active, made, hours_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9)",
        params![
            plan.role,
            serde_json::to_string(&plan.input).expect("plan input serializes"),
            DbDate(plan.packed_from),
            DbDate(plan.finish),
            plan.total_hours,
            plan.slip_days,
            pathwise_core::stamp::seconds(now),
            DbDate(dates.made),
            DbDate(dates.hours_from),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO plan_items (plan_id, item_id, position, skill, level, hours, remaining_hours,
            prerequisite, importance, start, due, after, done, slip_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (pos, i) in plan.items.iter().enumerate() {
        stmt.execute(params![
            id,
            i.id(),
            pos as i64,
            i.skill,
            i.level,
            i.hours,
            i.remaining_hours,
            i.prerequisite,
            i.importance,
            DbDate(i.start),
            DbDate(i.due),
            serde_json::to_string(&i.after).expect("indices serialize"),
            i.done,
            i.slip_days,
        ])?;
    }
    Ok(id)
}

/// The active plan, rebuilt with the core's summary (verdict, weekly hours needed).
/// When the active plan was made and since when its weekly hours hold.
pub fn dates(conn: &Connection) -> Result<Option<Dates>> {
    let row = conn
        .query_row(
            "SELECT made, hours_from FROM plans WHERE active = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, Option<DbDate>>(0)?.map(|d| d.0),
                    r.get::<_, Option<DbDate>>(1)?.map(|d| d.0),
                ))
            },
        )
        .optional()?;
    Ok(row.and_then(|(made, hours_from)| {
        let made = made?;
        Some(Dates {
            made,
            hours_from: hours_from.unwrap_or(made),
        })
    }))
}

pub fn load_active(conn: &Connection) -> Result<Option<Plan>> {
    let head: Option<(i64, String, String, chrono::NaiveDate, i64)> = conn
        .query_row(
            "SELECT id, role, input, packed_from, slip_days FROM plans WHERE active = 1",
            [],
            |r| {
                Ok((
                    r.get("id")?,
                    r.get("role")?,
                    r.get("input")?,
                    r.get::<_, DbDate>("packed_from")?.0,
                    r.get("slip_days")?,
                ))
            },
        )
        .optional()?;
    let Some((id, role, input, packed_from, slip_days)) = head else {
        return Ok(None);
    };
    let input: PlanInput = serde_json::from_str(&input).map_err(|e| {
        Error::new(
            ErrorKind::Corrupt,
            Problem::new(Code::SavedUnreadable)
                .arg("what", "plan")
                .arg("detail", e),
        )
    })?;
    let mut stmt =
        conn.prepare_cached("SELECT * FROM plan_items WHERE plan_id = ?1 ORDER BY position")?;
    let items = stmt
        .query_map([id], item_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut plan = pathwise_core::plan::assemble(&role, &input, packed_from, items)?;
    plan.slip_days = slip_days;
    Ok(Some(plan))
}
