//! `wxform doctor`: preflight checks of credentials, token, IP whitelist and API permissions.

use super::Outcome;
use crate::cli::{DoctorArgs, GlobalArgs};
use anyhow::Result;

pub fn run(_global: &GlobalArgs, _args: &DoctorArgs) -> Result<Outcome> {
    anyhow::bail!("`wxform doctor` is not implemented yet")
}
