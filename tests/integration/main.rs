//! The integration tests: each runs the built `wxform` binary, most against the WeChat emulator
//! in `tests/support`.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod client;
mod client_retries;
mod client_support;
mod client_tokens;
mod emulator;
mod plan;
mod validate;
