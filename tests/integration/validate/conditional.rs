//! Conditional menu rules.

use super::{MENU, rejects, validate_yaml, warns};
use crate::support::run::{contains, starts_with};

/// The base menu plus conditional menus.
fn conditional(menus: &str) -> String {
    format!("{MENU}tags:\n  items: [{{ name: VIP }}]\nconditional_menus:\n{menus}")
}

const BUTTONS: &str = "    button: [{ name: a, type: click, key: A }]\n";

rejects!(
    needs_a_default_menu_in_the_same_file,
    format!(
        "version: 1\nconditional_menus:\n  - name: ios\n    matchrule: {{ client_platform_type: ios }}\n{BUTTONS}"
    ),
    "3:11"
);

rejects!(
    cannot_go_with_a_deleted_default_menu,
    format!(
        "version: 1\nmenu: {{ button: [] }}\nconditional_menus:\n  - name: ios\n    matchrule: {{ client_platform_type: ios }}\n{BUTTONS}"
    ),
    "2:17"
);

rejects!(
    matchrule_is_not_empty,
    conditional(&format!("  - name: all\n    matchrule: {{}}\n{BUTTONS}")),
    "9:16"
);

rejects!(
    retired_matchrule_fields_are_rejected,
    conditional(&format!(
        "  - name: women\n    matchrule: {{ sex: \"2\", tag: VIP }}\n{BUTTONS}"
    )),
    "9:23"
);

#[test]
fn every_retired_field_is_named() {
    for field in ["sex", "country", "province", "city", "language"] {
        let run = validate_yaml(conditional(&format!(
            "  - name: old\n    matchrule: {{ {field}: x, client_platform_type: ios }}\n{BUTTONS}"
        )));
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        contains(
            &run.stderr,
            &format!("error: matchrule field `{field}` is retired"),
        );
        contains(&run.stderr, "(65320)");
    }
}

rejects!(
    names_are_unique,
    conditional(&format!(
        "  - name: m\n    matchrule: {{ tag: VIP }}\n{BUTTONS}  - name: m\n    matchrule: {{ client_platform_type: ios }}\n{BUTTONS}"
    )),
    "11:11"
);

// WeChat accepts both and shows the newer: the older one is never seen.
warns!(
    a_repeated_matchrule_after_normalising_the_platform_hides_the_older_menu,
    conditional(&format!(
        "  - name: a\n    matchrule: {{ client_platform_type: ios }}\n{BUTTONS}  - name: b\n    matchrule: {{ client_platform_type: \"1\" }}\n{BUTTONS}"
    )),
    "9:16"
);

rejects!(
    tag_and_tag_id_are_exclusive,
    conditional(&format!(
        "  - name: a\n    matchrule: {{ tag: VIP, tag_id: 101 }}\n{BUTTONS}"
    )),
    "9:36"
);

rejects!(
    tag_id_is_a_number,
    conditional(&format!(
        "  - name: a\n    matchrule: {{ tag_id: VIP }}\n{BUTTONS}"
    )),
    "9:26"
);

rejects!(
    platform_is_ios_android_or_others,
    conditional(&format!(
        "  - name: a\n    matchrule: {{ client_platform_type: windows }}\n{BUTTONS}"
    )),
    "9:40"
);

rejects!(
    a_conditional_menu_links_to_at_most_three_outside_hosts,
    conditional(
        "  - name: a
    matchrule: { tag: VIP }
    button:
      - { name: a, type: view, url: \"https://a.example.com/\" }
      - { name: b, type: view, url: \"https://b.example.com/x\" }
      - name: more
        sub_button:
          - { name: mp, type: view, url: \"https://mp.weixin.qq.com/s/abc\" }
          - { name: a2, type: view, url: \"https://A.example.com:8443/y\" }
          - { name: c, type: view, url: \"http://c.example.com/\" }
          - { name: d, type: view, url: \"https://d.example.com/\" }
"
    ),
    "18:41"
);

warns!(
    the_default_menu_over_three_outside_hosts_is_only_a_warning,
    "version: 1
menu:
  button:
    - { name: a, type: view, url: \"https://a.example.com/\" }
    - { name: b, type: view, url: \"https://b.example.com/\" }
    - name: more
      sub_button:
        - { name: c, type: view, url: \"https://c.example.com/\" }
        - { name: d, type: view, url: \"https://d.example.com/\" }
",
    "9:39"
);

#[test]
fn link_hosts_count_per_menu_and_wechats_own_never_count() {
    // Six outside hosts across two menus, three each, plus WeChat's own: what real production
    // menus do.
    let menu = |name: &str, tag: &str, hosts: [&str; 3]| {
        let views: String = hosts
            .iter()
            .map(|host| {
                format!("          - {{ name: {host}, type: view, url: \"https://{host}/\" }}\n")
            })
            .collect();
        format!(
            "  - name: {name}\n    matchrule: {{ tag_id: {tag} }}\n    button:\n      - {{ name: 文章, type: view, url: \"https://mp.weixin.qq.com/s/x\" }}\n      - name: 更多\n        sub_button:\n{views}"
        )
    };
    let run = validate_yaml(conditional(&format!(
        "{}{}",
        menu("one", "100", ["a.com", "b.com", "c.com"]),
        menu("two", "101", ["d.com", "e.com", "f.com"])
    )));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wxform.yaml is valid: 1 menu, 2 conditional menus, 1 tag\n"
    );
}

rejects!(
    buttons_follow_the_menu_rules,
    conditional("  - name: a\n    matchrule: { tag: VIP }\n    button: []\n"),
    "10:13"
);

#[test]
fn an_unknown_tag_is_only_a_warning() {
    let run = validate_yaml(conditional(&format!(
        "  - name: a\n    matchrule: {{ tag: SVIP }}\n{BUTTONS}"
    )));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn tag_ids_and_platform_codes_are_accepted() {
    let run = validate_yaml(conditional(&format!(
        "  - name: a\n    matchrule: {{ tag_id: \"101\", client_platform_type: 2 }}\n{BUTTONS}  - name: b\n    matchrule: {{ tag: VIP, client_platform_type: others, sex: \"\" }}\n{BUTTONS}"
    )));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wxform.yaml is valid: 1 menu, 2 conditional menus, 1 tag\n"
    );
}

#[test]
fn a_pasted_menu_get_answer_reaches_its_retired_matchrule_fields() {
    // menu/get prints `menuid` in each conditional entry too: ignored, so that the real problem
    // shows.
    let run = validate_yaml(
        r#"{"version": 1,
"menu": {"button": [{"type": "click", "name": "a", "key": "K", "sub_button": []}], "menuid": 208396938},
"conditional_menus": [{"name": "x",
  "button": [{"type": "click", "name": "b", "key": "K", "sub_button": []}],
  "matchrule": {"group_id": "2", "sex": "1", "client_platform_type": "2"},
  "menuid": 208396993}]}"#,
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    contains(
        &run.stderr,
        "error: matchrule field `sex` is retired\n --> wxform.yaml:5:",
    );
    contains(
        &run.stderr,
        "warning: `menuid` is ignored\n --> wxform.yaml:6:13",
    );
    assert!(
        run.stderr.ends_with("wxform.yaml: 1 error, 2 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn menu_get_output_pastes_with_group_id_and_menuid() {
    // menu/get prints `menuid` and reads the tag back as `group_id`, with string values.
    let run = validate_yaml(
        r#"{"version": 1,
"menu": {"button": [{"type": "click", "name": "a", "key": "K", "sub_button": []}], "menuid": 208396938},
"conditional_menus": [{"name": "x",
  "button": [{"type": "click", "name": "b", "key": "K", "sub_button": []}],
  "matchrule": {"group_id": "2", "client_platform_type": "2"}}]}"#,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    starts_with(
        &run.stderr,
        "warning: `menuid` is ignored\n --> wxform.yaml:2:",
    );
    assert!(
        run.stderr
            .ends_with("wxform.yaml is valid: 1 menu, 1 conditional menu\n")
    );
}
