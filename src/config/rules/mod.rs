//! Every WeChat rule that can be checked offline, one file per area. Each check appends to a
//! shared list so that one run reports every problem; nothing here stops at the first.

mod account_env;
mod common;
pub(crate) mod conditional;
mod link_domains;
mod menu;
mod menu_checks;
mod reply_checks;
mod server;
mod subscribe_templates;
mod tags;
mod templates;
mod token_command;
mod unreachable;

pub(in crate::config) use account_env::is_env_name;

use super::diagnostic::Diagnostic;
use super::raw::RawConfig;
use super::rule_id::RuleId;
use super::yaml_parser::Spanned;
use serde::de::IgnoredAny;

/// The only format version this build reads.
pub const VERSION: u64 = 1;

/// All problems of a parsed file, in file order.
pub fn check(raw: &RawConfig) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if raw.version.value != VERSION {
        out.push(
            Diagnostic::error(
                RuleId::UnsupportedVersion,
                format!("unsupported version {}", raw.version.value),
            )
            .at(raw.version.span.clone(), "expected 1")
            .note("this wxform reads version 1 of the configuration format"),
        );
    }
    if let Some(appid) = raw.account.as_ref().and_then(|a| a.value.appid.as_ref())
        && !looks_like_appid(&appid.value)
    {
        out.push(
            Diagnostic::warning(RuleId::AppidFormat, format!("`{}` does not look like an AppID", appid.value))
                .at(appid.span.clone(), "expected wx + 16 hex digits")
                .note("Official Account AppIDs look like wx1234567890abcdef; wxform refuses to run against another account"),
        );
    }
    if let Some(account) = &raw.account {
        account_env::check(&account.value, &mut out);
        token_command::check(&account.value, &mut out);
    }
    if let Some(menu) = &raw.menu {
        ignored_menuid(menu.value.menuid.as_ref(), &mut out);
        menu::check_menu(&menu.value.button, menu::MenuKind::Default, &mut out);
    }
    for menu in raw.conditional_menus.iter().flat_map(|menus| &menus.value) {
        ignored_menuid(menu.value.menuid.as_ref(), &mut out);
    }
    conditional::check(raw, &mut out);
    link_domains::check(raw, &mut out);
    unreachable::check(raw, &mut out);
    tags::check(raw, &mut out);
    templates::check(raw, &mut out);
    subscribe_templates::check(raw, &mut out);
    menu_checks::check(raw, &mut out);
    server::check(raw, &mut out);
    reply_checks::check(raw, &mut out);
    out.sort_by_key(|d| d.span.as_ref().map_or(0, |span| span.start));
    out
}

/// A `menuid` pasted from `menu/get` (of the default menu or of a conditional menu): a warning,
/// so that the paste reaches the checks that matter.
fn ignored_menuid(menuid: Option<&Spanned<IgnoredAny>>, out: &mut Vec<Diagnostic>) {
    if let Some(menuid) = menuid {
        out.push(
            Diagnostic::warning(RuleId::IgnoredMenuid, "`menuid` is ignored")
                .at(menuid.span.clone(), "assigned by WeChat")
                .note("WeChat assigns menu ids itself; wxform accepts them so that `menu/get` output can be pasted"),
        );
    }
}

fn looks_like_appid(appid: &str) -> bool {
    crate::wechat::credentials::is_appid(appid)
}
