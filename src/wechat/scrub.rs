//! What one client knows to be secret (its credentials and every token it has held) and the
//! scrubbing of any text it lets out: errors, warnings, the debug log.
//!
//! The process-wide registry ([`crate::redact`]) scrubs every channel too; this is the client's
//! own line of defence, which also masks values too short for the registry and any
//! `access_token=` query value (a URL quoted by a transport error).

use super::credentials::Secret;
use crate::mutex::lock;
use std::sync::Mutex;

/// The secrets of one client.
pub(super) struct Scrubber {
    /// The credentials' values (the AppSecret, or a token given ready-made).
    credentials: Vec<Secret>,
    /// Every token seen in this run, so that none can slip into an error message.
    tokens: Mutex<Vec<Secret>>,
}

impl Scrubber {
    pub(super) fn new(credentials: Vec<Secret>) -> Scrubber {
        for secret in &credentials {
            crate::redact::register_as(secret.expose(), "the account's credential");
        }
        Scrubber {
            credentials,
            tokens: Mutex::new(Vec::new()),
        }
    }

    /// Remembers a token obtained (or reused) in this run.
    pub(super) fn remember_token(&self, token: &Secret) {
        crate::redact::register_as(token.expose(), "an access token of this run");
        lock(&self.tokens).push(token.clone());
    }

    /// `text` without any known secret or `access_token=…` query value.
    pub(super) fn scrub(&self, text: &str) -> String {
        let mut text = scrub_query_token(text);
        let tokens = lock(&self.tokens).clone();
        for secret in self.credentials.iter().chain(&tokens) {
            if let Some(masked) = crate::redact::mask(&text, secret.expose()) {
                text = masked;
            }
        }
        crate::redact::scrub(&text).into_owned()
    }
}

/// Replaces the value of any `access_token=` in `text` with `***`.
fn scrub_query_token(text: &str) -> String {
    const KEY: &str = "access_token=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        out.push_str(&rest[..at + KEY.len()]);
        out.push_str("***");
        let tail = &rest[at + KEY.len()..];
        let end = tail.find(['&', ' ', ')', '"', '\'']).unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_tokens_are_scrubbed() {
        assert_eq!(
            scrub_query_token("GET http://h/x?access_token=ABC&ids=1 failed"),
            "GET http://h/x?access_token=***&ids=1 failed"
        );
        assert_eq!(
            scrub_query_token("url (http://h/?access_token=ABC)"),
            "url (http://h/?access_token=***)"
        );
        assert_eq!(scrub_query_token("nothing here"), "nothing here");
    }

    #[test]
    fn credentials_and_tokens_seen_are_scrubbed() {
        let scrubber = Scrubber::new(vec![Secret::new("SECRETVALUE")]);
        scrubber.remember_token(&Secret::new("TOKENVALUE"));
        assert_eq!(scrubber.scrub("a SECRETVALUE b TOKENVALUE"), "a *** b ***");
    }
}
