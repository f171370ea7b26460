//! `wxform doctor`: preflight checks of credentials, token, IP whitelist and API permissions,
//! and the daily quotas of the endpoints wxform calls.
//!
//! One line per check on stdout (`✓`/`✗` on a terminal, `ok`/`FAIL` otherwise), or with
//! `--format json` one versioned document (`render::doctor`); a refusal by the IP whitelist
//! adds advice lines saying what to do. A failed check of an API the configuration does not use
//! is a warning (`!`/`warn`); any other failure makes the exit code 1, and the checks that
//! could not run after it are listed as skipped. With a `server:` section a last `server` line
//! makes the URL handshake with the account's own server, which needs no WeChat credentials.
//! Secret values are never shown: only where they come from.

use super::account::{client, print_warnings};
use super::{Outcome, Reported};
use crate::cli::{DoctorArgs, DoctorFormat, GlobalArgs};
use crate::model::{CredentialEnv, Section};
use crate::render::doctor::{Check, QuotaEntry, Status};
use crate::wechat::api_base::ApiBase;
use crate::wechat::preflight::{Probe, probe_apis};
use crate::wechat::whitelist::{self, Refusal};
use crate::wechat::{Client, TokenInfo, TokenSource, WechatError, credential_env, errcodes};
use anyhow::Result;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

mod config;
mod quotas;
mod server;

use config::read_config;
use quotas::{QUOTAS, report_quotas};
use server::server_handshake;

/// The checks after the configuration's, in the order they run; those a failure stops are
/// reported as skipped.
const CHECKS: [&str; 4] = ["api host", "credentials", "access token", "IP whitelist"];

struct Report {
    format: DoctorFormat,
    fancy: bool,
    checks: Vec<Check>,
    /// The daily quotas, once read.
    quotas: Option<Vec<QuotaEntry>>,
    out: std::io::StdoutLock<'static>,
}

impl Report {
    fn line(&mut self, status: Status, label: &str, detail: &str) -> Result<()> {
        self.lines(status, label, &[detail.to_string()])
    }

    /// A check whose detail takes several lines: the first beside the mark and label, the
    /// others (its advice) below it, indented to the same column.
    fn lines(&mut self, status: Status, label: &str, details: &[String]) -> Result<()> {
        let (detail, advice) = details.split_first().map_or_else(
            || (String::new(), Vec::new()),
            |(detail, advice)| (detail.clone(), advice.to_vec()),
        );
        let check = Check {
            name: label.to_string(),
            status,
            detail,
            advice,
        };
        if self.format == DoctorFormat::Text {
            crate::render::doctor::write_text(&check, self.fancy, &mut self.out)?;
        }
        self.checks.push(check);
        Ok(())
    }

    fn failures(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.status == Status::Fail)
            .count()
    }

    /// A `skip` line for every check that a failure kept from running.
    fn skip_the_rest(&mut self) -> Result<()> {
        let Some(failed) = self.checks.iter().find(|c| c.status == Status::Fail) else {
            return Ok(());
        };
        let detail = format!("not run: {} failed", failed.name);
        let groups = Section::ALL.map(Section::label);
        for name in CHECKS.into_iter().chain(groups).chain([QUOTAS]) {
            if !self.checks.iter().any(|c| c.name == name) {
                self.line(Status::Skip, name, &detail)?;
            }
        }
        Ok(())
    }
}

pub fn run(global: &GlobalArgs, args: &DoctorArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut report = Report {
        format: args.format,
        fancy: stdout.is_terminal() && args.format == DoctorFormat::Text,
        checks: Vec::new(),
        quotas: None,
        out: stdout.lock(),
    };
    let checked = check(global, args, &mut report)
        .and_then(|()| report.skip_the_rest())
        .and_then(|()| server_handshake(&args.file, &mut report));
    if args.format == DoctorFormat::Json {
        report.out.write_all(
            crate::render::doctor::render_json(&report.checks, report.quotas.as_deref()).as_bytes(),
        )?;
    }
    report.out.flush()?;
    checked?;
    match report.failures() {
        0 => Ok(Outcome::Success),
        n => {
            let s = if n == 1 { "" } else { "s" };
            eprintln!("error: {n} required check{s} failed");
            Err(Reported.into())
        }
    }
}

fn check(global: &GlobalArgs, args: &DoctorArgs, report: &mut Report) -> Result<()> {
    let (required, names) = read_config(&args.file, report)?;
    let base = match ApiBase::parse(&global.api_base) {
        Ok(base) => base,
        Err(err) => return report.line(Status::Fail, "api host", &err.to_string()),
    };
    report.line(Status::Ok, "api host", base.as_str())?;

    let credentials = match credential_env::from_env(&names) {
        Ok(credentials) => credentials,
        Err(err) => return report.line(Status::Fail, "credentials", &err.to_string()),
    };
    report.line(
        Status::Ok,
        "credentials",
        &credential_env::describe(&names, &credentials),
    )?;

    let client = client(global, credentials, None)?;

    let token = client.token_info();
    print_warnings(&client);
    let token = match token {
        Ok(token) => token,
        Err(err) if is_whitelist(&err) => {
            let code = err.errcode().unwrap_or_default();
            let detail =
                format!("WeChat refused to issue a token to this machine (errcode {code})");
            report.line(Status::Fail, "access token", &detail)?;
            return whitelist_failure(report, &err);
        }
        // A token command's failure ends with its stderr's lines: indented below, as advice is.
        Err(err) => {
            let text = err.to_string();
            let lines: Vec<String> = text.lines().map(|line| line.trim().to_string()).collect();
            return report.lines(Status::Fail, "access token", &lines);
        }
    };
    report.line(
        Status::Ok,
        "access token",
        &describe_token(&token, &client, &names),
    )?;

    let probes = probe_apis(&client);
    print_warnings(&client);
    report_probes(report, probes, token.source, &required, &args.file)?;
    report_quotas(report, &client, &required)
}

/// The IP whitelist verdict from the probes, then one line for each probed API group; a
/// failure fails the check only for a group the configuration uses.
fn report_probes(
    report: &mut Report,
    probes: Vec<Probe>,
    token_source: TokenSource,
    required: &BTreeSet<Section>,
    file: &Path,
) -> Result<()> {
    let blocked = probes
        .iter()
        .filter_map(|p| p.result.as_ref().err())
        .find(|err| is_whitelist(err));
    match (blocked, token_source) {
        (Some(err), _) => whitelist_failure(report, err)?,
        (None, TokenSource::StableToken) => report.line(
            Status::Ok,
            "IP whitelist",
            "stable_token and the API calls accepted this machine's IP",
        )?,
        (None, _) => report.line(
            Status::Ok,
            "IP whitelist",
            "the API calls accepted this machine's IP (WeChat checks it again when issuing a token)",
        )?,
    }

    let mut advised = BTreeSet::new();
    for probe in probes {
        let label = probe.group.label();
        match probe.result {
            Ok(detail) => report.line(Status::Ok, label, &detail)?,
            Err(err) if required.contains(&probe.group) => {
                report.line(Status::Fail, label, &probe_failure(&err, &mut advised))?
            }
            Err(err) => {
                let failure = probe_failure(&err, &mut advised);
                let detail = format!("{failure} (not used by {})", file.display());
                report.line(Status::Warn, label, &detail)?
            }
        }
    }
    Ok(())
}

/// A probe's failure as its line shows it: WeChat's answer and its advice, given once. A
/// refusal of this machine's IP points at the IP whitelist line, where its advice is; advice
/// an earlier line gave (a permission several groups lack) is not repeated.
fn probe_failure(err: &WechatError, advised: &mut BTreeSet<String>) -> String {
    let Some(api) = err.api() else {
        return err.to_string();
    };
    if is_whitelist(err) {
        format!("{}: see IP whitelist above", api.answer())
    } else if advised.insert(api.advice.clone()) {
        err.to_string()
    } else {
        format!("{}: as above", api.answer())
    }
}

/// Whether WeChat refused this machine for its IP: not on a whitelist (40164, 61004), or
/// waiting for the admin to confirm it (895xx).
fn is_whitelist(err: &WechatError) -> bool {
    matches!(
        err.errcode(),
        Some(
            whitelist::ACCOUNT_REFUSED
                | whitelist::PLATFORM_REFUSED
                | 89501
                | 89503
                | 89506
                | 89507
        )
    )
}

/// The IP whitelist check's failure: for a refusal, the IP WeChat saw and the setups that
/// work, a statement a line; for the admin-confirmation codes, the catalogue's advice.
fn whitelist_failure(report: &mut Report, err: &WechatError) -> Result<()> {
    let Some(api) = err.api().filter(|_| is_whitelist(err)) else {
        return Ok(());
    };
    match Refusal::of(api.errcode, &api.errmsg) {
        Some(refusal) => report.lines(Status::Fail, "IP whitelist", &refusal.lines()),
        None => report.line(
            Status::Fail,
            "IP whitelist",
            &errcodes::advice(api.errcode, &api.errmsg),
        ),
    }
}

fn describe_token(token: &TokenInfo, client: &Client, names: &CredentialEnv) -> String {
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
        TokenSource::Environment => format!(
            "given in {}, {lifetime}",
            credential_env::token_variable(names)
        ),
        TokenSource::Command => format!(
            "printed by account.token_command, {lifetime}: the command runs again each run and when WeChat rejects its token"
        ),
    }
}

fn duration(left: Duration) -> String {
    let minutes = left.as_secs() / 60;
    format!("{}h {:02}m", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests;
