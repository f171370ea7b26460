//! `wxform schema`: print the JSON Schema of the configuration file.

use super::Outcome;
use anyhow::Result;

pub fn run() -> Result<Outcome> {
    anyhow::bail!("`wxform schema` is not implemented yet")
}
