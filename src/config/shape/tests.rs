use super::*;
use crate::config::yaml_parser::parse;
use std::collections::BTreeSet;

/// Each diagnostic as `rule message @ quoted text`, for `text`.
fn problems(text: &str) -> Vec<String> {
    let tree: Spanned<Node> = parse(text).unwrap();
    check(&tree)
        .iter()
        .map(|d| {
            let span = d.span.clone().unwrap_or_default();
            let help = d
                .help
                .as_deref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            format!("{} {}{help} @ {}", d.rule, d.message, &text[span])
        })
        .collect()
}

#[test]
fn every_unknown_key_at_every_depth_is_reported_once() {
    let text = "version: 1
acount: {}
menu:
  button:
    - { name: 今日, tpye: click, sub_buton: [] }
  colour: red
tags:
  unmanaged: delte
  items: [{ nmae: a }]
menu_checks:
  - { name: c, sees: menu, user: { platfrom: ios } }
";
    assert_eq!(
        problems(text),
        [
            "wxform/unknown-key unknown key `acount` in the configuration (did you mean `account`?) @ acount",
            "wxform/unknown-key unknown key `tpye` in a button (did you mean `type`?) @ tpye",
            "wxform/unknown-key unknown key `sub_buton` in a button (did you mean `sub_button`?) @ sub_buton",
            "wxform/unknown-key unknown key `colour` in `menu` @ colour",
            "wxform/unknown-value unknown value `delte` (did you mean `delete`?) @ delte",
            "wxform/missing-key missing key `name` in a tag @ {",
            "wxform/unknown-key unknown key `nmae` in a tag (did you mean `name`?) @ nmae",
            "wxform/unknown-key unknown key `platfrom` in a menu check's `user` (did you mean `platform`?) @ platfrom",
        ]
    );
}

#[test]
fn keys_serde_accepts_beyond_the_schema_are_known() {
    let text = "version: 1
menu: { button: [], menuid: 1 }
conditional_menus:
  - { name: a, menuid: 2, matchrule: { group_id: 100, sex: 1 }, button: [] }
";
    assert_eq!(problems(text), Vec::<String>::new());
}

#[test]
fn values_of_another_kind_are_left_to_serde() {
    assert_eq!(
        problems("version: 1\nmenu: [a]\ntags: ~\n"),
        Vec::<String>::new()
    );
}

#[test]
fn aliases_report_a_place_once() {
    let text = "version: 1
menu:
  button: &b [{ name: a, type: click, key: A, colour: red }]
conditional_menus:
  - { name: x, matchrule: { tag_id: 1 }, button: *b }
  - { name: y, matchrule: { tag_id: 2 }, button: *b }
";
    assert_eq!(problems(text).len(), 1, "{:?}", problems(text));
}

#[test]
fn a_hostile_number_of_unknown_keys_is_summed_up() {
    let mut text = String::from("version: 1\n");
    for i in 0..500 {
        text.push_str(&format!("k{i}: 1\n"));
    }
    let found = problems(&text);
    assert_eq!(found.len(), MAX_REPORTED + 1);
    assert_eq!(
        found.last().unwrap(),
        "wxform/unknown-key 450 more unknown or missing keys not shown @ "
    );
}

/// Every mapping of the raw structs is a definition of the schema this pass reads, and every
/// key beyond the schema belongs to one of them.
#[test]
fn every_place_is_read_from_the_schema() {
    let schema = schema();
    let definitions: BTreeSet<&str> = schema["definitions"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, definition)| definition.get("properties").is_some())
        .map(|(name, _)| name.as_str())
        .collect();
    for (place, key) in BEYOND_THE_SCHEMA {
        assert!(definitions.contains(place), "{place}");
        let place = Place {
            name: place,
            schema: &schema["definitions"][place],
        };
        assert!(place.property(key).is_none(), "{key} is in the schema now");
    }
    for name in definitions {
        let place = Place {
            name,
            schema: &schema["definitions"][name],
        };
        assert_ne!(place.words(), name, "{name} has no words for messages");
    }
}

#[test]
fn every_section_has_its_keys_checked() {
    let text = "version: 1
account: { secert_env: S }
conditional_menus:
  - { name: a, matchrul: { tag_id: 1 }, button: [] }
templates: { industy: { primary: 1, secondary: 2 } }
subscribe_templates:
  items: [{ name: a, title: b, keywords: [c], kid_lst: [1] }]
";
    assert_eq!(
        problems(text),
        [
            "wxform/unknown-key unknown key `secert_env` in `account` (did you mean `secret_env`?) @ secert_env",
            "wxform/missing-key missing key `matchrule` in a conditional menu @ {",
            "wxform/unknown-key unknown key `matchrul` in a conditional menu (did you mean `matchrule`?) @ matchrul",
            "wxform/unknown-key unknown key `industy` in `templates` (did you mean `industry`?) @ industy",
            "wxform/unknown-key unknown key `kid_lst` in a subscribe template (did you mean `kid_list`?) @ kid_lst",
        ]
    );
}
