//! One module per subcommand: each turns parsed arguments into work and output. What several
//! share: loading the configuration (`load`), connecting to the account (`account`), reading
//! its live state (`live`), and what GitHub Actions gets besides (`github`).
//!
//! Commands return an [`Outcome`] (mapped to exit 0 or 2) or an error (exit 1). An error of type
//! [`Reported`] means the diagnostics were already printed, so the binary prints nothing more.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod account;
mod apply;
mod completions;
mod doctor;
mod export;
mod fmt;
mod github;
mod live;
mod load;
mod outputs;
mod plan;
mod preview;
mod schema;
mod show;
mod test;
mod validate;

use crate::cli::{Cli, ColorChoice, Command};
use crate::progress;
use crate::redact::{self, ScrubWriter};
use crate::wechat::credentials::{ENV_ACCESS_TOKEN, ENV_APPSECRET};
use anyhow::Result;

/// How a successful command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 2: `plan --detailed-exitcode` found changes.
    Changes,
}

/// The command line asks for something impossible (exit 64, like clap's own usage errors).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The command already reported its failure (diagnostics on stderr); exit 1 without more output.
#[derive(Debug, thiserror::Error)]
#[error("errors were reported")]
pub struct Reported;

pub fn run(cli: Cli) -> Result<Outcome> {
    let global = cli.global();
    set_color(global.color);
    redact::register_environment(&[
        ENV_APPSECRET,
        ENV_ACCESS_TOKEN,
        crate::server::config::ENV_SERVER_TOKEN,
        crate::server::config::ENV_ENCODING_AES_KEY,
    ]);
    // Wiped when the command ends, before the binary prints any error.
    let _progress = progress::after_from_env()
        .map(|after| progress::start(after, progress::style_for_stderr()));
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Schema(_) => schema::run(),
        Command::Doctor(args) => doctor::run(&global, &args),
        Command::Completions(args) => completions::run(&args),
        Command::Plan(args) => plan::run(&global, &args),
        Command::Apply(args) => apply::run(&global, &args),
        Command::Show(args) => show::run(&args),
        Command::Export(args) => export::run(&global, &args),
        Command::Outputs(args) => outputs::run(&global, &args),
        Command::Preview(args) => preview::run(&global, &args),
        Command::Test(args) => test::run(&global, &args),
    }
}

/// Standard output for the product, with every known secret scrubbed from it.
pub(crate) fn product_stdout() -> ScrubWriter<anstream::AutoStream<std::io::StdoutLock<'static>>> {
    ScrubWriter::new(anstream::stdout().lock())
}

fn set_color(choice: ColorChoice) {
    let choice = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}
