//! Times as wxform writes them into its documents: RFC 3339 in UTC to the second
//! (`2026-11-28T09:00:00Z`), and the clock they are compared with.
//!
//! A snapshot's `exported_at` is written and read here. The clock is the system's, unless
//! `WXFORM_NOW` names the time to take as now: output that depends on the time (a snapshot's
//! date, its age) can then be reproduced, and tests never depend on the wall clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// Environment variable naming the time wxform takes as now, in the form [`format`] writes.
pub const ENV_NOW: &str = "WXFORM_NOW";

/// `2026-11-28T09:00:00Z` for unix seconds.
pub fn format(secs: u64) -> String {
    let (date, time) = date_and_time(secs);
    format!("{date}T{time}Z")
}

/// `2026-11-28 09:00:00 UTC` for unix seconds: the form people read in messages.
pub fn format_readable(secs: u64) -> String {
    let (date, time) = date_and_time(secs);
    format!("{date} {time} UTC")
}

/// `2026-11-28` and `09:00:00` for unix seconds.
fn date_and_time(secs: u64) -> (String, String) {
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rest = secs % 86_400;
    (
        format!("{year:04}-{month:02}-{day:02}"),
        format!(
            "{:02}:{:02}:{:02}",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        ),
    )
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SSZ` (a fraction of a second is accepted and dropped),
/// from 1970 on; `None` for anything else, including another offset than UTC's `Z`.
pub fn parse(text: &str) -> Option<u64> {
    // Every index below is then a character boundary.
    if !text.is_ascii() {
        return None;
    }
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && bytes[bytes.len() - 1] == b'Z';
    if !shape_ok {
        return None;
    }
    let fraction = &text[19..text.len() - 1];
    let fraction_ok = fraction.is_empty()
        || (fraction.len() > 1
            && fraction.starts_with('.')
            && fraction[1..].bytes().all(|b| b.is_ascii_digit()));
    if !fraction_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = &text[range];
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten()
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let valid = year >= 1970
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Now, in unix seconds: `WXFORM_NOW` when it is set (an error when it is not a time in the
/// form [`format`] writes), else the system clock.
pub fn now() -> Result<u64, String> {
    match std::env::var(ENV_NOW) {
        Ok(value) if !value.trim().is_empty() => parse(value.trim())
            .ok_or_else(|| format!("{ENV_NOW} must be a UTC time such as 2026-11-28T09:00:00Z")),
        _ => Ok(SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())),
    }
}

fn days_in_month(year: u64, month: u64) -> u64 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// The day count since 1970-01-01 of a date from 1970 on: the inverse of [`civil_from_days`].
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let yoe = year % 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_to_the_second() {
        assert_eq!(format(0), "1970-01-01T00:00:00Z");
        assert_eq!(format(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format(1_796_142_002), "2026-12-01T16:20:02Z");
    }

    #[test]
    fn parses_what_it_formats_and_every_day_back() {
        for secs in [0, 59, 86_399, 951_782_400, 1_796_142_002, 4_102_444_800] {
            assert_eq!(parse(&format(secs)), Some(secs), "{}", format(secs));
        }
        // Every day of four centuries (1970 to 2370), leap days and century years included.
        for day in 0..146_097 {
            let secs = day * 86_400 + 3_723;
            assert_eq!(parse(&format(secs)), Some(secs), "{}", format(secs));
        }
    }

    #[test]
    fn a_fraction_of_a_second_is_dropped() {
        assert_eq!(parse("2026-12-01T16:20:02.999Z"), Some(1_796_142_002));
        assert_eq!(parse("2026-12-01T16:20:02.Z"), None);
    }

    #[test]
    fn anything_else_is_not_a_time() {
        for text in [
            "",
            "2026-12-01",
            "2026-12-01T16:20:02",
            "2026-12-01T16:20:02+08:00",
            "2026-12-01 16:20:02Z",
            "2026-13-01T16:20:02Z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-12-01T24:00:00Z",
            "2026-12-01T16:60:00Z",
            "2026-12-01T16:20:60Z",
            "1969-12-31T23:59:59Z",
            "+026-12-01T16:20:02Z",
            "2026-1a-01T16:20:02Z",
            "２026-12-01T16:20:02Z",
            "2026-12-01T16:20:02.5aZ",
            "2026-12-01T16:20:0éZ",
            "2026-12-01T16:20:02.éZ",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
        assert_eq!(parse("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        assert_eq!(parse("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(parse("2100-02-29T00:00:00Z"), None);
    }
}
