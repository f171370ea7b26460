//! The `server:` section: a URL (`url`, http or https, or `url_env`), the original id
//! (`gh_` and 12 hex digits), and the variables of its token and EncodingAESKey, which must be
//! names a shell can export and differ from each other, from the URL's and from the account's
//! credential variables: cross-wired, a secret would be read, and shown, as something else.

use super::common::non_empty;
use super::is_env_name;
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{RawAccount, RawConfig, RawServer};
use crate::config::rule_id::RuleId;
use crate::config::yaml_parser::Spanned;
use crate::server::config::{ENV_ENCODING_AES_KEY, ENV_SERVER_TOKEN};
use crate::wechat::credentials::{ENV_ACCESS_TOKEN, ENV_APPID, ENV_APPSECRET};
use std::ops::Range;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(server) = &raw.server else {
        return;
    };
    check_url(&server.value, &server.span, out);
    check_original_id(&server.value.original_id, out);
    if let Some(openid) = &server.value.openid {
        non_empty(openid, "server.openid", out);
    }
    let account = raw.account.as_ref().map(|account| &account.value);
    check_variables(&server.value, &server.span, account, out);
}

fn check_url(server: &RawServer, span: &Range<usize>, out: &mut Vec<Diagnostic>) {
    match (&server.url, &server.url_env) {
        (Some(url), Some(env)) => out.push(
            Diagnostic::error(RuleId::ServerUrl, "`server` has both `url` and `url_env`")
                .at(env.span.clone(), "remove one")
                .context(url.span.clone(), "`url` given here"),
        ),
        (None, None) => out.push(
            Diagnostic::error(RuleId::ServerUrl, "`server` has no `url`")
                .at(span.clone(), "no `url` or `url_env`")
                .help("add `url: https://…` (服务器地址), or `url_env:` naming the variable that holds it"),
        ),
        (Some(url), None) => check_url_value(url, out),
        (None, Some(_)) => {}
    }
}

fn check_url_value(url: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    let parsed = reqwest::Url::parse(url.value.trim());
    let web = parsed
        .as_ref()
        .ok()
        .filter(|parsed| matches!(parsed.scheme(), "http" | "https") && parsed.has_host());
    let Some(parsed) = web else {
        out.push(
            Diagnostic::error(
                RuleId::ServerUrl,
                format!("`{}` is not an http(s) URL", url.value),
            )
            .at(url.span.clone(), "expected http://… or https://…")
            .note("WeChat pushes to the URL of the account's 服务器配置 page, http or https"),
        );
        return;
    };
    if let Some(port) = parsed.port().filter(|port| ![80, 443].contains(port)) {
        out.push(
            Diagnostic::warning(RuleId::ServerUrl, format!("the server's URL has port {port}"))
                .at(url.span.clone(), "not 80 or 443")
                .note("WeChat's console saves server URLs on ports 80 and 443 only; a staging server checked with `--server-url` may use any"),
        );
    }
}

fn check_original_id(id: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    let hex = id.value.strip_prefix("gh_").filter(|rest| {
        rest.len() == 12
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if hex.is_none() {
        out.push(
            Diagnostic::error(
                RuleId::OriginalId,
                format!("`{}` is not an original id", id.value),
            )
            .at(id.span.clone(), "expected gh_ and 12 hex digits")
            .note("the original id (原始ID) is on the account's 账号详情 page, such as gh_0123456789ab; every push names it as ToUserName"),
        );
    }
}

/// The variables the account's credentials are read from, each with the key that names it.
fn account_variables(account: Option<&RawAccount>) -> Vec<(String, &str)> {
    let account_field = |field: fn(&RawAccount) -> &Option<Spanned<String>>,
                         standard: &'static str| {
        account
            .and_then(|account| field(account).as_ref())
            .map_or(standard, |name| name.value.as_str())
    };
    vec![
        (
            "`account.appid_env`".into(),
            account_field(|a| &a.appid_env, ENV_APPID),
        ),
        (
            "`account.secret_env`".into(),
            account_field(|a| &a.secret_env, ENV_APPSECRET),
        ),
        (
            "`account.token_env`".into(),
            account_field(|a| &a.token_env, ENV_ACCESS_TOKEN),
        ),
    ]
}

/// The server's three variables: each a name, none another's, none the account's.
fn check_variables(
    server: &RawServer,
    span: &Range<usize>,
    account: Option<&RawAccount>,
    out: &mut Vec<Diagnostic>,
) {
    let fields = [
        ("url_env", server.url_env.as_ref(), None),
        (
            "token_env",
            server.token_env.as_ref(),
            Some(ENV_SERVER_TOKEN),
        ),
        (
            "encoding_aes_key_env",
            server.encoding_aes_key_env.as_ref(),
            Some(ENV_ENCODING_AES_KEY),
        ),
    ];
    let mut taken = account_variables(account);
    for (field, given, standard) in fields {
        if let Some(name) = given
            && !is_env_name(&name.value)
        {
            out.push(
                Diagnostic::error(RuleId::EnvName, format!("`server.{field}` is not an environment variable name"))
                    .at(name.span.clone(), "letters, digits and `_`, not starting with a digit")
                    .note("it names the variable holding the value, such as SHOP_SERVER_TOKEN; the value itself never goes in the file"),
            );
            continue;
        }
        let Some(used) = given.map(|name| name.value.as_str()).or(standard) else {
            continue;
        };
        if let Some((other, _)) = taken.iter().find(|(_, name)| *name == used) {
            let (at, label) = match given {
                Some(name) => (name.span.clone(), "already used".to_string()),
                None => (span.clone(), format!("`{field}` left out: {used}")),
            };
            out.push(
                Diagnostic::error(
                    RuleId::EnvName,
                    format!("`server.{field}` names {used}, the variable of {other}"),
                )
                .at(at, label)
                .help(format!("name another variable in `server.{field}`")),
            );
        }
        taken.push((format!("`server.{field}`"), used));
    }
}
