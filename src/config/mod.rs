//! The configuration file: YAML → checked raw structs → validated [`crate::model::Desired`].
//!
//! `yaml_parser` is the only module that touches the YAML parser; `yaml_tree` reads the file as
//! a generic tree and `shape` checks its keys against the schema, reporting every unknown or
//! missing key at once; `raw` mirrors the file as typed (with spans); `rules` checks every
//! WeChat rule that can be checked offline and collects all problems as [`Diagnostic`]s, each
//! with its [`RuleId`]; `desired` converts a file without errors into the model. `extends`
//! makes one configuration of an account file and the shared file it fills in (several
//! accounts kept in step), and fills in every file's `${name}` placeholders.

mod desired_from_raw;
pub mod diagnostic;
mod extends;
mod media;
mod raw;
pub mod rule_id;
mod rules;
mod server_from_raw;
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
    /// The warnings in the other files the configuration was made from (the shared file an
    /// account file extends, see [`extends`]), each with its own text.
    pub also: Vec<FileDiagnostics>,
    /// The account's server and the reply checks (`wxform test`): nothing a plan reads.
    pub server_checks: crate::server::config::ServerChecks,
}

/// The diagnostics of one file, with the text they point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiagnostics {
    pub file: Source,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{error}")]
    Read { path: String, error: ReadError },
    /// The file was read and has problems: every diagnostic (warnings included), in file order.
    #[error("{} is not a valid configuration ({})", file.name, crate::words::plural(count_errors(diagnostics) + also.iter().map(|other| count_errors(&other.diagnostics)).sum::<usize>(), "error"))]
    Invalid {
        file: Source,
        diagnostics: Vec<Diagnostic>,
        /// The diagnostics in the other files the configuration is made from (the shared file
        /// an account file extends), each against its own text.
        also: Vec<FileDiagnostics>,
    },
}

impl LoadError {
    /// The problems of one file that has no others to tell about.
    fn invalid(file: Source, diagnostics: Vec<Diagnostic>) -> LoadError {
        LoadError::Invalid {
            file,
            diagnostics,
            also: Vec::new(),
        }
    }
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// Reads, parses and checks the configuration at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let text = read_text(path, &name)?;
    load_str(&name, &text)
}

/// The text of the configuration file at `path`, without a byte-order mark; `name` is what
/// diagnostics call it.
fn read_text(path: &Path, name: &str) -> Result<String, LoadError> {
    let bytes = match crate::files::read_bounded(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { size, .. }) => {
            let size = size.map_or_else(|| "larger than 1 MiB".to_string(), human_size);
            return Err(LoadError::invalid(
                Source::new(name, String::new()),
                vec![
                    Diagnostic::error(
                        RuleId::FileTooLarge,
                        format!("the file is {size}; wxform reads configurations of at most 1 MiB"),
                    )
                    .note("a real configuration is a few KiB; is this the right file?"),
                ],
            ));
        }
        Err(error) => {
            return Err(LoadError::Read {
                path: name.to_string(),
                error,
            });
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // Binary content is never quoted, valid UTF-8 or not; text in another encoding is,
            // to find the byte.
            let lossy = Source::new(name, text.clone());
            if let Some(diagnostic) = binary_content(&lossy) {
                return Err(LoadError::invalid(
                    Source::new(name, String::new()),
                    vec![diagnostic],
                ));
            }
            let diagnostic = Diagnostic::error(RuleId::NotUtf8, "the file is not valid UTF-8")
                .at(valid..valid, "invalid byte here")
                .note("WeChat needs UTF-8 text; save the file as UTF-8");
            return Err(LoadError::invalid(
                Source::new(name, text),
                vec![diagnostic],
            ));
        }
    };
    // Editors do not count a byte-order mark as a column; neither do diagnostics.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Parses and checks configuration text; `name` is what diagnostics call the file, and the
/// path a shared file it `extends` is found from.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    let raw = parse_source(&Source::new(name, text), 0)?;
    let composed = extends::compose(Source::new(name, text), raw)?;
    register_secret_variables(&composed.raw);
    let mut checked = rules::check(&composed.raw);
    let cwd = std::env::current_dir().unwrap_or_default();
    let (media_files, media_problems) =
        media::check(&composed.raw, |offset| composed.file_at(offset), &cwd);
    checked.extend(media_problems);
    let mut desired = desired_from_raw::desired(&composed.raw);
    let server_checks = server_from_raw::server_checks(&composed.raw);
    desired.config_files = composed.file_names();
    desired.media_files = media_files;
    // An account file's command is its own (`extends` takes none from the shared file).
    if let Some(command) = &mut desired.credentials_env.token_command {
        command.config = name.into();
    }
    let (FileDiagnostics { file, diagnostics }, also) = composed.finish(checked);
    let errors = count_errors(&diagnostics)
        + also
            .iter()
            .map(|other| count_errors(&other.diagnostics))
            .sum::<usize>();
    if errors > 0 {
        return Err(LoadError::Invalid {
            file,
            diagnostics,
            also,
        });
    }
    Ok(Loaded {
        summary: Summary::of(&desired),
        desired,
        warnings: diagnostics,
        file,
        also,
        server_checks,
    })
}

/// The variables the file names hold credentials (the account's secret and token, the
/// server's token and EncodingAESKey): their values must never be quoted back, in this file's
/// diagnostics or anywhere else.
fn register_secret_variables(raw: &raw::RawConfig) {
    let account = raw.account.as_ref().map(|account| &account.value);
    let server = raw.server.as_ref().map(|server| &server.value);
    let names = account
        .into_iter()
        .flat_map(|account| [&account.secret_env, &account.token_env])
        .chain(
            server
                .into_iter()
                .flat_map(|server| [&server.token_env, &server.encoding_aes_key_env]),
        )
        .flatten();
    for name in names {
        crate::redact::register_env(&name.value);
    }
}

/// The raw configuration in `source`, or why it is none: blank, binary, another kind of file,
/// keys that do not fit the format (every one of them, see `shape`), or YAML that does not.
/// Spans are `base` bytes further than in the text (see [`extends`]: several files share one
/// offset space); a diagnostic is in the text's own.
fn parse_source(source: &Source, base: usize) -> Result<raw::RawConfig, LoadError> {
    let text = source.text.as_str();
    let blank = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if blank {
        return Err(LoadError::invalid(
            source.clone(),
            vec![
                Diagnostic::error(RuleId::EmptyFile, "the file has no configuration")
                    .help("a configuration starts with `version: 1`; see `wxform schema`"),
            ],
        ));
    }
    let unquoted = |diagnostic| {
        LoadError::invalid(
            Source::new(source.name.clone(), String::new()),
            vec![diagnostic],
        )
    };
    if let Some(diagnostic) = binary_content(source) {
        return Err(unquoted(diagnostic));
    }
    let tree = yaml_parser::parse::<yaml_parser::Spanned<yaml_tree::Node>>(text);
    if let Some(diagnostic) = not_a_configuration(source, &tree) {
        return Err(unquoted(diagnostic));
    }
    // The shape of the whole file first: serde stops at the first unknown key.
    let shape = match tree {
        Ok(tree) => shape::check(&tree),
        Err(diagnostic) => vec![*diagnostic],
    };
    if !shape.is_empty() {
        return Err(LoadError::invalid(source.clone(), shape));
    }
    extends::parse_at(text, base)
        .map_err(|diagnostic| LoadError::invalid(source.clone(), vec![*diagnostic]))
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
