//! The only door to the YAML parser (serde-saphyr): parse options, resource limits, the
//! span-carrying [`Spanned`] wrapper the raw structs use, and the translation of parser errors
//! into [`Diagnostic`]s.
//!
//! Configuration files arrive in pull requests, so they are untrusted input: the size cap is
//! checked before parsing and the parser runs with a tight budget on events, nesting and alias
//! expansion (a "billion laughs" file fails fast instead of eating memory).

use super::diagnostic::Diagnostic;
use super::rule_id::RuleId;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_saphyr::{MessageFormatter, UserMessageFormatter};
use std::borrow::Cow;
use std::ops::Range;

/// Files larger than this are refused before parsing; a real configuration is a few KiB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Why a section written with no value (`menu:` and nothing under it) is refused; the raw
/// structs raise it, and its diagnostic gets its own rule.
pub const NO_VALUE: &str =
    "this section has no value: remove it to leave it unmanaged, or fill it in";

/// A value with the byte range it came from in the source text.
///
/// Byte offsets (not the parser's character offsets) so that slicing the source and
/// annotate-snippets never split a CJK character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        // String input always carries byte offsets; fall back to an empty span at 0 rather
        // than trusting character offsets.
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Ok(Spanned::new(spanned.value, start..start + len))
    }
}

/// A value with the byte range where it is defined: for an alias (`*b`), the anchored value it
/// repeats, so that a problem inside it is reported once, where it can be fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defined<T>(pub Spanned<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Defined<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.defined.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Ok(Defined(Spanned::new(spanned.value, start..start + len)))
    }
}

// The schema of a spanned value is the schema of the value: spans are invisible to users.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// Parses one YAML document into `T`, or explains in one diagnostic why it cannot.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Box<Diagnostic>> {
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|err| Box::new(to_diagnostic(text, &err)))
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_documents: 1,
            max_nodes: 100_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: MAX_FILE_BYTES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
    }
}

fn to_diagnostic(text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let inner = err.without_snippet();
    let span = err.location().and_then(|location| span_of(text, &location));
    let raw = UserMessageFormatter.format_message(inner);
    let rule = rule_of(inner, &raw);
    if rule == RuleId::YamlSyntax
        && let Some(explained) = span
            .as_ref()
            .and_then(|span| super::yaml_syntax::explain(text, &raw, span.start))
    {
        return explained;
    }
    let message = match rule {
        // Not a resource limit to the user: a `---` line started a second document.
        RuleId::SeveralDocuments => {
            "the file holds more than one YAML document; a configuration is one document"
                .to_string()
        }
        _ => match too_large(&raw, text, span.clone()) {
            Some(digits) => format!(
                "{digits} is too large: wxform reads whole numbers up to {}",
                u64::MAX
            ),
            None => friendly(&raw),
        },
    };
    let mut diagnostic = Diagnostic::error(rule, message);
    if rule == RuleId::TooComplex {
        diagnostic = diagnostic.note(
            "configuration files are untrusted input: wxform limits them to 1,000 aliases, \
             100,000 YAML nodes and 32 levels of nesting",
        );
    }
    if let serde_saphyr::Error::SerdeUnknownVariant {
        variant, expected, ..
    } = inner
        && let Some(help) = super::suggest::did_you_mean(variant, expected.iter().copied())
    {
        diagnostic = diagnostic.help(help);
    }
    if diagnostic.message == "missing field `version`" {
        diagnostic = diagnostic.help("a configuration starts with `version: 1`");
    }
    match span {
        Some(span) => diagnostic.at(span, ""),
        None => diagnostic,
    }
}

/// What kind of problem the parser reports.
fn rule_of(err: &serde_saphyr::Error, message: &str) -> RuleId {
    use serde_saphyr::Error;
    match err {
        Error::AliasError { error, .. } => rule_of(error, message),
        Error::Budget {
            breach: serde_saphyr::budget::BudgetBreach::Documents { .. },
            ..
        }
        | Error::MultipleDocuments { .. } => RuleId::SeveralDocuments,
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => RuleId::TooComplex,
        Error::DuplicateMappingKey { .. } => RuleId::DuplicateKey,
        Error::SerdeUnknownField { .. } => RuleId::UnknownKey,
        Error::SerdeMissingField { .. } => RuleId::MissingKey,
        Error::SerdeUnknownVariant { .. } => RuleId::UnknownValue,
        Error::SerdeInvalidType { .. }
        | Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::InvalidScalar { .. }
        | Error::Unexpected { .. }
        | Error::NullIntoString { .. }
        | Error::InvalidBooleanStrict { .. } => RuleId::WrongType,
        Error::Message { .. } if message == NO_VALUE => RuleId::EmptySection,
        _ => RuleId::YamlSyntax,
    }
}

/// The byte range an error points at, when it has a place.
fn span_of(text: &str, location: &serde_saphyr::Location) -> Option<Range<usize>> {
    if location.line() == 0 {
        return None;
    }
    let span = location.span();
    let start = match span.byte_offset() {
        Some(offset) => offset as usize,
        None => offset_of(text, location.line(), location.column()),
    };
    let len = span.byte_len().unwrap_or(0) as usize;
    let start = start.min(text.len());
    let end = (start + len).min(text.len());
    let end = if text.is_char_boundary(end) {
        end
    } else {
        start
    };
    Some(start..end)
}

/// The digits of a whole number too large for the parser's `u64` (`tid: 99999999999999999999`,
/// quoted or not), which "expected a whole number" would wrongly call not a number.
fn too_large(message: &str, text: &str, span: Option<Range<usize>>) -> Option<String> {
    if message != "invalid u64" {
        return None;
    }
    let value = text.get(span?)?.trim().trim_matches(['"', '\'']);
    let digits = value.strip_prefix('+').unwrap_or(value);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(offset, _)| offset)
}

/// The parser speaks of Rust types; users write YAML.
fn friendly(message: &str) -> String {
    let message: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let replacements = [
        ("invalid u64", "expected a whole number (0 or more)"),
        (
            "expected string scalar",
            "expected a text value, found a list or a mapping",
        ),
        (
            "expected mapping start",
            "expected a mapping (`key: value` lines)",
        ),
        (
            "expected sequence start",
            "expected a list (`- item` lines or `[a, b]`)",
        ),
    ];
    for (from, to) in replacements {
        if message == from {
            return to.to_string();
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        name: Spanned<String>,
    }

    #[test]
    fn spans_are_byte_ranges_even_after_cjk() {
        let text = "# 说明\nname: 今日歌曲\n";
        let doc: Doc = parse(text).unwrap();
        assert_eq!(&text[doc.name.span.clone()], "今日歌曲");
    }

    /// The parser's own words for each syntax mistake `yaml_syntax` explains: a new parser
    /// version that words one differently fails here, not silently in front of users.
    #[test]
    fn the_parser_words_each_syntax_mistake_as_this_build_expects() {
        let cases = [
            (
                "a:\n  - b\n c: 1\n",
                "while parsing a block mapping, did not find expected key",
            ),
            (
                "a:\n  - b\n  c: 1\n",
                "while parsing a block collection, did not find expected '-' indicator",
            ),
            (
                "a: 1\n  b: 2\n",
                "mapping values are not allowed in this context",
            ),
            ("a: 1\nb\n  c: 1\n", "simple key expected ':'"),
            (
                "a:\n\tb: 1\n",
                "tabs disallowed within this context (block indentation)",
            ),
            (
                "a:\n  b: 今日\n\tc: 1\n",
                "while scanning a plain scalar, found a tab",
            ),
            ("a: \"b\n", "unclosed quote"),
            ("a: [b\n", "unclosed bracket '['"),
            ("a: { b: c\n", "unclosed bracket '{'"),
            ("a: [b}\n", "mismatched bracket '[' closed by '}'"),
            (
                "a: { b: c d: e }\n",
                "while parsing a flow mapping, did not find expected ',' or '}'",
            ),
            (
                "a: \"b\" c\n",
                "invalid trailing content after double-quoted scalar",
            ),
        ];
        for (yaml, expected) in cases {
            let err =
                serde_saphyr::from_str_with_options::<Spanned<super::super::yaml_tree::Node>>(
                    yaml,
                    options(),
                )
                .unwrap_err();
            let raw = UserMessageFormatter.format_message(err.without_snippet());
            assert_eq!(raw, expected, "{yaml:?}");
            assert!(
                super::super::yaml_syntax::explain(yaml, &raw, 0).is_some(),
                "{raw}"
            );
        }
    }

    #[test]
    fn offset_of_counts_characters_in_the_column() {
        let text = "a: 中文\nb: x\n";
        assert_eq!(offset_of(text, 1, 4), 3);
        assert_eq!(offset_of(text, 1, 5), 6);
        assert_eq!(offset_of(text, 2, 1), text.find('b').unwrap());
    }
}
