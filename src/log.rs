//! The debug log: with `WXFORM_LOG=debug`, one line on stderr per HTTP exchange with WeChat
//! (method, endpoint name, HTTP status, errcode, duration) and per retry or token decision;
//! `WXFORM_LOG=trace` adds the request and response bodies. It is what a user attaches when a
//! real account behaves differently from what wxform expects.
//!
//! This is the one place below the command layer that writes to the terminal: the client
//! hands it text it has already redacted ([`redact_body`] and the client's own scrubbing), and
//! it writes nothing unless asked to. stdout is never touched.

#![allow(clippy::print_stderr)]

use serde_json::Value;
use std::sync::OnceLock;

/// The environment variable that turns the log on.
pub const ENV_LOG: &str = "WXFORM_LOG";

/// How much to log, from `WXFORM_LOG`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Off,
    /// One line per exchange and per decision.
    Debug,
    /// Debug, plus request and response bodies.
    Trace,
}

impl Level {
    /// `off` (or empty), `debug` or `trace`, in any case.
    pub fn parse(value: &str) -> Option<Level> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "off" => Some(Level::Off),
            "debug" => Some(Level::Debug),
            "trace" => Some(Level::Trace),
            _ => None,
        }
    }
}

static LEVEL: OnceLock<Level> = OnceLock::new();

/// The level set by `WXFORM_LOG`, read once; an unknown value is said once and logs nothing.
pub fn level() -> Level {
    *LEVEL.get_or_init(|| {
        let Ok(value) = std::env::var(ENV_LOG) else {
            return Level::Off;
        };
        Level::parse(&value).unwrap_or_else(|| {
            eprintln!(
                "warning: {ENV_LOG}={:?} is not off, debug or trace; no debug log is written",
                crate::inert::text(&value)
            );
            Level::Off
        })
    })
}

/// Writes `line` (already redacted) when the log is at `debug` or more.
pub fn debug(line: impl FnOnce() -> String) {
    if level() >= Level::Debug {
        eprintln!("debug: {}", line());
    }
}

/// Writes `line` (already redacted) when the log is at `trace`.
pub fn trace(line: impl FnOnce() -> String) {
    if level() >= Level::Trace {
        eprintln!("trace: {}", line());
    }
}

/// The JSON keys whose values are credentials, whatever the endpoint.
const SECRET_KEYS: [&str; 3] = ["access_token", "secret", "appsecret"];

/// Bodies longer than this are cut in the log (a menu is a few KiB).
const BODY_LIMIT: usize = 64 * 1024;

/// A body as the log shows it: JSON with the values of credential keys replaced by `***`, cut
/// at [`BODY_LIMIT`] bytes. The caller scrubs the result of every known secret as well.
///
/// A body is parsed as leniently as the client parses it, and one that is not JSON even so (cut
/// off, or behind a byte-order mark) has its credential values masked in the raw text: a token
/// is logged before it is known as a secret, so the caller's scrubbing cannot catch it.
pub fn redact_body(bytes: &[u8]) -> String {
    let text = match crate::wechat::lenient_json::parse_lenient(bytes) {
        Ok(mut value) => {
            redact(&mut value);
            value.to_string()
        }
        Err(_) => redact_raw(&String::from_utf8_lossy(bytes)),
    };
    if text.len() <= BODY_LIMIT {
        return text;
    }
    let mut cut = BODY_LIMIT;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes more)", &text[..cut], text.len() - cut)
}

/// `text` with the string value of every credential key (`"access_token": "…"`, in any case)
/// replaced by `***`; a value cut off by the end of the text is masked to the end.
fn redact_raw(text: &str) -> String {
    // ASCII lowering keeps every byte offset, and every delimiter sought is ASCII.
    let lower = text.to_ascii_lowercase();
    let mut masked = Vec::new();
    for key in SECRET_KEYS {
        let quoted = format!("\"{key}\"");
        for (at, _) in lower.match_indices(&quoted) {
            if let Some(value) = string_value_after(text, at + quoted.len()) {
                masked.push(value);
            }
        }
    }
    masked.sort_by_key(|range| range.start);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for range in masked {
        if range.start < done {
            continue;
        }
        out.push_str(&text[done..range.start]);
        out.push_str("***");
        done = range.end;
    }
    out.push_str(&text[done..]);
    out
}

/// The byte range of the contents of the JSON string that follows `: ` from `from`, if one
/// does; it runs to the end of `text` when the closing quote is missing.
fn string_value_after(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let value = text[from..].trim_start().strip_prefix(':')?.trim_start();
    let contents = value.strip_prefix('"')?;
    let start = text.len() - contents.len();
    let mut escaped = false;
    for (i, byte) in text.as_bytes()[start..].iter().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return Some(start..start + i),
            _ => {}
        }
    }
    Some(start..text.len())
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
                    *value = Value::String("***".into());
                } else {
                    redact(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_in_any_case_and_unknown_values_are_refused() {
        assert_eq!(Level::parse("DEBUG"), Some(Level::Debug));
        assert_eq!(Level::parse(" trace "), Some(Level::Trace));
        assert_eq!(Level::parse(""), Some(Level::Off));
        assert_eq!(Level::parse("off"), Some(Level::Off));
        assert_eq!(Level::parse("verbose"), None);
        assert!(Level::Trace > Level::Debug && Level::Debug > Level::Off);
    }

    #[test]
    fn credential_values_are_redacted_at_any_depth() {
        let body = br#"{"access_token":"TOKEN","expires_in":7200,"x":[{"secret":"S"}]}"#;
        let text = redact_body(body);
        assert!(!text.contains("TOKEN") && !text.contains("\"S\""), "{text}");
        assert!(text.contains(r#""access_token":"***""#), "{text}");
        assert!(text.contains("7200"), "{text}");
    }

    #[test]
    fn credential_values_are_redacted_in_bodies_that_are_not_strict_json() {
        let raw_tab = b"{\"access_token\":\"TOKEN\",\"note\":\"a\tb\"}";
        assert!(!redact_body(raw_tab).contains("TOKEN"));
        let bom = "\u{feff}{\"Access_Token\" : \"TOKEN\",\"expires_in\":7200}";
        assert_eq!(
            redact_body(bom.as_bytes()),
            "\u{feff}{\"Access_Token\" : \"***\",\"expires_in\":7200}"
        );
        let cut = br#"{"expires_in":7200,"secret":"S\"S","access_token":"TOK"#;
        assert_eq!(
            redact_body(cut),
            r#"{"expires_in":7200,"secret":"***","access_token":"***"#
        );
        assert_eq!(
            redact_body(b"<html>access_token</html>"),
            "<html>access_token</html>"
        );
    }

    #[test]
    fn long_bodies_are_cut_on_a_character_boundary() {
        let body = "菜".repeat(BODY_LIMIT);
        let text = redact_body(body.as_bytes());
        assert!(
            text.ends_with(" bytes more)"),
            "{}",
            &text[text.len() - 40..]
        );
        assert!(text.len() < BODY_LIMIT + 40);
    }
}
