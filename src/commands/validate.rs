//! `wxform validate [FILE]`: parse and check every WeChat rule offline.
//!
//! Diagnostics and the confirmation go to stderr. With `--format json` or `--format sarif`,
//! stdout gets the same diagnostics as a document for scripts or code scanning, valid file or
//! not; the exit code is the same in every format.

use super::load::{load_reported, report};
use super::{Outcome, Reported};
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::config::{self, Diagnostic, LoadError, RuleId, Source};
use crate::render::diagnostics_json::{self, Checked};
use crate::render::sarif;
use anyhow::Result;
use std::io::Write;

pub fn run(args: &ValidateArgs) -> Result<Outcome> {
    if args.format == ValidateFormat::Text {
        let loaded = load_reported(&args.file)?;
        confirm(&loaded.file, &loaded.summary.to_string());
        return Ok(Outcome::Success);
    }
    let (source, diagnostics, summary) = match config::load(&args.file) {
        Ok(loaded) => (
            loaded.file,
            loaded.warnings,
            Some(loaded.summary.to_string()),
        ),
        Err(LoadError::Invalid { file, diagnostics }) => (file, diagnostics, None),
        // A document names the file it could not read, as it names any other problem.
        Err(LoadError::Read { path, error }) => (
            Source::new(path, String::new()),
            vec![Diagnostic::error(RuleId::Unreadable, error.to_string())],
            None,
        ),
    };
    report(&source, &diagnostics)?;
    let checked = Checked {
        source: &source,
        diagnostics: &diagnostics,
        summary: summary.clone(),
    };
    let document = match args.format {
        ValidateFormat::Sarif => sarif::render(&[checked], &std::env::current_dir()?),
        _ => diagnostics_json::render(&[checked]),
    };
    let mut stdout = super::product_stdout();
    stdout.write_all(document.as_bytes())?;
    stdout.flush()?;
    match summary {
        Some(summary) => {
            confirm(&source, &summary);
            Ok(Outcome::Success)
        }
        None => Err(Reported.into()),
    }
}

fn confirm(file: &Source, summary: &str) {
    eprintln!("{} is valid: {summary}", crate::inert::text(&file.name));
}
