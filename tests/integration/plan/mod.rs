//! `wxform plan`, `export` and `outputs` through the binary against the emulator: export → plan
//! round trips, full-output snapshots of every format, the request log of a plan (read-only,
//! one request per endpoint, unmanaged sections never read), flags and the quick start.

mod classic;
mod commands;
mod identity;
mod industry;
mod pasted_menus;
mod quickstart;
mod quotas;
mod roundtrip;
mod secret_in_data;
mod show;
mod snapshot_age;
mod snapshots;

use crate::support::account::{Account, closed_port_url, edit};
use crate::support::run::Run;
use crate::support::shop::{SHOP_YAML, shop_state};
use std::collections::BTreeMap;
use std::path::Path;

/// Every read endpoint of a full plan, each called once.
pub const ALL_READS: [&str; 6] = [
    "/cgi-bin/get_current_selfmenu_info",
    "/cgi-bin/menu/get",
    "/cgi-bin/tags/get",
    "/cgi-bin/template/get_all_private_template",
    "/cgi-bin/template/get_industry",
    "/wxaapi/newtmpl/gettemplate",
];

/// `reads`, each once, after one `stable_token` (a cold cache).
pub fn once_each(reads: &[&str]) -> BTreeMap<String, usize> {
    reads
        .iter()
        .chain(["/cgi-bin/stable_token"].iter())
        .map(|path| (path.to_string(), 1))
        .collect()
}

/// How many daily quotas a plan of every section reads (`openapi/quota/get`, one per endpoint
/// the sections write with).
pub const ALL_QUOTAS: usize = 12;

/// `reads` with `quotas` calls of `openapi/quota/get`: a plan reads, in the same round trip, the
/// daily quota of each endpoint the sections it manages write with.
pub fn with_quotas(mut reads: BTreeMap<String, usize>, quotas: usize) -> BTreeMap<String, usize> {
    reads.insert("/cgi-bin/openapi/quota/get".to_string(), quotas);
    reads
}

/// The machine- and release-dependent parts of an output: ports, temporary paths, fingerprints,
/// the version of wxform that wrote a plan document.
pub fn filters(dir: &Path) -> Vec<(String, String)> {
    vec![
        (regex_escape(&dir.display().to_string()), "[DIR]".into()),
        (r"127\.0\.0\.1:\d+".into(), "127.0.0.1:[PORT]".into()),
        (r"sha256:[0-9a-f]{64}".into(), "sha256:[FINGERPRINT]".into()),
        (
            r#""wxform_version": "[^"]*""#.into(),
            r#""wxform_version": "[VERSION]""#.into(),
        ),
    ]
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// A run as one text for a snapshot: exit code, stdout, stderr.
pub fn transcript(run: &Run) -> String {
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}
