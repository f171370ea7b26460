//! `account.token_command`: a program to run, given as a list (`[PROGRAM, ARG…]`, never a shell
//! string), and the account's only source of credentials: beside an `account.*_env` setting,
//! which one supplies the token would depend on the environment.

use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{List, RawAccount};
use crate::config::rule_id::RuleId;

pub(super) fn check(account: &RawAccount, out: &mut Vec<Diagnostic>) {
    let Some(command) = &account.token_command else {
        return;
    };
    program(command, out);
    for argument in &command.value {
        if argument.value.contains('\0') {
            out.push(
                Diagnostic::error(
                    RuleId::TokenCommand,
                    "an item of `account.token_command` holds a NUL character",
                )
                .at(argument.span.clone(), "no program can be given this")
                .note("a program's name and arguments are C strings, which end at NUL"),
            );
        }
    }
    for (field, name) in [
        ("appid_env", &account.appid_env),
        ("secret_env", &account.secret_env),
        ("token_env", &account.token_env),
    ] {
        let Some(name) = name else { continue };
        out.push(
            Diagnostic::error(
                RuleId::CredentialSources,
                format!("`account.{field}` and `account.token_command` both say where this account's credentials come from"),
            )
            .at(name.span.clone(), "a variable")
            .context(command.span.clone(), "a program")
            .note("an account's credentials come from its variables (`appid_env` + `secret_env`, or `token_env`, where a set token wins) or from `token_command`, never both: with `token_command`, wxform reads no credential variable")
            .help(format!("remove `{field}` to use the command, or `token_command` to use the variables")),
        );
    }
}

/// The first item: a program, not nothing, and not a shell command line in one string.
fn program(command: &List<String>, out: &mut Vec<Diagnostic>) {
    let note = "`token_command` is `[PROGRAM, ARG…]`: the program that prints the account's access token, then each of its arguments as an item of its own";
    let Some(program) = command.value.first() else {
        out.push(
            Diagnostic::error(RuleId::TokenCommand, "`account.token_command` is empty")
                .at(command.span.clone(), "no program")
                .note(note),
        );
        return;
    };
    if program.value.trim().is_empty() {
        out.push(
            Diagnostic::error(
                RuleId::TokenCommand,
                "`account.token_command` names no program",
            )
            .at(program.span.clone(), "an empty name")
            .note(note),
        );
    } else if command.value.len() == 1 && program.value.contains(char::is_whitespace) {
        out.push(
            Diagnostic::warning(
                RuleId::TokenCommand,
                "`account.token_command` is one item with spaces: a program of that whole name is run, without a shell",
            )
            .at(program.span.clone(), "the program's name")
            .note(note)
            .help("write each argument as an item of its own, such as `[./bin/platform-token, wx1234567890abcdef]`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{LoadError, load_str};

    /// `line:col rule message` of each diagnostic of the configuration with `account`.
    fn problems(account: &str) -> Vec<String> {
        let text = format!("version: 1\naccount:\n{account}");
        let (source, diagnostics) = match load_str("f.yaml", &text) {
            Ok(loaded) => (loaded.file, loaded.warnings),
            Err(LoadError::Invalid {
                file, diagnostics, ..
            }) => (file, diagnostics),
            Err(other) => panic!("{other}"),
        };
        diagnostics
            .iter()
            .map(|d| {
                let (line, column) = source.line_col(d.span.clone().unwrap().start);
                format!("{line}:{column} {} {}", d.rule, d.message)
            })
            .collect()
    }

    #[test]
    fn a_command_is_a_program_and_its_arguments() {
        let loaded = load_str(
            "accounts/shop.yaml",
            "version: 1\naccount:\n  token_command: [./bin/platform-token, wx1234567890abcdef, \"--scope=a b\"]\n",
        )
        .unwrap();
        let command = loaded.desired.credentials_env.token_command.unwrap();
        assert_eq!(
            command.argv,
            ["./bin/platform-token", "wx1234567890abcdef", "--scope=a b"]
        );
        assert_eq!(command.config, std::path::Path::new("accounts/shop.yaml"));
        assert!(problems("  token_command: [platform-token]\n").is_empty());
    }

    #[test]
    fn a_command_names_a_program() {
        assert_eq!(
            problems("  token_command: []\n"),
            ["3:18 wxform/token-command `account.token_command` is empty"]
        );
        assert_eq!(
            problems("  token_command: [\" \", wx1234567890abcdef]\n"),
            ["3:19 wxform/token-command `account.token_command` names no program"]
        );
        assert_eq!(
            problems("  token_command: [./token, \"a\\0b\"]\n"),
            ["3:28 wxform/token-command an item of `account.token_command` holds a NUL character"]
        );
        assert_eq!(
            problems("  token_command: [\"./bin/platform-token wx1234567890abcdef\"]\n"),
            [
                "3:19 wxform/token-command `account.token_command` is one item with spaces: a program of that whole name is run, without a shell"
            ]
        );
    }

    #[test]
    fn a_command_is_the_account_s_only_source_of_credentials() {
        assert_eq!(
            problems(
                "  appid_env: SHOP_APPID\n  secret_env: SHOP_SECRET\n  token_env: SHOP_TOKEN\n  token_command: [./token]\n"
            ),
            [
                "3:14 wxform/credential-sources `account.appid_env` and `account.token_command` both say where this account's credentials come from",
                "4:15 wxform/credential-sources `account.secret_env` and `account.token_command` both say where this account's credentials come from",
                "5:14 wxform/credential-sources `account.token_env` and `account.token_command` both say where this account's credentials come from",
            ]
        );
    }
}
