//! The configuration file: YAML → checked raw structs → validated [`crate::model::Desired`].
//!
//! `yaml` is the only module that touches the YAML parser; `raw` mirrors the file as typed
//! (with spans); `rules` checks every WeChat rule that can be checked offline and collects all
//! problems as [`Diagnostic`]s; `desired` converts a file without errors into the model.

mod desired;
pub mod diagnostic;
mod raw;
mod rules;
mod summary;
mod yaml;

pub use diagnostic::{Diagnostic, Severity, Source};
pub use rules::plural;
pub use summary::Summary;
pub use yaml::MAX_FILE_BYTES;

use crate::model::Desired;
use std::io::Read;
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
    #[error("cannot read {path}")]
    Read {
        path: String,
        #[source]
        error: std::io::Error,
    },
    /// The file was read and has problems: every diagnostic (warnings included), in file order.
    #[error("{} is not a valid configuration ({})", file.name, rules::plural(count_errors(diagnostics), "error"))]
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
    let read_error = |error| LoadError::Read {
        path: name.clone(),
        error,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    let too_large = |size: u64| LoadError::Invalid {
        file: Source::new(name.clone(), String::new()),
        diagnostics: vec![
            Diagnostic::error(format!(
                "the file is {}; wxform reads configurations of at most 1 MiB",
                human_size(size)
            ))
            .note("a real configuration is a few KiB; is this the right file?"),
        ],
    };
    if size > MAX_FILE_BYTES as u64 {
        return Err(too_large(size));
    }
    // The file may grow between the size check and the read: never read past the cap.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let diagnostic = Diagnostic::error("the file is not valid UTF-8")
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
                Diagnostic::error("the file has no configuration")
                    .help("a configuration starts with `version: 1`; see `wxform schema`"),
            ],
        });
    }
    let raw: raw::RawConfig = match yaml::parse(text) {
        Ok(raw) => raw,
        Err(diagnostic) => {
            return Err(LoadError::Invalid {
                file: source,
                diagnostics: vec![*diagnostic],
            });
        }
    };
    let diagnostics = rules::check(&raw);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(LoadError::Invalid {
            file: source,
            diagnostics,
        });
    }
    let desired = desired::desired(&raw);
    Ok(Loaded {
        summary: Summary::of(&desired),
        desired,
        warnings: diagnostics,
        file: source,
    })
}

/// The JSON Schema (draft-07) of the configuration file, pretty-printed with a final newline.
pub fn schema_json() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<raw::RawConfig>();
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests;
