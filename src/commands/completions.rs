//! `wxform completions SHELL`: print a completion script for bash, zsh, fish, elvish or PowerShell.

use super::Outcome;
use crate::cli::{Cli, CompletionsArgs};
use anyhow::Result;
use clap::CommandFactory;

pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "wxform",
        &mut std::io::stdout().lock(),
    );
    Ok(Outcome::Success)
}
