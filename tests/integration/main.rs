//! The integration tests: each runs the built `wxform` binary, most against the WeChat emulator
//! in `tests/support`.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod emulator;
