//! The configuration file: YAML → checked raw structs → validated [`crate::model::Desired`].
//!
//! `yaml_parser` is the only module that touches the YAML parser; `yaml_tree` reads the file as
//! a generic tree and `shape` checks its keys against the schema, reporting every unknown or
//! missing key at once; `raw` mirrors the file as typed (with spans); `rules` checks every
//! WeChat rule that can be checked offline and collects all problems as [`Diagnostic`]s, each
//! with its [`RuleId`]; `desired` converts a file without errors into the model.

mod desired_from_raw;
pub mod diagnostic;
mod raw;
pub mod rule_id;
mod rules;
mod shape;
mod suggest;
mod summary;
mod yaml_parser;
mod yaml_syntax;
mod yaml_tree;

pub use diagnostic::{Diagnostic, Severity, Source};
pub use rule_id::RuleId;
pub use summary::Summary;
pub use yaml_parser::MAX_FILE_BYTES;

use crate::files::{ReadError, human_size};
use crate::model::Desired;
use std::path::Path;

/// A configuration that passed every check.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub desired: Desired,
    /// Problems that do not stop the file from being used.
    pub warnings: Vec<Diagnostic>,
    pub summary: Summary,
    /// The file, for rendering the warnings.
    pub file: Source,
}

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{error}")]
    Read { path: String, error: ReadError },
    /// The file was read and has problems: every diagnostic (warnings included), in file order.
    #[error("{} is not a valid configuration ({})", file.name, crate::words::plural(count_errors(diagnostics), "error"))]
    Invalid {
        file: Source,
        diagnostics: Vec<Diagnostic>,
    },
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// Reads, parses and checks the configuration at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let bytes = match crate::files::read_bounded(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { size, .. }) => {
            let size = size.map_or_else(|| "larger than 1 MiB".to_string(), human_size);
            return Err(LoadError::Invalid {
                file: Source::new(name.clone(), String::new()),
                diagnostics: vec![
                    Diagnostic::error(
                        RuleId::FileTooLarge,
                        format!("the file is {size}; wxform reads configurations of at most 1 MiB"),
                    )
                    .note("a real configuration is a few KiB; is this the right file?"),
                ],
            });
        }
        Err(error) => return Err(LoadError::Read { path: name, error }),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // Binary content is never quoted, valid UTF-8 or not; text in another encoding is,
            // to find the byte.
            let lossy = Source::new(name.clone(), text.clone());
            if let Some(diagnostic) = binary_content(&lossy) {
                return Err(LoadError::Invalid {
                    file: Source::new(name, String::new()),
                    diagnostics: vec![diagnostic],
                });
            }
            let diagnostic = Diagnostic::error(RuleId::NotUtf8, "the file is not valid UTF-8")
                .at(valid..valid, "invalid byte here")
                .note("WeChat needs UTF-8 text; save the file as UTF-8");
            return Err(LoadError::Invalid {
                file: Source::new(name, text),
                diagnostics: vec![diagnostic],
            });
        }
    };
    // Editors do not count a byte-order mark as a column; neither do diagnostics.
    load_str(&name, text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Parses and checks configuration text; `name` is what diagnostics call the file.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    let source = Source::new(name, text);
    let blank = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if blank {
        return Err(LoadError::Invalid {
            file: source,
            diagnostics: vec![
                Diagnostic::error(RuleId::EmptyFile, "the file has no configuration")
                    .help("a configuration starts with `version: 1`; see `wxform schema`"),
            ],
        });
    }
    if let Some(diagnostic) = binary_content(&source) {
        return Err(LoadError::Invalid {
            file: Source::new(name, String::new()),
            diagnostics: vec![diagnostic],
        });
    }
    let tree = yaml_parser::parse::<yaml_parser::Spanned<yaml_tree::Node>>(text);
    if let Some(diagnostic) = not_a_configuration(&source, &tree) {
        return Err(LoadError::Invalid {
            file: Source::new(name, String::new()),
            diagnostics: vec![diagnostic],
        });
    }
    // The shape of the whole file first: serde stops at the first unknown key.
    let shape = match tree {
        Ok(tree) => shape::check(&tree),
        Err(diagnostic) => vec![*diagnostic],
    };
    if !shape.is_empty() {
        return Err(LoadError::Invalid {
            file: source,
            diagnostics: shape,
        });
    }
    let raw: raw::RawConfig = match yaml_parser::parse(text) {
        Ok(raw) => raw,
        Err(diagnostic) => {
            return Err(LoadError::Invalid {
                file: source,
                diagnostics: vec![*diagnostic],
            });
        }
    };
    // The variables the file names hold credentials: their values must never be quoted back,
    // in this file's diagnostics or anywhere else.
    if let Some(account) = &raw.account {
        let account = &account.value;
        for name in [&account.secret_env, &account.token_env]
            .into_iter()
            .flatten()
        {
            crate::redact::register_env(&name.value);
        }
    }
    let diagnostics = rules::check(&raw);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(LoadError::Invalid {
            file: source,
            diagnostics,
        });
    }
    let desired = desired_from_raw::desired(&raw);
    Ok(Loaded {
        summary: Summary::of(&desired),
        desired,
        warnings: diagnostics,
        file: source,
    })
}

/// A character YAML does not allow in a file (NUL, escape and other controls): the file is not
/// a configuration but something else, such as `/proc/self/environ` behind a symlink, so the
/// diagnostic names the place and never quotes the content, which may hold anything.
fn binary_content(source: &Source) -> Option<Diagnostic> {
    let (offset, c) = source.text.char_indices().find(|&(_, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    })?;
    let (line, column) = source.line_col(offset);
    Some(
        Diagnostic::error(RuleId::NotText, format!(
            "the file holds control character U+{:04X} at line {line}, column {column}: it is not YAML text",
            u32::from(c)
        ))
        .note("wxform does not quote the file: content that is not text may be anything, secrets included"),
    )
}

/// A file whose top level is not a mapping with `version` is some other file, such as a
/// credential file (`.git-credentials`, `.npmrc`, a token cache) behind a symlink a pull
/// request planted: it is refused, and its content never quoted. A file that is not YAML at all
/// is taken as a configuration with a mistake only when a line starts with `version:`; else it
/// is refused the same way, its place named but not quoted.
fn not_a_configuration(
    source: &Source,
    tree: &Result<yaml_parser::Spanned<yaml_tree::Node>, Box<Diagnostic>>,
) -> Option<Diagnostic> {
    let what = match tree {
        Ok(tree) => match &tree.value {
            yaml_tree::Node::Mapping(entries)
                if entries
                    .iter()
                    .any(|(key, _)| key.value.as_text() == Some("version")) =>
            {
                return None;
            }
            yaml_tree::Node::Mapping(_) => {
                "its top level is a mapping without `version`".to_string()
            }
            other => format!("its top level is {}", other.kind()),
        },
        Err(_) if source.text.lines().any(|line| line.starts_with("version:")) => return None,
        Err(diagnostic) => {
            let place = diagnostic.span.as_ref().map_or_else(String::new, |span| {
                let (line, column) = source.line_col(span.start);
                format!(" at line {line}, column {column}")
            });
            format!("it is not YAML ({}{place})", diagnostic.message)
        }
    };
    Some(
        Diagnostic::error(RuleId::NotAConfiguration, format!("this is not a wxform configuration: {what}"))
            .note("wxform does not quote the file: it may be another file, such as a credential file behind a symlink")
            .help("a configuration is a mapping that starts with `version: 1`; see `wxform schema`"),
    )
}

/// The JSON Schema (draft-07) of the configuration file, pretty-printed with a final newline.
pub fn schema_json() -> String {
    let mut json = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    json.push('\n');
    json
}

/// The JSON Schema of the configuration file, as a value.
fn schema_value() -> serde_json::Value {
    schema().to_value()
}

fn schema() -> schemars::Schema {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<raw::RawConfig>()
}

#[cfg(test)]
mod tests;
