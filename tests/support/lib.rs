//! What wxform's integration tests and benchmarks share: running the built binary with a clean
//! environment, the account harness, the shop account, canned servers, a recording proxy, the
//! WeChat emulator (its own crate, re-exported as `emulator`) and its shipped binary
//! (`served`). See README.md beside this file.

pub mod account;
pub mod account_server;
pub mod canned;
// The emulator is its own crate (emulator/); tests name it `support::emulator`.
pub use wxform_emulator as emulator;
pub mod http1;
pub mod proxy;
pub mod router;
pub mod run;
pub mod served;
pub mod shop;
pub mod tree;
