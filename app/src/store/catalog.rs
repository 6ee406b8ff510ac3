//! The user's own roles and skills, stored one JSON body per entry and validated by the
//! core together with the built-in catalog before anything is written.

use chrono::NaiveDateTime;
use pathwise_core::catalog::{Pack, Role, Skill};
use rusqlite::{Connection, Transaction};

use pathwise_core::problem::{Code, Problem};

use crate::error::{Error, ErrorKind, Result};

fn bodies<T: serde::de::DeserializeOwned>(conn: &Connection, table: &str) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT id, body FROM {table} ORDER BY rowid"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, body) = row?;
        out.push(serde_json::from_str(&body).map_err(|e| {
            Error::new(
                ErrorKind::Corrupt,
                Problem::new(Code::SavedUnreadable)
                    .arg("what", format!("entry `{id}`"))
                    .arg("detail", e),
            )
        })?);
    }
    Ok(out)
}

/// The user's additions as a pack.
pub fn load(conn: &Connection) -> Result<Pack> {
    Ok(Pack {
        skills: bodies(conn, "custom_skills")?,
        roles: bodies(conn, "custom_roles")?,
        ..Pack::default()
    })
}

fn put(tx: &Transaction, table: &str, id: &str, body: String, now: NaiveDateTime) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO {table} (id, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"
        ),
        (id, body, pathwise_core::stamp::seconds(now)),
    )?;
    Ok(())
}

pub fn put_skill(tx: &Transaction, skill: &Skill, now: NaiveDateTime) -> Result<()> {
    put(
        tx,
        "custom_skills",
        &skill.id,
        serde_json::to_string(skill).expect("skill serializes"),
        now,
    )
}

pub fn put_role(tx: &Transaction, role: &Role, now: NaiveDateTime) -> Result<()> {
    put(
        tx,
        "custom_roles",
        &role.id,
        serde_json::to_string(role).expect("role serializes"),
        now,
    )
}

pub fn delete_skill(tx: &Transaction, id: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM custom_skills WHERE id = ?1", [id])? > 0)
}

pub fn delete_role(tx: &Transaction, id: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM custom_roles WHERE id = ?1", [id])? > 0)
}
