//! The exported configuration as YAML text, with comments where the API or the listing cannot
//! say everything (unknown library ids, extra copies of a template, an industry without a code)
//! and, for what the export leaves out, why, with the section it would have written commented
//! out, ready to take over.

use super::LeftOut;
use super::desired_from_live::repeated_templates;
use crate::model::{
    Desired, DesiredConditionalMenu, DesiredSubscribeTemplates, DesiredTags, DesiredTemplates,
    Live, Menu, TagRef,
};
use crate::render::canonical_yaml::to_yaml;
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

/// `desired` as the exported file: the header, then each section it manages, with the sections
/// and items `left_out` names said and shown commented out.
pub(super) fn render(desired: &Desired, live: &Live, left_out: &LeftOut) -> String {
    let mut out = header(desired);
    menu_section(&mut out, desired.menu.as_ref(), left_out);
    conditional_menus_section(&mut out, desired.conditional_menus.as_deref(), left_out);
    if let Some(tags) = &desired.tags {
        tags_section(&mut out, tags);
    }
    if let Some(templates) = &desired.templates {
        templates_section(&mut out, templates, live);
    }
    if let Some(subscribe) = &desired.subscribe_templates {
        subscribe_templates_section(&mut out, subscribe, live);
    }
    left_out_items(&mut out, left_out);
    out
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

/// `menu:`; or, when it is left out, why, and the section it would be, commented out.
fn menu_section(out: &mut String, menu: Option<&Menu>, left_out: &LeftOut) {
    if let Some(menu) = menu {
        out.push_str("\nmenu:\n");
        field(out, 2, "button", &menu.button);
        return;
    }
    if left_out.menu.is_empty() {
        return;
    }
    reasons(out, "menu", &left_out.menu);
    if let Some(menu) = left_out.removed_menu.as_ref() {
        let mut section = String::new();
        menu_section(&mut section, Some(menu), &LeftOut::default());
        commented_out(out, "menu", &section);
    }
}

/// `conditional_menus:`; or, when they are left out, why, and the section they would be,
/// commented out.
fn conditional_menus_section(
    out: &mut String,
    menus: Option<&[DesiredConditionalMenu]>,
    left_out: &LeftOut,
) {
    let Some(menus) = menus else {
        if !left_out.conditional_menus.is_empty() {
            reasons(out, "conditional_menus", &left_out.conditional_menus);
            if let Some(menus) = left_out.removed_conditional_menus.as_deref() {
                let mut section = String::new();
                conditional_menus_section(&mut section, Some(menus), &LeftOut::default());
                commented_out(out, "conditional_menus", &section);
            }
        }
        return;
    };
    out.push_str("\n# Later entries take precedence (WeChat matches the newest menu first).\n");
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
}

/// Why `key` is left out, one reason a line.
fn reasons(out: &mut String, key: &str, reasons: &[String]) {
    let _ = writeln!(
        out,
        "\n# `{key}` is left out, so it is not managed: a configuration cannot say what the account holds."
    );
    for reason in reasons {
        let _ = writeln!(out, "# - {}", comment_text(reason));
    }
}

/// `section` (YAML text) commented out, with how to take it over.
fn commented_out(out: &mut String, key: &str, section: &str) {
    let _ = writeln!(
        out,
        "# To manage `{key}` anyway, uncomment what follows; `wxform plan` then shows what changes:"
    );
    for line in section.trim_start_matches('\n').lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// A comment for each tag or template left out of its items: it stays on the account, not
/// managed.
fn left_out_items(out: &mut String, left_out: &LeftOut) {
    if left_out.items.is_empty() {
        return;
    }
    out.push_str(
        "\n# Left out of their items (they stay on the account, listed as not managed):\n",
    );
    for item in &left_out.items {
        let _ = writeln!(
            out,
            "# - {} \"{}\": {}",
            item.section,
            comment_text(&item.name),
            comment_text(&item.why)
        );
    }
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
