//! A credential value inside data that wxform writes for programs — an export, a snapshot, a
//! saved or printed JSON plan — is never masked there: a file whose values were silently
//! replaced by `***` would no longer say what the account holds, and applying or planning from
//! it would change the account. wxform stops instead, writes nothing, and says which credential
//! it found where (the value itself is never shown).
//!
//! Displays (a text or Markdown plan, errors, logs) are scrubbed as always ([`crate::redact`]);
//! this guards the data.

use serde_json::Value;
use std::fmt;

/// A known credential found in data about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretInData {
    /// What was about to be written: `the export`, `the saved plan`, …
    pub what: String,
    /// Which credential: a variable's name, or what it is.
    pub source: String,
    /// Where in the data: `templates[0].content`.
    pub path: String,
}

impl std::error::Error for SecretInData {}

impl fmt::Display for SecretInData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the value of {} is in {} at `{}`; wxform neither writes a credential into data nor \
             masks it there (the file would no longer say what the account holds), so nothing was \
             written. Remove the value from the account, then rotate the credential",
            crate::inert::text(&self.source),
            self.what,
            crate::inert::text(&self.path)
        )
    }
}

/// Refuses `data` (about to be written as `what`) when a key or string in it holds a known
/// credential, in any form the scrubber masks.
pub fn check(what: &str, data: &Value) -> Result<(), SecretInData> {
    match find(data, &mut String::new()) {
        None => Ok(()),
        Some((source, path)) => Err(SecretInData {
            what: what.to_string(),
            source,
            path,
        }),
    }
}

/// The first credential in `data` (depth first, in order) and its path, `path` being where
/// `data` sits.
fn find(data: &Value, path: &mut String) -> Option<(String, String)> {
    match data {
        Value::String(text) => crate::redact::source_in(text).map(|source| (source, path.clone())),
        Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            let length = path.len();
            path.push_str(&format!("[{index}]"));
            let found = find(item, path);
            path.truncate(length);
            found
        }),
        Value::Object(fields) => fields.iter().find_map(|(key, value)| {
            if let Some(source) = crate::redact::source_in(key) {
                // The key is the credential: the path names where it is, not what it is.
                return Some((source, format!("{path} (a key)")));
            }
            let length = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            let found = find(value, path);
            path.truncate(length);
            found
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_credential_is_found_with_its_source_and_path_never_its_value() {
        crate::redact::register_as("DATA-CHECK-0123456789abcdef", "SHOP_APPKEY");
        let data = json!({
            "menu": {"button": [{"name": "a"}, {"name": "b", "url": "https://x/?k=DATA-CHECK-0123456789abcdef"}]},
        });
        let found = check("the export", &data).unwrap_err();
        assert_eq!(found.source, "SHOP_APPKEY");
        assert_eq!(found.path, "menu.button[1].url");
        let message = found.to_string();
        assert!(
            message
                .starts_with("the value of SHOP_APPKEY is in the export at `menu.button[1].url`;"),
            "{message}"
        );
        assert!(!message.contains("DATA-CHECK"), "{message}");
    }

    #[test]
    fn a_credential_in_another_case_or_encoding_is_named_too() {
        crate::redact::register_as("Data-Check-Case-9876543210", "WECHAT_APPSECRET");
        // Upper-cased, and base64-encoded (`Data-Check-Case-9876543210`).
        for echoed in [
            "DATA-CHECK-CASE-9876543210",
            "RGF0YS1DaGVjay1DYXNlLTk4NzY1NDMyMTA=",
        ] {
            let found = check("the export", &json!({"a": ["x", echoed]})).unwrap_err();
            assert_eq!(
                (found.source.as_str(), found.path.as_str()),
                ("WECHAT_APPSECRET", "a[1]")
            );
        }
    }

    #[test]
    fn a_credential_as_a_key_is_found_without_showing_it() {
        crate::redact::register_as("Data-Check-Key-9876543210", "WECHAT_APPSECRET");
        let data = json!({"tags": [{"Data-Check-Key-9876543210": 1}]});
        let found = check("the snapshot", &data).unwrap_err();
        assert_eq!(found.source, "WECHAT_APPSECRET");
        assert_eq!(found.path, "tags[0] (a key)");
    }

    #[test]
    fn data_without_credentials_passes() {
        assert_eq!(
            check("the export", &json!({"a": ["b", 1, null, {"c": "d"}]})),
            Ok(())
        );
    }
}
