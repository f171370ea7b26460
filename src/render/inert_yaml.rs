//! YAML with no invisible character written raw. The YAML serialiser escapes control
//! characters, but writes bidi marks, zero-width characters and the like as they are, even in
//! a plain scalar, where YAML has no escape. A value holding one is written again here with
//! each of its strings that holds one double-quoted, and the characters as `\uXXXX` escapes:
//! the same value for a YAML reader, nothing hidden from a person reading the file.

use crate::inert::is_invisible;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt::{self, Write};

/// `value` as YAML, its invisible characters escaped.
pub fn to_inert_yaml<T: Serialize>(value: &T) -> Result<String, String> {
    // Through JSON text, whose objects keep the order of the fields (a `serde_json::Value`
    // would sort them), into a tree whose strings know how they must be written.
    let json = serde_json::to_string(value).map_err(|err| err.to_string())?;
    let tree: Node = serde_json::from_str(&json).map_err(|err| err.to_string())?;
    let yaml = serde_saphyr::to_string(&tree).map_err(|err| err.to_string())?;
    Ok(escape_in_double_quotes(&yaml))
}

/// Every invisible character of `yaml` as an escape. Only valid where each of them is inside
/// a double-quoted scalar, as [`Node`] writes them.
fn escape_in_double_quotes(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    for ch in yaml.chars() {
        match u32::from(ch) {
            code if is_invisible(ch) && code <= 0xffff => {
                let _ = write!(out, "\\u{code:04X}");
            }
            code if is_invisible(ch) => {
                let _ = write!(out, "\\U{code:08X}");
            }
            _ => out.push(ch),
        }
    }
    out
}

/// A JSON value whose objects keep their order.
enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// A string, double-quoted when it holds an invisible character.
struct Scalar<'a>(&'a str);

impl Serialize for Scalar<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.chars().any(is_invisible) {
            serde_saphyr::DoubleQuoted(self.0).serialize(serializer)
        } else {
            serializer.serialize_str(self.0)
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(value) => serializer.serialize_bool(*value),
            Node::Number(number) => number.serialize(serializer),
            Node::Text(text) => Scalar(text).serialize(serializer),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(&Scalar(key), value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(value)
            .map(Node::Number)
            .ok_or_else(|| E::custom("a number JSON cannot hold"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }
}
