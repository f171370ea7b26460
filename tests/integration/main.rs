//! The integration tests: each runs the built `wxform` binary, most against the WeChat emulator
//! (`emulator/`) through the account harness in `tests/support/account.rs`; `client/`
//! drives the library's WeChat client directly.

// The harness is a crate of its own (tests/support/); tests name it `crate::support`.
use wxform_harness as support;

mod apply;
mod cli;
mod client;
mod conventions;
mod debug_log;
mod doc_links;
mod doctor;
mod emulator;
mod extends;
mod field_shapes;
mod fmt;
mod hostile;
mod layering;
mod leaks;
mod local_emulator;
mod man_pages;
mod media_files;
mod menu_checks;
mod multi_account;
#[cfg(unix)]
mod out_files;
mod package;
mod parallelism;
mod plan;
mod preview;
mod progress;
mod properties;
mod proxy;
mod readme;
mod refusals;
mod secrets;
mod server_checks;
mod token_command;
mod validate;
mod workflows;
