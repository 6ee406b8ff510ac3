//! Settings: one row per key, the value as JSON.

use chrono::{DateTime, Utc};
use pathwise_core::reminder::Reminder;
use pathwise_core::value::{Day, DayHours, Lang, RoleId};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Settings {
    /// None until chosen (the UI then follows the system locale).
    pub language: Option<Lang>,
    pub theme: Theme,
    /// Default hours available Monday … Sunday.
    #[ts(as = "[f64; 7]")]
    pub weekly_hours: [DayHours; 7],
    pub start_date: Option<Day>,
    pub target_role: Option<RoleId>,
    /// The first-run self-assessment was finished or skipped.
    pub onboarded: bool,
    /// The daily reminder; absent in settings and backups from before it existed.
    #[serde(default)]
    pub reminder: Reminder,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            theme: Theme::System,
            weekly_hours: [1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0]
                .map(|h| DayHours::try_from(h).expect("default hours are valid")),
            start_date: None,
            target_role: None,
            onboarded: false,
            reminder: Reminder::default(),
        }
    }
}

fn get<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let raw: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    // A value this version cannot read falls back to the default rather than failing
    // the whole app.
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
}

fn put<T: Serialize>(tx: &Transaction, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).expect("settings serialize");
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json),
    )?;
    Ok(())
}

impl Settings {
    /// The weekly hours as plain numbers, as the core takes them.
    pub fn weekly(&self) -> [f64; 7] {
        self.weekly_hours.map(|h| *h.get())
    }
}

pub fn load(conn: &Connection) -> Result<Settings> {
    let d = Settings::default();
    Ok(Settings {
        language: get(conn, "language")?.or(d.language),
        theme: get(conn, "theme")?.unwrap_or(d.theme),
        weekly_hours: get(conn, "weekly_hours")?.unwrap_or(d.weekly_hours),
        start_date: get(conn, "start_date")?.or(d.start_date),
        target_role: get(conn, "target_role")?.or(d.target_role),
        onboarded: get(conn, "onboarded")?.unwrap_or(d.onboarded),
        reminder: get(conn, "reminder")?.unwrap_or(d.reminder),
    })
}

pub fn save(tx: &Transaction, s: &Settings) -> Result<()> {
    put(tx, "language", &s.language)?;
    put(tx, "theme", &s.theme)?;
    put(tx, "weekly_hours", &s.weekly_hours)?;
    put(tx, "start_date", &s.start_date)?;
    put(tx, "target_role", &s.target_role)?;
    put(tx, "onboarded", &s.onboarded)?;
    put(tx, "reminder", &s.reminder)?;
    Ok(())
}

/// The instant up to which reminders are accounted for (see `reminder::decide`), and
/// the reminder settings it was reckoned for: once they change (saved, imported or
/// restored), nothing before the change is owed. Kept apart from `Settings`: it is the
/// app's bookkeeping, not a choice the user makes or a backup carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderMark {
    pub since: DateTime<Utc>,
    pub reminder: Reminder,
}

pub fn reminder_mark(conn: &Connection) -> Result<Option<ReminderMark>> {
    get(conn, "reminder_mark")
}

pub fn set_reminder_mark(tx: &Transaction, mark: &ReminderMark) -> Result<()> {
    put(tx, "reminder_mark", mark)
}
