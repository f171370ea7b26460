//! One HTTP exchange with WeChat and the retry loop around it.
//!
//! Every exchange and every retry decision goes to the debug log (`WXFORM_LOG`), redacted; a
//! call is reported to [`crate::progress`] while it waits (for an answer, or before a retry).
//!
//! Reads are retried on `-1`, `45011`, transport failures and HTTP 5xx. Writes are retried only
//! when the failure is definite (`45011`, `-1` except on adds, or the connection was never
//! made); a write that
//! failed after it may have been sent becomes [`WechatError::OutcomeUnknown`] and is not
//! retried, so that nothing is created twice. Errors name the endpoint and host, never the URL
//! (it carries the token). Every exchange is bounded: a time limit from sending to the last
//! byte of the answer, and at most [`MAX_BODY_BYTES`] of the answer read.

use super::api_base::ApiBase;
use super::credentials::Secret;
use super::endpoint::{Endpoint, Method};
use super::error::TransportKind;
use super::pool::HttpPool;
use super::retry::RetryPolicy;
use super::scrub::Scrubber;
use super::{ApiError, WechatError, errcodes, lenient_json};
use crate::files::human_size;
use crate::log;
use crate::progress::{self, Wait};
use serde_json::Value;
use std::error::Error as _;
use std::io::Read;
use std::time::{Duration, Instant};

/// The largest answer body wxform reads. WeChat's largest real answers (a full menu with
/// conditional menus, a template library page) are tens of KiB; anything beyond this is a
/// broken or hostile server, and reading it would only use memory.
pub const MAX_BODY_BYTES: u64 = 2 * 1024 * 1024;

/// How one client reaches WeChat: the connection pool, the API base, the retry policy, the
/// time limit of a request, and the secrets to keep out of what it reports.
pub(super) struct Transport {
    pub(super) pool: HttpPool,
    pub(super) base: ApiBase,
    pub(super) retry: RetryPolicy,
    /// Per request, from sending to the last byte of the answer.
    pub(super) timeout: Duration,
    pub(super) scrubber: Scrubber,
}

impl Transport {
    /// `text` without any secret this client knows.
    pub(super) fn scrub(&self, text: &str) -> String {
        self.scrubber.scrub(text)
    }

    /// Sends `endpoint` with retries as the policy allows; the parsed body on success.
    pub(super) fn execute(
        &self,
        endpoint: &Endpoint,
        token: Option<&Secret>,
        query: &[(&str, String)],
        body: Option<&[u8]>,
    ) -> Result<Value, WechatError> {
        let call = Call {
            endpoint,
            token,
            query,
            body,
        };
        // Reported while it lasts: a slow answer or a long backoff shows a progress line.
        let waiting = progress::begin(Wait::Answer {
            endpoint: endpoint.name,
        });
        let mut retry = 0;
        loop {
            let result = self.attempt(&call);
            let Err(err) = &result else {
                return result;
            };
            if retry < self.retry.max_retries && retryable(endpoint, err) {
                let delay = self.retry.delay(retry);
                waiting.update(Wait::Retry {
                    endpoint: endpoint.name,
                    delay,
                    retry: retry + 1,
                    of: self.retry.max_retries,
                    cause: retry_cause(err),
                });
                log::debug(|| {
                    format!(
                        "{}: retrying in {} ms (retry {} of {}) after {}",
                        endpoint.name,
                        delay.as_millis(),
                        retry + 1,
                        self.retry.max_retries,
                        short(err)
                    )
                });
                std::thread::sleep(delay);
                waiting.update(Wait::Answer {
                    endpoint: endpoint.name,
                });
                retry += 1;
                continue;
            }
            if let Some(reason) = not_retried(endpoint, err, retry) {
                log::debug(|| format!("{}: not retried: {reason}", endpoint.name));
            }
            return result;
        }
    }

    /// One exchange, logged: a line with its outcome, and at `trace` both bodies.
    fn attempt(&self, call: &Call) -> Result<Value, WechatError> {
        let Call { endpoint, body, .. } = *call;
        let method = match endpoint.method {
            Method::Get => "GET",
            Method::Post => "POST",
        };
        if let Some(body) = body.filter(|_| endpoint.method == Method::Post) {
            log::trace(|| match endpoint.multipart {
                // An image: bytes, not text to read.
                true => format!(
                    "{} request: {} bytes of multipart form",
                    endpoint.name,
                    body.len()
                ),
                false => format!(
                    "{} request: {}",
                    endpoint.name,
                    log::body(body, |text| self.scrub(text))
                ),
            });
        }
        let started = Instant::now();
        let mut status = None;
        let result = self.exchange(call, &mut status);
        let elapsed = started.elapsed().as_millis();
        log::debug(|| {
            let status = status.map_or_else(|| "no answer".to_string(), |s| format!("HTTP {s}"));
            let outcome = match &result {
                Ok(_) => "errcode 0".to_string(),
                Err(err) => short(err),
            };
            format!(
                "{method} {} → {status}, {outcome} ({elapsed} ms)",
                endpoint.name
            )
        });
        result
    }

    /// Sends the request and interprets the answer; `status` gets the HTTP status when one
    /// came back.
    fn exchange(&self, call: &Call, status_seen: &mut Option<u16>) -> Result<Value, WechatError> {
        let endpoint = call.endpoint;
        let request = self.request(call);
        // Held until the answer is read, when the connection goes back to the pool.
        let _slot = self.pool.slot();
        // Set per request, the limit covers the answer's body too (the client-wide one would
        // not): a server that drips forever is cut off.
        let response = request
            .timeout(self.timeout)
            .send()
            .map_err(|err| self.transport_error(endpoint, err))?;
        let status = response.status();
        *status_seen = Some(status.as_u16());
        if status != reqwest::StatusCode::OK {
            let detail = status
                .canonical_reason()
                .unwrap_or("unexpected status")
                .to_string();
            if endpoint.write && status.is_server_error() {
                return Err(self.unknown(endpoint, format!("HTTP status {}", status.as_u16())));
            }
            return Err(self.transport(endpoint, TransportKind::Status(status.as_u16()), detail));
        }
        // Never dispatch on Content-Type: WeChat sends JSON as text/plain at times.
        let bytes = self.read_body(endpoint, response)?;
        log::trace(|| {
            format!(
                "{} response: {}",
                endpoint.name,
                log::body(&bytes, |text| self.scrub(text))
            )
        });
        self.interpret(endpoint, &bytes)
    }

    /// The HTTP request for `endpoint`, with the token and `query` in its URL.
    fn request(&self, call: &Call) -> reqwest::blocking::RequestBuilder {
        let Call {
            endpoint,
            token,
            query,
            body,
        } = *call;
        let mut url = self.base.join(endpoint.path);
        if token.is_some() || !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            if let Some(token) = token {
                pairs.append_pair("access_token", token.expose());
            }
            for (key, value) in query {
                pairs.append_pair(key, value);
            }
        }
        let http = self.pool.http();
        match endpoint.method {
            Method::Get => http.get(url),
            Method::Post => http
                .post(url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    match endpoint.multipart {
                        true => super::multipart::CONTENT_TYPE,
                        false => "application/json; charset=utf-8",
                    },
                )
                .body(body.unwrap_or(b"{}").to_vec()),
        }
    }

    /// The answer's JSON, or the WeChat error it reports.
    fn interpret(&self, endpoint: &Endpoint, bytes: &[u8]) -> Result<Value, WechatError> {
        let value = lenient_json::parse_lenient(bytes).map_err(|err| {
            self.unusable_answer(endpoint, format!("the answer is not JSON ({err})"))
        })?;
        match lenient_json::failure(&value) {
            Ok(None) => Ok(value),
            Ok(Some((errcode, errmsg))) => Err(WechatError::Api(ApiError {
                endpoint: endpoint.name,
                errcode,
                advice: if endpoint.creates {
                    errcodes::advice_on_add(errcode, &errmsg)
                } else {
                    errcodes::advice(errcode, &errmsg)
                },
                errmsg: super::error::quoted(&self.scrub(&errmsg)),
            })),
            Err(detail) => Err(self.invalid(endpoint, detail)),
        }
    }

    /// The answer body, never more than [`MAX_BODY_BYTES`] of it, whatever the server declares
    /// or sends.
    fn read_body(
        &self,
        endpoint: &Endpoint,
        response: reqwest::blocking::Response,
    ) -> Result<Vec<u8>, WechatError> {
        let too_large = || {
            let detail = format!(
                "the answer is larger than {}, far beyond any real WeChat answer; it was not read",
                human_size(MAX_BODY_BYTES)
            );
            self.unusable_answer(endpoint, detail)
        };
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY_BYTES)
        {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        if let Err(err) = response.take(MAX_BODY_BYTES + 1).read_to_end(&mut bytes) {
            let reqwest_error = err
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<reqwest::Error>());
            let (kind, detail) = match reqwest_error {
                Some(err) if err.is_timeout() => (TransportKind::Timeout, causes(err)),
                Some(err) => (TransportKind::Dropped, causes(err)),
                None if err.kind() == std::io::ErrorKind::TimedOut => {
                    (TransportKind::Timeout, err.to_string())
                }
                None => (TransportKind::Dropped, err.to_string()),
            };
            let detail = format!("reading the answer: {}", self.scrub(&detail));
            return Err(self.transport_failure(endpoint, kind, detail));
        }
        if bytes.len() as u64 > MAX_BODY_BYTES {
            return Err(too_large());
        }
        Ok(bytes)
    }

    fn transport_error(&self, endpoint: &Endpoint, err: reqwest::Error) -> WechatError {
        // `without_url` drops the URL (and its access_token) from the message; `scrub` is a
        // second line of defence for anything a cause might quote.
        let err = err.without_url();
        let detail = self.scrub(&causes(&err));
        // The TLS handshake is part of connecting: a connect error means nothing was sent.
        let kind = if err.is_connect() && !err.is_timeout() && is_tls(&err, &detail) {
            TransportKind::Tls
        } else if err.is_connect() {
            TransportKind::Connect
        } else if err.is_timeout() {
            TransportKind::Timeout
        } else {
            TransportKind::Dropped
        };
        self.transport_failure(endpoint, kind, detail)
    }

    /// A transport failure: for a write that may have been sent, its outcome is unknown.
    fn transport_failure(
        &self,
        endpoint: &Endpoint,
        kind: TransportKind,
        detail: String,
    ) -> WechatError {
        if endpoint.write && !kind.not_sent() {
            return self.unknown(endpoint, format!("{kind}: {detail}"));
        }
        self.transport(endpoint, kind, detail)
    }

    /// An answer that cannot be used (too large, not JSON): after a write, whether the write was
    /// made is unknown.
    fn unusable_answer(&self, endpoint: &Endpoint, detail: String) -> WechatError {
        if endpoint.write {
            self.unknown(endpoint, detail)
        } else {
            self.invalid(endpoint, detail)
        }
    }

    fn transport(&self, endpoint: &Endpoint, kind: TransportKind, detail: String) -> WechatError {
        WechatError::Transport {
            endpoint: endpoint.name,
            host: self.base.host(),
            kind,
            detail,
        }
    }

    fn unknown(&self, endpoint: &Endpoint, detail: String) -> WechatError {
        WechatError::OutcomeUnknown {
            endpoint: endpoint.name,
            host: self.base.host(),
            // Scrubbed whole before the cut, which would hide a cut secret from a later scrub.
            detail: super::error::quoted(&self.scrub(&detail)),
        }
    }

    fn invalid(&self, endpoint: &Endpoint, detail: String) -> WechatError {
        WechatError::InvalidResponse {
            endpoint: endpoint.name,
            host: self.base.host(),
            // Scrubbed whole before the cut, which would hide a cut secret from a later scrub.
            detail: super::error::quoted(&self.scrub(&detail)),
        }
    }
}

/// One call to make: the endpoint, the token and query for its URL, and the body of a POST.
#[derive(Clone, Copy)]
struct Call<'a> {
    endpoint: &'a Endpoint,
    token: Option<&'a Secret>,
    query: &'a [(&'a str, String)],
    body: Option<&'a [u8]>,
}

/// Whether another attempt may help (and is safe).
fn retryable(endpoint: &Endpoint, err: &WechatError) -> bool {
    match err {
        // A rate limit (45011) is a refusal; a system error (-1) on an add may hide a success.
        WechatError::Api(api) if endpoint.creates => api.errcode == errcodes::MINUTE_QUOTA,
        WechatError::Api(api) => errcodes::is_transient(api.errcode),
        // Writes that may have been sent never get here: they are OutcomeUnknown.
        WechatError::Transport { kind, .. } => match kind {
            TransportKind::Tls => false,
            TransportKind::Status(code) => *code >= 500,
            TransportKind::Connect | TransportKind::Timeout | TransportKind::Dropped => true,
        },
        _ => false,
    }
}

/// Why a failed call is not tried again, for the debug log; `None` when the reason is said
/// elsewhere (a rejected token is refreshed by the caller).
fn not_retried(endpoint: &Endpoint, err: &WechatError, retries: u32) -> Option<String> {
    if retryable(endpoint, err) {
        return Some(format!("gave up after {retries} retries"));
    }
    Some(match err {
        WechatError::Api(api) if errcodes::is_token_invalid(api.errcode) => return None,
        WechatError::Api(api) if api.errcode == errcodes::SYSTEM_ERROR => {
            "an add answered -1 may have been made; the caller re-reads the account instead".into()
        }
        WechatError::Api(api) => format!("errcode {} is not transient", api.errcode),
        WechatError::OutcomeUnknown { .. } => {
            "the write may have been made; the caller re-reads the account instead".into()
        }
        WechatError::Transport { kind, .. } => format!("{kind} is not worth another try"),
        _ => "the answer cannot be understood".into(),
    })
}

/// An error in a few words, for the debug log: the errcode, or what went wrong in transport.
fn short(err: &WechatError) -> String {
    match err {
        WechatError::Api(api) => format!("errcode {}", api.errcode),
        WechatError::Transport { kind, .. } => kind.to_string(),
        WechatError::OutcomeUnknown { detail, .. } => format!("outcome unknown: {detail}"),
        WechatError::InvalidResponse { detail, .. } => format!("unusable answer: {detail}"),
        other => other.to_string(),
    }
}

/// What made a call be tried again, to follow "after" in a progress line: an errcode or what
/// went wrong in transport, never text from the answer.
fn retry_cause(err: &WechatError) -> String {
    match err {
        WechatError::Api(api) => format!("errcode {}", api.errcode),
        WechatError::Transport { kind, .. } => match kind {
            TransportKind::Connect => "the connection failed".into(),
            TransportKind::Tls => "the TLS handshake failed".into(),
            TransportKind::Timeout => "a timeout".into(),
            TransportKind::Dropped => "the connection dropped".into(),
            TransportKind::Status(code) => format!("HTTP status {code}"),
        },
        _ => "a failure".into(),
    }
}

/// The error and its causes on one line.
fn causes(err: &reqwest::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

/// Whether the handshake failed: rustls reports through an `io::Error` of kind `InvalidData`;
/// the words are a fallback for causes that do not keep their type.
fn is_tls(err: &reqwest::Error, detail: &str) -> bool {
    let mut source = err.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::InvalidData
        {
            return true;
        }
        source = cause.source();
    }
    let lower = detail.to_lowercase();
    ["certificate", "tls", "handshake", "corrupt message"]
        .iter()
        .any(|word| lower.contains(word))
}
