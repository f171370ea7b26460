//! The `format_version` of wxform's JSON documents (plan documents, snapshots), read before
//! their shape: another version may have another shape, and a document without one is not
//! wxform's (every field of a snapshot has a default, so any JSON object would read as one).

use serde_json::Value;

/// The document's `format_version`, or why it has none.
pub fn of(document: &Value) -> Result<u64, &'static str> {
    let object = document.as_object().ok_or("it is not a JSON object")?;
    let version = object
        .get("format_version")
        .ok_or("no format_version field")?;
    version
        .as_u64()
        .ok_or("format_version is not a whole number")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_version_or_says_why_there_is_none() {
        assert_eq!(of(&json!({"format_version": 2, "x": 1})), Ok(2));
        assert_eq!(of(&json!([1, 2])), Err("it is not a JSON object"));
        assert_eq!(of(&json!({"name": "shop"})), Err("no format_version field"));
        let text = json!({"format_version": "1"});
        assert_eq!(of(&text), Err("format_version is not a whole number"));
        assert_eq!(
            of(&json!({"format_version": 1.5})),
            Err("format_version is not a whole number")
        );
    }
}
