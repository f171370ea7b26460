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
    // The file given first, then the shared file an account file extends (each with its own
    // diagnostics, against its own text).
    let (files, summary): (Vec<(Source, Vec<Diagnostic>)>, _) = match config::load(&args.file) {
        Ok(loaded) => {
            let summary = Some(loaded.summary.to_string());
            let mut files = vec![(loaded.file, loaded.warnings)];
            files.extend(
                loaded
                    .also
                    .into_iter()
                    .map(|other| (other.file, other.diagnostics)),
            );
            (files, summary)
        }
        Err(LoadError::Invalid {
            file,
            diagnostics,
            also,
        }) => {
            let mut files = vec![(file, diagnostics)];
            files.extend(
                also.into_iter()
                    .map(|other| (other.file, other.diagnostics)),
            );
            (files, None)
        }
        // A document names the file it could not read, as it names any other problem.
        Err(LoadError::Read { path, error }) => (
            vec![(
                Source::new(path, String::new()),
                vec![Diagnostic::error(RuleId::Unreadable, error.to_string())],
            )],
            None,
        ),
    };
    for (source, diagnostics) in &files {
        report(source, diagnostics)?;
    }
    let checked: Vec<Checked> = files
        .iter()
        .map(|(source, diagnostics)| Checked {
            source,
            diagnostics,
            summary: summary.clone(),
        })
        .collect();
    let document = match args.format {
        ValidateFormat::Sarif => sarif::render(&checked, &std::env::current_dir()?),
        _ => diagnostics_json::render(&checked),
    };
    let mut stdout = super::product_stdout();
    stdout.write_all(document.as_bytes())?;
    stdout.flush()?;
    match summary {
        Some(summary) => {
            confirm(&files[0].0, &summary);
            Ok(Outcome::Success)
        }
        None => Err(Reported.into()),
    }
}

fn confirm(file: &Source, summary: &str) {
    eprintln!("{} is valid: {summary}", crate::inert::text(&file.name));
}
