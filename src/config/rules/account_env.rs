//! `account.appid_env`, `secret_env`, `token_env`: each must be a name a shell can export, and
//! the three variables in use (a field left out means its standard `WECHAT_*` variable) must be
//! three different ones: cross-wired, the AppSecret would be read, and shown, as an appid.

use crate::config::diagnostic::Diagnostic;
use crate::config::raw::RawAccount;
use crate::config::rule_id::RuleId;
use crate::wechat::credentials::{ENV_ACCESS_TOKEN, ENV_APPID, ENV_APPSECRET};

pub(super) fn check(account: &RawAccount, out: &mut Vec<Diagnostic>) {
    let fields = [
        ("appid_env", &account.appid_env),
        ("secret_env", &account.secret_env),
        ("token_env", &account.token_env),
    ];
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (field, value) in fields {
        let Some(value) = value else { continue };
        if !is_env_name(&value.value) {
            out.push(
                Diagnostic::error(RuleId::EnvName, format!(
                    "`account.{field}` is not an environment variable name"
                ))
                .at(value.span.clone(), "letters, digits and `_`, not starting with a digit")
                .note("it names the variable holding the credential, such as SHOP_APPSECRET; the value itself never goes in the file"),
            );
        } else if let Some((other, _)) = seen.iter().find(|(_, name)| *name == value.value) {
            out.push(
                Diagnostic::error(
                    RuleId::EnvName,
                    format!("`account.{field}` names the same variable as `account.{other}`"),
                )
                .at(value.span.clone(), "already used"),
            );
        }
        seen.push((field, &value.value));
    }
    // A named variable that is another field's standard one, that field being left out.
    let standard = [
        ("appid_env", ENV_APPID, account.appid_env.is_none()),
        ("secret_env", ENV_APPSECRET, account.secret_env.is_none()),
        ("token_env", ENV_ACCESS_TOKEN, account.token_env.is_none()),
    ];
    for (field, value) in fields {
        let Some(value) = value else { continue };
        let clash = standard
            .iter()
            .find(|(other, name, unset)| *unset && *other != field && *name == value.value);
        if let Some((other, name, _)) = clash {
            out.push(
                Diagnostic::error(RuleId::EnvName, format!(
                    "`account.{field}` names {name}, the variable `account.{other}` stands for when it is left out"
                ))
                .at(value.span.clone(), "already used")
                .help(format!("name another variable, or set `account.{other}` too")),
            );
        }
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`: what POSIX shells and CI systems accept as a variable name.
pub(in crate::config) fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::is_env_name;

    #[test]
    fn env_names() {
        for good in ["SHOP_APPSECRET", "_X", "a1"] {
            assert!(is_env_name(good), "{good}");
        }
        for bad in ["", "1ABC", "SHOP-SECRET", "A B", "$SECRET", "秘密"] {
            assert!(!is_env_name(bad), "{bad}");
        }
    }
}
