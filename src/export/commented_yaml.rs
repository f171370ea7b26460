//! The exported configuration as YAML text, with comments where the API or the listing cannot
//! say everything (console-only buttons, retired matchrules, unknown library ids, extra copies
//! of a template).

use super::desired_from_live::{
    conditional_menu_names, live_to_desired, repeated_templates, shadowed_by,
};
use crate::model::{
    Desired, DesiredSubscribeTemplates, DesiredTags, DesiredTemplates, Live, LiveConditionalMenu,
    Platform, TagRef, console_only_leaves,
};
use crate::render::canonical_yaml::to_yaml;
use crate::wechat::Sections;
use serde::Serialize;
use std::fmt::Write;

/// Where editors find the schema: `wxform schema > wxform.schema.json` writes it beside the file.
pub const SCHEMA_URL: &str = "./wxform.schema.json";

/// `value` as YAML under `key`, indented by `indent` spaces: `key: scalar` or a nested block.
/// A one-line sequence or mapping (`- 订单号`) is a block too: after `key: ` it is not YAML.
fn field<T: Serialize>(out: &mut String, indent: usize, key: &str, value: &T) {
    let yaml = to_yaml(value);
    let pad = " ".repeat(indent);
    let lines: Vec<&str> = yaml.lines().collect();
    let block = match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => !items.is_empty(),
        Ok(serde_json::Value::Object(fields)) => !fields.is_empty(),
        _ => false,
    };
    if let ([line], false) = (lines.as_slice(), block) {
        let _ = writeln!(out, "{pad}{key}: {line}");
        return;
    }
    let _ = writeln!(out, "{pad}{key}:");
    for line in lines {
        let _ = writeln!(out, "{pad}  {line}");
    }
}

/// Live text for a comment: on one line, whatever it holds (a line break in it would start a
/// line of configuration), and inert.
fn comment_text(text: &str) -> String {
    crate::inert::text(text)
}

pub fn live_to_config_yaml(live: &Live) -> String {
    config_yaml(live, Sections::all())
}

/// Like [`live_to_config_yaml`], with only the `read` sections of the account: a section that
/// could not be read is left out of the file, and so is not managed.
pub fn config_yaml(live: &Live, read: Sections) -> String {
    let desired = readable_desired(live, read);
    let mut out = header(&desired);
    menu_section(&mut out, &desired, live);
    conditional_menus_section(&mut out, &desired, live);
    if let Some(tags) = &desired.tags {
        tags_section(&mut out, tags);
    }
    if let Some(templates) = &desired.templates {
        templates_section(&mut out, templates, live);
    }
    if let Some(subscribe) = &desired.subscribe_templates {
        subscribe_templates_section(&mut out, subscribe, live);
    }
    out
}

/// The desired state the live account describes, without the sections that were not `read`.
fn readable_desired(live: &Live, read: Sections) -> Desired {
    let mut desired = live_to_desired(live);
    if !read.templates {
        desired.templates = None;
    } else if let (false, Some(templates)) = (read.industry, desired.templates.as_mut()) {
        templates.industry = None;
    }
    if !read.subscribe_templates {
        desired.subscribe_templates = None;
    }
    desired
}

/// The schema line, a note on what to do with the file, `version` and the `account` guard.
fn header(desired: &Desired) -> String {
    let mut out = format!("# yaml-language-server: $schema={SCHEMA_URL}\n");
    out.push_str("# Exported by `wxform export`. Review it, then run `wxform plan`: it should show no changes.\n");
    out.push_str("version: 1\n");
    if let Some(appid) = &desired.appid {
        out.push_str("account:\n");
        field(&mut out, 2, "appid", appid);
    }
    out
}

/// `menu:`, after a comment for each console-only button it leaves out; or, when the live menu
/// has only such buttons, a comment saying why there is no `menu`.
fn menu_section(out: &mut String, desired: &Desired, live: &Live) {
    if let (Some(menu), Some(live_menu)) = (&desired.menu, &live.menu) {
        out.push('\n');
        let dropped = console_only_leaves(&live_menu.button)
            .into_iter()
            .map(|(button, kind)| {
                format!(
                    "\"{}\" ({})",
                    comment_text(&button.name),
                    comment_text(kind)
                )
            });
        if live_menu.source == crate::model::MenuSource::Console {
            out.push_str("# The live menu was made in the web console; `apply` would replace it with an API menu.\n");
        }
        for button in dropped {
            let _ = writeln!(
                out,
                "# Button {button} is a console-only type: it cannot be managed through the API and is left out."
            );
        }
        out.push_str("menu:\n");
        field(out, 2, "button", &menu.button);
    } else if live.menu.is_some() {
        out.push_str("\n# The live menu has only console-only buttons, which the API cannot make: `menu` is left\n# out, so it is not managed.\n");
    }
}

/// `conditional_menus:` (always written, so that the file manages them), then a comment for each
/// live menu it leaves out.
fn conditional_menus_section(out: &mut String, desired: &Desired, live: &Live) {
    out.push_str("\n# Later entries take precedence (WeChat matches the newest menu first).\n");
    let menus = desired.conditional_menus.as_deref().unwrap_or_default();
    if menus.is_empty() {
        out.push_str("conditional_menus: []\n");
    } else {
        out.push_str("conditional_menus:\n");
    }
    for menu in menus {
        let _ = writeln!(out, "  - name: {}", to_yaml(&menu.name).trim_end());
        out.push_str("    matchrule:\n");
        match &menu.matchrule.tag {
            Some(TagRef::Name(name)) => field(out, 6, "tag", name),
            Some(TagRef::Id(id)) => field(out, 6, "tag_id", id),
            None => {}
        }
        if let Some(platform) = menu.matchrule.client_platform_type {
            field(out, 6, "client_platform_type", &platform);
        }
        field(out, 4, "button", &menu.button);
    }
    for (menu, name) in conditional_menu_names(live) {
        left_out_conditional_menu(out, live, menu, &name);
    }
}

/// Why a live conditional menu is not in the file, if it is not: a newer menu with the same
/// matchrule shadows it, or it matches on retired fields.
fn left_out_conditional_menu(
    out: &mut String,
    live: &Live,
    menu: &LiveConditionalMenu,
    name: &str,
) {
    if let Some(newer) = shadowed_by(live, menu).filter(|_| menu.matchrule.retired.is_empty()) {
        let _ = writeln!(
            out,
            "  # Left out: {} (menuid {}) has the same matchrule as the newer menuid {}, which\n  # WeChat shows instead; `apply` deletes it.",
            comment_text(name),
            menu.menuid,
            newer.menuid
        );
        return;
    }
    let retired = &menu.matchrule.retired;
    if retired.is_empty() {
        return;
    }
    let fields: Vec<String> = retired
        .iter()
        .map(|(k, v)| comment_text(&format!("{k}={v}")))
        .collect();
    let platform = menu.matchrule.client_platform_type.map(Platform::wire_code);
    let _ = writeln!(
        out,
        "  # Left out: {} (menuid {}) matches on retired fields ({}{}).\n  # WeChat no longer matches it and refuses to create such menus; `apply` deletes it.",
        comment_text(name),
        menu.menuid,
        fields.join(", "),
        platform
            .map(|p| format!(", client_platform_type={p}"))
            .unwrap_or_default()
    );
}

/// `tags:`, keeping the tags it does not list.
fn tags_section(out: &mut String, tags: &DesiredTags) {
    out.push_str("\ntags:\n  unmanaged: keep\n");
    items_key(out, tags.items.is_empty());
    for tag in &tags.items {
        item_name(out, &tag.name);
    }
}

/// `templates:`: the industry when its codes are known, then the templates by title and keywords.
fn templates_section(out: &mut String, templates: &DesiredTemplates, live: &Live) {
    out.push_str("\ntemplates:\n");
    if let Some(codes) = templates.industry {
        let _ = writeln!(
            out,
            "  industry: {{ primary: {}, secondary: {} }}",
            codes.primary, codes.secondary
        );
    } else if let Some(industry) = &live.industry {
        // Both classes, the one that maps to a code too: neither goes missing from the file.
        let _ = writeln!(
            out,
            "  # The live industry, {} and {}, cannot be written as codes; set `industry` to manage it.",
            comment_text(&industry.primary.describe()),
            comment_text(&industry.secondary.describe())
        );
    }
    out.push_str("  unmanaged: keep\n");
    let items = templates.items.iter();
    library_items(
        out,
        items.map(|item| (&item.name, &item.title, &item.keywords)),
        "short_id: unknown (WeChat's listing omits it)",
    );
    repeated(out, live, "template");
}

/// `subscribe_templates:`, by title and keywords.
fn subscribe_templates_section(
    out: &mut String,
    subscribe: &DesiredSubscribeTemplates,
    live: &Live,
) {
    out.push_str("\nsubscribe_templates:\n  unmanaged: keep\n");
    let items = subscribe.items.iter();
    library_items(
        out,
        items.map(|item| (&item.name, &item.title, &item.keywords)),
        "tid, kid_list: unknown (WeChat's listing omits them)",
    );
    repeated(out, live, "subscribe template");
}

/// A section's `items:` key: a block follows, or it is the empty list.
fn items_key(out: &mut String, empty: bool) {
    out.push_str(if empty { "  items: []\n" } else { "  items:\n" });
}

/// The first line of an item: `- name: …`.
fn item_name(out: &mut String, name: &str) {
    let _ = writeln!(out, "    - name: {}", to_yaml(&name).trim_end());
}

/// The `items:` of a template library section: each template's name, a comment on the library
/// ids the listing does not give (`unknown`), then its identity, the title and keywords.
fn library_items<'a>(
    out: &mut String,
    items: impl ExactSizeIterator<Item = (&'a String, &'a String, &'a Vec<String>)>,
    unknown: &str,
) {
    items_key(out, items.len() == 0);
    for (name, title, keywords) in items {
        item_name(out, name);
        let _ = writeln!(
            out,
            "      # {unknown}; needed only to add the template again"
        );
        field(out, 6, "title", title);
        field(out, 6, "keywords", keywords);
    }
}

/// A comment for each extra live copy of a template, which the configuration cannot name apart.
fn repeated(out: &mut String, live: &Live, resource: &str) {
    for (_, title, id) in repeated_templates(live)
        .into_iter()
        .filter(|(kind, _, _)| *kind == resource)
    {
        let _ = writeln!(
            out,
            "  # Left out: another copy of {} ({}); plans list it as not managed.",
            comment_text(title),
            comment_text(id)
        );
    }
}
