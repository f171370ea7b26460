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
use crate::model::{CredentialEnv, Section, TokenCommand};
use crate::quota::{Quota, RESET_TIME};
use crate::render::doctor::{Check, QuotaEntry, Status};
use crate::server::report::Status as ServerStatus;
use crate::server::run::handshake_only;
use crate::server::settings::Resolved;
use crate::wechat::api_base::ApiBase;
use crate::wechat::endpoint::{self, Endpoint};
use crate::wechat::preflight::{Probe, probe_apis};
use crate::wechat::quotas::{EndpointQuota, read_quotas};
use crate::wechat::whitelist::{self, Refusal};
use crate::wechat::{Client, TokenInfo, TokenSource, WechatError, credential_env, errcodes};
use crate::words::plural;
use anyhow::Result;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

/// The checks after the configuration's, in the order they run; those a failure stops are
/// reported as skipped.
const CHECKS: [&str; 4] = ["api host", "credentials", "access token", "IP whitelist"];

/// The last check, after the API groups': the daily quotas.
const QUOTAS: &str = "daily quotas";

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

/// The daily quota of every endpoint wxform calls but the token's, a line each: a warning when
/// one the configuration writes with is spent or cannot be read, never a failure (plans check
/// what they can read and go on without the rest).
fn report_quotas(report: &mut Report, client: &Client, required: &BTreeSet<Section>) -> Result<()> {
    let others: Vec<Endpoint> = endpoint::ALL
        .iter()
        .copied()
        .filter(|e| ![endpoint::STABLE_TOKEN, endpoint::QUOTA_GET].contains(e))
        .collect();
    // quota/get's own quota last, so that it counts every call this check made.
    let read = read_quotas(client, &others).and_then(|mut read| {
        read.extend(read_quotas(client, &[endpoint::QUOTA_GET])?);
        Ok(read)
    });
    print_warnings(client);
    let read = match read {
        Ok(read) => read,
        Err(err) => return report.line(Status::Warn, QUOTAS, &err.to_string()),
    };
    report.quotas = Some(read.iter().map(quota_entry).collect());
    let mut advised = BTreeSet::new();
    if let Some(err) = one_failure_for_all(&read) {
        let detail = format!(
            "not known for any endpoint: {}",
            probe_failure(err, &mut advised)
        );
        return report.line(Status::Warn, QUOTAS, &detail);
    }
    let writes = endpoint::writes_for(required);
    let mut lines = Vec::new();
    let mut short = Vec::new();
    for (endpoint, result) in &read {
        let (line, spent_or_unknown) = quota_line(endpoint, result, &mut advised);
        if spent_or_unknown && writes.contains(endpoint) {
            short.push(endpoint.name);
        }
        lines.push(line);
    }
    let (status, detail) = if short.is_empty() {
        let count = plural(read.len(), "endpoint");
        (
            Status::Ok,
            format!("{count}; WeChat resets them at {RESET_TIME}"),
        )
    } else {
        let detail = format!(
            "spent or not known for {}, which the configuration writes with; WeChat resets the quotas at {RESET_TIME}",
            short.join(", ")
        );
        (Status::Warn, detail)
    };
    report.lines(status, QUOTAS, &[vec![detail], lines].concat())
}

/// The error every quota read failed with, when all failed with the same errcode (a refused IP,
/// a token without the permission): said once rather than on twenty lines alike.
fn one_failure_for_all(read: &[EndpointQuota]) -> Option<&WechatError> {
    let mut errors = read.iter().map(|(_, result)| result.as_ref().err());
    let first = errors.next()??;
    let errcode = first.errcode()?;
    errors
        .all(|error| error.is_some_and(|error| error.errcode() == Some(errcode)))
        .then_some(first)
}

/// An endpoint's line under the quota check, and whether its quota is spent or not known. An
/// error's advice is given once (a missing permission fails every endpoint alike).
fn quota_line(
    endpoint: &Endpoint,
    result: &Result<Quota, WechatError>,
    advised: &mut BTreeSet<String>,
) -> (String, bool) {
    let (text, short) = match result {
        Ok(quota) => (
            format!("{} used, {}", quota.used, quota.left()),
            !quota.allows(1),
        ),
        Err(err) => (format!("not known: {}", probe_failure(err, advised)), true),
    };
    (format!("{:<33} {text}", endpoint.name), short)
}

/// One endpoint's quota as the JSON document lists it.
fn quota_entry((endpoint, result): &EndpointQuota) -> QuotaEntry {
    QuotaEntry {
        endpoint: endpoint.name.to_string(),
        cgi_path: endpoint.cgi_path(),
        quota: result.as_ref().ok().copied(),
        error: result.as_ref().err().map(ToString::to_string),
    }
}

/// The account's server, when the configuration has a `server:` section: the URL handshake
/// WeChat makes when the URL is saved. It needs no WeChat credentials, so it runs whatever the
/// checks above found; a configuration that does not load was reported above.
fn server_handshake(file: &Path, report: &mut Report) -> Result<()> {
    let Ok(loaded) = crate::config::load(file) else {
        return Ok(());
    };
    let (status, detail) = match super::test::handshake_settings(&loaded) {
        Ok(None) => return Ok(()),
        // `why` ends with test's advice (`--server-url`), which doctor does not take.
        Ok(Some(Resolved::Skipped(why))) => {
            let unset = why.split(':').next().unwrap_or_default();
            (
                Status::Skip,
                format!("{unset}: no URL to make the handshake with"),
            )
        }
        Ok(Some(Resolved::Ready(settings))) => match handshake_only(&settings) {
            Ok(result) => {
                let words = result.detail.unwrap_or_else(|| {
                    format!(
                        "{} answered the URL handshake with its echostr",
                        settings.url
                    )
                });
                let status = match result.status {
                    ServerStatus::Pass => Status::Ok,
                    _ => Status::Fail,
                };
                (status, format!("{words} ({} ms)", result.ms))
            }
            Err(err) => (Status::Fail, err),
        },
        Err(err) => (Status::Fail, err.to_string()),
    };
    report.line(
        status,
        "server",
        &crate::redact::scrub(&crate::inert::text(&detail)),
    )
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

/// The API groups the configuration manages (its top-level keys) and the variables holding its
/// account's credentials (`account.*_env`); every group and the standard variables when there
/// is no configuration file.
fn read_config(file: &Path, report: &mut Report) -> Result<(BTreeSet<Section>, CredentialEnv)> {
    let all: BTreeSet<Section> = Section::ALL.into_iter().collect();
    let text = match crate::files::read_text(file, crate::config::MAX_FILE_BYTES as u64) {
        Ok(text) => text,
        Err(crate::files::ReadError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok((all, CredentialEnv::default()));
        }
        Err(err) => {
            let detail = format!("{err}; every API is checked as required");
            report.line(Status::Warn, "config", &detail)?;
            return Ok((all, CredentialEnv::default()));
        }
    };
    if extends_another(&text) {
        return account_file(file, &text, report);
    }
    let groups = required_groups(file, &text, report)?;
    let names = match credential_names(file, &text) {
        Some(names) => names,
        None => {
            // Invalid YAML is reported above; an `account:` of the wrong shape is not.
            if is_mapping(&text) {
                let detail = format!(
                    "the account: section of {} cannot be read (run `wxform validate`); the standard WECHAT_* variables are checked",
                    file.display()
                );
                report.line(Status::Warn, "config", &detail)?;
            }
            CredentialEnv::default()
        }
    };
    Ok((groups, names))
}

/// Whether `text` is an account file (`extends:` at its top level): what it manages and its
/// credentials' variables may come from the file it extends.
fn extends_another(text: &str) -> bool {
    serde_saphyr::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text)
        .is_ok_and(|keys| keys.contains_key("extends"))
}

/// What an account file manages and where its credentials are, from the whole configuration
/// it makes with the file it extends; every group, and the variables it names itself, when
/// that configuration cannot be loaded.
fn account_file(
    file: &Path,
    text: &str,
    report: &mut Report,
) -> Result<(BTreeSet<Section>, CredentialEnv)> {
    match crate::config::load(file) {
        Ok(loaded) => {
            let mut groups = loaded.desired.managed();
            // Conditional menus need a default menu.
            if groups.contains(&Section::ConditionalMenus) {
                groups.insert(Section::Menu);
            }
            let files = loaded.desired.config_files.join(", extending ");
            report.line(
                Status::Ok,
                "config",
                &format!("{files} manages: {}", list(&groups)),
            )?;
            Ok((groups, loaded.desired.credentials_env))
        }
        Err(_) => {
            let detail = format!(
                "{} cannot be loaded with the file it extends (run `wxform validate {}`); every API is checked as required",
                file.display(),
                file.display()
            );
            report.line(Status::Warn, "config", &detail)?;
            Ok((
                Section::ALL.into_iter().collect(),
                credential_names(file, text).unwrap_or_default(),
            ))
        }
    }
}

/// The credential variables (or the token command) `account:` of `file` names, or `None` when
/// they cannot be read. The file is not validated here: the resolver refuses cross-wired names
/// and a command beside variables.
fn credential_names(file: &Path, text: &str) -> Option<CredentialEnv> {
    #[derive(serde::Deserialize)]
    struct File {
        account: Option<Account>,
    }
    #[derive(serde::Deserialize)]
    struct Account {
        appid_env: Option<String>,
        secret_env: Option<String>,
        token_env: Option<String>,
        token_command: Option<Vec<String>>,
    }
    let Some(account) = serde_saphyr::from_str::<File>(text).ok()?.account else {
        return Some(CredentialEnv::default());
    };
    // Their values are secrets: never quoted back, as when the configuration is loaded.
    for name in [&account.secret_env, &account.token_env]
        .into_iter()
        .flatten()
    {
        crate::redact::register_env(name);
    }
    Some(CredentialEnv {
        appid: account.appid_env,
        secret: account.secret_env,
        token: account.token_env,
        token_command: account.token_command.map(|argv| TokenCommand {
            argv,
            config: file.to_path_buf(),
        }),
    })
}

/// Whether `text` is YAML whose top level is a mapping, as a configuration's is.
fn is_mapping(text: &str) -> bool {
    serde_saphyr::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text)
        .is_ok()
}

/// The API groups the configuration in `text` manages (its top-level keys).
fn required_groups(file: &Path, text: &str, report: &mut Report) -> Result<BTreeSet<Section>> {
    let all: BTreeSet<Section> = Section::ALL.into_iter().collect();
    let keys: std::collections::BTreeMap<String, serde::de::IgnoredAny> =
        match serde_saphyr::from_str(text) {
            Ok(keys) => keys,
            Err(_) => {
                let detail = format!(
                    "{} is not valid YAML (run `wxform validate`); every API is checked as required",
                    file.display()
                );
                report.line(Status::Warn, "config", &detail)?;
                return Ok(all);
            }
        };
    // The file may be invalid: its keys say what it manages, as `Desired::managed` would.
    let mut groups: BTreeSet<Section> = Section::ALL
        .into_iter()
        .filter(|section| keys.contains_key(section.key()))
        .collect();
    // Conditional menus need a default menu.
    if groups.contains(&Section::ConditionalMenus) {
        groups.insert(Section::Menu);
    }
    report.line(
        Status::Ok,
        "config",
        &format!("{} manages: {}", file.display(), list(&groups)),
    )?;
    Ok(groups)
}

fn list(groups: &BTreeSet<Section>) -> String {
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
