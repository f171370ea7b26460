//! Export: the exported configuration plans empty against its own account, and its YAML.

use super::*;
use crate::model::*;
use crate::plan::{plan, testkit::*};

#[test]
fn exported_desired_plans_empty_against_its_account() {
    let live = base_live();
    let exported = plan(&live_to_desired(&live), &live);
    assert!(exported.is_empty(), "{:#?}", exported.actions);
    assert!(exported.errors.is_empty(), "{:?}", exported.errors);
}

#[test]
fn exported_desired_plans_empty_for_every_scenario_account() {
    for (name, (_, live)) in scenarios() {
        let exported = plan(&live_to_desired(&live), &live);
        assert!(exported.is_empty(), "{name}: {:#?}", exported.actions);
    }
}

#[test]
fn tag_ids_become_names_and_unknown_ids_stay_ids() {
    let mut live = base_live();
    live.conditional_menus
        .push(live_cond(208000009, Some(999), None, "x"));
    let desired = live_to_desired(&live);
    let menus = desired.conditional_menus.unwrap();
    assert_eq!(menus[0].matchrule.tag, Some(TagRef::Name("VIP".into())));
    assert_eq!(menus[0].name, "tag-vip");
    assert_eq!(menus[1].name, "ios");
    assert_eq!(menus[2].name, "tag-vip-android");
    assert_eq!(menus[3].matchrule.tag, Some(TagRef::Id(999)));
    assert_eq!(menus[3].name, "tag-999");
}

#[test]
fn generated_names_are_unique() {
    let mut live = base_live();
    live.templates
        .push(live_template("X2", "订单支付成功", &["订单号"]));
    let names: Vec<String> = live_to_desired(&live)
        .templates
        .unwrap()
        .items
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, vec!["订单支付成功", "订单支付成功-2"]);
    assert_eq!(slug("VIP 用户!"), "vip-用户");
}

#[test]
fn extra_copies_of_a_template_are_left_out_and_stay_unmanaged() {
    let mut live = base_live();
    live.templates
        .push(live_template("X2", "订单支付成功", &["订单号", "支付金额"]));
    let desired = live_to_desired(&live);
    assert_eq!(desired.templates.as_ref().unwrap().items.len(), 1);
    let planned = plan(&desired, &live);
    assert!(planned.is_empty(), "{:#?}", planned.actions);
    assert!(planned.errors.is_empty(), "{:?}", planned.errors);
    assert_eq!(planned.unmanaged.len(), 1);
    assert_eq!(planned.unmanaged[0].id, "X2");
    let yaml = live_to_config_yaml(&live).unwrap();
    assert!(
        yaml.contains("# Left out: another copy of 订单支付成功 (X2)"),
        "{yaml}"
    );
}

#[test]
fn exported_templates_have_no_library_ids() {
    let desired = live_to_desired(&base_live());
    assert!(
        desired
            .templates
            .unwrap()
            .items
            .iter()
            .all(|t| t.short_id.is_none())
    );
    let subscribe = desired.subscribe_templates.unwrap().items;
    assert!(
        subscribe
            .iter()
            .all(|t| t.tid.is_none() && t.kid_list.is_empty())
    );
}

fn console_live() -> Live {
    let mut live = base_live();
    let menu = live.menu.as_mut().unwrap();
    menu.source = MenuSource::Console;
    menu.button.push(folder(
        "更多",
        vec![
            leaf("联系我们", "text", "电话 123"),
            leaf("图片", "img", "MEDIA"),
        ],
    ));
    live.conditional_menus.push(LiveConditionalMenu {
        menuid: 207000000,
        matchrule: LiveMatchRule {
            tag_id: None,
            client_platform_type: Some(Platform::Android),
            retired: [("sex".to_string(), "1".to_string())].into(),
        },
        button: default_buttons(),
    });
    live
}

#[test]
fn console_only_buttons_and_retired_rules_are_left_out() {
    let live = console_live();
    let desired = live_to_desired(&live);
    assert_eq!(desired.menu.unwrap().button, default_buttons());
    assert_eq!(desired.conditional_menus.unwrap().len(), 3);
}

#[test]
fn yaml_snapshot() {
    insta::assert_snapshot!(live_to_config_yaml(&base_live()).unwrap());
}

#[test]
fn yaml_snapshot_with_console_buttons_and_retired_rules() {
    let yaml = live_to_config_yaml(&console_live()).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema="));
    assert!(
        yaml.contains("\n# `menu` is left out, so it is not managed"),
        "{yaml}"
    );
    assert!(yaml.contains("console-only type `text`"), "{yaml}");
    assert!(
        yaml.contains("\n# `conditional_menus` is left out"),
        "{yaml}"
    );
    assert!(
        yaml.contains("retired fields (sex=1, client_platform_type=2)"),
        "{yaml}"
    );
    assert_loads_and_plans_empty(&console_live());
    insta::assert_snapshot!(yaml);
}

#[test]
fn yaml_is_well_formed_and_carries_the_values() {
    let yaml = live_to_config_yaml(&base_live()).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(value["account"]["appid"], "wx1234567890abcdef");
    assert_eq!(
        value["menu"]["button"][1]["sub_button"][1]["pagepath"],
        "pages/index/index"
    );
    assert_eq!(
        value["conditional_menus"][2]["matchrule"]["client_platform_type"],
        "android"
    );
    assert_eq!(value["conditional_menus"][2]["matchrule"]["tag"], "VIP");
    assert_eq!(value["tags"]["items"][1]["name"], "内测用户");
    assert_eq!(value["templates"]["industry"]["secondary"], 4);
    assert_eq!(value["templates"]["items"][0]["keywords"][1], "支付金额");
    assert_eq!(
        value["subscribe_templates"]["items"][0]["title"],
        "报名结果通知"
    );
}

#[test]
fn an_empty_account_exports_a_valid_file() {
    let yaml = live_to_config_yaml(&Live::default()).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["conditional_menus"], serde_json::json!([]));
    assert!(value.get("menu").is_none());
}

#[test]
fn awkward_names_survive_the_yaml() {
    let mut live = base_live();
    live.tags[1].name = "yes".into();
    live.tags[2].name = "a: b # c".into();
    live.templates[0].title = "123".into();
    let yaml = live_to_config_yaml(&live).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(value["tags"]["items"][0]["name"], "yes");
    assert_eq!(value["tags"]["items"][1]["name"], "a: b # c");
    assert_eq!(value["conditional_menus"][0]["matchrule"]["tag"], "yes");
    assert_eq!(value["templates"]["items"][0]["title"], "123");
    assert_eq!(value["templates"]["items"][0]["name"], "123");
}

/// Twins (menus with the same matchrule) are listed in order, as on the account: the newer
/// shadows the older there, and in the configuration `validate` says so.
#[test]
fn twins_are_listed_in_order_and_plan_no_change() {
    let mut live = base_live();
    let mut older = live.conditional_menus[1].clone();
    older.menuid = 100;
    older.button.truncate(1);
    live.conditional_menus.insert(0, older);
    let menus = live_to_desired(&live).conditional_menus.unwrap();
    assert_eq!(menus.len(), 4);
    assert_eq!(menus[0].matchrule, menus[2].matchrule);
    assert_eq!(menus[0].button, live.conditional_menus[0].button);
    let planned = plan(&live_to_desired(&live), &live);
    assert!(planned.is_empty(), "{:#?}", planned.actions);
    assert_loads_and_plans_empty(&live);
}

#[test]
fn a_menu_of_console_only_buttons_is_left_unmanaged_not_deleted() {
    let mut live = base_live();
    let menu = live.menu.as_mut().unwrap();
    menu.source = MenuSource::Console;
    menu.button = vec![leaf("联系我们", "text", "电话 123")];
    live.conditional_menus.clear();
    assert_eq!(live_to_desired(&live).menu, None);
    let yaml = live_to_config_yaml(&live).unwrap();
    assert!(
        yaml.contains("# `menu` is left out, so it is not managed"),
        "{yaml}"
    );
    assert!(!yaml.contains("\nmenu:"), "{yaml}");
    assert!(!yaml.contains("# menu:"), "no button to take over: {yaml}");
    let planned = plan(&live_to_desired(&live), &live);
    assert!(planned.is_empty(), "{:#?}", planned.actions);
}

/// The exported text loaded as `wxform` loads a configuration, planned against its account.
fn assert_loads_and_plans_empty(live: &Live) -> String {
    let yaml = live_to_config_yaml(live).unwrap();
    let loaded = match crate::config::load_str("exported.yaml", &yaml) {
        Ok(loaded) => loaded,
        Err(err) => panic!("{err:?}\n{yaml}"),
    };
    let planned = plan(&loaded.desired, live);
    assert!(planned.is_empty(), "{:#?}\n{yaml}", planned.actions);
    yaml
}

#[test]
fn a_template_with_one_keyword_exports_a_valid_file() {
    let mut live = base_live();
    // The fixture's longest conditional button name is over WeChat's limit: not the point here.
    for menu in &mut live.conditional_menus {
        menu.button.iter_mut().for_each(|b| b.name = "专享".into());
    }
    live.templates[0].keywords.truncate(1);
    assert_eq!(live.templates[0].keywords.len(), 1);
    assert_loads_and_plans_empty(&live);
}

/// Live text quoted in a comment (a console button's name, a retired matchrule's value, a
/// template's id) never starts a line of its own: it cannot add configuration to the file.
#[test]
fn live_text_in_comments_cannot_add_lines() {
    const INJECTED: &str = "\nmenu_checks: [{ name: x, user: {}, sees: y }]\n#";
    let mut live = console_live();
    let menu = live.menu.as_mut().unwrap();
    let folder = menu.button.last_mut().unwrap();
    folder.sub_button[0].name = format!("联系{INJECTED}");
    live.conditional_menus.last_mut().unwrap().matchrule.retired =
        [("country".to_string(), format!("中国{INJECTED}"))].into();
    let mut copy = live.templates[0].clone();
    copy.template_id = format!("id{INJECTED}");
    live.templates.push(copy);
    let yaml = live_to_config_yaml(&live).unwrap();
    assert!(
        !yaml.lines().any(|line| line.starts_with("menu_checks")),
        "{yaml}"
    );
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert!(value.get("menu_checks").is_none(), "{yaml}");
}

/// A live industry with a class wxform cannot map is not exported as codes, but the file names
/// both classes, the mapped one included, each as itself.
#[test]
fn an_unmapped_industry_is_named_whole_in_a_comment() {
    let mut live = base_live();
    let secondary = &mut live.industry.as_mut().unwrap().secondary;
    secondary.code = None;
    secondary.first_class = "火星".into();
    secondary.second_class = "殖民\n::error::x".into();
    let yaml = live_to_config_yaml(&live).unwrap();
    assert!(
        yaml.contains(
            "  # The live industry, 1 (IT科技/互联网|电子商务) and 火星/殖民\\n:\\:error:\\:x (no industry code wxform knows), cannot be written as codes; set `industry` to manage it.\n"
        ),
        "{yaml}"
    );
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert!(value["templates"].get("industry").is_none(), "{yaml}");
    assert_eq!(value["templates"]["items"][0]["title"], "订单支付成功");
}
