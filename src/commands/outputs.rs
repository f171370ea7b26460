//! `wxform outputs`: the live ids behind the configuration's names, as JSON, for application
//! configs (tag ids, template ids, conditional menuids).

use super::Outcome;
use super::live::live_state;
use super::load::load_config;
use crate::cli::{GlobalArgs, OutputsArgs};
use crate::live_ids::outputs;
use anyhow::Result;
use std::io::Write;

pub fn run(global: &GlobalArgs, args: &OutputsArgs) -> Result<Outcome> {
    let desired = load_config(&args.file)?;
    let live = live_state(global, &desired, None, None)?;
    let outputs = serde_json::to_value(outputs(&desired, &live))?;
    // Programs read the ids: a credential among them is refused, never masked.
    crate::secret_in_data::check("the outputs", &outputs)?;
    let mut stdout = super::product_stdout();
    writeln!(
        stdout,
        "{}",
        crate::inert::json(&serde_json::to_string_pretty(&outputs)?)
    )?;
    stdout.flush()?;
    Ok(Outcome::Success)
}
