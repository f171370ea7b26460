//! From text to [`crate::model::Desired`]: what a valid file becomes.

use super::{LoadError, load_str};
use crate::model::{Button, IndustryCodes, Platform, TagRef, UnmanagedPolicy};

const FULL: &str = r#"version: 1
account: { appid: wx1234567890abcdef }
menu:
  button:
    - { name: 首页, type: view, url: "https://example.com/", sub_button: [] }
    - name: 服务
      sub_button:
        - { name: 客服, type: click, key: SERVICE }
conditional_menus:
  - name: vip-android
    matchrule: { tag: VIP, client_platform_type: "2" }
    button: [{ name: 会员, type: click, key: VIP }]
  - name: by-id
    matchrule: { tag_id: 101 }
    button: [{ name: 会员, type: click, key: VIP }]
tags:
  unmanaged: delete
  items:
    - name: VIP
    - { name: 内测用户, previously: [beta] }
templates:
  industry: { primary: 1, secondary: "4" }
  items:
    - { name: paid, short_id: TM00015, title: 订单支付成功, keywords: [订单号] }
subscribe_templates:
  items:
    - { name: ship, tid: "401", kid_list: [1, 2], title: 发货, keywords: [单号, 时间] }
"#;

#[test]
fn a_full_file_becomes_the_desired_state() {
    let loaded = load_str("f.yaml", FULL).unwrap();
    let desired = loaded.desired;
    assert_eq!(desired.appid.as_deref(), Some("wx1234567890abcdef"));

    let menu = desired.menu.unwrap();
    // `sub_button: []` on a leaf is WeChat's spelling of "no children".
    assert_eq!(menu.button[0].sub_button, Vec::<Button>::new());
    assert_eq!(menu.button[0].kind.as_deref(), Some("view"));
    assert!(menu.button[1].is_folder());
    assert_eq!(menu.button[1].sub_button[0].key.as_deref(), Some("SERVICE"));

    let conditional = desired.conditional_menus.unwrap();
    assert_eq!(conditional[0].name, "vip-android");
    assert_eq!(
        conditional[0].matchrule.tag,
        Some(TagRef::Name("VIP".into()))
    );
    assert_eq!(
        conditional[0].matchrule.client_platform_type,
        Some(Platform::Android)
    );
    assert_eq!(conditional[1].matchrule.tag, Some(TagRef::Id(101)));
    assert_eq!(conditional[1].matchrule.client_platform_type, None);

    let tags = desired.tags.unwrap();
    assert_eq!(tags.unmanaged, UnmanagedPolicy::Delete);
    assert_eq!(tags.items[1].name, "内测用户");
    assert_eq!(tags.items[1].previously, ["beta"]);
    assert!(tags.items[0].previously.is_empty());

    let templates = desired.templates.unwrap();
    assert_eq!(
        templates.industry,
        Some(IndustryCodes {
            primary: 1,
            secondary: 4
        })
    );
    assert_eq!(templates.unmanaged, UnmanagedPolicy::Keep);
    assert_eq!(templates.items[0].keywords, ["订单号"]);

    let subscribe = desired.subscribe_templates.unwrap();
    assert_eq!(subscribe.items[0].tid, Some(401));
    assert_eq!(subscribe.items[0].kid_list, [1, 2]);
    assert_eq!(subscribe.items[0].scene_desc, None);

    assert_eq!(
        loaded.summary.to_string(),
        "1 menu, 2 conditional menus, 2 tags (others deleted), 1 template, 1 subscribe template"
    );
    assert!(loaded.warnings.is_empty());
}

#[test]
fn omitted_sections_are_not_managed() {
    let desired = load_str("f.yaml", "version: 1\n").unwrap().desired;
    assert_eq!(
        desired,
        crate::model::Desired {
            config_files: vec!["f.yaml".into()],
            ..crate::model::Desired::default()
        }
    );
}

#[test]
fn an_empty_conditional_list_is_managed_and_empty() {
    let desired = load_str("f.yaml", "version: 1\nconditional_menus: []\n")
        .unwrap()
        .desired;
    assert_eq!(desired.conditional_menus, Some(Vec::new()));
}

#[test]
fn errors_carry_the_source_and_every_diagnostic() {
    let Err(LoadError::Invalid {
        file, diagnostics, ..
    }) = load_str(
        "f.yaml",
        "version: 3\ntags: { items: [{ name: 星标组 }] }\n",
    )
    else {
        panic!("expected an invalid file");
    };
    assert_eq!(file.name, "f.yaml");
    assert!(file.text.starts_with("version: 3"));
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["unsupported version 3", "`星标组` is WeChat's system tag"]
    );
}

#[test]
fn empty_names_are_reported_once_each_not_as_duplicates() {
    let Err(LoadError::Invalid { diagnostics, .. }) = load_str(
        "f.yaml",
        "version: 1\ntags: { items: [{ name: \"\" }, { name: \"\" }] }\ntemplates:\n  items:\n    - { name: \"\", short_id: a, title: a }\n    - { name: \"\", short_id: b, title: b }\n",
    ) else {
        panic!("expected an invalid file");
    };
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "tag name is empty",
            "tag name is empty",
            "template name is empty",
            "template name is empty"
        ]
    );
}

#[test]
fn library_ids_are_optional() {
    let desired = load_str(
        "f.yaml",
        "version: 1\ntemplates:\n  items:\n    - { name: paid, title: 订单支付成功, keywords: [订单号] }\nsubscribe_templates:\n  items:\n    - { name: ship, title: 发货, keywords: [单号, 时间] }\n",
    )
    .unwrap()
    .desired;
    assert_eq!(desired.templates.unwrap().items[0].short_id, None);
    let subscribe = &desired.subscribe_templates.unwrap().items[0];
    assert_eq!((subscribe.tid, subscribe.kid_list.len()), (None, 0));
}

#[test]
fn tid_and_kid_list_go_together() {
    let Err(LoadError::Invalid { diagnostics, .. }) = load_str(
        "f.yaml",
        "version: 1\nsubscribe_templates:\n  items:\n    - { name: a, tid: 401, title: a, keywords: [x, y] }\n    - { name: b, kid_list: [1, 2], title: b, keywords: [x, y] }\n",
    ) else {
        panic!("expected an invalid file");
    };
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "tid is given without kid_list",
            "kid_list is given without tid"
        ]
    );
}

#[test]
fn fields_wechat_ignores_are_warned_about_and_left_out() {
    let yaml = r#"version: 1
menu:
  button:
    - { name: 首页, type: view, url: "https://example.com/", key: HOME }
    - name: 服务
      type: click
      key: SERVICE
      url: "https://example.com/service"
      sub_button:
        - { name: 客服, type: click, key: SERVICE, url: "https://example.com/chat", media_id: M }
"#;
    let loaded = load_str("f.yaml", yaml).unwrap();
    let ignored: Vec<&str> = loaded
        .warnings
        .iter()
        .map(|warning| warning.message.as_str())
        .collect();
    assert_eq!(
        ignored,
        vec![
            "WeChat ignores `key` on a `view` button; wxform does not send it",
            "WeChat ignores `type` on a folder; wxform does not send it",
            "WeChat ignores `key` on a folder; wxform does not send it",
            "WeChat ignores `url` on a folder; wxform does not send it",
            "WeChat ignores `url` on a `click` button; wxform does not send it",
            "WeChat ignores `media_id` on a `click` button; wxform does not send it",
        ]
    );
    let menu = loaded.desired.menu.unwrap();
    let view = &menu.button[0];
    assert_eq!(
        (view.url.as_deref(), view.key.as_deref()),
        (Some("https://example.com/"), None)
    );
    let folder = &menu.button[1];
    assert_eq!(
        (&folder.kind, &folder.key, &folder.url),
        (&None, &None, &None)
    );
    let click = &folder.sub_button[0];
    assert_eq!(
        (click.key.as_deref(), &click.url, &click.media_id),
        (Some("SERVICE"), &None, &None)
    );
}

#[test]
fn a_file_whose_top_level_is_not_a_mapping_with_version_is_refused_unquoted() {
    for (text, says) in [
        (
            "https://octo:SECRET@github.com\n",
            "its top level is a text value",
        ),
        ("- SECRET\n", "its top level is a list"),
        (
            "access_token: SECRET\n",
            "its top level is a mapping without `version`",
        ),
        ("[SECRET: {\n", "it is not YAML ("),
        ("12345\n", "its top level is a number"),
    ] {
        let Err(LoadError::Invalid {
            file, diagnostics, ..
        }) = load_str("f.yaml", text)
        else {
            panic!("{text} was loaded");
        };
        assert!(file.text.is_empty(), "nothing to quote: {text}");
        let message = &diagnostics[0].message;
        assert!(message.contains(says), "{text}: {message}");
        assert!(!message.contains("SECRET"), "{message}");
        assert!(diagnostics[0].span.is_none(), "{text}");
    }
    // A configuration with a syntax error is still one: its mistake is shown where it is.
    let Err(LoadError::Invalid {
        file, diagnostics, ..
    }) = load_str("f.yaml", "version: 1\nmenu: [\n")
    else {
        panic!("loaded");
    };
    assert!(!file.text.is_empty() && diagnostics[0].span.is_some());
}
