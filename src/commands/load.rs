//! Loading the configuration for any command: every diagnostic is printed to stderr (and, under
//! GitHub Actions, as workflow annotations), and an invalid file ends the command with
//! [`Reported`].

use super::Reported;
use crate::config::{self, Diagnostic, LoadError, Loaded, Source};
use crate::model::Desired;
use crate::redact::ScrubWriter;
use crate::render::diagnostics;
use std::io::Write;
use std::path::Path;

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
            Ok(loaded)
        }
        Err(LoadError::Invalid { file, diagnostics }) => {
            report(&file, &diagnostics)?;
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
