//! `wxform validate [FILE]`: parse and check every WeChat rule offline.

use super::Outcome;
use crate::cli::ValidateArgs;
use anyhow::Result;

pub fn run(_args: &ValidateArgs) -> Result<Outcome> {
    anyhow::bail!("`wxform validate` is not implemented yet")
}
