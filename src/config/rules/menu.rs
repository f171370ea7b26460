//! Button rules shared by the default menu and conditional menus: counts, name and field
//! sizes, the field each `type` needs, and two levels at most (WeChat's 40016–40027 and 65308,
//! checked before any request is sent). A field the button's type does not use is only a
//! warning: WeChat accepts it and drops it, and so does wxform.

use super::common::{bytes_within, non_empty, ordinal};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{List, RawButton};
use crate::config::rule_id::RuleId;
use crate::config::suggest::did_you_mean;
use crate::config::yaml_parser::Spanned;
use crate::model::{API_BUTTON_TYPES, CONSOLE_ONLY_BUTTON_TYPES, fields_used_by};
use crate::words::plural;
use std::ops::Range;

const TOP_NAME_BYTES: usize = 16;
const SUB_NAME_BYTES: usize = 60;
const KEY_BYTES: usize = 128;
const URL_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MenuKind {
    Default,
    Conditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Top,
    Sub,
}

/// The action fields of a button, by name.
fn fields(button: &RawButton) -> [(&'static str, Option<&Spanned<String>>); 6] {
    [
        ("key", button.key.as_ref()),
        ("url", button.url.as_ref()),
        ("media_id", button.media_id.as_ref()),
        ("article_id", button.article_id.as_ref()),
        ("appid", button.appid.as_ref()),
        ("pagepath", button.pagepath.as_ref()),
    ]
}

pub(super) fn check_menu(buttons: &List<RawButton>, kind: MenuKind, out: &mut Vec<Diagnostic>) {
    let count = buttons.value.len();
    if count == 0 && kind == MenuKind::Conditional {
        out.push(
            Diagnostic::error(
                RuleId::ButtonCount,
                "a conditional menu has no buttons; WeChat needs 1–3",
            )
            .at(buttons.span.clone(), "empty"),
        );
    }
    if let Some(extra) = buttons.value.get(3) {
        out.push(
            Diagnostic::error(
                RuleId::ButtonCount,
                format!(
                    "the menu has {}; WeChat allows 1–3",
                    plural(count, "top-level button")
                ),
            )
            .at(anchor(extra), format!("{} top-level button", ordinal(3))),
        );
    }
    for button in &buttons.value {
        check_button(button, Level::Top, out);
    }
}

/// Where to point for a whole button: its name if it has one.
fn anchor(button: &Spanned<RawButton>) -> Range<usize> {
    button
        .value
        .name
        .as_ref()
        .map_or_else(|| button.span.clone(), |name| name.span.clone())
}

fn check_button(button: &Spanned<RawButton>, level: Level, out: &mut Vec<Diagnostic>) {
    let raw = &button.value;
    match &raw.name {
        None => out.push(
            Diagnostic::error(RuleId::ButtonName, "a button has no `name`")
                .at(button.span.clone(), "this button"),
        ),
        Some(name) => match level {
            Level::Top => bytes_within(
                name,
                TOP_NAME_BYTES,
                "button name",
                " for a top-level button",
                out,
            ),
            Level::Sub => bytes_within(
                name,
                SUB_NAME_BYTES,
                "sub button name",
                " for a button in a folder",
                out,
            ),
        },
    }
    let subs = raw.sub_button.as_ref();
    let has_subs = subs.is_some_and(|subs| !subs.value.is_empty());
    match (level, has_subs) {
        (Level::Sub, true) => out.push(
            Diagnostic::error(
                RuleId::MenuDepth,
                "a button inside a folder cannot have `sub_button`",
            )
            .at(
                subs.map(|s| s.span.clone()).unwrap_or_default(),
                "third level",
            )
            .note(
                "WeChat menus have two levels only: top-level buttons and the buttons of a folder",
            ),
        ),
        (Level::Top, true) => check_folder(button, out),
        (Level::Top, false) if raw.kind.is_none() && subs.is_some() => out.push(
            Diagnostic::error(
                RuleId::ButtonCount,
                "a folder has no buttons; WeChat needs 1–5 in `sub_button`",
            )
            .at(subs.map(|s| s.span.clone()).unwrap_or_default(), "empty")
            .help("add buttons to `sub_button`, or give this button a `type` to make it a leaf"),
        ),
        _ => check_leaf(button, out),
    }
}

fn check_folder(button: &Spanned<RawButton>, out: &mut Vec<Diagnostic>) {
    let raw = &button.value;
    // WeChat keeps a folder's name and buttons only.
    let given = fields(raw)
        .into_iter()
        .filter_map(|(field, value)| Some((field, value?)));
    for (field, value) in raw.kind.iter().map(|kind| ("type", kind)).chain(given) {
        out.push(ignored(
            field,
            "a folder",
            value,
            "a button with `sub_button` is a folder: tapping it opens its sub buttons; only `name` and `sub_button` apply",
        ));
    }
    let Some(subs) = &raw.sub_button else { return };
    if let Some(extra) = subs.value.get(5) {
        out.push(
            Diagnostic::error(
                RuleId::ButtonCount,
                format!(
                    "the folder has {}; WeChat allows 1–5",
                    plural(subs.value.len(), "sub button")
                ),
            )
            .at(anchor(extra), format!("{} sub button", ordinal(5))),
        );
    }
    for sub in &subs.value {
        check_button(sub, Level::Sub, out);
    }
}

fn check_leaf(button: &Spanned<RawButton>, out: &mut Vec<Diagnostic>) {
    let raw = &button.value;
    let Some(kind) = &raw.kind else {
        out.push(
            Diagnostic::error(RuleId::ButtonAction, "a button has neither `type` nor `sub_button`")
                .at(anchor(button), "this button")
                .help("give it a `type` (click, view, miniprogram, …) or make it a folder with `sub_button`"),
        );
        return;
    };
    if !known_type(kind, out) {
        return;
    }
    let used = fields_used_by(&kind.value);
    let by_file = check_media_file(raw, kind, out);
    for (field, value) in fields(raw) {
        match (value, used.contains(&field)) {
            // The image is named by file instead (its own checks are `config::media`'s).
            (None, true) if by_file && field == "media_id" => {}
            (Some(value), false) => out.push(ignored(
                field,
                &format!("a `{}` button", kind.value),
                value,
                &format!("a `{}` button uses {}", kind.value, field_list(used)),
            )),
            (None, true) => out.push(
                Diagnostic::error(
                    RuleId::ButtonField,
                    format!("a `{}` button needs `{field}`", kind.value),
                )
                .at(kind.span.clone(), format!("`{field}` missing")),
            ),
            (Some(value), true) => check_field(field, value, out),
            (None, false) => {}
        }
    }
}

/// `media_file` names an image for a `media_id` button, instead of `media_id`: reports it on
/// another type or beside `media_id`; returns whether it stands in for `media_id` here.
fn check_media_file(raw: &RawButton, kind: &Spanned<String>, out: &mut Vec<Diagnostic>) -> bool {
    let Some(file) = &raw.media_file else {
        return false;
    };
    let diagnostic = if kind.value != "media_id" {
        Diagnostic::error(
            RuleId::MediaFile,
            format!(
                "`media_file` names the image of a `media_id` button, not of a `{}` button",
                kind.value
            ),
        )
        .at(file.span.clone(), "not a media_id button")
        .help("give the button `type: media_id`, or remove `media_file`")
    } else if let Some(media_id) = &raw.media_id {
        Diagnostic::error(
            RuleId::MediaFile,
            "a `media_id` button names its material by `media_id` or by `media_file`, not both",
        )
        .at(media_id.span.clone(), "one of the two")
        .help("keep `media_file` to upload the image from the repository, or `media_id` for a material already on the account")
    } else {
        return true;
    };
    out.push(diagnostic);
    false
}

/// A field WeChat accepts and drops (real menus that WeChat took carry them): a warning, and
/// `desired_from_raw` leaves the field out, so that what is sent is what WeChat keeps.
fn ignored(field: &str, on: &str, value: &Spanned<String>, uses: &str) -> Diagnostic {
    Diagnostic::warning(
        RuleId::IgnoredField,
        format!("WeChat ignores `{field}` on {on}; wxform does not send it"),
    )
    .at(value.span.clone(), "ignored")
    .note(uses)
    .note("WeChat accepts fields a button does not use and drops them: menu/get never returns them")
    .help(format!("remove `{field}`"))
}

fn field_list(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|field| format!("`{field}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// Reports a type WeChat's API does not take; returns whether it is one of the 13 it does.
fn known_type(kind: &Spanned<String>, out: &mut Vec<Diagnostic>) -> bool {
    let value = kind.value.as_str();
    if API_BUTTON_TYPES.contains(&value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    let diagnostic = if API_BUTTON_TYPES.contains(&lower.as_str()) {
        Diagnostic::error(
            RuleId::ButtonType,
            format!("button type `{value}` must be lowercase"),
        )
        .at(kind.span.clone(), format!("write `{lower}`"))
        .note("WeChat rejects button types that are not lowercase")
    } else if CONSOLE_ONLY_BUTTON_TYPES.contains(&lower.as_str()) {
        Diagnostic::error(RuleId::ButtonType, format!(
            "`{value}` buttons can only be made in the WeChat web console, not through the API"
        ))
        .at(kind.span.clone(), "console-only type")
        .note("menus made in the console use types the API cannot write (text, img, photo, voice, video, news)")
        .help("use `media_id` to send a permanent material, or `article_id` to send a published article")
    } else {
        Diagnostic::error(RuleId::ButtonType, format!("unknown button type `{value}`"))
            .at(kind.span.clone(), "unknown type")
            .note(format!(
                "WeChat's types are: {}",
                API_BUTTON_TYPES.join(", ")
            ))
            .help_if(did_you_mean(value, API_BUTTON_TYPES))
    };
    out.push(diagnostic);
    false
}

fn check_field(field: &str, value: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    match field {
        "key" => bytes_within(value, KEY_BYTES, "button key", "", out),
        "url" => {
            bytes_within(value, URL_BYTES, "button url", "", out);
            if !value.value.is_empty() && http_host(&value.value).is_none() {
                out.push(
                    Diagnostic::error(RuleId::UrlScheme, format!("`{}` is not an http(s) URL", value.value))
                        .at(value.span.clone(), "not an http:// or https:// URL")
                        .note("WeChat opens button links in its browser; it needs a full http:// or https:// URL"),
                );
            }
        }
        "appid" => {
            if non_empty(value, "`appid`", out) {
                check_mini_program_appid(value, out);
            }
        }
        _ => {
            non_empty(value, &format!("`{field}`"), out);
        }
    }
}

/// An account's original id (`gh_…`, shown beside the mini program's name) is a common slip
/// for the mini program's AppID (`wx…`).
fn check_mini_program_appid(appid: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    if appid.value.trim_start().starts_with("gh_") {
        out.push(
            Diagnostic::error(RuleId::MiniProgramAppid, format!(
                "`{}` is an original id, not a mini program's AppID",
                appid.value.trim()
            ))
            .at(appid.span.clone(), "original id (gh_…)")
            .note("WeChat answers 40166 (invalid appid) for a miniprogram button with an original id")
            .help("use the mini program's AppID, which starts with `wx` (its admin console shows it under 开发管理 › 开发设置)"),
        );
    }
}

/// The lowercase host of an http(s) URL, or `None` when `url` is not one.
pub(super) fn http_host(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    if url.chars().any(char::is_whitespace) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = match host_port.strip_prefix('[') {
        Some(ipv6) => ipv6.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    (!host.is_empty()).then(|| host.to_string())
}

/// Every link of a menu that WeChat keeps (the URL of a `view` button and the fallback page of
/// a `miniprogram` button; never a `url` WeChat ignores), in order.
pub(super) fn links(buttons: &List<RawButton>) -> Vec<&Spanned<String>> {
    let mut links = Vec::new();
    for button in &buttons.value {
        let subs = button.value.sub_button.iter().flat_map(|subs| &subs.value);
        if subs.clone().next().is_none() {
            links.extend(link(&button.value));
        }
        links.extend(subs.filter_map(|sub| link(&sub.value)));
    }
    links
}

fn link(leaf: &RawButton) -> Option<&Spanned<String>> {
    let kind = leaf.kind.as_ref()?;
    fields_used_by(&kind.value)
        .contains(&"url")
        .then_some(leaf.url.as_ref())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_host_of_urls() {
        assert_eq!(
            http_host("https://Example.com/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            http_host("http://user@shop.cn:8080/").as_deref(),
            Some("shop.cn")
        );
        assert_eq!(http_host("ftp://example.com"), None);
        assert_eq!(http_host("https://"), None);
        assert_eq!(http_host("example.com"), None);
        assert_eq!(http_host("https://a b.com"), None);
    }

    #[test]
    fn field_lists_read_as_english() {
        assert_eq!(field_list(&["key"]), "`key`");
        assert_eq!(
            field_list(&["url", "appid", "pagepath"]),
            "`url`, `appid` and `pagepath`"
        );
    }
}
