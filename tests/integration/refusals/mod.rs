//! WeChat refusing this machine or this account, as every command reports it: a caller whose
//! IP is not whitelisted (40164 from the account's whitelist, 61004 from a third-party
//! platform's), with its own AppSecret or a token service's token; an account that lacks an
//! API (48001). `doctor` names the IP WeChat saw and the setups that work; `plan` and `apply`
//! give the same advice.

mod permissions;
mod whitelist;

use crate::support::account::{connect, connect_to, retry_fast};
use crate::support::emulator::Emulator;
use crate::support::run::wxform;
use std::path::Path;
use std::process::Output;

/// `wxform args` in `dir` against `emulator`, with its AppSecret.
fn with_secret(emulator: &Emulator, dir: &Path, args: &[&str]) -> Output {
    let mut command = wxform();
    retry_fast(connect(&mut command, emulator, dir))
        .args(args)
        .output()
        .unwrap()
}

/// `wxform args` in `dir` against `emulator`, with `token` from a token service.
fn with_token(emulator: &Emulator, dir: &Path, token: &str, args: &[&str]) -> Output {
    let mut command = wxform();
    retry_fast(connect_to(&mut command, &emulator.base_url(), dir))
        .env("WECHAT_ACCESS_TOKEN", token)
        .args(args)
        .output()
        .unwrap()
}
