//! Everything the user reads: plans (text, JSON, Markdown), diagnostics and `fmt --check`'s
//! diffs. Renderers decide nothing; they only format what they are given.

pub mod apply_outcome;
pub mod apply_report;
pub mod canonical_yaml;
pub mod checks;
pub mod diagnostics;
pub mod diagnostics_json;
pub mod doctor;
pub mod fmt_diff;
mod inert_yaml;
pub mod plan_markdown;
pub mod plan_text;
pub mod plans_report;
pub mod preview;
mod quota_lines;
pub mod sarif;
pub mod server_checks;
