//! The daily reminder: when it is next due, and whether one is due now, given the
//! settings, the time on the user's clock and the instant up to which reminders are
//! accounted for. No clock is read here; the shell passes `now` and sleeps until `next`.
//!
//! The functions take any chrono `TimeZone`: the app passes `chrono::Local` (the
//! system's zone rules, the same ones that decide "today" everywhere else), the tests
//! pass named zones from chrono-tz. So daylight-saving changes are handled by the zone
//! rules themselves rather than by a fixed offset that would be wrong for half a year,
//! and the app ships no second copy of the time-zone database.

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::problem::{Code, Problem};
use crate::value::ClockTime;

/// The user's reminder settings. Every field has a default, so settings and backups
/// written before reminders existed still read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Reminder {
    /// Off until the user turns it on.
    pub on: bool,
    /// On the user's clock.
    #[ts(as = "String")]
    pub time: ClockTime,
    /// Monday … Sunday.
    pub weekdays: [bool; 7],
    /// Start Pathwise at login, in the tray (so the reminder fires without opening it).
    pub at_login: bool,
}

impl Default for Reminder {
    fn default() -> Self {
        Reminder {
            on: false,
            time: ClockTime::hm(19, 0).expect("19:00 is a time"),
            weekdays: [true; 7],
            at_login: false,
        }
    }
}

impl Reminder {
    /// What makes these settings unusable, if anything: a reminder that is on but can
    /// never fire is a mistake to point out, not a setting to keep silently.
    pub fn problem(&self) -> Option<Problem> {
        (self.on && !self.weekdays.contains(&true))
            .then(|| Problem::at("reminder.weekdays", Code::ReminderNoWeekday))
    }

    fn on_day(&self, day: NaiveDate) -> bool {
        self.weekdays[day.weekday().num_days_from_monday() as usize]
    }
}

/// The instant of the reminder on `day`, if it is one of the chosen weekdays.
///
/// A time the clock skips (spring forward) fires as far after the change as it was
/// after the last valid minute before it, e.g. 02:30 in Berlin on the change day fires at
/// 03:30, the same elapsed time after midnight. A time the clock shows twice (fall back)
/// fires at its first showing only.
pub fn occurrence<Tz: TimeZone>(r: &Reminder, day: NaiveDate, tz: &Tz) -> Option<DateTime<Tz>> {
    if !r.on_day(day) {
        return None;
    }
    let local = day.and_time(r.time.get());
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t),
        LocalResult::Ambiguous(first, _) => Some(first),
        LocalResult::None => {
            // The offset in force a day earlier is the one before the gap (zones change
            // at most once a day), so reading the local time with it lands past the gap.
            let before = tz
                .offset_from_utc_datetime(&(local - chrono::Duration::days(1)))
                .fix();
            let utc = local - before;
            Some(tz.from_utc_datetime(&utc))
        }
    }
}

/// What the shell does now.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision<Tz: TimeZone> {
    /// Show one reminder now: today's is due (or was missed earlier today) and was not
    /// shown yet.
    pub fire_now: bool,
    /// The next reminder after `now`; None when reminders are off.
    pub next: Option<DateTime<Tz>>,
}

/// Decides from the settings, the time now and `since`: the instant up to which
/// reminders are accounted for (the last one shown, or when the reminder was turned on
/// or changed; None: nothing to catch up on).
///
/// Only today's reminder can fire late. Reminders of earlier days that passed while the
/// machine was off are dropped, so starting the app after a week away shows at most one,
/// and never an old one just before today's own.
pub fn decide<Tz: TimeZone>(
    r: &Reminder,
    now: &DateTime<Tz>,
    since: Option<DateTime<Utc>>,
) -> Decision<Tz> {
    if !r.on {
        return Decision {
            fire_now: false,
            next: None,
        };
    }
    let tz = now.timezone();
    let today = now.date_naive();
    let fire_now = match (occurrence(r, today, &tz), since) {
        (Some(due), Some(since)) => due <= *now && due.with_timezone(&Utc) > since,
        _ => false,
    };
    // Eight days always include the next chosen weekday after today.
    let next = (0..=8)
        .filter_map(|d| today.checked_add_days(Days::new(d)))
        .filter_map(|day| occurrence(r, day, &tz))
        .find(|t| t > now);
    Decision { fire_now, next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;

    fn reminder(time: &str, days: &str) -> Reminder {
        Reminder {
            on: true,
            time: ClockTime::parse(time).unwrap(),
            weekdays: std::array::from_fn(|i| days.as_bytes()[i] == b'x'),
            at_login: false,
        }
    }

    fn at(tz: Tz, text: &str) -> DateTime<Tz> {
        let local = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        tz.from_local_datetime(&local).earliest().unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    /// One row: reminder, zone, now (local), since (UTC), expected fire and the next
    /// reminder as an RFC 3339 instant with the zone's offset.
    fn check(r: &Reminder, tz: Tz, now: &str, since: Option<&str>, fire: bool, next: Option<&str>) {
        let got = decide(r, &at(tz, now), since.map(utc));
        assert_eq!(got.fire_now, fire, "fire at {now} ({tz}) since {since:?}");
        assert_eq!(
            got.next.map(|t| t.to_rfc3339()),
            next.map(str::to_owned),
            "next after {now} ({tz})"
        );
    }

    #[test]
    fn the_next_reminder_is_the_time_on_the_next_chosen_weekday() {
        use chrono_tz::{America::New_York, Asia::Shanghai, UTC};
        let every = reminder("19:00", "xxxxxxx");
        // 2026-11-30 is a Monday.
        check(
            &every,
            UTC,
            "2026-11-30 08:00",
            None,
            false,
            Some("2026-11-30T19:00:00+00:00"),
        );
        check(
            &every,
            UTC,
            "2026-11-30 19:00",
            None,
            false,
            Some("2026-12-01T19:00:00+00:00"),
        );
        check(
            &every,
            Shanghai,
            "2026-11-30 20:00",
            None,
            false,
            Some("2026-12-01T19:00:00+08:00"),
        );
        check(
            &every,
            New_York,
            "2026-11-30 18:59",
            None,
            false,
            Some("2026-11-30T19:00:00-05:00"),
        );

        // Weekdays only: Friday evening and the weekend wait for Monday.
        let weekdays = reminder("07:30", "xxxxx..");
        check(
            &weekdays,
            UTC,
            "2026-12-04 08:00",
            None,
            false,
            Some("2026-12-07T07:30:00+00:00"),
        );
        check(
            &weekdays,
            UTC,
            "2026-12-05 06:00",
            None,
            false,
            Some("2026-12-07T07:30:00+00:00"),
        );
        // Sunday only, seen from a Monday: six days ahead.
        let sunday = reminder("10:00", "......x");
        check(
            &sunday,
            Shanghai,
            "2026-11-30 10:00",
            None,
            false,
            Some("2026-12-06T10:00:00+08:00"),
        );

        // Off, or on with no weekday: nothing, ever.
        let mut off = every.clone();
        off.on = false;
        check(
            &off,
            UTC,
            "2026-11-30 20:00",
            Some("2026-11-29T00:00:00Z"),
            false,
            None,
        );
        check(
            &reminder("10:00", "......."),
            UTC,
            "2026-11-30 20:00",
            None,
            false,
            None,
        );
    }

    #[test]
    fn a_reminder_fires_once_when_due_and_the_same_instant_in_every_zone_is_local() {
        use chrono_tz::{Asia::Shanghai, Europe::Berlin};
        let r = reminder("09:00", "xxxxxxx");
        // Woken at 09:00 with yesterday's reminder the last shown: fire.
        check(
            &r,
            Berlin,
            "2026-11-30 09:00",
            Some("2026-11-29T08:00:00Z"),
            true,
            Some("2026-12-01T09:00:00+01:00"),
        );
        // Shown at 09:00 (since = 08:00 UTC): not again at 09:01.
        check(
            &r,
            Berlin,
            "2026-11-30 09:01",
            Some("2026-11-30T08:00:00Z"),
            false,
            Some("2026-12-01T09:00:00+01:00"),
        );
        // 09:00 in Shanghai is 01:00 UTC: a `since` of 00:30 UTC is before it, 01:30 after.
        check(
            &r,
            Shanghai,
            "2026-11-30 09:05",
            Some("2026-11-30T00:30:00Z"),
            true,
            Some("2026-12-01T09:00:00+08:00"),
        );
        check(
            &r,
            Shanghai,
            "2026-11-30 09:05",
            Some("2026-11-30T01:30:00Z"),
            false,
            Some("2026-12-01T09:00:00+08:00"),
        );
        // Turned on (since = now) after today's time: today's does not fire.
        check(
            &r,
            Berlin,
            "2026-11-30 12:00",
            Some("2026-11-30T11:00:00Z"),
            false,
            Some("2026-12-01T09:00:00+01:00"),
        );
        // Nothing accounted for yet: no catching up.
        check(
            &r,
            Berlin,
            "2026-11-30 12:00",
            None,
            false,
            Some("2026-12-01T09:00:00+01:00"),
        );
    }

    #[test]
    fn missed_days_give_at_most_one_reminder_and_only_for_today() {
        use chrono_tz::Europe::Berlin;
        let r = reminder("09:00", "xxxxxxx");
        // Off since Friday's reminder, started Monday at 12:00: one, for today.
        check(
            &r,
            Berlin,
            "2026-11-30 12:00",
            Some("2026-11-27T08:00:00Z"),
            true,
            Some("2026-12-01T09:00:00+01:00"),
        );
        // Started Monday at 08:00: the weekend's are dropped; today's comes at 09:00.
        check(
            &r,
            Berlin,
            "2026-11-30 08:00",
            Some("2026-11-27T08:00:00Z"),
            false,
            Some("2026-11-30T09:00:00+01:00"),
        );
        // Started on a day without a reminder after missing one: nothing now.
        let weekdays = reminder("09:00", "xxxxx..");
        check(
            &weekdays,
            Berlin,
            "2026-12-05 12:00",
            Some("2026-12-03T08:00:00Z"),
            false,
            Some("2026-12-07T09:00:00+01:00"),
        );
    }

    #[test]
    fn daylight_saving_changes_keep_the_clock_time_and_fire_once() {
        use chrono_tz::{America::New_York, Europe::Berlin};
        let r = reminder("19:00", "xxxxxxx");
        // Berlin springs forward on 2026-03-29: 19:00 is +02:00 that evening.
        check(
            &r,
            Berlin,
            "2026-03-28 20:00",
            None,
            false,
            Some("2026-03-29T19:00:00+02:00"),
        );
        // and falls back on 2026-10-25: +01:00.
        check(
            &r,
            Berlin,
            "2026-10-24 20:00",
            None,
            false,
            Some("2026-10-25T19:00:00+01:00"),
        );
        // New York: 2026-03-08 and 2026-11-01.
        check(
            &r,
            New_York,
            "2026-03-07 20:00",
            None,
            false,
            Some("2026-03-08T19:00:00-04:00"),
        );
        check(
            &r,
            New_York,
            "2026-10-31 20:00",
            None,
            false,
            Some("2026-11-01T19:00:00-05:00"),
        );

        // A time the clock skips (02:30 on 2026-03-29 in Berlin) fires at 03:30 CEST.
        let skipped = reminder("02:30", "xxxxxxx");
        check(
            &skipped,
            Berlin,
            "2026-03-29 00:00",
            None,
            false,
            Some("2026-03-29T03:30:00+02:00"),
        );
        check(
            &skipped,
            Berlin,
            "2026-03-29 03:31",
            Some("2026-03-28T01:30:00Z"),
            true,
            Some("2026-03-30T02:30:00+02:00"),
        );
        // A time the clock shows twice (02:30 on 2026-10-25) fires at its first showing
        // and not again an hour later.
        check(
            &skipped,
            Berlin,
            "2026-10-25 00:00",
            None,
            false,
            Some("2026-10-25T02:30:00+02:00"),
        );
        let second = Berlin.from_utc_datetime(&utc("2026-10-25T01:30:00Z").naive_utc());
        assert_eq!(second.to_rfc3339(), "2026-10-25T02:30:00+01:00");
        let got = decide(&skipped, &second, Some(utc("2026-10-25T00:30:00Z")));
        assert!(!got.fire_now, "the second 02:30 must not fire again");
        assert_eq!(got.next.unwrap().to_rfc3339(), "2026-10-26T02:30:00+01:00");
    }

    #[test]
    fn a_reminder_without_weekdays_is_a_problem_only_when_on() {
        let mut r = reminder("09:00", ".......");
        assert_eq!(r.problem().unwrap().code, Code::ReminderNoWeekday);
        r.on = false;
        assert!(r.problem().is_none());
        assert!(reminder("09:00", "x......").problem().is_none());
    }

    #[test]
    fn settings_without_a_reminder_read_as_off() {
        let r: Reminder = serde_json::from_str("{}").unwrap();
        assert_eq!(r, Reminder::default());
        assert!(!r.on);
        let r: Reminder = serde_json::from_str(r#"{"on":true,"time":"06:15"}"#).unwrap();
        assert_eq!(r.time.to_string(), "06:15");
        assert!(serde_json::from_str::<Reminder>(r#"{"time":"25:00"}"#).is_err());
    }
}
