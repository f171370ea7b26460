//! Two files of a several-accounts plan that are one account: the same `account.appid`, or the
//! same credential variables (a field left out standing for its standard `WECHAT_*` variable)
//! or the same token command run in the same folder, without appids that tell them apart.
//! Applied one after the other, each would replace what the other made, its menu first: the
//! plan says so before anyone applies.

use crate::model::Desired;
use crate::render::plans_report::{SameAccount, Sameness};
use crate::wechat::credentials::{ENV_ACCESS_TOKEN, ENV_APPID, ENV_APPSECRET};

/// Each file that is the same account as an earlier one, with the first such earlier one.
pub(super) fn same_accounts(loaded: &[(String, Result<Desired, String>)]) -> Vec<SameAccount> {
    let valid: Vec<(&String, &Desired)> = loaded
        .iter()
        .filter_map(|(file, desired)| Some((file, desired.as_ref().ok()?)))
        .collect();
    let mut found = Vec::new();
    for (index, (second, later)) in valid.iter().enumerate() {
        let earlier = valid[..index]
            .iter()
            .find_map(|(first, desired)| Some((first, sameness(desired, later)?)));
        if let Some((first, why)) = earlier {
            found.push(SameAccount {
                first: first.to_string(),
                second: second.to_string(),
                why,
            });
        }
    }
    found
}

/// What makes `a` and `b` one account, if anything does.
fn sameness(a: &Desired, b: &Desired) -> Option<Sameness> {
    match (&a.appid, &b.appid) {
        (Some(x), Some(y)) if x == y => return Some(Sameness::Appid(x.clone())),
        // Different appids: whatever the variables, the guard refuses one of them.
        (Some(_), Some(_)) => return None,
        _ => {}
    }
    match (
        &a.credentials_env.token_command,
        &b.credentials_env.token_command,
    ) {
        (Some(x), Some(y)) => {
            let same = x.argv == y.argv && x.config.parent() == y.config.parent();
            return same.then(|| Sameness::TokenCommand(x.argv.join(" ")));
        }
        // A command and variables: nothing says whether they reach one account.
        (Some(_), None) | (None, Some(_)) => return None,
        (None, None) => {}
    }
    let variables = variables(a);
    (variables == self::variables(b)).then_some(Sameness::Variables(variables))
}

/// The variables holding an account's AppID, AppSecret and access token.
fn variables(desired: &Desired) -> [String; 3] {
    let names = &desired.credentials_env;
    [
        names.appid.as_deref().unwrap_or(ENV_APPID),
        names.secret.as_deref().unwrap_or(ENV_APPSECRET),
        names.token.as_deref().unwrap_or(ENV_ACCESS_TOKEN),
    ]
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CredentialEnv, TokenCommand};

    fn account(appid: Option<&str>, prefix: Option<&str>) -> Result<Desired, String> {
        Ok(Desired {
            appid: appid.map(str::to_string),
            credentials_env: CredentialEnv {
                appid: prefix.map(|p| format!("{p}_APPID")),
                secret: prefix.map(|p| format!("{p}_APPSECRET")),
                ..CredentialEnv::default()
            },
            ..Desired::default()
        })
    }

    fn pairs(loaded: &[(&str, Result<Desired, String>)]) -> Vec<(String, String, Sameness)> {
        let loaded: Vec<(String, Result<Desired, String>)> = loaded
            .iter()
            .map(|(file, desired)| (file.to_string(), desired.clone()))
            .collect();
        same_accounts(&loaded)
            .into_iter()
            .map(|same| (same.first, same.second, same.why))
            .collect()
    }

    #[test]
    fn the_same_appid_is_one_account_whatever_the_variables() {
        let found = pairs(&[
            ("prod.yaml", account(Some("wx1"), Some("PROD"))),
            ("test.yaml", account(Some("wx2"), Some("TEST"))),
            ("copy.yaml", account(Some("wx1"), Some("COPY"))),
        ]);
        assert_eq!(
            found,
            [(
                "prod.yaml".into(),
                "copy.yaml".into(),
                Sameness::Appid("wx1".into())
            )]
        );
    }

    #[test]
    fn the_same_variables_are_one_account_unless_appids_differ() {
        let standard =
            ["WECHAT_APPID", "WECHAT_APPSECRET", "WECHAT_ACCESS_TOKEN"].map(String::from);
        let found = pairs(&[
            ("a.yaml", account(None, None)),
            ("b.yaml", account(Some("wx2"), None)),
            ("c.yaml", account(Some("wx3"), None)),
            ("d.yaml", account(None, Some("D"))),
            ("e.yaml", Err("invalid".into())),
        ]);
        assert_eq!(
            found,
            [
                (
                    "a.yaml".into(),
                    "b.yaml".into(),
                    Sameness::Variables(standard.clone())
                ),
                (
                    "a.yaml".into(),
                    "c.yaml".into(),
                    Sameness::Variables(standard)
                ),
            ],
            "b and c name different appids: the guard refuses one, no warning"
        );
    }

    fn command(config: &str, argv: &[&str]) -> Result<Desired, String> {
        Ok(Desired {
            credentials_env: CredentialEnv {
                token_command: Some(TokenCommand {
                    argv: argv.iter().map(|arg| arg.to_string()).collect(),
                    config: config.into(),
                }),
                ..CredentialEnv::default()
            },
            ..Desired::default()
        })
    }

    #[test]
    fn the_same_token_command_in_the_same_folder_is_one_account() {
        let found = pairs(&[
            ("a/shop.yaml", command("a/shop.yaml", &["./token", "wx1"])),
            ("a/blog.yaml", command("a/blog.yaml", &["./token", "wx2"])),
            ("b/shop.yaml", command("b/shop.yaml", &["./token", "wx1"])),
            ("a/copy.yaml", command("a/copy.yaml", &["./token", "wx1"])),
            ("standard.yaml", account(None, None)),
        ]);
        assert_eq!(
            found,
            [(
                "a/shop.yaml".into(),
                "a/copy.yaml".into(),
                Sameness::TokenCommand("./token wx1".into())
            )],
            "another argument, or another folder (another ./token), is another account; a command is never the standard variables"
        );
    }
}
