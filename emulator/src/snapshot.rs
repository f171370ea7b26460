//! Reading a wxform snapshot (what `wxform export --format json` writes, such as
//! `examples/shop.live.json`) into the emulator's [`State`], so that the `wxform-emulator`
//! binary can start as a copy of a real account.
//!
//! The emulator is an independent implementation of WeChat, so it reads the snapshot's
//! documented JSON shape with its own types rather than wxform's: a change of wxform's model
//! that breaks the snapshot format shows up here as a failing seed, not as a silent agreement
//! of two copies of the same code. Everything a snapshot says is checked: its version, its
//! fields (a misspelt section is an error, not an empty one), unique ids, and values the
//! emulator can hold (platforms, retired matchrule fields, industry codes).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::library;
use super::options::IndustryNames;
use super::state::{
    Button, ConditionalMenu, Counters, DefaultMenu, Industry, Matchrule, MenuSource, State,
    SubscribeTemplate, Tag, Template,
};

/// The only snapshot version there is.
pub const SNAPSHOT_FORMAT_VERSION: u64 = 1;

/// A snapshot, as far as the emulator reads one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    // Checked before the shape is read (`check_version`).
    #[serde(rename = "format_version")]
    _format_version: u64,
    /// When the snapshot was exported (added within version 1): the emulated account is the
    /// one it shows, whatever its age.
    #[serde(rename = "exported_at", default)]
    _exported_at: Option<String>,
    appid: Option<String>,
    menu: Option<SnapshotMenu>,
    #[serde(default)]
    conditional_menus: Vec<SnapshotConditionalMenu>,
    #[serde(default)]
    tags: Vec<Tag>,
    industry: Option<SnapshotIndustry>,
    #[serde(default)]
    templates: Vec<SnapshotTemplate>,
    #[serde(default)]
    subscribe_templates: Vec<SnapshotSubscribeTemplate>,
}

#[derive(Debug, Deserialize)]
struct SnapshotMenu {
    button: Vec<Button>,
    menuid: Option<u64>,
    #[serde(default)]
    source: MenuSource,
}

#[derive(Debug, Deserialize)]
struct SnapshotConditionalMenu {
    menuid: u64,
    matchrule: SnapshotMatchrule,
    button: Vec<Button>,
}

#[derive(Debug, Deserialize)]
struct SnapshotMatchrule {
    tag_id: Option<u64>,
    client_platform_type: Option<String>,
    #[serde(default)]
    retired: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct SnapshotIndustry {
    primary: IndustryClass,
    secondary: IndustryClass,
}

#[derive(Debug, Deserialize)]
struct IndustryClass {
    code: Option<u32>,
    first_class: String,
    second_class: String,
}

#[derive(Debug, Deserialize)]
struct SnapshotTemplate {
    template_id: String,
    title: String,
    // Derived from `content` by wxform; the emulator keeps the content itself.
    #[serde(default, rename = "keywords")]
    _keywords: Vec<String>,
    content: String,
    #[serde(default)]
    primary_industry: String,
    #[serde(default)]
    deputy_industry: String,
    #[serde(default)]
    example: String,
}

#[derive(Debug, Deserialize)]
struct SnapshotSubscribeTemplate {
    pri_tmpl_id: String,
    title: String,
    #[serde(default, rename = "keywords")]
    _keywords: Vec<String>,
    content: String,
    #[serde(default)]
    example: String,
    #[serde(default)]
    kind: u32,
}

/// A snapshot read into an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    /// The account the snapshot was read from, when it says.
    pub appid: Option<String>,
    /// Its state; `appid` and `secret` are left empty for the emulator to fill.
    pub state: State,
}

/// Reads a snapshot's JSON text. The error says what is wrong and where, in one sentence.
pub fn read(text: &str) -> Result<Seed, String> {
    let document: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    check_version(&document)?;
    let snapshot: Snapshot =
        serde_json::from_value(document).map_err(|e| format!("not a wxform snapshot: {e}"))?;
    let state = State {
        menu: snapshot.menu.map(default_menu),
        conditional_menus: conditional_menus(snapshot.conditional_menus)?,
        tags: user_tags(snapshot.tags)?,
        industry: snapshot.industry.map(industry).transpose()?,
        templates: templates(snapshot.templates)?,
        subscribe_templates: subscribe_templates(snapshot.subscribe_templates)?,
        ..State::default()
    };
    Ok(Seed {
        appid: snapshot.appid.filter(|appid| !appid.is_empty()),
        state,
    })
}

// The version is read before the shape: another version may have another shape.
fn check_version(document: &serde_json::Value) -> Result<(), String> {
    let object = document
        .as_object()
        .ok_or("not a wxform snapshot: it is not a JSON object")?;
    let version = object
        .get("format_version")
        .ok_or("not a wxform snapshot: no format_version field")?;
    match version.as_u64() {
        Some(SNAPSHOT_FORMAT_VERSION) => Ok(()),
        Some(other) => Err(format!(
            "snapshot format_version {other} is not one this emulator reads \
             ({SNAPSHOT_FORMAT_VERSION})"
        )),
        None => Err("not a wxform snapshot: format_version is not a whole number".into()),
    }
}

fn default_menu(menu: SnapshotMenu) -> DefaultMenu {
    DefaultMenu {
        source: menu.source,
        // A snapshot may leave the id out (a console-made menu has none to show): any id
        // will do, and the emulator's generator moves past it.
        menuid: menu.menuid.unwrap_or(Counters::default().last_menuid),
        button: menu.button,
    }
}

fn conditional_menus(menus: Vec<SnapshotConditionalMenu>) -> Result<Vec<ConditionalMenu>, String> {
    unique("conditional menu menuid", menus.iter().map(|m| m.menuid))?;
    let mut menus: Vec<ConditionalMenu> = menus
        .into_iter()
        .map(|menu| {
            Ok(ConditionalMenu {
                matchrule: matchrule(menu.menuid, menu.matchrule)?,
                menuid: menu.menuid,
                button: menu.button,
            })
        })
        .collect::<Result<_, String>>()?;
    // The emulator keeps them in creation order, which ascending menuids give.
    menus.sort_by_key(|menu| menu.menuid);
    Ok(menus)
}

fn matchrule(menuid: u64, rule: SnapshotMatchrule) -> Result<Matchrule, String> {
    let platform = rule
        .client_platform_type
        .map(|name| {
            platform_code(&name).map(str::to_string).ok_or_else(|| {
                format!(
                    "conditional menu {menuid}: client_platform_type {name:?} is not \
                     ios, android or others"
                )
            })
        })
        .transpose()?;
    let mut matchrule = Matchrule {
        tag_id: rule.tag_id.map(|id| id.to_string()),
        client_platform_type: platform,
        ..Matchrule::default()
    };
    for (field, value) in rule.retired {
        let slot = match field.as_str() {
            "sex" => &mut matchrule.sex,
            "country" => &mut matchrule.country,
            "province" => &mut matchrule.province,
            "city" => &mut matchrule.city,
            "language" => &mut matchrule.language,
            _ => {
                return Err(format!(
                    "conditional menu {menuid}: {field:?} is not a retired matchrule field \
                     (sex, country, province, city, language)"
                ));
            }
        };
        *slot = Some(value);
    }
    Ok(matchrule)
}

/// WeChat's `client_platform_type` code for a platform named as wxform names it (or already
/// as a code).
pub fn platform_code(name: &str) -> Option<&'static str> {
    match name {
        "ios" | "1" => Some("1"),
        "android" | "2" => Some("2"),
        "others" | "3" => Some("3"),
        _ => None,
    }
}

/// The account's own tags: WeChat's system tags (ids 0–2, such as 星标组) are implicit in
/// the emulator, so a snapshot's copy of them is left out.
fn user_tags(tags: Vec<Tag>) -> Result<Vec<Tag>, String> {
    let tags: Vec<Tag> = tags.into_iter().filter(|tag| tag.id > 2).collect();
    unique("tag id", tags.iter().map(|tag| tag.id))?;
    unique("tag name", tags.iter().map(|tag| tag.name.as_str()))?;
    Ok(tags)
}

fn industry(industry: SnapshotIndustry) -> Result<Industry, String> {
    Ok(Industry {
        primary: industry_code(&industry.primary)?,
        secondary: industry_code(&industry.secondary)?,
        changed_at: None,
    })
}

fn industry_code(class: &IndustryClass) -> Result<u32, String> {
    let named = || code_named(&class.first_class, &class.second_class);
    match class.code.or_else(named) {
        Some(code) if library::industry(code).is_some() => Ok(code),
        Some(code) => Err(format!("industry code {code} is not one of 1–41")),
        None => Err(format!(
            "industry {}/{} has no code the emulator knows: add `code` (1–41) to it",
            class.first_class, class.second_class
        )),
    }
}

/// The industry code WeChat names `first`/`second`, in its documented or recorded names.
fn code_named(first: &str, second: &str) -> Option<u32> {
    (1..=41).find(|&code| {
        [IndustryNames::Documented, IndustryNames::Recorded]
            .into_iter()
            .filter_map(|names| library::industry_named(code, names))
            .any(|(f, s)| f == first && s == second)
    })
}

fn templates(templates: Vec<SnapshotTemplate>) -> Result<Vec<Template>, String> {
    unique(
        "template_id",
        templates.iter().map(|t| t.template_id.as_str()),
    )?;
    Ok(templates
        .into_iter()
        .map(|t| Template {
            // Listed without industry names (a custom or test-account template), or under
            // names the emulator does not know: it lists them empty.
            industry: code_named(&t.primary_industry, &t.deputy_industry),
            template_id: t.template_id,
            title: t.title,
            content: t.content,
            example: t.example,
        })
        .collect())
}

fn subscribe_templates(
    templates: Vec<SnapshotSubscribeTemplate>,
) -> Result<Vec<SubscribeTemplate>, String> {
    unique(
        "pri_tmpl_id",
        templates.iter().map(|t| t.pri_tmpl_id.as_str()),
    )?;
    Ok(templates
        .into_iter()
        .map(|t| SubscribeTemplate {
            pri_tmpl_id: t.pri_tmpl_id,
            title: t.title,
            content: t.content,
            example: t.example,
            kind: t.kind,
        })
        .collect())
}

/// Ids the emulator looks objects up by must be unique, or it would act on the wrong one.
fn unique<T: Ord + std::fmt::Display>(
    what: &str,
    values: impl Iterator<Item = T>,
) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for value in values {
        if let Some(again) = seen.replace(value) {
            return Err(format!("{what} {again} appears twice"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHOP: &str = include_str!("../../examples/shop.live.json");

    fn error(json: &str) -> String {
        read(json).expect_err(json)
    }

    #[test]
    fn the_shop_snapshot_reads_as_the_account_it_shows() {
        let seed = read(SHOP).unwrap();
        assert_eq!(seed.appid.as_deref(), Some("wx1234567890abcdef"));
        let state = seed.state;
        assert!(state.appid.is_empty() && state.secret.is_empty());
        let menu = state.menu.unwrap();
        assert_eq!((menu.menuid, menu.source), (408_000_001, MenuSource::Api));
        assert_eq!(menu.button[1].sub_button[2].name, "订单查询");
        let rules: Vec<_> = state
            .conditional_menus
            .iter()
            .map(|m| {
                (
                    m.menuid,
                    m.matchrule.tag_id.as_deref(),
                    m.matchrule.client_platform_type.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rules,
            [
                (408_000_002, Some("100"), Some("1")),
                (408_000_003, None, Some("2"))
            ]
        );
        let tags: Vec<_> = state
            .tags
            .iter()
            .map(|t| (t.id, t.name.as_str(), t.count))
            .collect();
        assert_eq!(
            tags,
            [(100, "VIP", 1520), (101, "beta", 37), (102, "老客户", 8841)]
        );
        let industry = state.industry.unwrap();
        assert_eq!((industry.primary, industry.secondary), (1, 31));
        assert_eq!(state.templates[0].industry, Some(1));
        assert_eq!(state.templates[0].title, "订单支付成功");
        assert_eq!(state.subscribe_templates[0].kind, 2);
        assert!(state.users.is_empty());
    }

    #[test]
    fn an_empty_snapshot_is_an_empty_account() {
        let seed = read(r#"{"format_version": 1}"#).unwrap();
        assert_eq!(seed.appid, None);
        assert_eq!(seed.state, State::default());
    }

    #[test]
    fn only_a_version_1_snapshot_is_read() {
        assert_eq!(
            error("[1]"),
            "not a wxform snapshot: it is not a JSON object"
        );
        assert_eq!(
            error("{}"),
            "not a wxform snapshot: no format_version field"
        );
        assert_eq!(
            error(r#"{"format_version": "1"}"#),
            "not a wxform snapshot: format_version is not a whole number"
        );
        assert_eq!(
            error(r#"{"format_version": 2, "menu": 7}"#),
            "snapshot format_version 2 is not one this emulator reads (1)"
        );
        assert!(error("{").starts_with("not JSON: "));
    }

    #[test]
    fn a_misspelt_section_is_an_error_not_an_empty_one() {
        let message = error(r#"{"format_version": 1, "tag": []}"#);
        assert!(
            message.starts_with("not a wxform snapshot: unknown field `tag`"),
            "{message}"
        );
    }

    #[test]
    fn values_the_emulator_cannot_hold_are_named() {
        let menu = |rule: &str| {
            format!(
                r#"{{"format_version": 1, "conditional_menus": [{{"menuid": 7, "matchrule": {rule}, "button": []}}]}}"#
            )
        };
        assert_eq!(
            error(&menu(r#"{"client_platform_type": "windows"}"#)),
            "conditional menu 7: client_platform_type \"windows\" is not ios, android or others"
        );
        assert_eq!(
            error(&menu(r#"{"retired": {"group_id": "3"}}"#)),
            "conditional menu 7: \"group_id\" is not a retired matchrule field \
             (sex, country, province, city, language)"
        );
        let retired = read(&menu(
            r#"{"retired": {"sex": "1"}, "client_platform_type": "3"}"#,
        ));
        let rule = &retired.unwrap().state.conditional_menus[0].matchrule;
        assert_eq!(
            (rule.sex.as_deref(), rule.client_platform_type.as_deref()),
            (Some("1"), Some("3"))
        );

        let industry = r#"{"format_version": 1, "industry": {
            "primary": {"first_class": "IT科技", "second_class": "互联网|电子商务"},
            "secondary": {"first_class": "外星", "second_class": "飞碟"}}}"#;
        assert_eq!(
            error(industry),
            "industry 外星/飞碟 has no code the emulator knows: add `code` (1–41) to it"
        );
        let coded = industry.replace(
            r#""first_class": "外星""#,
            r#""code": 41, "first_class": "外星""#,
        );
        let state = read(&coded).unwrap().state;
        assert_eq!(
            state.industry.map(|i| (i.primary, i.secondary)),
            Some((1, 41))
        );
        let recorded = industry
            .replace("外星", "房地产")
            .replace("飞碟", "房地产|建筑");
        assert_eq!(
            read(&recorded).unwrap().state.industry.unwrap().secondary,
            29
        );
    }

    #[test]
    fn ids_the_emulator_looks_up_must_be_unique() {
        let tags = r#"{"format_version": 1, "tags": [
            {"id": 2, "name": "星标组"}, {"id": 100, "name": "VIP"}, {"id": 100, "name": "beta"}]}"#;
        assert_eq!(error(tags), "tag id 100 appears twice");
        let names = tags.replace(
            r#""id": 100, "name": "beta""#,
            r#""id": 101, "name": "VIP""#,
        );
        assert_eq!(error(&names), "tag name VIP appears twice");
        let menus = r#"{"format_version": 1, "conditional_menus": [
            {"menuid": 9, "matchrule": {"tag_id": 100}, "button": []},
            {"menuid": 9, "matchrule": {"tag_id": 101}, "button": []}]}"#;
        assert_eq!(error(menus), "conditional menu menuid 9 appears twice");
    }

    #[test]
    fn conditional_menus_are_kept_in_creation_order() {
        let menus = r#"{"format_version": 1, "conditional_menus": [
            {"menuid": 12, "matchrule": {"tag_id": 100}, "button": []},
            {"menuid": 10, "matchrule": {"tag_id": 101}, "button": []}]}"#;
        let state = read(menus).unwrap().state;
        let ids: Vec<u64> = state.conditional_menus.iter().map(|m| m.menuid).collect();
        assert_eq!(ids, [10, 12]);
    }
}
