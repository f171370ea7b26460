//! How old the snapshot a plan was made from is, and whether that is older than allowed: the
//! `--max-snapshot-age` setting, the verdict a plan carries (the `snapshot` field of its
//! document), and the words each output says it in.
//!
//! A snapshot (`wxform export --format json`) records when it was taken (`exported_at`); one
//! written before wxform recorded that has an unknown age, and so has one dated in the future
//! (a clock set wrong, or an edited file), which is said as such rather than as a negative age.

use crate::words::plural;
use serde::{Deserialize, Serialize};

/// `--max-snapshot-age` when neither the flag nor [`ENV_MAX_AGE`] is given.
pub const DEFAULT_MAX_AGE: &str = "7d";

/// Environment variable setting `--max-snapshot-age`.
pub const ENV_MAX_AGE: &str = "WXFORM_MAX_SNAPSHOT_AGE";

/// The largest limit, in days: beyond it, `off` says what is meant.
const MAX_DAYS: u64 = 3650;

/// The age past which a plan made from a snapshot warns; `None`: never (`0` or `off`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxAge(pub Option<u64>);

impl MaxAge {
    /// `30m`, `12h`, `7d` (at most 3650 days); `0` or `off` for no limit; empty for the default.
    pub fn parse(text: &str) -> Result<MaxAge, String> {
        let text = text.trim();
        let text = if text.is_empty() {
            DEFAULT_MAX_AGE
        } else {
            text
        };
        if text == "0" || text.eq_ignore_ascii_case("off") {
            return Ok(MaxAge(None));
        }
        let invalid = || {
            format!(
                "expected an age such as 30m, 12h or 7d (minutes, hours or days, at most {MAX_DAYS}d), or 0 or off for no limit"
            )
        };
        let split = text.len() - text.chars().last().map_or(0, char::len_utf8);
        let (number, unit) = text.split_at(split);
        let unit_secs = match unit {
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            _ => return Err(invalid()),
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let secs = number
            .parse::<u64>()
            .ok()
            .and_then(|count| count.checked_mul(unit_secs))
            .filter(|secs| *secs <= MAX_DAYS * 86_400)
            .ok_or_else(invalid)?;
        Ok(MaxAge((secs > 0).then_some(secs)))
    }
}

/// What a plan says of its snapshot's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgeStatus {
    /// Within the limit, or there is no limit.
    Fresh,
    /// Older than the limit.
    Stale,
    /// The snapshot does not say when it was taken.
    Unknown,
    /// Dated after now.
    Future,
}

/// The snapshot a plan was made from, as the plan document holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotAge {
    /// When it was taken (RFC 3339, UTC); `None` when it does not say.
    pub exported_at: Option<String>,
    /// Seconds from then to now; `None` when unknown or in the future.
    pub age_seconds: Option<u64>,
    /// The limit it was judged against; `None`: no limit.
    pub max_age_seconds: Option<u64>,
    pub status: AgeStatus,
}

impl SnapshotAge {
    /// The age of a snapshot taken at `exported_at` (as it says), judged at `now` (unix
    /// seconds) against `max`. A date that is not a time counts as none.
    pub fn judge(exported_at: Option<&str>, now: u64, max: MaxAge) -> SnapshotAge {
        let taken = exported_at.and_then(crate::utc::parse);
        let age_seconds = taken.and_then(|taken| now.checked_sub(taken));
        let status = match (taken, age_seconds, max.0) {
            (None, _, _) => AgeStatus::Unknown,
            (Some(_), None, _) => AgeStatus::Future,
            (Some(_), Some(age), Some(max)) if age > max => AgeStatus::Stale,
            (Some(_), Some(_), _) => AgeStatus::Fresh,
        };
        SnapshotAge {
            exported_at: taken.and(exported_at.map(str::to_string)),
            age_seconds,
            max_age_seconds: max.0,
            status,
        }
    }

    /// Whether the age deserves a warning: past the limit, or in the future.
    pub fn is_warning(&self) -> bool {
        matches!(self.status, AgeStatus::Stale | AgeStatus::Future)
    }

    /// The sentence a plan's header says, with `code` marking literal text (a Markdown code
    /// span, or nothing on a terminal).
    pub fn headline(&self, code: impl Fn(&str) -> String) -> String {
        let date = code(self.exported_at.as_deref().unwrap_or_default());
        match self.status {
            AgeStatus::Fresh => format!(
                "Planned against a snapshot exported {} ({date}), not the live account.",
                self.ago()
            ),
            AgeStatus::Stale => format!(
                "Planned against a snapshot exported {} ({date}), older than the {} allowed ({}): the account may have changed since.",
                self.ago(),
                self.limit(),
                code("--max-snapshot-age")
            ),
            AgeStatus::Unknown => "Planned against a snapshot that does not say when it was exported (written before wxform recorded it): its age is unknown.".to_string(),
            AgeStatus::Future => format!(
                "Planned against a snapshot dated {date}, which is in the future by this machine's clock (a clock set wrong, or an edited file): its age is unknown."
            ),
        }
    }

    /// The one line the log gets for the snapshot at `path` (already made inert), a `warning:`
    /// when [`Self::is_warning`].
    pub fn log_line(&self, path: &str) -> String {
        let date = self.exported_at.as_deref().unwrap_or_default();
        match self.status {
            AgeStatus::Fresh => format!(
                "Planning against the snapshot {path}, exported {} ({date}).",
                self.ago()
            ),
            AgeStatus::Stale => format!(
                "warning: the snapshot {path} was exported {} ({date}), more than the {} --max-snapshot-age allows: the account may have changed since; export a fresh one with `wxform export --format json`",
                self.ago(),
                self.limit()
            ),
            AgeStatus::Unknown => format!(
                "Planning against the snapshot {path}, which does not say when it was exported: its age is unknown."
            ),
            AgeStatus::Future => format!(
                "warning: the snapshot {path} is dated {date}, in the future by this machine's clock (a clock set wrong, or an edited file): its age is unknown"
            ),
        }
    }

    /// "3 days ago", rounded down: minutes below two hours, hours below two days.
    fn ago(&self) -> String {
        match self.age_seconds.unwrap_or_default() {
            secs if secs < 60 => "less than a minute ago".to_string(),
            secs if secs < 2 * 3600 => format!("{} ago", plural(secs / 60, "minute")),
            secs if secs < 2 * 86_400 => format!("{} ago", plural(secs / 3600, "hour")),
            secs => format!("{} ago", plural(secs / 86_400, "day")),
        }
    }

    /// The limit exactly, in the largest unit that divides it: "7 days", "36 hours".
    fn limit(&self) -> String {
        match self.max_age_seconds.unwrap_or_default() {
            secs if secs % 86_400 == 0 => plural(secs / 86_400, "day"),
            secs if secs % 3600 == 0 => plural(secs / 3600, "hour"),
            secs => plural(secs / 60, "minute"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;
    /// 2026-12-01T00:00:00Z.
    const NOW: u64 = 1_796_083_200;

    fn age(exported_at: Option<&str>, max: &str) -> SnapshotAge {
        SnapshotAge::judge(exported_at, NOW, MaxAge::parse(max).unwrap())
    }

    #[test]
    fn max_age_takes_minutes_hours_days_or_nothing() {
        assert_eq!(MaxAge::parse("30m"), Ok(MaxAge(Some(1800))));
        assert_eq!(MaxAge::parse("12h"), Ok(MaxAge(Some(43_200))));
        assert_eq!(MaxAge::parse(" 7d "), Ok(MaxAge(Some(7 * DAY))));
        assert_eq!(MaxAge::parse(""), Ok(MaxAge(Some(7 * DAY))), "the default");
        assert_eq!(MaxAge::parse("3650d"), Ok(MaxAge(Some(3650 * DAY))));
        for off in ["0", "off", "OFF", "0d", "0m"] {
            assert_eq!(MaxAge::parse(off), Ok(MaxAge(None)), "{off}");
        }
        for bad in [
            "7",
            "d",
            "7 d",
            "7days",
            "7w",
            "1.5d",
            "-1d",
            "+1d",
            "3651d",
            "87601h",
            "99999999999999999999d",
            "7d7",
            "７d",
            "dé",
        ] {
            let err = MaxAge::parse(bad).unwrap_err();
            assert!(err.contains("30m, 12h or 7d"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_snapshot_within_the_limit_is_fresh_and_past_it_stale() {
        let fresh = age(Some("2026-11-28T00:00:00Z"), "7d");
        assert_eq!(fresh.status, AgeStatus::Fresh);
        assert_eq!(fresh.age_seconds, Some(3 * DAY));
        assert_eq!(fresh.max_age_seconds, Some(7 * DAY));
        assert!(!fresh.is_warning());
        // Exactly the limit is not past it; a second more is.
        assert_eq!(
            age(Some("2026-11-24T00:00:00Z"), "7d").status,
            AgeStatus::Fresh
        );
        let stale = age(Some("2026-11-23T23:59:59Z"), "7d");
        assert_eq!(stale.status, AgeStatus::Stale);
        assert!(stale.is_warning());
        // No limit: never stale.
        let old = age(Some("2020-01-01T00:00:00Z"), "off");
        assert_eq!(old.status, AgeStatus::Fresh);
        assert_eq!(old.max_age_seconds, None);
    }

    #[test]
    fn no_date_is_an_unknown_age_and_a_future_one_is_said_as_such() {
        let unknown = age(None, "7d");
        assert_eq!(unknown.status, AgeStatus::Unknown);
        assert_eq!((&unknown.exported_at, unknown.age_seconds), (&None, None));
        assert!(!unknown.is_warning());
        assert_eq!(age(Some("yesterday"), "7d").status, AgeStatus::Unknown);
        let future = age(Some("2026-12-01T00:00:01Z"), "off");
        assert_eq!(future.status, AgeStatus::Future);
        assert_eq!(future.age_seconds, None);
        assert!(future.is_warning(), "a wrong clock or an edited file");
        assert_eq!(age(Some("2026-12-01T00:00:00Z"), "7d").age_seconds, Some(0));
    }

    #[test]
    fn ages_are_rounded_down_to_a_readable_unit() {
        let ago = |secs: u64| age(Some(&crate::utc::format(NOW - secs)), "off").ago();
        assert_eq!(ago(0), "less than a minute ago");
        assert_eq!(ago(59), "less than a minute ago");
        assert_eq!(ago(60), "1 minute ago");
        assert_eq!(ago(2 * 3600 - 1), "119 minutes ago");
        assert_eq!(ago(2 * 3600), "2 hours ago");
        assert_eq!(ago(2 * DAY - 1), "47 hours ago");
        assert_eq!(ago(2 * DAY), "2 days ago");
        assert_eq!(ago(400 * DAY + 5), "400 days ago");
    }

    #[test]
    fn each_status_has_its_sentences() {
        let plain = |text: &str| text.to_string();
        let fresh = age(Some("2026-11-28T00:00:00Z"), "7d");
        assert_eq!(
            fresh.headline(plain),
            "Planned against a snapshot exported 3 days ago (2026-11-28T00:00:00Z), not the live account."
        );
        assert_eq!(
            fresh.log_line("live.json"),
            "Planning against the snapshot live.json, exported 3 days ago (2026-11-28T00:00:00Z)."
        );
        let stale = age(Some("2026-11-20T00:00:00Z"), "36h");
        assert_eq!(
            stale.headline(|text| format!("`{text}`")),
            "Planned against a snapshot exported 11 days ago (`2026-11-20T00:00:00Z`), older than the 36 hours allowed (`--max-snapshot-age`): the account may have changed since."
        );
        assert!(
            stale.log_line("live.json").starts_with(
                "warning: the snapshot live.json was exported 11 days ago (2026-11-20T00:00:00Z), more than the 36 hours --max-snapshot-age allows"
            ),
            "{}",
            stale.log_line("live.json")
        );
        assert!(
            age(None, "7d")
                .headline(plain)
                .contains("its age is unknown")
        );
        assert!(
            age(None, "7d")
                .log_line("a.json")
                .contains("its age is unknown")
        );
        let future = age(Some("2027-01-01T00:00:00Z"), "7d");
        assert!(
            future.headline(plain).contains(
                "dated 2027-01-01T00:00:00Z, which is in the future by this machine's clock"
            ),
            "{}",
            future.headline(plain)
        );
        assert!(future.log_line("a.json").starts_with(
            "warning: the snapshot a.json is dated 2027-01-01T00:00:00Z, in the future"
        ));
    }

    #[test]
    fn the_limit_is_said_exactly() {
        let limit = |max: &str| age(Some("2020-01-01T00:00:00Z"), max).limit();
        assert_eq!(limit("7d"), "7 days");
        assert_eq!(limit("1d"), "1 day");
        assert_eq!(limit("36h"), "36 hours");
        assert_eq!(limit("90m"), "90 minutes");
        assert_eq!(limit("120m"), "2 hours");
    }
}
