//! `vars:` as written: the values an account file gives the `${name}` placeholders, each name
//! and value with its span, in file order. A leaf module: `raw` names it for the file's shape.

use crate::config::yaml_parser::Spanned;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A variable name, as a placeholder writes it between `${` and `}`.
pub const NAME_PATTERN: &str = "^[A-Za-z_][A-Za-z0-9_]*$";

/// A placeholder written alone: what the JSON Schema accepts where a value otherwise has a
/// stricter shape (a tag id), so that a shared file stays valid in an editor.
pub const PLACEHOLDER_PATTERN: &str = r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$";

/// The `vars:` mapping: names and values with their spans, in the order written.
#[derive(Debug, Default)]
pub struct RawVars {
    pub entries: Vec<(Spanned<String>, Spanned<String>)>,
}

impl<'de> Deserialize<'de> for RawVars {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(VarsVisitor)
    }
}

struct VarsVisitor;

impl<'de> Visitor<'de> for VarsVisitor {
    type Value = RawVars;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of names to values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawVars, A::Error> {
        let mut entries = Vec::new();
        while let Some(name) = map.next_key::<Spanned<String>>()? {
            entries.push((name, map.next_value::<Spanned<String>>()?));
        }
        Ok(RawVars { entries })
    }
}

impl JsonSchema for RawVars {
    fn schema_name() -> Cow<'static, str> {
        "Vars".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "The values of the shared file's `${name}` placeholders for this account. A name is letters, digits and `_`, not starting with a digit; a value is text (or a whole number, for a tag id). Never a secret: values are shown in plans.",
            "propertyNames": { "pattern": NAME_PATTERN },
            "additionalProperties": { "type": ["string", "integer"] }
        })
    }
}
