//! Deserialisers for WeChat's interchangeable encodings: the same field arrives as a number on
//! one endpoint and as a string on another (`menuid`, matchrule values, industry ids,
//! `categoryId`), so every id-like field accepts both. Integers stay integers (never `f64`).

use serde::{Deserialize, Deserializer, de::Error};
use serde_json::Value;

fn value_to_string<E: Error>(value: Value) -> Result<Option<String>, E> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        Value::Number(number) => Ok(Some(number.to_string())),
        Value::Bool(flag) => Ok(Some(flag.to_string())),
        other => Err(E::custom(format!(
            "expected a string or a number, found {other}"
        ))),
    }
}

fn value_to_u64<E: Error>(value: Value) -> Result<Option<u64>, E> {
    match value {
        Value::Null => Ok(None),
        Value::Number(number) => number
            .as_u64()
            .map(Some)
            .ok_or_else(|| E::custom(format!("expected a non-negative integer, found {number}"))),
        Value::String(text) if text.trim().is_empty() => Ok(None),
        Value::String(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| E::custom(format!("expected an integer, found {text:?}"))),
        other => Err(E::custom(format!("expected an integer, found {other}"))),
    }
}

/// A string that may arrive as a number; absent or `null` becomes `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    value_to_string(Value::deserialize(de)?)
}

/// A string that may arrive as a number; `null` becomes empty. Pair with `#[serde(default)]`.
pub fn string<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    Ok(value_to_string(Value::deserialize(de)?)?.unwrap_or_default())
}

/// An integer that may arrive as a string (`"208379533"`) or a number (`208379533`).
pub fn u64<'de, D: Deserializer<'de>>(de: D) -> Result<u64, D::Error> {
    value_to_u64(Value::deserialize(de)?)?.ok_or_else(|| D::Error::custom("missing integer"))
}

/// Like [`u64`], but absent, `null` or `""` become `None`.
pub fn opt_u64<'de, D: Deserializer<'de>>(de: D) -> Result<Option<u64>, D::Error> {
    value_to_u64(Value::deserialize(de)?)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "super::opt_string")]
        text: Option<String>,
        #[serde(default, deserialize_with = "super::opt_u64")]
        id: Option<u64>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn numbers_and_strings_are_interchangeable() {
        assert_eq!(
            probe(r#"{"text":2,"id":"208379533"}"#).text.as_deref(),
            Some("2")
        );
        assert_eq!(
            probe(r#"{"text":"2","id":208379533}"#).id,
            Some(208_379_533)
        );
        assert_eq!(probe(r#"{"id":""}"#).id, None);
        assert_eq!(probe("{}").text, None);
    }

    #[test]
    fn ids_beyond_2_pow_53_stay_exact() {
        assert_eq!(
            probe(r#"{"id":191569096301903873}"#).id,
            Some(191_569_096_301_903_873)
        );
        assert_eq!(
            probe(r#"{"id":"191569096301903873"}"#).id,
            Some(191_569_096_301_903_873)
        );
    }

    #[test]
    fn negative_or_fractional_ids_are_rejected() {
        assert!(serde_json::from_str::<Probe>(r#"{"id":-1}"#).is_err());
        assert!(serde_json::from_str::<Probe>(r#"{"id":1.5}"#).is_err());
    }
}
