//! Words for what a reviewer sees on a preview: who an audience is ("VIP · iOS") and what a
//! button does ("opens shop.example.com").

use crate::model::{Button, LiveMatchRule, Platform};
use crate::plan::{MatchRuleView, TagIds};

/// "VIP · iOS": the tag, the platform, then any retired fields WeChat no longer matches on.
pub fn rule_words<'a>(
    tag: Option<String>,
    platform: Option<Platform>,
    retired: impl Iterator<Item = (&'a String, &'a String)>,
) -> String {
    let mut parts: Vec<String> = tag.into_iter().collect();
    if let Some(platform) = platform {
        parts.push(platform_words(platform).into());
    }
    parts.extend(retired.map(|(field, value)| format!("{field} {value} (retired)")));
    if parts.is_empty() {
        return "everyone".into();
    }
    parts.join(" · ")
}

fn platform_words(platform: Platform) -> &'static str {
    match platform {
        Platform::Ios => "iOS",
        Platform::Android => "Android",
        Platform::Others => "other phones",
    }
}

/// The words for a live matchrule, with tag names where the account has them.
pub(super) fn live_rule_words(rule: &LiveMatchRule, tags: &TagIds) -> String {
    let tag = rule.tag_id.map(|id| {
        tags.name_of(id)
            .map_or_else(|| format!("tag {id}"), str::to_string)
    });
    rule_words(tag, rule.client_platform_type, rule.retired.iter())
}

/// The words for a matchrule as the plan shows it.
pub(super) fn view_rule_words(rule: &MatchRuleView) -> String {
    let tag = match (&rule.tag, rule.tag_id) {
        (Some(name), _) => Some(name.clone()),
        (None, Some(id)) => Some(format!("tag {id}")),
        (None, None) => None,
    };
    rule_words(tag, rule.client_platform_type, rule.retired.iter())
}

/// What tapping a leaf does, in a few words; `None` for a folder.
pub fn action_words(button: &Button) -> Option<String> {
    let kind = button.kind.as_deref()?;
    let key = || button.key.clone().unwrap_or_default();
    let value = |field: &Option<String>| field.clone().unwrap_or_default();
    Some(match kind {
        "click" => format!("key {}", key()),
        "view" => format!("opens {}", link_host(&value(&button.url))),
        "miniprogram" => format!(
            "mini program {} · {}",
            value(&button.appid),
            value(&button.pagepath)
        ),
        "scancode_push" => format!("scan · key {}", key()),
        "scancode_waitmsg" => format!("scan, wait · key {}", key()),
        "pic_sysphoto" => format!("camera · key {}", key()),
        "pic_photo_or_album" => format!("photo · key {}", key()),
        "pic_weixin" => format!("album · key {}", key()),
        "location_select" => format!("location · key {}", key()),
        // An image named by file and not uploaded yet (or drawn without the live account).
        "media_id" if button.media_id.is_none() && button.media_file.is_some() => {
            format!("image {}", value(&button.media_file))
        }
        "media_id" | "view_limited" => format!("media {}", value(&button.media_id)),
        "article_id" | "article_view_limited" => {
            format!("article {}", value(&button.article_id))
        }
        other => match &button.value {
            Some(value) => format!("{other} reply {value}"),
            None => format!("{other} reply"),
        },
    })
}

/// What tapping a leaf does, as short as it can be said, for the small line under a name;
/// `None` for a folder.
pub fn action_caption(button: &Button) -> Option<String> {
    let kind = button.kind.as_deref()?;
    let key = button.key.as_deref().unwrap_or_default();
    let field = |value: &Option<String>| value.clone().unwrap_or_default();
    Some(match kind {
        "click" => key.to_string(),
        "view" => format!("↗ {}", link_host(&field(&button.url))),
        "miniprogram" => format!("小程序 {}", field(&button.pagepath)),
        "scancode_push" | "scancode_waitmsg" => format!("scan · {key}"),
        "pic_sysphoto" | "pic_photo_or_album" | "pic_weixin" => format!("photo · {key}"),
        "location_select" => format!("location · {key}"),
        _ => action_words(button)?,
    })
}

/// The host a link opens, which is what a reviewer needs to trust it: the scheme, any
/// `user:password@` part, the port, path, query and fragment are left out. A link with no
/// recognisable host is shown whole.
pub fn link_host(url: &str) -> String {
    let rest = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#', '\\'])
        .next()
        .unwrap_or_default();
    // The host is after the last `@`: `https://good.example@evil.example/` opens evil.example.
    let host = rest.rsplit('@').next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        url.to_string()
    } else {
        host.to_ascii_lowercase()
    }
}
