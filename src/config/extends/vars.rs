//! The checks of `vars:`: names a placeholder can hold, set once; never a credential (a var's
//! value is written into the configuration, and plans show it); a value that is text, not a
//! reference to the environment or to another var; and every var used by a placeholder.

use super::placeholders::{is_name, mentions_placeholder};
use super::raw_vars::RawVars;
use crate::config::RuleId;
use crate::config::diagnostic::Diagnostic;
use crate::config::yaml_parser::Spanned;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Each var's value and the span of its value, by name (the first when a name is set twice).
pub(super) fn values(vars: Option<&RawVars>) -> BTreeMap<String, (String, Range<usize>)> {
    let mut values = BTreeMap::new();
    for (name, value) in vars.iter().flat_map(|vars| &vars.entries) {
        values
            .entry(name.value.clone())
            .or_insert_with(|| (value.value.clone(), value.span.clone()));
    }
    values
}

/// Problems of each entry on its own.
pub(super) fn check_entries(vars: &RawVars, out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for (name, value) in &vars.entries {
        if let Some(first) = seen.get(name.value.as_str()) {
            out.push(
                Diagnostic::error(
                    RuleId::DuplicateKey,
                    format!("var `{}` is set twice", name.value),
                )
                .at(name.span.clone(), "set again")
                .context(first.span.clone(), "first set here"),
            );
        }
        seen.entry(&name.value).or_insert(name);
        if !is_name(&name.value) {
            out.push(
                Diagnostic::error(
                    RuleId::VarName,
                    format!("`{}` is not a var name", name.value),
                )
                .at(
                    name.span.clone(),
                    "letters, digits and `_`, not starting with a digit",
                )
                .note("a placeholder names a var as `${name}`"),
            );
        } else if is_credential(&name.value) {
            out.push(credential(name));
        }
        check_value(value, out);
    }
}

/// A name that says it holds a credential: a word `secret`, `appsecret`, `password`,
/// `passwd` or `token`, or a last word `env` (a credential variable's name, as in
/// `account.secret_env`).
fn is_credential(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').collect();
    words.last() == Some(&"env")
        || words.iter().any(|word| {
            matches!(
                *word,
                "secret" | "appsecret" | "password" | "passwd" | "token"
            )
        })
}

fn credential(name: &Spanned<String>) -> Diagnostic {
    Diagnostic::error(RuleId::VarName, format!("a var cannot hold a credential: `{}`", name.value))
        .at(name.span.clone(), "a credential's name")
        .note("a var's value is written into the configuration, and plans, diagnostics and `wxform outputs` show it")
        .note("credentials stay in environment variables, named by `account.appid_env`, `secret_env` and `token_env`; wxform never shows their values")
        .help("name the credential's variable under `account:` (`secret_env: TEST_APPSECRET`); if this is no credential, rename the var")
}

fn check_value(value: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    if mentions_placeholder(&value.value) {
        out.push(
            Diagnostic::error(
                RuleId::Placeholder,
                "a var's value cannot hold a placeholder",
            )
            .at(value.span.clone(), "a placeholder")
            .note(
                "vars are values, not templates: wxform does not fill in placeholders inside them",
            ),
        );
    } else if let Some(variable) = environment_reference(&value.value) {
        out.push(
            Diagnostic::error(RuleId::VarName, format!(
                "`{}` would be used as it is: wxform does not read vars from the environment",
                value.value
            ))
            .at(value.span.clone(), format!("not the value of {variable}"))
            .note("a var's value is the text written here, so that nothing from the environment (a secret) can reach a plan through one")
            .help("write the value itself"),
        );
    }
}

/// `$NAME`: what a shell would replace by a variable's value.
fn environment_reference(value: &str) -> Option<&str> {
    value.strip_prefix('$').filter(|name| is_name(name))
}

/// A var no placeholder uses: an error when none mentions it in either file (a misspelt or
/// forgotten var), a warning when only sections this file replaces do.
pub(super) fn check_use(
    vars: &RawVars,
    used: &BTreeSet<String>,
    mentioned: &BTreeSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    for (name, _) in &vars.entries {
        // A name refused on its own is not reported a second time.
        if used.contains(&name.value) || !is_name(&name.value) || is_credential(&name.value) {
            continue;
        }
        if mentioned.contains(&name.value) {
            out.push(
                Diagnostic::warning(
                    RuleId::UnusedVar,
                    format!("var `{}` is not used", name.value),
                )
                .at(name.span.clone(), "not used")
                .note(format!(
                    "`${{{}}}` stands only in sections this file replaces with its own",
                    name.value
                )),
            );
            continue;
        }
        let mut diagnostic = Diagnostic::error(
            RuleId::UnusedVar,
            format!("var `{}` is used nowhere", name.value),
        )
        .at(name.span.clone(), "no placeholder names it")
        .note(format!(
            "neither this file nor the one it extends holds `${{{}}}`",
            name.value
        ));
        diagnostic = match closest(&name.value, mentioned) {
            Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
            None => diagnostic.help("remove it, or use it as `${name}` in a button's value"),
        };
        out.push(diagnostic);
    }
}

/// The candidate nearest to `name`, when it is near enough to be what was meant (the same
/// measure as every "did you mean" of the configuration, [`crate::config::suggest`]).
pub(super) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a String>,
) -> Option<&'a str> {
    let others = candidates
        .into_iter()
        .filter(|candidate| *candidate != name);
    crate::config::suggest::closest(name, others.map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(entries: &[(&str, &str)]) -> RawVars {
        let mut at = 0;
        let mut spanned = |text: &str| {
            at += 10;
            Spanned::new(text.to_string(), at..at + text.len())
        };
        RawVars {
            entries: entries
                .iter()
                .map(|(name, value)| (spanned(name), spanned(value)))
                .collect(),
        }
    }

    fn messages(diagnostics: &[Diagnostic]) -> Vec<&str> {
        diagnostics.iter().map(|d| d.message.as_str()).collect()
    }

    #[test]
    fn credentials_are_never_vars() {
        for name in [
            "app_secret",
            "SECRET",
            "access_token",
            "db_password",
            "shop_secret_env",
            "APPID_ENV",
        ] {
            let mut out = Vec::new();
            check_entries(&vars(&[(name, "x")]), &mut out);
            assert_eq!(
                messages(&out),
                [format!("a var cannot hold a credential: `{name}`")],
                "{name}"
            );
        }
        for name in [
            "shop_url",
            "tokenizer",
            "environment",
            "vip_tag_id",
            "secretary_page",
        ] {
            let mut out = Vec::new();
            check_entries(&vars(&[(name, "x")]), &mut out);
            assert!(out.is_empty(), "{name}: {out:?}");
        }
    }

    #[test]
    fn values_are_text_not_references() {
        let mut out = Vec::new();
        check_entries(
            &vars(&[
                ("a", "$SHOP_URL"),
                ("b", "https://${host}/"),
                ("c", "costs $5"),
                ("a", "x"),
            ]),
            &mut out,
        );
        assert_eq!(
            messages(&out),
            [
                "`$SHOP_URL` would be used as it is: wxform does not read vars from the environment",
                "a var's value cannot hold a placeholder",
                "var `a` is set twice",
            ]
        );
        assert_eq!(values(Some(&vars(&[("a", "1"), ("a", "2")])))["a"].0, "1");
    }

    #[test]
    fn unused_vars_are_named_with_the_likely_one() {
        let set = vars(&[
            ("shop_url", "x"),
            ("shop_ulr", "y"),
            ("old", "z"),
            ("gone", "w"),
        ]);
        let used: BTreeSet<String> = ["shop_url".to_string()].into();
        let mentioned: BTreeSet<String> = ["shop_url".to_string(), "old".to_string()].into();
        let mut out = Vec::new();
        check_use(&set, &used, &mentioned, &mut out);
        assert_eq!(
            messages(&out),
            [
                "var `shop_ulr` is used nowhere",
                "var `old` is not used",
                "var `gone` is used nowhere"
            ]
        );
        assert_eq!(out[0].help.as_deref(), Some("did you mean `shop_url`?"));
        assert!(!out[1].is_error());
        assert_eq!(
            out[2].help.as_deref(),
            Some("remove it, or use it as `${name}` in a button's value")
        );
    }

    #[test]
    fn closest_finds_the_var_meant() {
        let names: Vec<String> = ["shop_url", "mini_appid", "ab"].map(String::from).into();
        assert_eq!(closest("shop_ulr", &names), Some("shop_url"));
        assert_eq!(closest("mini_apid", &names), Some("mini_appid"));
        assert_eq!(closest("xy", &names), None);
        assert_eq!(closest("shop", &names), None);
        assert_eq!(closest("hots", &["host".to_string()]), Some("host"));
    }
}
