//! The request log: every request the emulator receives, with credentials redacted, so tests
//! can assert what a command did (and did not) send.

use serde::Serialize;
use serde_json::Value;

/// What replaces an access token or AppSecret in the log.
pub const REDACTED: &str = "REDACTED";

/// Paths whose calls change the account.
pub const MUTATING_PATHS: [&str; 13] = [
    "/cgi-bin/menu/create",
    "/cgi-bin/menu/delete",
    "/cgi-bin/menu/addconditional",
    "/cgi-bin/menu/delconditional",
    "/cgi-bin/tags/create",
    "/cgi-bin/tags/update",
    "/cgi-bin/tags/delete",
    "/cgi-bin/template/api_set_industry",
    "/cgi-bin/template/api_add_template",
    "/cgi-bin/template/del_private_template",
    "/wxaapi/newtmpl/addtemplate",
    "/wxaapi/newtmpl/deltemplate",
    "/cgi-bin/material/add_material",
];

/// One received request and how it was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// Query parameters in order; `access_token` and `secret` values are [`REDACTED`].
    pub query: Vec<(String, String)>,
    /// The parsed JSON body (`secret` redacted); a JSON string holding the raw text when the
    /// body was not JSON; `None` when empty.
    pub body: Option<Value>,
    /// The errcode answered: 0 for success (with or without an errcode in the body).
    pub errcode: i64,
    /// The connection was closed without an HTTP response.
    pub dropped: bool,
}

impl RecordedRequest {
    /// Whether the call writes to the account (whether or not it succeeded).
    pub fn is_mutating(&self) -> bool {
        MUTATING_PATHS.contains(&self.path.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

pub fn redact_query(query: &[(String, String)]) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(key, value)| {
            let secret = key == "access_token" || key == "secret";
            let value = if secret { REDACTED } else { value.as_str() };
            (key.clone(), value.to_string())
        })
        .collect()
}

pub fn redact_body(raw: &[u8]) -> Option<Value> {
    let text = String::from_utf8_lossy(raw);
    if text.trim().is_empty() {
        return None;
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(mut value) => {
            if let Some(object) = value.as_object_mut() {
                for key in ["secret", "access_token"] {
                    if let Some(slot) = object.get_mut(key) {
                        *slot = Value::from(REDACTED);
                    }
                }
            }
            Some(value)
        }
        Err(_) => Some(Value::from(redact_raw(&text))),
    }
}

/// An unparseable body is kept as text, but never with the secret in it.
fn redact_raw(text: &str) -> String {
    if text.contains("secret") || text.contains("access_token") {
        REDACTED.to_string()
    } else {
        text.to_string()
    }
}
