//! Dates and times in the few fixed shapes Pathwise writes and reads (the store's columns,
//! file names, the files' headers, a reminder's time), written and read here instead of by
//! chrono's `format`/`parse_from_str`: their strftime interpreter was 20 kB of the binary,
//! which has a size budget (ARCHITECTURE.md, "Release build"). `NaiveDate`'s own `Display`
//! and `FromStr` (`YYYY-MM-DD`) need no interpreter and are used as they are.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// `2026-11-29T09:30:05`: the store's `created_at` and a backup's `exported_at`.
pub fn seconds(t: NaiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}",
        t.date(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `2026-11-29 09:30`: when a report was made.
pub fn minutes(t: NaiveDateTime) -> String {
    format!("{} {}", t.date(), clock(t.time()))
}

/// `20261129T093005`: file names (backups, files set aside).
pub fn compact(t: NaiveDateTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}",
        compact_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `20261129`: an all-day date in a calendar file.
pub fn compact_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `09:30`.
pub fn clock(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The number in `digits`, which must be one to four ASCII digits. No allocation and no
/// `str::parse`: the timeline reads every event's date through here.
fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    digits.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`; a one-digit month or day is taken too (`2026-1-5`), as chrono's
/// `%Y-%m-%d` took it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)
}

/// `YYYYMMDDTHHMMSS`, as `compact` writes it.
pub fn parse_compact(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once('T')?;
    if date.len() != 8 || time.len() != 6 || !date.is_ascii() || !time.is_ascii() {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(
        number(&date[..4])? as i32,
        number(&date[4..6])?,
        number(&date[6..])?,
    )?;
    let at = NaiveTime::from_hms_opt(
        number(&time[..2])?,
        number(&time[2..4])?,
        number(&time[4..])?,
    )?;
    Some(day.and_time(at))
}

/// Exactly `HH:MM` (not `9:5`, which no clock shows).
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(number(h)?, number(m)?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap()
    }

    #[test]
    fn writes_what_chrono_format_wrote() {
        for s in [
            "2026-11-29 09:30:05.123456",
            "1970-01-01 00:00:00",
            "2200-12-31 23:59:59",
        ] {
            let t = at(s);
            assert_eq!(seconds(t), t.format("%Y-%m-%dT%H:%M:%S").to_string());
            assert_eq!(minutes(t), t.format("%Y-%m-%d %H:%M").to_string());
            assert_eq!(compact(t), t.format("%Y%m%dT%H%M%S").to_string());
            assert_eq!(compact_date(t.date()), t.format("%Y%m%d").to_string());
            assert_eq!(clock(t.time()), t.format("%H:%M").to_string());
            let whole = t.with_nanosecond(0).unwrap();
            assert_eq!(parse_compact(&compact(t)), Some(whole));
        }
    }

    #[test]
    fn reads_only_its_shapes() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5);
        assert_eq!(parse_date("2026-01-05"), day);
        assert_eq!(parse_date("2026-1-5"), day);
        for bad in [
            "",
            "2026",
            "2026-01",
            "2026-13-01",
            "2026-02-30",
            "26-01-05",
            "2026-01-05-1",
            "2026-001-05",
            "2026-+1-05",
            "2026-01-0x",
            "２０２６-01-05",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_clock("08:30"), NaiveTime::from_hms_opt(8, 30, 0));
        for bad in [
            "8:30", "08:3", "24:00", "08:60", "08-30", "0830", "+8:30", "",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
        for bad in [
            "20261129",
            "20261129T0930",
            "20261329T093000",
            "2026112xT093000",
        ] {
            assert_eq!(parse_compact(bad), None, "{bad}");
        }
    }
}
