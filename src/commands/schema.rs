//! `wxform schema`: print the JSON Schema (draft-07) of the configuration file.

use super::Outcome;
use anyhow::Result;
use std::io::Write;

pub fn run() -> Result<Outcome> {
    std::io::stdout()
        .lock()
        .write_all(crate::config::schema_json().as_bytes())?;
    Ok(Outcome::Success)
}
