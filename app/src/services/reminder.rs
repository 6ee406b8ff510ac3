//! The daily reminder: whether one is due now and what it says (today's step and its
//! hours), and the bookkeeping that keeps it to one a day.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use pathwise_core::reminder::{self, Reminder};
use pathwise_core::status::plan_status;
use pathwise_core::text::Text;
use pathwise_core::today::todays_step;
use pathwise_core::value::Lang;

use crate::error::Result;
use crate::state::AppState;
use crate::store::{self, settings::ReminderMark};

/// Today's open step, named for a notification or the tray.
#[derive(Debug, Clone, PartialEq)]
pub struct StepNote {
    /// `skill@level`.
    pub step: String,
    pub skill: Text,
    pub level: Text,
    /// Hours the plan gives the step today; 0 for a late step with no time today.
    pub hours_today: f64,
    pub remaining_hours: f64,
}

/// What the shell does now, and when to look again.
#[derive(Debug, Clone)]
pub struct ReminderCheck<Tz: TimeZone> {
    pub reminder: Reminder,
    /// The language chosen in the settings; None: the system's.
    pub language: Option<Lang>,
    /// Show this now: a reminder is due and today's step is still open.
    pub notify: Option<StepNote>,
    pub next: Option<DateTime<Tz>>,
}

impl AppState {
    /// Today's open step, if the plan has one (None without a plan).
    pub fn todays_step(&self, today: NaiveDate) -> Result<Option<StepNote>> {
        // The plan's status only, not the Today view: the loop asks every minute, and the
        // forecast's sampling would be wasted on it.
        let Some((plan, _)) = self.plan_and_made()? else {
            return Ok(None);
        };
        let status = plan_status(&plan, &self.events()?, today);
        let Some(step) = todays_step(&plan, &status, today) else {
            return Ok(None);
        };
        let item = &plan.items[step.index];
        let catalog = self.catalog()?;
        let skill = catalog
            .skill(&item.skill)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| Text {
                en: item.skill.to_string(),
                zh: item.skill.to_string(),
            });
        let level = pathwise_core::level::scale()
            .into_iter()
            .find(|l| l.level == item.level)
            .map(|l| l.name)
            .unwrap_or_default();
        Ok(Some(StepNote {
            step: item.id(),
            skill,
            level,
            hours_today: step.hours_today,
            remaining_hours: step.remaining_hours,
        }))
    }

    /// Decides at `now` (on the user's clock) whether a reminder is due, and records that
    /// it was handled, so it is shown once even if the app restarts. A due reminder with
    /// no open step today is handled silently: there is nothing to ask for.
    pub fn check_reminder<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<ReminderCheck<Tz>> {
        let settings = self.settings()?;
        let r = settings.reminder.clone();
        let mark = self.with_db(|c| store::settings::reminder_mark(c))?;
        let now_utc = now.with_timezone(&Utc);
        let mark_now = || ReminderMark {
            since: now_utc,
            reminder: r.clone(),
        };
        let since = match mark {
            Some(m) if m.reminder == r => m.since,
            _ => {
                self.write(|tx| store::settings::set_reminder_mark(tx, &mark_now()))?;
                now_utc
            }
        };
        let decision = reminder::decide(&r, now, Some(since));
        let mut notify = None;
        if decision.fire_now {
            self.write(|tx| store::settings::set_reminder_mark(tx, &mark_now()))?;
            notify = self.todays_step(now.date_naive())?;
        }
        Ok(ReminderCheck {
            reminder: r,
            language: settings.language,
            notify,
            next: decision.next,
        })
    }
}
