//! Menu check rules: unique names, exactly one of `user` and `openid`, `sees` naming `menu` or
//! a configured conditional menu, known platforms, and tags the file knows about (a check with
//! a misspelt tag would prove nothing).

use super::common::{named, non_empty};
use super::conditional::tag_names;
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{RawConfig, RawMenuCheck};
use crate::config::rule_id::RuleId;
use crate::model::{DEFAULT_MENU, Platform};
use std::collections::BTreeSet;

/// WeChat's own tag (id 2), on every account.
const SYSTEM_TAG: &str = "星标组";

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(checks) = &raw.menu_checks else {
        return;
    };
    named(
        checks.value.iter().map(|check| &check.value.name),
        "menu check name",
        out,
    );
    let menus: Vec<&str> = raw
        .conditional_menus
        .iter()
        .flat_map(|menus| menus.value.iter())
        .map(|menu| menu.value.name.value.as_str())
        .collect();
    let tags = known_tags(raw);
    for check in &checks.value {
        check_follower(&check.value, &check.span, out);
        check_sees(&check.value, &menus, out);
        if raw.menu.is_none() {
            check_default_recognisable(&check.value, out);
        }
        if let Some(user) = &check.value.user {
            check_user(&user.value, &tags, out);
        }
    }
}

/// Tags under `tags.items`, tags conditional menus name, and WeChat's own.
fn known_tags(raw: &RawConfig) -> BTreeSet<&str> {
    let in_rules = raw
        .conditional_menus
        .iter()
        .flat_map(|menus| menus.value.iter())
        .filter_map(|menu| menu.value.matchrule.value.tag.as_ref())
        .map(|tag| tag.value.as_str());
    let mut tags = tag_names(raw);
    tags.extend(in_rules.chain([SYSTEM_TAG]));
    tags
}

fn check_follower(check: &RawMenuCheck, span: &std::ops::Range<usize>, out: &mut Vec<Diagnostic>) {
    match (&check.user, &check.openid) {
        (Some(user), Some(openid)) => out.push(
            Diagnostic::error(RuleId::CheckFollower, format!(
                "menu check `{}` has both `user` and `openid`",
                check.name.value
            ))
            .at(openid.span.clone(), "remove one")
            .context(user.span.clone(), "`user` given here")
            .help("`user` describes a follower (checked offline), `openid` names a real one (checked with menu/trymatch)"),
        ),
        (None, None) => out.push(
            Diagnostic::error(RuleId::CheckFollower, format!(
                "menu check `{}` names no follower",
                check.name.value
            ))
            .at(span.clone(), "no `user` or `openid`")
            .help("add `user: { tags: [...], platform: ... }` or `openid: ...`"),
        ),
        (None, Some(openid)) => {
            non_empty(openid, "openid", out);
        }
        (Some(_), None) => {}
    }
}

fn check_sees(check: &RawMenuCheck, menus: &[&str], out: &mut Vec<Diagnostic>) {
    let sees = &check.sees;
    if sees.value == DEFAULT_MENU || menus.contains(&sees.value.as_str()) {
        return;
    }
    let known = std::iter::once(DEFAULT_MENU)
        .chain(menus.iter().copied())
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Diagnostic::error(
            RuleId::CheckTarget,
            format!(
                "menu check `{}` expects `{}`, which is not a menu of this file",
                check.name.value, sees.value
            ),
        )
        .at(sees.span.clone(), "unknown menu")
        .note(format!("the menus are {known}"))
        .help("`sees` is `menu` (the default menu) or the name of a conditional menu"),
    );
}

/// Without `menu:` there are no buttons to recognise the default menu by in trymatch's answer.
fn check_default_recognisable(check: &RawMenuCheck, out: &mut Vec<Diagnostic>) {
    if check.openid.is_none() || check.sees.value != DEFAULT_MENU {
        return;
    }
    out.push(
        Diagnostic::warning(RuleId::CheckTarget, format!(
            "menu check `{}` cannot recognise the default menu: this file does not manage `menu`",
            check.name.value
        ))
        .at(check.sees.span.clone(), "no `menu:` section")
        .note("an `openid` check compares the buttons WeChat shows the follower with the menus of this file"),
    );
}

fn check_user(
    user: &crate::config::raw::RawCheckUser,
    tags: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(platform) = &user.platform
        && Platform::parse(&platform.value).is_none()
    {
        out.push(
            Diagnostic::error(
                RuleId::UnknownPlatform,
                format!("unknown platform `{}`", platform.value),
            )
            .at(platform.span.clone(), "unknown platform")
            .note("platform is ios, android or others; omit it to check every platform")
            .help_if(crate::config::suggest::platform(&platform.value)),
        );
    }
    for tag in user.tags.iter().flat_map(|list| list.value.iter()) {
        if !tags.contains(tag.value.as_str()) {
            out.push(
                Diagnostic::error(RuleId::UndefinedTag, format!("tag `{}` is not known to this file", tag.value))
                    .at(tag.span.clone(), "unknown tag")
                    .note("a check's tags are tags under `tags.items` or tags that a conditional menu's matchrule names")
                    .help("check the spelling, or add the tag under `tags.items`"),
            );
        }
    }
}
