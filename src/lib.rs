//! wxform: a WeChat Official Account's menus, conditional menus, user tags and message templates
//! as code.
//!
//! The pipeline is `config` (YAML → [`model::Desired`]) and `live` (WeChat, through `wechat`, →
//! [`model::Live`]) feeding the pure planner in `plan`, whose [`plan::Plan`] is shown by `render`
//! and executed by `apply`. `commands` wires one subcommand each; only `render`, `commands` and the
//! binary write to the terminal, and `log` and `progress`, the debug log and the waiting line the
//! client reports to.

pub mod apply;
pub mod audience;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod files;
pub mod fmt;
pub mod format_version;
pub mod industry_table;
pub mod inert;
pub mod live_ids;
pub mod log;
pub mod media;
pub mod menu_checks;
pub mod model;
pub mod mutex;
pub mod plan;
pub mod preview;
pub mod progress;
pub mod quota;
pub mod redact;
pub mod render;
pub mod secret_in_data;
pub mod server;
pub mod snapshot_age;
pub mod template_labels;
pub mod utc;
pub mod wechat;
pub mod words;
