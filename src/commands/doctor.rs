//! `wxform doctor`: preflight checks of credentials, token, IP whitelist and API permissions.
//!
//! One line per check on stdout (`✓`/`✗` on a terminal, `ok`/`FAIL` otherwise). A failed check
//! of an API the configuration does not use is a warning (`!`/`warn`); any other failure makes
//! the exit code 1. Secret values are never shown: only where they come from.

use super::account::print_warnings;
use super::{Outcome, Reported};
use crate::cli::{DoctorArgs, GlobalArgs};
use crate::wechat::api_base::ApiBase;
use crate::wechat::preflight::{ApiGroup, probe_apis};
use crate::wechat::{
    Client, ClientConfig, Credentials, TokenInfo, TokenSource, WechatError, errcodes,
};
use anyhow::Result;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Ok,
    Fail,
    Warn,
}

struct Report {
    fancy: bool,
    failures: usize,
    out: std::io::StdoutLock<'static>,
}

impl Report {
    fn line(&mut self, mark: Mark, label: &str, detail: &str) -> Result<()> {
        let mark_text = match (mark, self.fancy) {
            (Mark::Ok, true) => "✓",
            (Mark::Fail, true) => "✗",
            (Mark::Warn, true) => "!",
            (Mark::Ok, false) => "ok",
            (Mark::Fail, false) => "FAIL",
            (Mark::Warn, false) => "warn",
        };
        if mark == Mark::Fail {
            self.failures += 1;
        }
        writeln!(self.out, "{mark_text:<4} {label:<19} {detail}")?;
        Ok(())
    }
}

pub fn run(global: &GlobalArgs, args: &DoctorArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut report = Report {
        fancy: stdout.is_terminal(),
        failures: 0,
        out: stdout.lock(),
    };
    let checked = check(global, args, &mut report);
    report.out.flush()?;
    checked?;
    match report.failures {
        0 => Ok(Outcome::Success),
        n => {
            let s = if n == 1 { "" } else { "s" };
            eprintln!("error: {n} required check{s} failed");
            Err(Reported.into())
        }
    }
}

fn check(global: &GlobalArgs, args: &DoctorArgs, report: &mut Report) -> Result<()> {
    let required = required_groups(&args.file, report)?;
    let base = match ApiBase::parse(&global.api_base) {
        Ok(base) => base,
        Err(err) => return report.line(Mark::Fail, "api host", &err.to_string()),
    };
    report.line(Mark::Ok, "api host", base.as_str())?;

    let credentials = match Credentials::from_env() {
        Ok(credentials) => credentials,
        Err(err) => return report.line(Mark::Fail, "credentials", &err.to_string()),
    };
    report.line(Mark::Ok, "credentials", &credentials.describe())?;

    let config = ClientConfig::with_env_settings(global.api_base.clone(), credentials);
    let client = Client::new(config)?;

    let token = client.token_info();
    print_warnings(&client);
    let token = match token {
        Ok(token) => token,
        Err(err) if is_whitelist(&err) => {
            let code = err.errcode().unwrap_or_default();
            let detail =
                format!("WeChat refused to issue a token to this machine (errcode {code})");
            report.line(Mark::Fail, "access token", &detail)?;
            return whitelist_failure(report, &err);
        }
        Err(err) => return report.line(Mark::Fail, "access token", &err.to_string()),
    };
    report.line(Mark::Ok, "access token", &describe_token(&token, &client))?;

    let probes = probe_apis(&client);
    print_warnings(&client);
    let blocked = probes
        .iter()
        .filter_map(|p| p.result.as_ref().err())
        .find(|err| is_whitelist(err));
    match (blocked, token.source) {
        (Some(err), _) => whitelist_failure(report, err)?,
        (None, TokenSource::StableToken) => report.line(
            Mark::Ok,
            "IP whitelist",
            "stable_token and the API calls accepted this machine's IP",
        )?,
        (None, _) => report.line(
            Mark::Ok,
            "IP whitelist",
            "the API calls accepted this machine's IP (WeChat checks it again when issuing a token)",
        )?,
    }

    for probe in probes {
        let label = probe.group.label();
        match probe.result {
            Ok(detail) => report.line(Mark::Ok, label, &detail)?,
            Err(err) if required.contains(&probe.group) => {
                report.line(Mark::Fail, label, &err.to_string())?
            }
            Err(err) => {
                let detail = format!("{err} (not used by {})", args.file.display());
                report.line(Mark::Warn, label, &detail)?
            }
        }
    }
    Ok(())
}

fn is_whitelist(err: &WechatError) -> bool {
    matches!(err.errcode(), Some(40164 | 89501 | 89503 | 89506 | 89507))
}

fn whitelist_failure(report: &mut Report, err: &WechatError) -> Result<()> {
    if let Some(api) = err.api().filter(|_| is_whitelist(err)) {
        report.line(
            Mark::Fail,
            "IP whitelist",
            &errcodes::advice(api.errcode, &api.errmsg),
        )?;
    }
    Ok(())
}

fn describe_token(token: &TokenInfo, client: &Client) -> String {
    let lifetime = token.remaining.map_or_else(
        || "lifetime unknown".to_string(),
        |left| format!("valid for {}", duration(left)),
    );
    match token.source {
        TokenSource::StableToken => format!("fetched with stable_token, {lifetime}"),
        TokenSource::Cache => {
            let dir = client
                .cache()
                .map(|c| c.dir().display().to_string())
                .unwrap_or_default();
            format!("reused from the cache in {dir}, {lifetime}")
        }
        TokenSource::Environment => format!("given in WECHAT_ACCESS_TOKEN, {lifetime}"),
    }
}

fn duration(left: Duration) -> String {
    let minutes = left.as_secs() / 60;
    format!("{}h {:02}m", minutes / 60, minutes % 60)
}

/// The API groups the configuration manages (its top-level keys); every group when there is
/// no configuration file.
fn required_groups(file: &Path, report: &mut Report) -> Result<BTreeSet<ApiGroup>> {
    let all: BTreeSet<ApiGroup> = ApiGroup::ALL.into_iter().collect();
    let text = match crate::files::read_text(file, crate::config::MAX_FILE_BYTES as u64) {
        Ok(text) => text,
        Err(crate::files::ReadError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(all);
        }
        Err(err) => {
            let detail = format!("{err}; every API is checked as required");
            report.line(Mark::Warn, "config", &detail)?;
            return Ok(all);
        }
    };
    let keys: std::collections::BTreeMap<String, serde::de::IgnoredAny> =
        match serde_saphyr::from_str(&text) {
            Ok(keys) => keys,
            Err(_) => {
                let detail = format!(
                    "{} is not valid YAML (run `wxform validate`); every API is checked as required",
                    file.display()
                );
                report.line(Mark::Warn, "config", &detail)?;
                return Ok(all);
            }
        };
    let mut groups = BTreeSet::new();
    for (key, group) in [
        ("menu", ApiGroup::Menu),
        ("conditional_menus", ApiGroup::ConditionalMenus),
        ("tags", ApiGroup::Tags),
        ("templates", ApiGroup::Templates),
        ("subscribe_templates", ApiGroup::SubscribeTemplates),
    ] {
        if keys.contains_key(key) {
            groups.insert(group);
        }
    }
    // Conditional menus need a default menu.
    if groups.contains(&ApiGroup::ConditionalMenus) {
        groups.insert(ApiGroup::Menu);
    }
    report.line(
        Mark::Ok,
        "config",
        &format!("{} manages: {}", file.display(), list(&groups)),
    )?;
    Ok(groups)
}

fn list(groups: &BTreeSet<ApiGroup>) -> String {
    if groups.is_empty() {
        return "nothing".to_string();
    }
    groups
        .iter()
        .map(|g| g.label())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(duration(Duration::from_secs(7200)), "2h 00m");
        assert_eq!(duration(Duration::from_secs(7199)), "1h 59m");
        assert_eq!(duration(Duration::from_secs(59)), "0h 00m");
    }
}
