//! `wxform doctor`'s checks: one line each (`ok  api host  https://…`, advice indented below),
//! or one versioned JSON document for scripts, described in docs/credentials.md.

use crate::inert;
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

/// Version of the JSON document; a change of shape gets a new one.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Failed, for an API the configuration does not use.
    Warn,
    /// Failed: the exit code is 1.
    Fail,
    /// Not run, because a check it needs failed.
    Skip,
}

/// One check: its name (`access token`), status, what it found, and what to do, a line each.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: String,
    pub status: Status,
    pub detail: String,
    pub advice: Vec<String>,
}

/// The check's line, and its advice below it aligned with the detail. `fancy` marks (✓ ✗ ! –)
/// are for a terminal; a pipe or a file gets words.
pub fn write_text(check: &Check, fancy: bool, out: &mut impl Write) -> io::Result<()> {
    let mark = match (check.status, fancy) {
        (Status::Ok, true) => "✓",
        (Status::Fail, true) => "✗",
        (Status::Warn, true) => "!",
        (Status::Skip, true) => "–",
        (Status::Ok, false) => "ok",
        (Status::Fail, false) => "FAIL",
        (Status::Warn, false) => "warn",
        (Status::Skip, false) => "skip",
    };
    writeln!(out, "{mark:<4} {:<19} {}", check.name, check.detail)?;
    for line in &check.advice {
        writeln!(out, "{:24} {line}", "")?;
    }
    Ok(())
}

/// The document, pretty-printed with a final newline: `ok` is false when a check failed.
pub fn render_json(checks: &[Check]) -> String {
    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    let document = json!({
        "format_version": FORMAT_VERSION,
        "ok": failed == 0,
        "failed": failed,
        "checks": checks,
    });
    let mut text =
        inert::json(&serde_json::to_string_pretty(&document).expect("JSON values serialise"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(status: Status, advice: &[&str]) -> Check {
        Check {
            name: "IP whitelist".into(),
            status,
            detail: "refused".into(),
            advice: advice.iter().map(|line| line.to_string()).collect(),
        }
    }

    #[test]
    fn advice_lines_align_with_the_detail() {
        let mut out = Vec::new();
        write_text(&check(Status::Fail, &["add 1.2.3.4"]), false, &mut out).unwrap();
        write_text(&check(Status::Skip, &[]), true, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "FAIL IP whitelist        refused\n                         add 1.2.3.4\n–    IP whitelist        refused\n"
        );
    }

    #[test]
    fn the_document_counts_failures_and_names_statuses_in_lowercase() {
        let document: serde_json::Value = serde_json::from_str(&render_json(&[
            check(Status::Fail, &[]),
            check(Status::Skip, &[]),
        ]))
        .unwrap();
        assert_eq!(document["format_version"], 1);
        assert_eq!(document["ok"], false);
        assert_eq!(document["failed"], 1);
        assert_eq!(document["checks"][1]["status"], "skip");
        assert_eq!(document["checks"][0]["advice"], json!([]));
    }
}
