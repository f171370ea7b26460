//! A checked raw file → [`Desired`], the validated state the planner works with. Spans and
//! the YAML's spelling (`"2"` vs `android`, `sub_button: []` on leaves) stop here.

use super::raw::{
    List, RawAccount, RawButton, RawConfig, RawMenuCheck, RawPolicy, RawSubscribeTemplates,
    RawTemplates,
};
use super::rules::conditional::matchrule;
use super::yaml_parser::Spanned;
use crate::model::{
    Button, CheckedFollower, CredentialEnv, Desired, DesiredConditionalMenu,
    DesiredSubscribeTemplate, DesiredSubscribeTemplates, DesiredTag, DesiredTags, DesiredTemplate,
    DesiredTemplates, IndustryCodes, Menu, MenuCheck, Platform, TokenCommand, UnmanagedPolicy,
    fields_used_by,
};

/// Converts a file that passed `rules::check` without errors.
pub fn desired(raw: &RawConfig) -> Desired {
    Desired {
        media_files: Vec::new(),
        appid: raw
            .account
            .as_ref()
            .and_then(|account| account.value.appid.as_ref())
            .map(text),
        menu: raw.menu.as_ref().map(|menu| Menu {
            button: buttons(&menu.value.button),
        }),
        conditional_menus: raw.conditional_menus.as_ref().map(|menus| {
            menus
                .value
                .iter()
                .map(|menu| DesiredConditionalMenu {
                    name: text(&menu.value.name),
                    matchrule: matchrule(&menu.value.matchrule.value).unwrap_or_default(),
                    button: buttons(&menu.value.button),
                })
                .collect()
        }),
        tags: raw.tags.as_ref().map(|tags| DesiredTags {
            unmanaged: policy(tags.value.unmanaged.as_ref()),
            items: items(tags.value.items.as_ref())
                .map(|tag| DesiredTag {
                    name: text(&tag.name),
                    previously: strings(tag.previously.as_ref()),
                })
                .collect(),
        }),
        templates: raw.templates.as_ref().map(|t| templates(&t.value)),
        subscribe_templates: raw
            .subscribe_templates
            .as_ref()
            .map(|section| subscribe_templates(&section.value)),
        credentials_env: raw
            .account
            .as_ref()
            .map(|account| credentials_env(&account.value))
            .unwrap_or_default(),
        menu_checks: items(raw.menu_checks.as_ref()).map(menu_check).collect(),
        config_files: Vec::new(),
    }
}

/// Where the `account` section says the credentials are: variables, or a token command (whose
/// configuration file the loader fills in).
fn credentials_env(account: &RawAccount) -> CredentialEnv {
    CredentialEnv {
        appid: account.appid_env.as_ref().map(text),
        secret: account.secret_env.as_ref().map(text),
        token: account.token_env.as_ref().map(text),
        token_command: account.token_command.as_ref().map(|argv| TokenCommand {
            argv: strings(Some(argv)),
            config: Default::default(),
        }),
    }
}

/// The `templates` section: the industry and the message templates.
fn templates(templates: &RawTemplates) -> DesiredTemplates {
    DesiredTemplates {
        industry: templates.industry.as_ref().map(|industry| IndustryCodes {
            // Codes were checked to be 1–41.
            primary: u8::try_from(industry.value.primary.value).unwrap_or(u8::MAX),
            secondary: u8::try_from(industry.value.secondary.value).unwrap_or(u8::MAX),
        }),
        unmanaged: policy(templates.unmanaged.as_ref()),
        items: items(templates.items.as_ref())
            .map(|template| DesiredTemplate {
                name: text(&template.name),
                short_id: template.short_id.as_ref().map(text),
                title: text(&template.title),
                keywords: strings(template.keywords.as_ref()),
            })
            .collect(),
    }
}

/// The `subscribe_templates` section.
fn subscribe_templates(section: &RawSubscribeTemplates) -> DesiredSubscribeTemplates {
    DesiredSubscribeTemplates {
        unmanaged: policy(section.unmanaged.as_ref()),
        items: items(section.items.as_ref())
            .map(|template| DesiredSubscribeTemplate {
                name: text(&template.name),
                tid: template.tid.as_ref().map(|tid| tid.value),
                kid_list: items(template.kid_list.as_ref()).copied().collect(),
                scene_desc: template.scene_desc.as_ref().map(text),
                title: text(&template.title),
                keywords: strings(Some(&template.keywords)),
            })
            .collect(),
    }
}

/// A checked entry has exactly one of `user` and `openid`, and a known platform.
fn menu_check(raw: &RawMenuCheck) -> MenuCheck {
    let who = match (&raw.user, &raw.openid) {
        (Some(user), _) => CheckedFollower::User {
            tags: strings(user.value.tags.as_ref()),
            platform: user
                .value
                .platform
                .as_ref()
                .and_then(|platform| Platform::parse(&platform.value)),
        },
        (None, openid) => CheckedFollower::Openid(openid.as_ref().map(text).unwrap_or_default()),
    };
    MenuCheck {
        name: text(&raw.name),
        who,
        sees: text(&raw.sees),
    }
}

fn text(value: &Spanned<String>) -> String {
    value.value.clone()
}

fn strings(list: Option<&List<String>>) -> Vec<String> {
    items(list).cloned().collect()
}

fn items<T>(list: Option<&List<T>>) -> impl Iterator<Item = &T> {
    list.into_iter()
        .flat_map(|list| list.value.iter())
        .map(|item| &item.value)
}

fn policy(policy: Option<&Spanned<RawPolicy>>) -> UnmanagedPolicy {
    match policy.map(|policy| policy.value) {
        Some(RawPolicy::Delete) => UnmanagedPolicy::Delete,
        Some(RawPolicy::Keep) | None => UnmanagedPolicy::Keep,
    }
}

pub(in crate::config) fn buttons(list: &List<RawButton>) -> Vec<Button> {
    items(Some(list)).map(button).collect()
}

/// WeChat's `sub_button: []` on a leaf is dropped: the model's leaves have no children. So is
/// every field WeChat ignores (a `key` on a `view`, a `type` or `url` on a folder; `validate`
/// warns about each): what is sent is what WeChat keeps, and a plan after `apply` is empty.
fn button(raw: &RawButton) -> Button {
    let sub_button = raw.sub_button.as_ref().map(buttons).unwrap_or_default();
    let kind = raw
        .kind
        .as_ref()
        .filter(|_| sub_button.is_empty())
        .map(text);
    let used = kind.as_deref().map_or(&[][..], fields_used_by);
    let field = |name: &str, value: &Option<Spanned<String>>| {
        value.as_ref().filter(|_| used.contains(&name)).map(text)
    };
    Button {
        name: raw.name.as_ref().map(text).unwrap_or_default(),
        key: field("key", &raw.key),
        url: field("url", &raw.url),
        media_id: field("media_id", &raw.media_id),
        article_id: field("article_id", &raw.article_id),
        appid: field("appid", &raw.appid),
        pagepath: field("pagepath", &raw.pagepath),
        // A `media_id` button names its image by `media_id` or by `media_file`, never both.
        media_file: raw
            .media_file
            .as_ref()
            .filter(|_| kind.as_deref() == Some("media_id") && raw.media_id.is_none())
            .map(text),
        kind,
        value: None,
        sub_button,
    }
}
