//! `wxform fmt`: a configuration in canonical form (key order, quoting, indentation, blank
//! lines) with its comments kept, so that files read alike and diffs show only what changed.
//!
//! How: serde (and so the loader) drops comments and styles, so the formatter reads the file
//! with the YAML parser underneath serde-saphyr (granit-parser), whose events carry their
//! positions, their styles (flow or block, plain or quoted) and the comments. `tree` builds
//! the file from them, `comments` attaches each comment to what it describes, and `emit` writes
//! the tree back, keys in the order of `order`, scalars quoted as `scalar` says. A formatter
//! over the events, rather than over lines, cannot be fooled by a `#` inside quotes or by a
//! flow collection over several lines, and a configuration's shape is small enough (mappings,
//! lists and text, six levels deep) that the tree is the whole file.
//!
//! What is formatted: one YAML document whose top level is a mapping with `version` (what the
//! loader calls a configuration), rule errors or not, as rustfmt formats code that does not
//! type-check. What is refused, with the loader's diagnostics: YAML that does not parse, and
//! any other file (never quoted, as the loader never quotes it). What is refused, pointing at
//! it: what the formatter could not write back exactly (anchors, aliases, tags, directives).
//! And `verify` checks every result before it is used: the same YAML data, every comment, the
//! same configuration; a file that fails it is refused, never half-formatted.
//!
//! Line breaks stay as the file has them (CRLF or LF, after its first line), as does a
//! byte-order mark; the text always ends with one line break.

mod comments;
mod emit;
mod order;
mod scalar;
mod tree;
mod verify;

pub use emit::MAX_WIDTH;

use crate::config::RuleId;
use crate::config::{self, Diagnostic, LoadError, Loaded, Source};

/// Why a file was not formatted: the diagnostics to show, and the text they point into.
#[derive(Debug)]
pub struct Refused {
    pub file: Source,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why the tree of a file could not be built.
#[derive(Debug)]
enum Failure {
    /// YAML the parser cannot read: the loader says why, or this diagnostic if it does not.
    Unreadable(Box<Diagnostic>),
    /// Not one YAML document whose top level is a mapping with `version`.
    NotConfiguration,
    /// Something the formatter cannot write back exactly.
    Unsupported(Box<Diagnostic>),
}

/// The canonical form of the configuration `text`; `name` is what diagnostics call the file.
pub fn format(name: &str, text: &str) -> Result<String, Refused> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    };
    let loaded = config::load_str(name, body);
    let refuse = |failure| refusal(name, body, &loaded, failure);
    if holds_control_characters(body) {
        return Err(refuse(Failure::NotConfiguration));
    }
    let mut doc = tree::parse(body).map_err(refuse)?;
    // Read by serde-saphyr only now, the file known to hold no alias to expand.
    let original = verify::data(body).ok_or_else(|| {
        refuse(Failure::Unreadable(Box::new(Diagnostic::error(
            RuleId::YamlSyntax,
            "serde-saphyr cannot read this YAML",
        ))))
    })?;
    comments::attach(&mut doc);
    let formatted = emit::write(&doc);
    verify::same(&original, &doc.comments, &formatted, loaded.as_ref().ok()).map_err(|what| {
        Refused {
            file: Source::new(name, body),
            diagnostics: vec![
                Diagnostic::error(
                    RuleId::FmtUnsupported,
                    format!("wxform fmt cannot format this file: {what}"),
                )
                .note("this is a bug in wxform fmt; the file is left as it is"),
            ],
        }
    })?;
    let formatted = match uses_crlf(body) {
        true => formatted.replace('\n', "\r\n"),
        false => formatted,
    };
    Ok(format!("{bom}{formatted}"))
}

/// The diagnostics for a file that was not formatted: the loader's when it found the file
/// wrong (it never quotes a file that is not a configuration), else the formatter's own.
fn refusal(
    name: &str,
    text: &str,
    loaded: &Result<Loaded, LoadError>,
    failure: Failure,
) -> Refused {
    let own = |diagnostic: Box<Diagnostic>| Refused {
        file: Source::new(name, text),
        diagnostics: vec![*diagnostic],
    };
    match (failure, loaded) {
        (Failure::Unsupported(diagnostic), _) => own(diagnostic),
        (
            _,
            Err(LoadError::Invalid {
                file, diagnostics, ..
            }),
        ) => Refused {
            file: file.clone(),
            diagnostics: diagnostics.clone(),
        },
        (Failure::Unreadable(diagnostic), _) => own(diagnostic),
        (Failure::NotConfiguration, _) => Refused {
            file: Source::new(name, String::new()),
            diagnostics: vec![Diagnostic::error(
                RuleId::NotAConfiguration,
                "this is not a wxform configuration: wxform fmt formats one YAML document whose top level is a mapping with `version`",
            )],
        },
    }
}

/// What the loader refuses as not text (and never quotes): a control character other than a
/// line break or a tab.
fn holds_control_characters(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    })
}

/// Whether the file's first line ends with CRLF.
fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|newline| text[..newline].ends_with('\r'))
}

#[cfg(test)]
mod tests;
