//! The shape of a configuration, checked on the generic tree before the typed structs are read:
//! every unknown key and every missing required key of the file, at any depth, each at its
//! own place, with "did you mean" when a known key is close; and words that must be one of a
//! few (`unmanaged: keep|delete`).
//!
//! Which keys each place has is read from the JSON Schema that `raw` generates (`wxform
//! schema`), so the two cannot drift; [`BEYOND_THE_SCHEMA`] adds the few keys serde accepts that
//! the schema does not offer editors. serde still rejects what this pass would miss.

use super::diagnostic::Diagnostic;
use super::rule_id::RuleId;
use super::suggest::did_you_mean;
use super::yaml_parser::Spanned;
use super::yaml_tree::Node;
use serde_json::Value;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// Keys the raw structs accept but the schema leaves out: `menuid`, pasted from `menu/get` and
/// ignored, and `group_id`, `menu/get`'s name for a matchrule's `tag_id`.
pub const BEYOND_THE_SCHEMA: &[(&str, &str)] = &[
    ("Menu", "menuid"),
    ("ConditionalMenu", "menuid"),
    ("MatchRule", "group_id"),
];

/// Problems reported one by one; past this many, one line says how many more there are (a
/// hostile file can hold thousands).
const MAX_REPORTED: usize = 50;

/// Every unknown key, missing key and unknown word of the file, in file order.
pub fn check(tree: &Spanned<Node>) -> Vec<Diagnostic> {
    let schema = schema();
    let mut walk = Walk {
        schema,
        out: Vec::new(),
        seen: HashSet::new(),
    };
    walk.node(tree, &Expect::Mapping(Place::root(schema)));
    let mut out = walk.out;
    out.sort_by_key(|d| d.span.as_ref().map_or(0, |span| span.start));
    if out.len() > MAX_REPORTED {
        let more = out.len() - MAX_REPORTED;
        out.truncate(MAX_REPORTED);
        out.push(Diagnostic::error(
            RuleId::UnknownKey,
            format!(
                "{} not shown",
                crate::words::plural(more, "more unknown or missing key")
            ),
        ));
    }
    out
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(super::schema_value)
}

/// A mapping of the configuration: a schema object with `properties`.
#[derive(Clone, Copy)]
struct Place<'a> {
    /// The definition's name (`Button`), or `Config` for the top level.
    name: &'a str,
    schema: &'a Value,
}

impl<'a> Place<'a> {
    fn root(schema: &'a Value) -> Self {
        Place {
            name: "Config",
            schema,
        }
    }

    fn property(&self, key: &str) -> Option<&'a Value> {
        self.schema.get("properties")?.get(key)
    }

    fn accepts(&self, key: &str) -> bool {
        self.property(key).is_some() || BEYOND_THE_SCHEMA.contains(&(self.name, key))
    }

    /// The keys to offer: every property but the retired ones.
    fn offered(&self) -> Vec<&'a str> {
        let Some(properties) = self.schema.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        properties
            .iter()
            .filter(|(_, schema)| schema.get("deprecated") != Some(&Value::Bool(true)))
            .map(|(key, _)| key.as_str())
            .collect()
    }

    fn required(&self) -> impl Iterator<Item = &'a str> {
        self.schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    /// The place in words, for messages: "a button".
    fn words(&self) -> &'a str {
        match self.name {
            "Config" => "the configuration",
            "Account" => "`account`",
            "Menu" => "`menu`",
            "Button" => "a button",
            "ConditionalMenu" => "a conditional menu",
            "MatchRule" => "a matchrule",
            "MenuCheck" => "a menu check",
            "CheckUser" => "a menu check's `user`",
            "Server" => "`server`",
            "ReplyCheck" => "a reply check",
            "Reply" => "a reply check's `replies`",
            "Tags" => "`tags`",
            "Tag" => "a tag",
            "Templates" => "`templates`",
            "Industry" => "`templates.industry`",
            "Template" => "a template",
            "SubscribeTemplates" => "`subscribe_templates`",
            "SubscribeTemplate" => "a subscribe template",
            other => other,
        }
    }
}

/// What a value must be, as far as this pass checks.
enum Expect<'a> {
    Mapping(Place<'a>),
    List(Box<Expect<'a>>),
    /// One of these words (a serde enum such as `Policy`).
    Words(Vec<&'a str>),
    /// Anything else is left to serde and the rules.
    Other,
}

impl<'a> Expect<'a> {
    fn of(schema: &'a Value, property: &'a Value) -> Self {
        if let Some(name) = reference(property) {
            let Some(definition) = schema.get("definitions").and_then(|d| d.get(name)) else {
                return Expect::Other;
            };
            if definition.get("properties").is_some() {
                return Expect::Mapping(Place {
                    name,
                    schema: definition,
                });
            }
            let words: Vec<&str> = definition
                .get("oneOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|variant| variant.get("const")?.as_str())
                .collect();
            return if words.is_empty() {
                Expect::Other
            } else {
                Expect::Words(words)
            };
        }
        match property.get("items") {
            Some(items) => Expect::List(Box::new(Expect::of(schema, items))),
            None => Expect::Other,
        }
    }
}

/// The definition a property refers to: directly, through `allOf` (a reference with a
/// description) or through `anyOf` (an optional one).
fn reference(property: &Value) -> Option<&str> {
    fn direct(value: &Value) -> Option<&str> {
        value.get("$ref")?.as_str()?.strip_prefix("#/definitions/")
    }
    direct(property).or_else(|| {
        ["allOf", "anyOf"]
            .iter()
            .filter_map(|combinator| property.get(combinator)?.as_array())
            .flatten()
            .find_map(direct)
    })
}

struct Walk<'a> {
    schema: &'a Value,
    out: Vec<Diagnostic>,
    /// Aliases repeat nodes: each place is reported once.
    seen: HashSet<(Range<usize>, String)>,
}

impl<'a> Walk<'a> {
    fn node(&mut self, node: &Spanned<Node>, expect: &Expect<'a>) {
        match (expect, &node.value) {
            (Expect::Mapping(place), Node::Mapping(entries)) => {
                self.mapping(*place, node.span.clone(), entries)
            }
            (Expect::List(item), Node::List(items)) => {
                for value in items {
                    self.node(value, item);
                }
            }
            (Expect::Words(words), Node::Scalar(word) | Node::Number(word))
                if !words.contains(&word.as_str()) =>
            {
                self.unknown_word(node.span.clone(), word, words)
            }
            // Null, or a value of another kind: serde says what is wrong with it.
            _ => {}
        }
    }

    fn mapping(
        &mut self,
        place: Place<'a>,
        span: Range<usize>,
        entries: &[(Spanned<Node>, Spanned<Node>)],
    ) {
        for (key, value) in entries {
            match key.value.as_text() {
                Some(name) if place.accepts(name) => {
                    if let Some(property) = place.property(name) {
                        self.node(value, &Expect::of(self.schema, property));
                    }
                }
                name => self.unknown_key(place, key.span.clone(), name),
            }
        }
        for required in place.required() {
            let given = entries
                .iter()
                .any(|(key, _)| key.value.as_text() == Some(required));
            if !given {
                self.missing_key(place, span.clone(), required);
            }
        }
    }

    fn unknown_key(&mut self, place: Place<'a>, span: Range<usize>, name: Option<&str>) {
        let offered = place.offered();
        let message = match name {
            Some(name) => format!("unknown key `{name}` in {}", place.words()),
            None => format!("{} has keys that are text only", place.words()),
        };
        let mut diagnostic = Diagnostic::error(RuleId::UnknownKey, message)
            .at(span, "unknown key")
            .note(format!(
                "the keys of {} are: {}",
                place.words(),
                offered.join(", ")
            ));
        if let Some(help) = name.and_then(|name| did_you_mean(name, offered.iter().copied())) {
            diagnostic = diagnostic.help(help);
        }
        self.push(diagnostic);
    }

    fn missing_key(&mut self, place: Place<'a>, span: Range<usize>, key: &str) {
        self.push(
            Diagnostic::error(
                RuleId::MissingKey,
                format!("missing key `{key}` in {}", place.words()),
            )
            .at(span, format!("{} without `{key}`", place.words())),
        );
    }

    fn unknown_word(&mut self, span: Range<usize>, word: &str, words: &[&str]) {
        let mut diagnostic =
            Diagnostic::error(RuleId::UnknownValue, format!("unknown value `{word}`"))
                .at(span, format!("one of {}", words.join(", ")));
        if let Some(help) = did_you_mean(word, words.iter().copied()) {
            diagnostic = diagnostic.help(help);
        }
        self.push(diagnostic);
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        let place = (
            diagnostic.span.clone().unwrap_or_default(),
            diagnostic.message.clone(),
        );
        if self.seen.insert(place) {
            self.out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests;
