//! `wxform doctor`'s checks: one line each (`ok  api host  https://…`, advice indented below),
//! or one versioned JSON document for scripts, described in docs/credentials.md.

use crate::inert;
use crate::quota::Quota;
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

/// One endpoint's daily quota in the JSON document: the quota, or why it is not known.
#[derive(Debug, Clone, Serialize)]
pub struct QuotaEntry {
    /// `menu/create`.
    pub endpoint: String,
    /// `/cgi-bin/menu/create`, as `openapi/quota/get` names it.
    pub cgi_path: String,
    /// `daily_limit`, `used` and `remain`, when read.
    #[serde(flatten)]
    pub quota: Option<Quota>,
    /// Why the quota is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
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

/// The document, pretty-printed with a final newline: `ok` is false when a check failed;
/// `quotas` once they were read (an addition within version 1).
pub fn render_json(checks: &[Check], quotas: Option<&[QuotaEntry]>) -> String {
    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    let mut document = json!({
        "format_version": FORMAT_VERSION,
        "ok": failed == 0,
        "failed": failed,
        "checks": checks,
    });
    if let Some(quotas) = quotas {
        document["quotas"] = json!(quotas);
    }
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
        let document: serde_json::Value = serde_json::from_str(&render_json(
            &[check(Status::Fail, &[]), check(Status::Skip, &[])],
            None,
        ))
        .unwrap();
        assert_eq!(document["format_version"], 1);
        assert_eq!(document["ok"], false);
        assert_eq!(document["failed"], 1);
        assert_eq!(document["checks"][1]["status"], "skip");
        assert_eq!(document["checks"][0]["advice"], json!([]));
        assert!(document.get("quotas").is_none());
    }

    #[test]
    fn quotas_are_listed_flat_or_with_why_they_are_not_known() {
        let quotas = [
            QuotaEntry {
                endpoint: "menu/create".into(),
                cgi_path: "/cgi-bin/menu/create".into(),
                quota: Some(Quota {
                    daily_limit: 1000,
                    used: 2,
                    remain: 998,
                }),
                error: None,
            },
            QuotaEntry {
                endpoint: "newtmpl/addtemplate".into(),
                cgi_path: "/wxaapi/newtmpl/addtemplate".into(),
                quota: None,
                error: Some("WeChat error 76021".into()),
            },
        ];
        let document: serde_json::Value =
            serde_json::from_str(&render_json(&[], Some(&quotas))).unwrap();
        assert_eq!(
            document["quotas"],
            json!([
                {"endpoint": "menu/create", "cgi_path": "/cgi-bin/menu/create", "daily_limit": 1000, "used": 2, "remain": 998},
                {"endpoint": "newtmpl/addtemplate", "cgi_path": "/wxaapi/newtmpl/addtemplate", "error": "WeChat error 76021"}
            ])
        );
    }
}
