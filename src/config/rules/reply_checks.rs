//! Reply checks: unique names, a `server` to send them to, exactly one of `tap`, `key`,
//! `follow` and `message`, a `tap` or `key` that names a button of this file's menus that
//! sends the server an event (so that a renamed button cannot make a check prove nothing), and
//! a reply WeChat has.

use super::common::{named, non_empty};
use crate::config::desired_from_raw::buttons;
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{RawConfig, RawReplies, RawReplyCheck};
use crate::config::rule_id::RuleId;
use crate::config::suggest::did_you_mean;
use crate::config::yaml_parser::Spanned;
use crate::model::{Button, DEFAULT_MENU};
use crate::server::config::ReplyType;
use crate::server::events::{Event, Tap, buttons_at, parse_path, taps};

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(checks) = &raw.reply_checks else {
        return;
    };
    if raw.server.is_none() {
        out.push(
            Diagnostic::error(
                RuleId::ReplyChecksWithoutServer,
                "reply checks need a `server` section",
            )
            .at(checks.span.clone(), "no `server:` to send them to")
            .help("add `server:` with the account's url, original_id and mode (服务器配置)"),
        );
    }
    named(
        checks.value.iter().map(|check| &check.value.name),
        "reply check name",
        out,
    );
    let menus = configured_menus(raw);
    let menus: Vec<(&str, &[Button])> = menus
        .iter()
        .map(|(name, buttons)| (*name, buttons.as_slice()))
        .collect();
    let taps = taps(&menus);
    for check in &checks.value {
        if let Some(trigger) = trigger(&check.value, &check.span, out) {
            target(trigger, &menus, &taps, out);
        }
        expected(&check.value.replies, out);
    }
}

/// The default menu and the conditional menus as the model has them.
fn configured_menus(raw: &RawConfig) -> Vec<(&str, Vec<Button>)> {
    let default = raw
        .menu
        .iter()
        .map(|menu| (DEFAULT_MENU, buttons(&menu.value.button)));
    let conditional = raw
        .conditional_menus
        .iter()
        .flat_map(|menus| &menus.value)
        .map(|menu| (menu.value.name.value.as_str(), buttons(&menu.value.button)));
    default.chain(conditional).collect()
}

/// What the follower does, as written.
enum Trigger<'a> {
    Tap(&'a Spanned<String>),
    Key(&'a Spanned<String>),
    Other,
}

/// The one trigger of `check`; an error when it has none or several.
fn trigger<'a>(
    check: &'a RawReplyCheck,
    span: &std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) -> Option<Trigger<'a>> {
    let follow = check.follow.as_ref().filter(|follow| follow.value);
    let given: Vec<(&str, std::ops::Range<usize>)> = [
        ("tap", check.tap.as_ref().map(|v| v.span.clone())),
        ("key", check.key.as_ref().map(|v| v.span.clone())),
        ("follow", follow.map(|v| v.span.clone())),
        ("message", check.message.as_ref().map(|v| v.span.clone())),
    ]
    .into_iter()
    .filter_map(|(field, span)| span.map(|span| (field, span)))
    .collect();
    match given.as_slice() {
        [] => {
            out.push(
                Diagnostic::error(RuleId::ReplyCheckTrigger, format!(
                    "reply check `{}` names nothing the follower does",
                    check.name.value
                ))
                .at(span.clone(), "no `tap`, `key`, `follow: true` or `message`")
                .help("add `tap: 服务/订单查询` (a button by its names), `key: ORDER_QUERY`, `follow: true` or `message: 帮助`"),
            );
            None
        }
        [(first, first_span), (second, second_span), ..] => {
            out.push(
                Diagnostic::error(
                    RuleId::ReplyCheckTrigger,
                    format!(
                        "reply check `{}` has both `{first}` and `{second}`",
                        check.name.value
                    ),
                )
                .at(second_span.clone(), "remove one")
                .context(first_span.clone(), format!("`{first}` given here"))
                .note("each reply check sends one push: a tap, a follow or a message"),
            );
            None
        }
        [("tap", _)] => check.tap.as_ref().map(Trigger::Tap),
        [("key", _)] => check.key.as_ref().map(Trigger::Key),
        [("message", _)] => {
            non_empty(check.message.as_ref()?, "a reply check's message", out);
            Some(Trigger::Other)
        }
        [_] => Some(Trigger::Other),
    }
}

fn target(trigger: Trigger, menus: &[(&str, &[Button])], taps: &[Tap], out: &mut Vec<Diagnostic>) {
    match trigger {
        Trigger::Tap(tap) => tap_target(tap, menus, taps, out),
        Trigger::Key(key) => key_target(key, taps, out),
        Trigger::Other => {}
    }
}

fn tap_target(
    tap: &Spanned<String>,
    menus: &[(&str, &[Button])],
    taps: &[Tap],
    out: &mut Vec<Diagnostic>,
) {
    if !non_empty(tap, "a reply check's tap", out) {
        return;
    }
    let path = parse_path(&tap.value);
    let found = buttons_at(menus, &path);
    let Some((menu, button)) = found.first() else {
        let paths: Vec<String> = taps.iter().map(Tap::path_text).collect();
        out.push(
            Diagnostic::error(RuleId::ReplyCheckTarget, format!("no button `{}` in this file's menus", tap.value))
                .at(tap.span.clone(), "no such button")
                .note("`tap` is a button's path of names from the top of a menu, `/` between them: `服务/订单查询`")
                .help_if(did_you_mean(&tap.value, paths.iter().map(String::as_str))),
        );
        return;
    };
    if button.is_folder() {
        out.push(
            Diagnostic::error(
                RuleId::ReplyCheckTarget,
                format!("`{}` is a folder", tap.value),
            )
            .at(tap.span.clone(), "sends no event")
            .note("tapping a folder opens its sub-menu; WeChat pushes nothing to the server")
            .help("name one of its buttons: `…/its name`"),
        );
        return;
    }
    let kind = button.kind.as_deref().unwrap_or_default();
    if Event::of_button(kind).is_none() {
        out.push(
            Diagnostic::error(RuleId::ReplyCheckTarget, format!("`{}` is a button of type {kind}, which sends the server no event", tap.value))
                .at(tap.span.clone(), "sends no event")
                .note(format!("in `{menu}`; WeChat answers {kind} buttons itself: only click, scancode_*, pic_*, location_select, view and miniprogram buttons are pushed to the server")),
        );
        return;
    }
    one_push(tap, &path, taps, out);
}

/// A path found in several menus must push the same event there, or the check is ambiguous.
fn one_push(tap: &Spanned<String>, path: &[String], taps: &[Tap], out: &mut Vec<Diagnostic>) {
    let pushes: Vec<&Tap> = taps.iter().filter(|t| t.path == path).collect();
    if let Some(other) = pushes
        .iter()
        .find(|t| (t.event, &t.event_key) != (pushes[0].event, &pushes[0].event_key))
    {
        out.push(
            Diagnostic::error(
                RuleId::ReplyCheckTarget,
                format!(
                    "`{}` names different buttons in `{}` and `{}`",
                    tap.value, pushes[0].menu, other.menu
                ),
            )
            .at(tap.span.clone(), "which one?")
            .help("name the button by its `key` instead"),
        );
    }
}

fn key_target(key: &Spanned<String>, taps: &[Tap], out: &mut Vec<Diagnostic>) {
    if !non_empty(key, "a reply check's key", out) {
        return;
    }
    if taps
        .iter()
        .any(|tap| tap.key.as_deref() == Some(key.value.as_str()))
    {
        return;
    }
    let keys: Vec<&str> = taps.iter().filter_map(|tap| tap.key.as_deref()).collect();
    out.push(
        Diagnostic::error(
            RuleId::ReplyCheckTarget,
            format!("no button of this file's menus has the key `{}`", key.value),
        )
        .at(key.span.clone(), "no such key")
        .note("`key` names the key of a click, scancode_*, pic_* or location_select button")
        .help_if(did_you_mean(&key.value, keys)),
    );
}

fn expected(replies: &Spanned<RawReplies>, out: &mut Vec<Diagnostic>) {
    let RawReplies::Reply(reply) = &replies.value else {
        return;
    };
    let kind = reply.kind.as_ref().and_then(|kind| {
        let parsed = ReplyType::parse(&kind.value);
        if parsed.is_none() {
            let names = ReplyType::ALL.map(ReplyType::name);
            out.push(
                Diagnostic::error(
                    RuleId::ReplyExpected,
                    format!("unknown reply type `{}`", kind.value),
                )
                .at(kind.span.clone(), format!("one of {}", names.join(", ")))
                .help_if(did_you_mean(&kind.value, names)),
            );
        }
        parsed
    });
    let Some(contains) = &reply.contains else {
        return;
    };
    if !non_empty(contains, "`contains`", out) {
        return;
    }
    if let Some(kind) = kind.filter(|kind| !kind.has_words()) {
        out.push(
            Diagnostic::error(RuleId::ReplyExpected, format!("an {} reply holds no words to contain", kind.name()))
                .at(contains.span.clone(), "nothing to look in")
                .note("`contains` looks in a text's content, a news article's title or description, a video's or music's title or description"),
        );
    }
}
