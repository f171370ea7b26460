//! The one error type of the WeChat client. Every variant names the endpoint it concerns
//! (`menu/addconditional`), never a URL: request URLs carry the access token. Text that came
//! from outside (WeChat's `errmsg`, transport causes) is scrubbed of secrets before it is stored.

use std::fmt;

/// A WeChat answer with a non-zero `errcode`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The endpoint, e.g. `menu/addconditional`.
    pub endpoint: &'static str,
    pub errcode: i64,
    /// WeChat's own text, `rid` included (quote it to WeChat support).
    pub errmsg: String,
    /// What it means for the user and what to do.
    pub advice: String,
}

impl ApiError {
    /// The call and WeChat's answer, without the advice:
    /// `tags/get: WeChat error 48001 (api unauthorized rid: …)`.
    pub fn answer(&self) -> String {
        format!(
            "{}: WeChat error {} ({})",
            self.endpoint,
            self.errcode,
            // WeChat's own text, or whatever answered in its place.
            crate::inert::text(self.errmsg.trim()),
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.answer(), self.advice)
    }
}

/// The most of a text from an answer (an `errmsg`, a value quoted by a decoding error) that
/// an error repeats; WeChat's own are far shorter, and an answer may be up to 2 MiB.
pub const MAX_QUOTED_CHARS: usize = 500;

/// `text` cut to [`MAX_QUOTED_CHARS`] characters, saying how much was left out. Scrub secrets
/// before cutting: a cut secret is no longer recognised.
pub fn quoted(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}… ({} bytes more)", &text[..cut], text.len() - cut),
    }
}

/// Why a request did not get an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The connection could not be made (refused, DNS, unreachable): nothing was sent.
    Connect,
    /// The TLS handshake failed (certificate, protocol): nothing was sent.
    Tls,
    /// No answer in time.
    Timeout,
    /// The connection broke while the request or the answer was in flight.
    Dropped,
    /// WeChat (or a proxy) answered with an HTTP status other than 200.
    Status(u16),
}

impl TransportKind {
    /// Whether the request certainly never reached the server.
    pub fn not_sent(self) -> bool {
        matches!(self, TransportKind::Connect | TransportKind::Tls)
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportKind::Connect => f.write_str("could not connect"),
            TransportKind::Tls => f.write_str("TLS handshake failed"),
            TransportKind::Timeout => f.write_str("timed out"),
            TransportKind::Dropped => f.write_str("connection dropped"),
            TransportKind::Status(code) => write!(f, "HTTP status {code}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WechatError {
    /// WeChat answered with a non-zero errcode.
    #[error("{0}")]
    Api(ApiError),

    /// No usable answer (for a read, or for a write that certainly was not carried out).
    #[error("{endpoint}: {kind} to {host}: {detail}")]
    Transport {
        endpoint: &'static str,
        host: String,
        kind: TransportKind,
        detail: String,
    },

    /// A write was sent but its outcome is unknown (timeout or connection dropped after sending,
    /// or an unreadable answer). It was NOT retried: re-read the account before trying again,
    /// or the object may be created twice.
    #[error(
        "{endpoint}: the request was sent to {host} but no usable answer came back ({detail}); \
         WeChat may or may not have made the change — re-read the account before retrying"
    )]
    OutcomeUnknown {
        endpoint: &'static str,
        host: String,
        detail: String,
    },

    /// WeChat answered with a body wxform cannot understand.
    #[error("{endpoint}: unexpected answer from {host}: {detail}")]
    InvalidResponse {
        endpoint: &'static str,
        host: String,
        detail: String,
    },

    /// The client cannot be set up: bad `--api-base`, missing credentials.
    #[error("{0}")]
    Config(String),

    /// `account.token_command` gave no token: it could not start, failed, timed out, or
    /// printed something else. The text never quotes its stdout.
    #[error("{0}")]
    TokenCommand(String),

    /// Several reads of the account failed at once: each section with its own error, so that
    /// one run shows every permission or quota problem instead of the first.
    #[error("{}", list_failures(.0))]
    Reads(Vec<(&'static str, WechatError)>),
}

/// `2 sections could not be read:` then one indented line per section and its error. Advice
/// is given once: an IP refusal or a missing permission fails several sections alike.
fn list_failures(failures: &[(&'static str, WechatError)]) -> String {
    let mut text = format!("{} sections could not be read:", failures.len());
    let mut advised: Vec<&str> = Vec::new();
    for (section, error) in failures {
        match error {
            WechatError::Api(api) if advised.contains(&api.advice.as_str()) => {
                text.push_str(&format!("\n  {section}: {}: as above", api.answer()));
            }
            WechatError::Api(api) => {
                advised.push(&api.advice);
                text.push_str(&format!("\n  {section}: {error}"));
            }
            _ => text.push_str(&format!("\n  {section}: {error}")),
        }
    }
    text
}

impl WechatError {
    /// WeChat's errcode, for [`WechatError::Api`].
    pub fn errcode(&self) -> Option<i64> {
        match self {
            WechatError::Api(api) => Some(api.errcode),
            _ => None,
        }
    }

    /// Whether a write may have happened although it reported failure.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, WechatError::OutcomeUnknown { .. })
    }

    /// The endpoint the error concerns, e.g. `tags/create`.
    pub fn endpoint(&self) -> Option<&'static str> {
        match self {
            WechatError::Api(api) => Some(api.endpoint),
            WechatError::Transport { endpoint, .. }
            | WechatError::OutcomeUnknown { endpoint, .. }
            | WechatError::InvalidResponse { endpoint, .. } => Some(endpoint),
            WechatError::Config(_) | WechatError::TokenCommand(_) | WechatError::Reads(_) => None,
        }
    }

    /// Each failure this error stands for: the several reads of [`WechatError::Reads`], or
    /// itself.
    pub fn failures(&self) -> Vec<&WechatError> {
        match self {
            WechatError::Reads(failures) => failures.iter().map(|(_, error)| error).collect(),
            other => vec![other],
        }
    }

    pub fn api(&self) -> Option<&ApiError> {
        match self {
            WechatError::Api(api) => Some(api),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(endpoint: &'static str, advice: &str) -> WechatError {
        WechatError::Api(ApiError {
            endpoint,
            errcode: 48001,
            errmsg: "api unauthorized".to_string(),
            advice: advice.to_string(),
        })
    }

    #[test]
    fn a_list_of_failures_gives_each_advice_once() {
        let failures = WechatError::Reads(vec![
            ("tags", refused("tags/get", "the account lacks this API")),
            (
                "templates",
                refused("template/get_industry", "the account lacks this API"),
            ),
            ("menu", refused("menu/get", "another advice")),
        ]);
        assert_eq!(
            failures.to_string(),
            "3 sections could not be read:\n  \
             tags: tags/get: WeChat error 48001 (api unauthorized): the account lacks this API\n  \
             templates: template/get_industry: WeChat error 48001 (api unauthorized): as above\n  \
             menu: menu/get: WeChat error 48001 (api unauthorized): another advice"
        );
    }

    #[test]
    fn errmsg_is_shown_inert() {
        let error = ApiError {
            endpoint: "tags/get",
            errcode: -1,
            errmsg: "busy\n::error title=x::approved \u{1b}[2J".to_string(),
            advice: "try again".to_string(),
        };
        let shown = error.to_string();
        assert_eq!(
            shown,
            "tags/get: WeChat error -1 (busy\\n:\\:error title=x:\\:approved \\u{1b}[2J): try again"
        );
    }
}
