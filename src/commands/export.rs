//! `wxform export`: the whole live account as a wxform YAML (to start managing an account) or as
//! the JSON snapshot that `plan --live` reads.

use super::Outcome;
use super::account::{connect, read};
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::live_to_config_yaml;
use crate::wechat::Sections;
use anyhow::{Context, Result};
use std::io::Write;

pub fn run(global: &GlobalArgs, args: &ExportArgs) -> Result<Outcome> {
    let client = connect(global)?;
    let live = read(&client, Sections::all())?;
    let text = match args.format {
        ExportFormat::Yaml => live_to_config_yaml(&live),
        ExportFormat::Json => {
            let mut json = serde_json::to_string_pretty(&live)?;
            json.push('\n');
            json
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("Wrote {}.", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(Outcome::Success)
}
