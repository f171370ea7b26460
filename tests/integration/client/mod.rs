//! The WeChat client (`wxform::wechat`) against the emulator, without the binary: every endpoint,
//! the write methods, retries, tokens and their cache, the wire format, WeChat's limits.

mod endpoints;
mod limits;
mod retries;
pub mod support;
mod templates;
mod tokens;
mod wire;
mod writes;
