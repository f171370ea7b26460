//! `wxform plan`: one configuration file planned on its own ([`single`]), or several accounts
//! in one report ([`many`]).

mod many;
mod same_account;
mod single;

use super::Outcome;
use crate::cli::{GlobalArgs, PlanArgs};
use anyhow::Result;

pub fn run(global: &GlobalArgs, args: &PlanArgs) -> Result<Outcome> {
    match many::single_file(args) {
        Some(file) => single::run(global, args, file),
        None => many::run(global, args),
    }
}
