//! A YAML document as a generic tree with a span on every key and value, read before the typed
//! structs so that the shape of the whole file can be checked in one pass (`shape`): serde
//! stops at the first unknown key, this tree does not. Spans are where each value is defined:
//! inside an alias, the anchored text it repeats.

use super::yaml_parser::{Defined, Spanned};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `key: value` lines or `{ … }`, in file order.
    Mapping(Vec<(Spanned<Node>, Spanned<Node>)>),
    /// `- item` lines or `[ … ]`.
    List(Vec<Spanned<Node>>),
    /// Text or a boolean, as text.
    Scalar(String),
    /// A number, as written.
    Number(String),
    /// `~`, `null` or nothing at all.
    Null,
}

impl Node {
    /// The text of a scalar, such as a key.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Node::Scalar(text) | Node::Number(text) => Some(text),
            _ => None,
        }
    }

    /// What the value is, in words: "a list", "a number"…
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Mapping(_) => "a mapping",
            Node::List(_) => "a list",
            Node::Scalar(_) => "a text value",
            Node::Number(_) => "a number",
            Node::Null => "empty",
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
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(Defined(key)) = map.next_key::<Defined<Node>>()? {
            let Defined(value) = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Node::Mapping(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(Defined(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Scalar(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::Scalar(value))
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Scalar(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.to_string()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Node, E> {
        Ok(Node::Number(value.to_string()))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Node, E> {
        Ok(Node::Number(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Number(value.to_string()))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bytes<E>(self, value: &[u8]) -> Result<Node, E> {
        Ok(Node::Scalar(String::from_utf8_lossy(value).into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_keep_byte_spans_after_cjk() {
        let text = "# 说明\nmenu:\n  button: [{ 名字: 今日 }]\n";
        let tree: Spanned<Node> = super::super::yaml_parser::parse(text).unwrap();
        let Node::Mapping(top) = &tree.value else {
            panic!("{tree:?}")
        };
        let (key, menu) = &top[0];
        assert_eq!(&text[key.span.clone()], "menu");
        let Node::Mapping(menu) = &menu.value else {
            panic!("{menu:?}")
        };
        let Node::List(buttons) = &menu[0].1.value else {
            panic!("{menu:?}")
        };
        let Node::Mapping(button) = &buttons[0].value else {
            panic!("{buttons:?}")
        };
        assert_eq!(&text[button[0].0.span.clone()], "名字");
        assert_eq!(&text[button[0].1.span.clone()], "今日");
    }
}
