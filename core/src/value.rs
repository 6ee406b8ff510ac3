//! Values checked once, where they enter: each type below can only hold a valid value, so
//! code past the command layer never checks again, and each limit is written here only.
//! Serde parses them (`try_from`), and so do the file readers, through the same
//! constructors, so a CSV row and a command argument are refused with the same code.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::problem::{shown, Code, Problem};

pub const MAX_ID_LEN: usize = 64;
pub const MAX_LEVEL: u8 = 5;
pub const MAX_IMPORTANCE: u8 = 5;
pub const MAX_HOURS_PER_EVENT: f64 = 1_000.0;
pub const MAX_HOURS_PER_DAY: f64 = 24.0;
pub const MAX_NOTE_CHARS: usize = 4_000;
/// Links, names and descriptions: long enough for any real one.
pub const MAX_TEXT_LEN: usize = 2_000;
/// A skill's descriptor of one level: one or two sentences, so it fits under a rating
/// without scrolling (characters, in each language).
pub const MAX_LEVEL_TEXT_CHARS: usize = 400;
/// A skill's basis for its hours, and a requirement's reference note: one line.
pub const MAX_LINE_CHARS: usize = 300;
/// Dates outside this range are typing mistakes, not study days.
pub const EARLIEST: (i32, u32, u32) = (1970, 1, 1);
pub const LATEST: (i32, u32, u32) = (2200, 12, 31);

/// Ids of skills, roles and categories: 1 to 64 letters, digits, `_`, `-` or `.`.
pub fn check_id(id: &str) -> Result<(), Problem> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Problem::new(Code::IdInvalid).arg("value", shown(id)))
    }
}

/// An http or https address with a host, no spaces or control characters.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/'))
        && url.len() <= MAX_TEXT_LEN
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn check_level(value: u8, min: u8) -> Result<(), Problem> {
    if (min..=MAX_LEVEL).contains(&value) {
        Ok(())
    } else {
        Err(Problem::new(Code::LevelOutOfRange)
            .arg("min", min)
            .arg("max", MAX_LEVEL)
            .arg("value", value))
    }
}

pub fn check_importance(value: u8) -> Result<(), Problem> {
    if (1..=MAX_IMPORTANCE).contains(&value) {
        Ok(())
    } else {
        Err(Problem::new(Code::ImportanceOutOfRange).arg("value", value))
    }
}

pub fn check_hours(value: f64) -> Result<(), Problem> {
    if value.is_finite() && (0.0..=MAX_HOURS_PER_EVENT).contains(&value) {
        Ok(())
    } else {
        Err(Problem::new(Code::HoursOutOfRange)
            .arg("max", MAX_HOURS_PER_EVENT)
            .arg("value", value))
    }
}

pub fn check_day_hours(value: f64) -> Result<(), Problem> {
    if value.is_finite() && (0.0..=MAX_HOURS_PER_DAY).contains(&value) {
        Ok(())
    } else {
        Err(Problem::new(Code::HoursPerDayOutOfRange).arg("value", value))
    }
}

pub fn check_date(date: NaiveDate) -> Result<(), Problem> {
    let lo = NaiveDate::from_ymd_opt(EARLIEST.0, EARLIEST.1, EARLIEST.2).expect("a date");
    let hi = NaiveDate::from_ymd_opt(LATEST.0, LATEST.1, LATEST.2).expect("a date");
    if (lo..=hi).contains(&date) {
        Ok(())
    } else {
        Err(Problem::new(Code::DateOutOfRange).arg("value", date))
    }
}

pub fn check_note(note: &str) -> Result<(), Problem> {
    if note.chars().count() <= MAX_NOTE_CHARS {
        Ok(())
    } else {
        Err(Problem::new(Code::NoteTooLong).arg("max", MAX_NOTE_CHARS))
    }
}

pub fn check_many(what: &str, found: usize, max: usize) -> Result<(), Problem> {
    if found <= max {
        Ok(())
    } else {
        Err(Problem::new(Code::TooMany)
            .arg("what", what)
            .arg("max", max)
            .arg("found", found))
    }
}

/// Declares a checked newtype over `$inner` whose every constructor runs `$check`.
macro_rules! checked {
    ($(#[$doc:meta])* $name:ident($inner:ty), ts = $ts:literal, check = $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize, TS)]
        #[serde(try_from = "Raw", into = "Raw")]
        #[ts(type = $ts)]
        pub struct $name($inner);

        impl $name {
            pub fn get(&self) -> &$inner {
                &self.0
            }
            pub fn into_inner(self) -> $inner {
                self.0
            }
        }

        impl TryFrom<$inner> for $name {
            type Error = Problem;
            fn try_from(v: $inner) -> Result<Self, Problem> {
                let check: fn(&$inner) -> Result<(), Problem> = $check;
                check(&v)?;
                Ok($name(v))
            }
        }

        impl From<$name> for $inner {
            fn from(v: $name) -> $inner {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

// serde's `try_from`/`into` need a named type; each newtype's module-level alias is its
// inner type, so the macro can say `Raw`.
mod ids {
    use super::*;
    type Raw = String;
    checked!(
        /// The id of a skill in the catalog (built-in or the user's own).
        SkillId(String), ts = "string", check = |v| check_id(v)
    );
    checked!(
        /// The id of a role.
        RoleId(String), ts = "string", check = |v| check_id(v)
    );
    checked!(
        /// A note on an event.
        Note(String), ts = "string", check = |v| check_note(v)
    );
    checked!(
        /// An http or https link.
        HttpUrl(String), ts = "string", check = |v| if is_web_url(v) {
            Ok(())
        } else {
            Err(Problem::new(Code::UrlNotWeb).arg("value", shown(v)))
        }
    );
}
mod numbers {
    use super::*;
    type Raw = f64;
    checked!(
        /// Hours logged in one event: 0 to 1,000.
        Hours(f64), ts = "number", check = |v| check_hours(*v)
    );
    checked!(
        /// Hours available on one weekday: 0 to 24.
        DayHours(f64), ts = "number", check = |v| check_day_hours(*v)
    );
}
mod small {
    use super::*;
    type Raw = u8;
    checked!(
        /// A level on the 0–5 scale.
        Level(u8), ts = "number", check = |v| check_level(*v, 0)
    );
    checked!(
        /// How much a role needs a skill, O*NET's 1–5.
        Importance(u8), ts = "number", check = |v| check_importance(*v)
    );
}
pub use ids::{HttpUrl, Note, RoleId, SkillId};
pub use numbers::{DayHours, Hours};
pub use small::{Importance, Level};

impl Copy for Level {}
impl Copy for Importance {}
impl Copy for Hours {}
impl Copy for DayHours {}

impl std::ops::Deref for SkillId {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl std::ops::Deref for RoleId {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

/// A calendar day within 1970–2200, read from `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[ts(type = "string")]
pub struct Day(NaiveDate);

impl Day {
    pub fn get(self) -> NaiveDate {
        self.0
    }

    pub fn parse(text: &str) -> Result<Day, Problem> {
        let date = crate::stamp::parse_date(text.trim())
            .ok_or_else(|| Problem::new(Code::DateInvalid).arg("value", shown(text)))?;
        Day::try_from(date)
    }
}

impl TryFrom<NaiveDate> for Day {
    type Error = Problem;
    fn try_from(date: NaiveDate) -> Result<Day, Problem> {
        check_date(date)?;
        Ok(Day(date))
    }
}

impl From<Day> for NaiveDate {
    fn from(d: Day) -> NaiveDate {
        d.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let text = String::deserialize(d)?;
        Day::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A time of day to the minute, read from `HH:MM` (a reminder's time, on the user's clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct ClockTime(NaiveTime);

impl ClockTime {
    pub fn get(self) -> NaiveTime {
        self.0
    }

    pub fn parse(text: &str) -> Result<ClockTime, Problem> {
        crate::stamp::parse_clock(text.trim())
            .map(ClockTime)
            .ok_or_else(|| Problem::new(Code::TimeInvalid).arg("value", shown(text)))
    }

    pub fn hm(hour: u32, minute: u32) -> Result<ClockTime, Problem> {
        NaiveTime::from_hms_opt(hour, minute, 0)
            .map(ClockTime)
            .ok_or_else(|| Problem::new(Code::TimeInvalid).arg("value", format!("{hour}:{minute}")))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::stamp::clock(self.0))
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ClockTime, D::Error> {
        let text = String::deserialize(d)?;
        ClockTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The UI's languages; anything else is refused rather than guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn parse(text: &str) -> Result<Lang, Problem> {
        match text {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            other => Err(Problem::new(Code::LangUnknown).arg("value", shown(other))),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let text = String::deserialize(d)?;
        Lang::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Reads an optional link where the UI may send an empty string for "none".
pub fn optional_url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<HttpUrl>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => HttpUrl::try_from(s)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: for<'de> Deserialize<'de> + fmt::Debug>(json: &str, expect: Result<(), &str>) {
        let got = serde_json::from_str::<T>(json);
        match (got, expect) {
            (Ok(_), Ok(())) => {}
            (Err(e), Err(want)) => assert!(e.to_string().contains(want), "{json}: {e}"),
            (got, want) => panic!("{json}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn each_value_refuses_what_is_out_of_range() {
        check::<Level>("5", Ok(()));
        check::<Level>("6", Err("a level is 0 to 5, not 6"));
        check::<Importance>("0", Err("importance is 1 to 5"));
        check::<Hours>("1000", Ok(()));
        check::<Hours>("1000.5", Err("hours must be 0 to 1000"));
        check::<Hours>("-1", Err("hours must be"));
        check::<DayHours>("24", Ok(()));
        check::<DayHours>("25", Err("per day"));
        check::<SkillId>(r#""mlops.k8s-2""#, Ok(()));
        check::<SkillId>(r#""../etc""#, Err("is not an id"));
        check::<SkillId>(r#""""#, Err("is not an id"));
        check::<RoleId>(&format!("\"{}\"", "r".repeat(65)), Err("is not an id"));
        check::<Day>(r#""2026-02-28""#, Ok(()));
        check::<Day>(r#""2026-02-30""#, Err("`2026-02-30` is not a date"));
        check::<Day>(r#""1969-12-31""#, Err("outside 1970–2200"));
        check::<ClockTime>(r#""07:05""#, Ok(()));
        check::<ClockTime>(r#""23:59""#, Ok(()));
        check::<ClockTime>(r#""24:00""#, Err("`24:00` is not a time of day"));
        check::<ClockTime>(r#""7:05""#, Err("is not a time of day"));
        check::<ClockTime>(r#""07:60""#, Err("is not a time of day"));
        check::<ClockTime>(r#""07:05:00""#, Err("is not a time of day"));
        check::<Lang>(r#""zh""#, Ok(()));
        check::<Lang>(r#""xx""#, Err("unknown language `xx`"));
        check::<HttpUrl>(r#""https://example.org/a""#, Ok(()));
        check::<HttpUrl>(r#""javascript:alert(1)""#, Err("http or https"));
        check::<HttpUrl>(r#""file:///etc/passwd""#, Err("http or https"));
        check::<Note>(&format!("\"{}\"", "n".repeat(MAX_NOTE_CHARS)), Ok(()));
        check::<Note>(
            &format!("\"{}\"", "n".repeat(MAX_NOTE_CHARS + 1)),
            Err("at most 4000"),
        );
    }

    #[test]
    fn values_serialize_as_their_plain_form() {
        let level: Level = serde_json::from_str("3").unwrap();
        assert_eq!(serde_json::to_string(&level).unwrap(), "3");
        let day: Day = serde_json::from_str(r#""2026-11-29""#).unwrap();
        assert_eq!(serde_json::to_string(&day).unwrap(), r#""2026-11-29""#);
        assert_eq!(serde_json::to_string(&Lang::Zh).unwrap(), r#""zh""#);
        let time: ClockTime = serde_json::from_str(r#""08:30""#).unwrap();
        assert_eq!(serde_json::to_string(&time).unwrap(), r#""08:30""#);
    }
}
