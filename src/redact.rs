//! Every credential value this process knows, and the scrubbing that keeps them out of every
//! channel: diagnostics (whose source excerpts quote whatever file they were given), error
//! messages, warnings and the rendered product.
//!
//! Values are registered as they become known: at start, those of the standard credential
//! variables and of any variable whose name says it holds a secret (`*SECRET*`, `*TOKEN*`);
//! then those a configuration's `account.secret_env` / `token_env` name, and every access
//! token obtained. A value shorter than [`MIN_LEN`] is not searched for: it cannot be a real
//! WeChat credential, and scrubbing it would garble ordinary text.
//!
//! A secret is found however a server or a proxy may echo it ([`mask`]): in another case,
//! percent-encoded (any of its bytes, `+` for a space), or base64-encoded (standard or
//! URL-safe, padded or not, alone or inside a longer base64 text such as HTTP basic auth).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Mutex, MutexGuard};

/// What a scrubbed value is replaced with.
pub const MASK: &str = "***";

/// The shortest value that is searched for (WeChat AppSecrets have 32 characters, tokens more).
pub const MIN_LEN: usize = 8;

static KNOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Where each known value came from (a variable's name, "an access token …"), first source
/// first, for saying which credential turned up where.
static SOURCES: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn known() -> MutexGuard<'static, Vec<String>> {
    crate::mutex::lock(&KNOWN)
}

/// Remembers `value` as a secret for the rest of the process.
pub fn register(value: &str) {
    let value = value.trim();
    if value.chars().count() < MIN_LEN {
        return;
    }
    let mut known = known();
    if !known.iter().any(|v| v == value) {
        known.push(value.to_string());
        // Longest first, so that a secret containing another is masked whole.
        known.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }
}

/// Remembers `value` as a secret, saying where it came from (`source`: a variable's name, or
/// what it is). The first source given for a value is the one [`source_in`] names.
pub fn register_as(value: &str, source: &str) {
    register(value);
    let value = value.trim();
    if value.chars().count() < MIN_LEN {
        return;
    }
    let mut sources = crate::mutex::lock(&SOURCES);
    if !sources.iter().any(|(known, _)| known == value) {
        sources.push((value.to_string(), source.to_string()));
    }
}

/// Where the known secret that `text` holds came from, if it holds one in any form
/// [`scrub`] masks: the first source of the first value found, else "a credential value" (a
/// value registered without saying where it came from).
pub fn source_in(text: &str) -> Option<String> {
    if scrub(text) == text {
        return None;
    }
    let sources = crate::mutex::lock(&SOURCES);
    let named = sources
        .iter()
        .find(|(value, _)| mask(text, value).is_some());
    Some(named.map_or_else(
        || "a credential value".to_string(),
        |(_, source)| source.clone(),
    ))
}

/// Remembers the value of the environment variable `name`, if set.
pub fn register_env(name: &str) {
    if let Some(value) = std::env::var_os(name) {
        register_as(&value.to_string_lossy(), name);
    }
}

/// Whether an environment variable's name says it holds a secret.
pub fn names_a_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["SECRET", "TOKEN", "PASSWORD", "PRIVATE_KEY"]
        .iter()
        .any(|word| upper.contains(word))
}

/// Registers what the environment holds: the standard credential variables and every
/// variable whose name says it is a secret.
pub fn register_environment(standard: &[&str]) {
    for name in standard {
        register_env(name);
    }
    for (name, value) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if names_a_secret(&name) {
            register_as(&value.to_string_lossy(), &name);
        }
    }
}

/// `text` with every known secret replaced by [`MASK`], however it is written ([`mask`]).
pub fn scrub(text: &str) -> Cow<'_, str> {
    let known = known();
    let mut out = Cow::Borrowed(text);
    for secret in known.iter() {
        if let Some(masked) = mask(&out, secret) {
            out = Cow::Owned(masked);
        }
    }
    out
}

/// `text` with `secret` replaced by [`MASK`] wherever it is written as is, in another case,
/// percent-encoded or base64-encoded; `None` when it is nowhere. A secret shorter than
/// [`MIN_LEN`] (a client masks its own, whatever their length) is sought only as it is: its
/// other forms would match ordinary text.
pub fn mask(text: &str, secret: &str) -> Option<String> {
    let mut found = Vec::new();
    if secret.is_empty() {
        return None;
    } else if secret.chars().count() < MIN_LEN {
        found.extend(
            text.match_indices(secret)
                .map(|(at, _)| at..at + secret.len()),
        );
    } else {
        found.extend(spelled(text, secret.as_bytes()));
        found.extend(base64_runs(text, secret.as_bytes()));
    }
    if found.is_empty() {
        return None;
    }
    found.sort_by_key(|range| range.start);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for range in found {
        if range.end <= done {
            continue;
        }
        out.push_str(&text[done..range.start.max(done)]);
        out.push_str(MASK);
        done = range.end;
    }
    out.push_str(&text[done..]);
    Some(out)
}

/// Where `secret` is written in `text`, each of its bytes as itself (ASCII letters in either
/// case), as `%XX` (either case), or a space as `+`.
fn spelled(text: &str, secret: &[u8]) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let byte_at = |at: usize| -> Option<(u8, usize)> {
        match bytes.get(at)? {
            b'%' => {
                let hex = text.get(at + 1..at + 3)?;
                Some((u8::from_str_radix(hex, 16).ok()?, 3))
            }
            &byte => Some((byte, 1)),
        }
    };
    let matches_at = |start: usize| -> Option<usize> {
        let mut at = start;
        for &want in secret {
            let (got, len) = byte_at(at)?;
            let plus_for_space = want == b' ' && bytes[at] == b'+';
            if !(got.eq_ignore_ascii_case(&want) || plus_for_space) {
                return None;
            }
            at += len;
        }
        Some(at)
    };
    let mut found = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        match matches_at(start) {
            Some(end) => {
                found.push(start..end);
                start = end;
            }
            None => start += 1,
        }
    }
    found
}

/// The runs of base64 text in `text` that hold `secret` encoded, in either alphabet, at any
/// of the three alignments a longer encoded text may give it. Only the characters that depend
/// on the secret alone are sought; the whole run around them is masked.
fn base64_runs(text: &str, secret: &[u8]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for url_safe in [false, true] {
        let in_alphabet = |ch: u8| {
            ch.is_ascii_alphanumeric()
                || ch == b'='
                || if url_safe {
                    ch == b'-' || ch == b'_'
                } else {
                    ch == b'+' || ch == b'/'
                }
        };
        for prefix in 0..3 {
            let mut bytes = vec![0u8; prefix];
            bytes.extend_from_slice(secret);
            let encoded = base64(&bytes, url_safe);
            let skip = (prefix * 8).div_ceil(6);
            let core = &encoded[skip..bytes.len() * 8 / 6];
            for (at, _) in text.match_indices(core) {
                let run = text.as_bytes();
                let start = run[..at]
                    .iter()
                    .rposition(|&ch| !in_alphabet(ch))
                    .map_or(0, |i| i + 1);
                let end = run[at..]
                    .iter()
                    .position(|&ch| !in_alphabet(ch))
                    .map_or(run.len(), |i| at + i);
                found.push(start..end);
            }
        }
    }
    found
}

/// `bytes` in base64, without padding.
fn base64(bytes: &[u8], url_safe: bool) -> String {
    const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let alphabet = |index: u32| -> char {
        let ch = STANDARD[index as usize & 63];
        match (url_safe, ch) {
            (true, b'+') => '-',
            (true, b'/') => '_',
            _ => char::from(ch),
        }
    };
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let bits = u32::from_be_bytes([0, group[0], group[1], group[2]]);
        for index in 0..=chunk.len() {
            out.push(alphabet(bits >> (18 - 6 * index)));
        }
    }
    out
}

/// A writer that scrubs known secrets from everything written through it. It holds back an
/// incomplete line, so a secret split across two writes is still found: call `flush` (or drop
/// it) at the end.
pub struct ScrubWriter<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> ScrubWriter<W> {
    pub fn new(inner: W) -> Self {
        ScrubWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, upto: usize) -> std::io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        let text = String::from_utf8_lossy(&chunk);
        self.inner.write_all(scrub(&text).as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for ScrubWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let len = self.pending.len();
        self.emit(len)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for ScrubWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn registered_values_are_masked_everywhere_short_ones_never() {
        register("REDACT-TEST-0123456789");
        register("short");
        assert_eq!(
            scrub("a REDACT-TEST-0123456789 b REDACT-TEST-0123456789 short"),
            "a *** b *** short"
        );
    }

    #[test]
    fn the_writer_finds_secrets_split_across_writes() {
        register("REDACT-SPLIT-abcdefgh");
        let mut out = Vec::new();
        {
            let mut writer = ScrubWriter::new(&mut out);
            writer.write_all(b"x REDACT-SP").unwrap();
            writer.write_all(b"LIT-abcdefgh y\nno newline").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "x *** y\nno newline");
    }

    #[test]
    fn values_of_min_len_characters_are_masked_shorter_ones_never() {
        let at_limit: String = "Qm7#kZ9!wX4&pR2@".chars().take(MIN_LEN).collect();
        let below: String = "Jv3$hT8^nB5*cL1%".chars().take(MIN_LEN - 1).collect();
        register(&at_limit);
        register(&below);
        assert_eq!(scrub(&format!("<{at_limit}>")), "<***>");
        assert_eq!(scrub(&format!("<{below}>")), format!("<{below}>"));
    }

    #[test]
    fn a_secret_echoed_in_another_case_or_encoding_is_masked() {
        let secret = "Echo+Secret/Value=0123456789?>~";
        register(secret);
        let percent = "Echo%2BSecret%2FValue%3D0123456789%3F%3E~";
        // Base64 of the secret (`+` and padding in the standard alphabet, `-` in the URL-safe
        // one) and of a longer text holding it (`user:SECRET`, HTTP basic auth).
        let standard = "RWNobytTZWNyZXQvVmFsdWU9MDEyMzQ1Njc4OT8+fg==";
        let url_safe = "RWNobytTZWNyZXQvVmFsdWU9MDEyMzQ1Njc4OT8-fg";
        let basic = "dXNlcjpFY2hvK1NlY3JldC9WYWx1ZT0wMTIzNDU2Nzg5Pz5+";
        for echoed in [
            secret.to_uppercase(),
            secret.to_lowercase(),
            percent.to_string(),
            percent.to_lowercase(),
            percent.replace("%2F", "/"),
            standard.to_string(),
            standard.trim_end_matches('=').to_string(),
            url_safe.to_string(),
            format!("{url_safe}=="),
            basic.to_string(),
        ] {
            let text = format!("errmsg: [{echoed}] rid: 1");
            let scrubbed = scrub(&text);
            assert!(scrubbed.contains(MASK), "{echoed} not masked: {scrubbed}");
            assert!(scrubbed.len() < text.len() - 10, "{echoed}: {scrubbed}");
            assert!(scrubbed.starts_with("errmsg: [") && scrubbed.ends_with("] rid: 1"));
        }
    }

    #[test]
    fn secret_looking_names() {
        assert!(names_a_secret("SHOP_APPSECRET"));
        assert!(names_a_secret("github_token"));
        assert!(!names_a_secret("SHOP_APPID"));
    }
}
