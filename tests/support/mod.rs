//! Shared test support: running the binary with a clean environment, and the WeChat emulator.

#![allow(dead_code)]

pub mod canned;
pub mod emulator;
pub mod http1;
pub mod router;
pub mod run;
pub mod shop;
