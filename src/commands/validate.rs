//! `wxform validate [FILE]`: parse and check every WeChat rule offline.
//!
//! Diagnostics and the confirmation go to stderr; stdout stays empty.

use super::Outcome;
use super::load::load_reported;
use crate::cli::ValidateArgs;
use anyhow::Result;

pub fn run(args: &ValidateArgs) -> Result<Outcome> {
    let loaded = load_reported(&args.file)?;
    eprintln!(
        "{} is valid: {}",
        crate::inert::text(&loaded.file.name),
        loaded.summary
    );
    Ok(Outcome::Success)
}
