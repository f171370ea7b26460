//! Loading the configuration for any command: every diagnostic is printed to stderr (and, under
//! GitHub Actions, as workflow annotations), and an invalid file ends the command with
//! [`Reported`]. Commands that take several configurations (`plan`, `fmt`) find them with
//! [`config_files`].

use super::Reported;
use crate::config::{self, Diagnostic, LoadError, Loaded, Source};
use crate::model::Desired;
use crate::redact::ScrubWriter;
use crate::render::diagnostics;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The validated configuration at `path`; warnings and errors are printed as `validate` prints
/// them. Errors end in `Err(Reported)`: the caller prints nothing more.
pub(crate) fn load_config(path: &Path) -> anyhow::Result<Desired> {
    Ok(load_reported(path)?.desired)
}

/// Like [`load_config`], keeping the summary and source.
pub(crate) fn load_reported(path: &Path) -> anyhow::Result<Loaded> {
    match config::load(path) {
        Ok(loaded) => {
            report(&loaded.file, &loaded.warnings)?;
            for other in &loaded.also {
                report(&other.file, &other.diagnostics)?;
            }
            Ok(loaded)
        }
        Err(LoadError::Invalid {
            file,
            diagnostics,
            also,
        }) => {
            report(&file, &diagnostics)?;
            for other in &also {
                report(&other.file, &other.diagnostics)?;
            }
            Err(Reported.into())
        }
        Err(err @ LoadError::Read { .. }) => Err(err.into()),
    }
}

/// Every diagnostic on stderr, rustc-style, and as workflow annotations under GitHub Actions.
pub(crate) fn report(source: &Source, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    // Excerpts quote the file, which may hold anything: scrub what is written.
    let mut stderr = ScrubWriter::new(anstream::stderr().lock());
    stderr.write_all(diagnostics::render(source, diagnostics).as_bytes())?;
    if super::github::annotations_wanted() {
        stderr.write_all(diagnostics::github_annotations(source, diagnostics).as_bytes())?;
    }
    stderr.flush()?;
    Ok(())
}

/// FILE arguments with each directory replaced by its `*.yaml` and `*.yml` files, by name.
pub(crate) fn config_files(arguments: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for argument in arguments {
        if !argument.is_dir() {
            files.push(argument.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(argument)
            .with_context(|| format!("cannot read the directory {}", argument.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.is_file()
                    && path
                        .extension()
                        .is_some_and(|ext| ext == "yaml" || ext == "yml")
            })
            .collect();
        if found.is_empty() {
            anyhow::bail!(
                "{} holds no configuration (no *.yaml or *.yml file)",
                argument.display()
            );
        }
        found.sort();
        files.extend(found);
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(file.clone()));
    Ok(files)
}
