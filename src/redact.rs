//! Every credential value this process knows, and the scrubbing that keeps them out of every
//! channel: diagnostics (whose source excerpts quote whatever file they were given), error
//! messages, warnings and the rendered product.
//!
//! Values are registered as they become known: at start, those of the standard credential
//! variables and of any variable whose name says it holds a secret (`*SECRET*`, `*TOKEN*`);
//! then those a configuration's `account.secret_env` / `token_env` name, and every access
//! token obtained. A value shorter than [`MIN_LEN`] is not searched for: it cannot be a real
//! WeChat credential, and scrubbing it would garble ordinary text.

use std::borrow::Cow;
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
/// [`scrub`] masks: the first source of a value found as it is or in another case, else "a
/// credential value (encoded)".
pub fn source_in(text: &str) -> Option<String> {
    if scrub(text) == text {
        return None;
    }
    let lower = text.to_lowercase();
    let sources = crate::mutex::lock(&SOURCES);
    let named = sources
        .iter()
        .find(|(value, _)| text.contains(value.as_str()) || lower.contains(&value.to_lowercase()));
    Some(named.map_or_else(
        || "a credential value (encoded)".to_string(),
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

/// `text` with every known secret replaced by [`MASK`].
pub fn scrub(text: &str) -> Cow<'_, str> {
    let known = known();
    let mut out = Cow::Borrowed(text);
    for secret in known.iter() {
        if out.contains(secret.as_str()) {
            out = Cow::Owned(out.replace(secret.as_str(), MASK));
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
    fn secret_looking_names() {
        assert!(names_a_secret("SHOP_APPSECRET"));
        assert!(names_a_secret("github_token"));
        assert!(!names_a_secret("SHOP_APPID"));
    }
}
