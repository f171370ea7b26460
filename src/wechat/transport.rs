//! One HTTP exchange with WeChat and the retry loop around it.
//!
//! Reads are retried on `-1`, `45011`, transport failures and HTTP 5xx. Writes are retried only
//! when the failure is definite (`45011`, `-1` except on adds, or the connection was never
//! made); a write that
//! failed after it may have been sent becomes [`WechatError::OutcomeUnknown`] and is not
//! retried, so that nothing is created twice. Errors name the endpoint and host, never the URL
//! (it carries the token). Every exchange is bounded: a time limit from sending to the last
//! byte of the answer, and at most [`MAX_BODY_BYTES`] of the answer read.

use super::client::{Client, MAX_BODY_BYTES};
use super::credentials::Secret;
use super::endpoint::{Endpoint, Method};
use super::error::TransportKind;
use super::{ApiError, WechatError, errcodes, json};
use crate::files::human_size;
use serde_json::Value;
use std::error::Error as _;
use std::io::Read;

impl Client {
    /// Sends `endpoint` with retries as the policy allows; the parsed body on success.
    pub(super) fn execute(
        &self,
        endpoint: &Endpoint,
        token: Option<&Secret>,
        query: &[(&str, String)],
        body: Option<&[u8]>,
    ) -> Result<Value, WechatError> {
        let mut retry = 0;
        loop {
            let result = self.attempt(endpoint, token, query, body);
            match &result {
                Err(err) if retry < self.retry.max_retries && retryable(endpoint, err) => {
                    std::thread::sleep(self.retry.delay(retry));
                    retry += 1;
                }
                _ => return result,
            }
        }
    }

    fn attempt(
        &self,
        endpoint: &Endpoint,
        token: Option<&Secret>,
        query: &[(&str, String)],
        body: Option<&[u8]>,
    ) -> Result<Value, WechatError> {
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
        let request = match endpoint.method {
            Method::Get => self.http.get(url),
            Method::Post => self
                .http
                .post(url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/json; charset=utf-8",
                )
                .body(body.unwrap_or(b"{}").to_vec()),
        };
        // Set per request, the limit covers the answer's body too (the client-wide one would
        // not): a server that drips forever is cut off.
        let response = request
            .timeout(self.timeout)
            .send()
            .map_err(|err| self.transport_error(endpoint, err))?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            let detail = status
                .canonical_reason()
                .unwrap_or("unexpected status")
                .to_string();
            if endpoint.write && status.is_server_error() {
                return Err(self.unknown(endpoint, format!("HTTP status {}", status.as_u16())));
            }
            return Err(WechatError::Transport {
                endpoint: endpoint.name,
                host: self.base.host(),
                kind: TransportKind::Status(status.as_u16()),
                detail,
            });
        }
        // Never dispatch on Content-Type: WeChat sends JSON as text/plain at times.
        let bytes = self.read_body(endpoint, response)?;
        let value = json::parse_lenient(&bytes).map_err(|err| {
            let detail = format!("the answer is not JSON ({err})");
            if endpoint.write {
                self.unknown(endpoint, detail)
            } else {
                self.invalid(endpoint, detail)
            }
        })?;
        match json::failure(&value) {
            Ok(None) => Ok(value),
            Ok(Some((errcode, errmsg))) => Err(WechatError::Api(ApiError {
                endpoint: endpoint.name,
                errcode,
                advice: errcodes::advice(errcode, &errmsg),
                errmsg: self.scrub(&errmsg),
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
            if endpoint.write {
                self.unknown(endpoint, detail)
            } else {
                self.invalid(endpoint, detail)
            }
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
            if endpoint.write {
                return Err(self.unknown(endpoint, format!("{kind}: {detail}")));
            }
            return Err(WechatError::Transport {
                endpoint: endpoint.name,
                host: self.base.host(),
                kind,
                detail,
            });
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
        if endpoint.write && !kind.not_sent() {
            return self.unknown(endpoint, format!("{kind}: {detail}"));
        }
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
            detail,
        }
    }

    fn invalid(&self, endpoint: &Endpoint, detail: String) -> WechatError {
        WechatError::InvalidResponse {
            endpoint: endpoint.name,
            host: self.base.host(),
            detail,
        }
    }
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
