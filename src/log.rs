//! The debug log: with `WXFORM_LOG=debug`, one line on stderr per HTTP exchange with WeChat
//! (method, endpoint name, HTTP status, errcode, duration) and per retry or token decision;
//! `WXFORM_LOG=trace` adds the request and response bodies. It is what a user attaches when a
//! real account behaves differently from what wxform expects.
//!
//! This is the one place below the command layer that writes to the terminal: the client
//! hands it text it has already redacted ([`body`] and the client's own scrubbing), and it
//! writes nothing unless asked to. stdout is never touched. Every line goes through the same
//! inert filter as the rest of wxform's output ([`crate::inert::text`]): an answer's line break,
//! control, bidi or invisible character is written as an escape, and no line of the log can be
//! a CI workflow command.

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

/// Writes `line` (already redacted), made inert, when the log is at `debug` or more.
pub fn debug(line: impl FnOnce() -> String) {
    if level() >= Level::Debug {
        let line = crate::inert::text(&line());
        crate::progress::suspend(|| eprintln!("debug: {line}"));
    }
}

/// Writes `line` (already redacted), made inert, when the log is at `trace`.
pub fn trace(line: impl FnOnce() -> String) {
    if level() >= Level::Trace {
        let line = crate::inert::text(&line());
        crate::progress::suspend(|| eprintln!("trace: {line}"));
    }
}

/// The JSON keys whose values are credentials, whatever the endpoint.
const SECRET_KEYS: [&str; 3] = ["access_token", "secret", "appsecret"];

/// Bodies longer than this are cut in the log (a menu is a few KiB).
const BODY_LIMIT: usize = 64 * 1024;

/// A body as the log shows it: the bytes as received (a byte that is not UTF-8 shown as
/// U+FFFD), never parsed and written again, with the value of every credential key masked,
/// then `scrub`bed of every secret the caller knows, then cut at [`BODY_LIMIT`] bytes (after
/// the scrub, so that no secret is cut in two and missed).
pub fn body(bytes: &[u8], scrub: impl FnOnce(&str) -> String) -> String {
    cut(&scrub(&redact_body(bytes)))
}

/// `bytes` as text with credential values masked: by key in the raw text (which catches a
/// value cut off by the end of the body), and by value wherever the leniently parsed body
/// holds one under a credential key (which catches a key written with escapes). A token is
/// logged before it is known as a secret, so the caller's scrubbing cannot catch it.
fn redact_body(bytes: &[u8]) -> String {
    let mut text = redact_raw(&String::from_utf8_lossy(bytes));
    if let Ok(value) = crate::wechat::lenient_json::parse_lenient(bytes) {
        let mut secrets = Vec::new();
        credential_values(&value, &mut secrets);
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            // As the body may spell it: raw, or with JSON's escapes.
            let escaped = Value::String(secret.clone()).to_string();
            for form in [secret.as_str(), &escaped[1..escaped.len() - 1]] {
                text = text.replace(form, "***");
            }
        }
    }
    text
}

/// `text` cut at [`BODY_LIMIT`] bytes on a character boundary, saying how much was cut.
fn cut(text: &str) -> String {
    if text.len() <= BODY_LIMIT {
        return text.to_string();
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

/// The string values of every credential key, at any depth.
fn credential_values(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(secret)
                        if SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str()) =>
                    {
                        out.push(secret.clone());
                    }
                    _ => credential_values(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| credential_values(item, out)),
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
        assert_eq!(
            redact_body(body),
            r#"{"access_token":"***","expires_in":7200,"x":[{"secret":"***"}]}"#
        );
    }

    #[test]
    fn bodies_are_shown_as_received() {
        let body = r#"{ "b" : 1,"a":"\u4eca",  "access\u005ftoken":"TOKEN"}"#;
        assert_eq!(redact_body(body.as_bytes()), body.replace("TOKEN", "***"));
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

    fn body_of(bytes: &[u8]) -> String {
        body(bytes, str::to_string)
    }

    #[test]
    fn long_bodies_are_cut_on_a_character_boundary() {
        let body = "菜".repeat(BODY_LIMIT);
        let text = body_of(body.as_bytes());
        assert!(
            text.ends_with(" bytes more)"),
            "{}",
            &text[text.len() - 40..]
        );
        assert!(text.len() < BODY_LIMIT + 40);
    }
}
