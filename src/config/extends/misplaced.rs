//! Placeholders where none is filled in: a `${name}` in a template's title, a tag's name, a
//! button's `type`… would reach WeChat as it is written. Every text value of a file is looked
//! at (whatever the field, so a field added later is covered too); those a placeholder may
//! stand in (see `fields`) and the vars' own values (checked in `vars`) are skipped.

use super::parse_at;
use super::placeholders::mentions_placeholder;
use crate::config::RuleId;
use crate::config::diagnostic::Diagnostic;
use crate::config::yaml_parser::Spanned;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::ops::Range;

/// Reports every placeholder in the file `text` (its spans starting at `base`) outside the
/// spans of `skip`.
pub(super) fn check(text: &str, base: usize, skip: &[Range<usize>], out: &mut Vec<Diagnostic>) {
    if !text.contains("${") {
        return;
    }
    // The file was parsed into the configuration's shape already; it parses as plain YAML too.
    let Ok(root) = parse_at::<Spanned<Node>>(text, base) else {
        return;
    };
    let mut texts = Vec::new();
    root.value.texts(&root.span, &mut texts);
    for (value, span) in texts {
        let skipped = skip
            .iter()
            .any(|range| range.start <= span.start && span.end <= range.end);
        if !skipped && mentions_placeholder(value) {
            out.push(
                Diagnostic::error(RuleId::Placeholder, "a placeholder where none is filled in")
                    .at(span.clone(), "taken as it is written")
                    .note("placeholders are filled in only in a button's values (not its `type`), a matchrule's `tag_id` and a menu check's `openid`: names, titles, keywords and types are the same in every account")
                    .help("to give one account another value here, set the whole section in its account file"),
            );
        }
    }
}

/// A YAML value, as far as text values go.
enum Node {
    Text(String),
    /// A list's items or a mapping's values (keys are the structure's, checked elsewhere).
    Many(Vec<Spanned<Node>>),
    Other,
}

impl Node {
    fn texts<'a>(&'a self, span: &'a Range<usize>, out: &mut Vec<(&'a str, &'a Range<usize>)>) {
        match self {
            Node::Text(text) => out.push((text, span)),
            Node::Many(items) => {
                for item in items {
                    item.value.texts(&item.span, out);
                }
            }
            Node::Other => {}
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
        f.write_str("a YAML value")
    }

    fn visit_str<E>(self, text: &str) -> Result<Node, E> {
        Ok(Node::Text(text.to_string()))
    }

    fn visit_string<E>(self, text: String) -> Result<Node, E> {
        Ok(Node::Text(text))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i128<E>(self, _: i128) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u128<E>(self, _: u128) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Many(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut values = Vec::new();
        while map.next_key::<IgnoredAny>()?.is_some() {
            values.push(map.next_value::<Spanned<Node>>()?);
        }
        Ok(Node::Many(values))
    }
}
