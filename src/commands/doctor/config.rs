//! What doctor reads from the configuration file: the API groups it manages and where its
//! account's credentials come from, read leniently (doctor also runs on a broken file).

use super::Report;
use crate::model::{CredentialEnv, Section, TokenCommand};
use crate::render::doctor::Status;
use anyhow::Result;
use std::collections::BTreeSet;
use std::path::Path;

/// The API groups the configuration manages (its top-level keys) and the variables holding its
/// account's credentials (`account.*_env`); every group and the standard variables when there
/// is no configuration file.
pub(super) fn read_config(
    file: &Path,
    report: &mut Report,
) -> Result<(BTreeSet<Section>, CredentialEnv)> {
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
