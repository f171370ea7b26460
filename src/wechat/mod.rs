//! The WeChat HTTP client: tokens, endpoints, wire types, the error catalogue, retries. It never
//! prints.
//!
//! Build a [`Client`] with [`Client::new`] from a [`ClientConfig`] (`--api-base` and the
//! credentials [`credential_env`] resolves); read the account with [`read_live`]; write with the typed methods in
//! [`api`] (`menu_create`, `add_conditional`, `tag_create`, …). Every failure is a
//! [`WechatError`]: inspect `errcode()` for WeChat's code and `is_outcome_unknown()` for a write
//! whose effect is unknown.

pub mod api;
pub mod api_base;
pub mod cache;
mod client;
pub mod credential_env;
pub mod credentials;
pub mod endpoint;
pub mod errcodes;
mod error;
pub(crate) mod lenient_json;
pub(crate) mod materials;
mod multipart;
pub mod normalise;
pub mod pool;
pub mod preflight;
pub mod quotas;
mod read;
pub mod retry;
mod scrub;
pub mod settings;
mod token;
mod token_command;
mod transport;
pub mod whitelist;
pub mod wire;

/// Which sections to read; the model's concept, re-exported where reading is.
pub use crate::model::Sections;
pub use client::{Client, ClientConfig};
pub use credentials::{Credentials, Secret};
pub use error::{ApiError, TransportKind, WechatError};
pub use pool::HttpPool;
pub use read::{read_live, read_live_and_quotas};
pub use retry::RetryPolicy;
pub use token::{TokenInfo, TokenSource};
pub use wire::menu::MatchRuleOut;
