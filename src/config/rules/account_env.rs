//! `account.appid_env`, `secret_env`, `token_env`: each must be a name a shell can export, and
//! no two may name the same variable.

use crate::config::diagnostic::Diagnostic;
use crate::config::raw::RawAccount;

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
                Diagnostic::error(format!(
                    "`account.{field}` is not an environment variable name"
                ))
                .at(value.span.clone(), "letters, digits and `_`, not starting with a digit")
                .note("it names the variable holding the credential, such as SHOP_APPSECRET; the value itself never goes in the file"),
            );
        } else if let Some((other, _)) = seen.iter().find(|(_, name)| *name == value.value) {
            out.push(
                Diagnostic::error(format!(
                    "`account.{field}` names the same variable as `account.{other}`"
                ))
                .at(value.span.clone(), "already used"),
            );
        }
        seen.push((field, &value.value));
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`: what POSIX shells and CI systems accept as a variable name.
fn is_env_name(name: &str) -> bool {
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
