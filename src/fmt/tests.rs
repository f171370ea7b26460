use super::{MAX_WIDTH, format};

/// The formatted text, which must also be a fixed point.
fn fmt(text: &str) -> String {
    let formatted = format("wxform.yaml", text).unwrap_or_else(|refused| panic!("{refused:#?}"));
    let again = format("wxform.yaml", &formatted).unwrap();
    assert_eq!(again, formatted, "not idempotent");
    formatted
}

/// The first diagnostic's message for a refused text.
fn refusal(text: &str) -> String {
    match format("wxform.yaml", text) {
        Ok(formatted) => panic!("formatted:\n{formatted}"),
        Err(refused) => refused.diagnostics[0].message.clone(),
    }
}

#[test]
fn the_examples_are_canonical() {
    for example in [
        include_str!("../../examples/shop.yaml"),
        include_str!("../../examples/minimal.yaml"),
    ] {
        assert_eq!(fmt(example), example);
    }
}

#[test]
fn keys_take_the_documented_order_and_comments_move_with_them() {
    let text = "\
# the file's own comment

menu:
  button:
    # the first button
    - type: click   # a click
      key: K
      # its name
      name: 今日歌曲
# who sees what
menu_checks: []
account: { appid: wx1234567890abcdef }
version: 1
tags:
  items: [{ previously: [beta], name: VIP }]
  unmanaged: keep
";
    assert_eq!(
        fmt(text),
        "\
# the file's own comment

version: 1
account: { appid: wx1234567890abcdef }

menu:
  button:
    # the first button
    # its name
    - name: 今日歌曲
      type: click # a click
      key: K

# who sees what
menu_checks: []

tags:
  unmanaged: keep
  items: [{ name: VIP, previously: [beta] }]
"
    );
}

#[test]
fn unknown_keys_follow_the_known_ones_in_their_order() {
    let text = "version: 1\nzeta: 1\nmenu: { nmae: a, button: [], colour: red }\nalpha: 2\n";
    assert_eq!(
        fmt(text),
        "version: 1\n\nmenu: { button: [], nmae: a, colour: red }\n\nzeta: 1\n\nalpha: 2\n"
    );
}

#[test]
fn comments_at_the_end_of_a_block_stay_there_at_its_depth() {
    let text = "\
version: 1
menu:
  button:
    - name: 服务
      sub_button:
        - { name: a, type: click, key: A }
        # the end of the folder
      # the end of the button
    # the end of the buttons
  # the end of the menu
# before tags
tags: { items: [] }
# the end of the file
";
    assert_eq!(
        fmt(text),
        "\
version: 1

menu:
  button:
    - name: 服务
      sub_button:
        - { name: a, type: click, key: A }
        # the end of the folder
      # the end of the button
    # the end of the buttons
  # the end of the menu

# before tags
tags: { items: [] }
# the end of the file
"
    );
}

#[test]
fn lists_written_flush_with_their_key_are_indented() {
    // As serde's YAML writes nested lists.
    let text = "version: 1\nmenu:\n  button:\n  - name: 服务\n    sub_button:\n    - name: a\n      type: click\n      key: A\n    # before type\n    type: click\n  # before the second button\n  - { name: b, type: click, key: B }\n# before tags\ntags:\n  items:\n  - name: a\n  # the end of the tags\n";
    assert_eq!(
        fmt(text),
        "version: 1\n\nmenu:\n  button:\n    - name: 服务\n      # before type\n      type: click\n      sub_button:\n        - name: a\n          type: click\n          key: A\n    # before the second button\n    - { name: b, type: click, key: B }\n\n# before tags\ntags:\n  items:\n    - name: a\n    # the end of the tags\n"
    );
}

#[test]
fn trailing_comments_stay_on_their_line_and_align_on_consecutive_lines() {
    let text = "\
version: 1   # the format
account:
  appid: wx1111111111111111      # the guard
  appid_env: SHOP_APPID   # default WECHAT_APPID
  # secret_env: SHOP_APPSECRET   # a comment keeps its own text
";
    assert_eq!(
        fmt(text),
        "\
version: 1 # the format
account:
  appid: wx1111111111111111 # the guard
  appid_env: SHOP_APPID     # default WECHAT_APPID
  # secret_env: SHOP_APPSECRET   # a comment keeps its own text
"
    );
}

#[test]
fn two_trailing_comments_on_one_line_become_a_leading_one_and_a_trailing_one() {
    let text = "version: 1\nmenu:\n  button:   # the key's\n    []     # the value's\n";
    assert_eq!(
        fmt(text),
        "version: 1\n\nmenu:\n  # the key's\n  button: [] # the value's\n"
    );
}

#[test]
fn blank_lines_separate_sections_once_and_otherwise_stay_where_the_author_put_them() {
    let text = "\n\nversion: 1\n\n\naccount:\n  appid: wx1111111111111111\nmenu:\n\n  button:\n    - { name: a, type: click, key: A }\n\n\n    - { name: b, type: click, key: B }\n\n\n";
    assert_eq!(
        fmt(text),
        "version: 1\naccount:\n  appid: wx1111111111111111\n\nmenu:\n  button:\n    - { name: a, type: click, key: A }\n\n    - { name: b, type: click, key: B }\n"
    );
}

#[test]
fn a_flow_collection_stays_one_while_it_fits_and_has_no_comment_inside() {
    let long_url = format!("https://example.com/{}", "a".repeat(60));
    let text = format!(
        "version: 1\nmenu:\n  button:\n    - {{ name: 官网, type: view, url: \"{long_url}\" }}\n    - {{ name: b,   # a comment inside\n        type: click, key: B }}\n"
    );
    assert_eq!(
        fmt(&text),
        format!(
            "version: 1\n\nmenu:\n  button:\n    - name: 官网\n      type: view\n      url: {long_url}\n    - name: b # a comment inside\n      type: click\n      key: B\n"
        )
    );
}

#[test]
fn width_counts_a_cjk_character_as_two_columns() {
    // 40 CJK characters: 80 columns, though 40 characters.
    let name = "歌".repeat(40);
    let line = format!("    - {{ name: {name}, type: click, key: KEY }}");
    assert!(line.chars().count() <= MAX_WIDTH);
    let text = format!("version: 1\nmenu:\n  button:\n{line}\n");
    assert!(fmt(&text).contains(&format!("    - name: {name}\n")));
}

#[test]
fn a_pasted_menu_json_becomes_canonical_yaml() {
    let text = r#"{"version": 1, "menu": {"button": [{"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"}, {"name": "菜单", "sub_button": [{"type": "view", "name": "搜索", "url": "http://www.soso.com/"}, {"type": "miniprogram", "name": "wxa", "url": "http://mp.weixin.qq.com", "appid": "wx286b93c14bbf93aa", "pagepath": "pages/lunar/index"}, {"type": "click", "name": "赞一下我们", "key": "V1001_GOOD", "sub_button": []}]}]}}"#;
    insta::assert_snapshot!(fmt(text), @r#"
    version: 1

    menu:
      button:
        - { name: 今日歌曲, type: click, key: V1001_TODAY_MUSIC }
        - name: 菜单
          sub_button:
            - { name: 搜索, type: view, url: "http://www.soso.com/" }
            - name: wxa
              type: miniprogram
              url: http://mp.weixin.qq.com
              appid: wx286b93c14bbf93aa
              pagepath: pages/lunar/index
            - { name: 赞一下我们, type: click, key: V1001_GOOD, sub_button: [] }
    "#);
}

#[test]
fn quotes_are_removed_only_where_the_text_reads_the_same() {
    let text = "version: 1\ntemplates:\n  items:\n    - name: 'order_paid'\n      short_id: \"43216\"\n      title: \"订单: 支付\"\n      keywords: ['订单号', \"yes\", 'it''s', \"1.0\", \"null\", 'a, b']\n";
    assert_eq!(
        fmt(text),
        "version: 1\n\ntemplates:\n  items:\n    - name: order_paid\n      short_id: \"43216\"\n      title: \"订单: 支付\"\n      keywords: [订单号, \"yes\", it's, \"1.0\", \"null\", \"a, b\"]\n"
    );
}

#[test]
fn a_scalar_over_several_lines_is_written_on_one() {
    let text = "version: 1\ntags:\n  items:\n    - name: a long\n        name\n    - name: \"two\n\n      lines\"\n";
    assert_eq!(
        fmt(text),
        "version: 1\n\ntags:\n  items:\n    - name: a long name\n    - name: \"two\\nlines\"\n"
    );
}

#[test]
fn a_block_scalar_is_written_double_quoted() {
    let text = "version: 1\ntags:\n  items:\n    - name: |-  # a name\n        two\n\n        lines\n\n    - name: >\n        folded\n        text\n";
    assert_eq!(
        fmt(text),
        "version: 1\n\ntags:\n  items:\n    - name: \"two\\n\\nlines\" # a name\n    - name: \"folded text\\n\"\n"
    );
}

#[test]
fn line_breaks_and_a_byte_order_mark_are_kept() {
    let text = "\u{feff}menu: { button: [] }\r\nversion: 1\r\n";
    assert_eq!(
        fmt(text),
        "\u{feff}version: 1\r\n\r\nmenu: { button: [] }\r\n"
    );
    assert_eq!(fmt("version: 1"), "version: 1\n");
}

#[test]
fn document_markers_are_kept() {
    let text = "# before\n---  # start\nversion: 1\n...\n";
    assert_eq!(fmt(text), "# before\n--- # start\nversion: 1\n...\n");
}

#[test]
fn a_file_that_breaks_wechat_rules_is_formatted_anyway() {
    let text = "menu:\n  button:\n    - { type: CLICK, name: 今日歌曲今日歌曲好 }\nversion: 2\n";
    assert!(crate::config::load_str("wxform.yaml", text).is_err());
    assert_eq!(
        fmt(text),
        "version: 2\n\nmenu:\n  button:\n    - { name: 今日歌曲今日歌曲好, type: CLICK }\n"
    );
}

#[test]
fn what_cannot_be_kept_exactly_is_refused_where_it_is() {
    let cases = [
        ("version: 1\nmenu: &m { button: [] }\n", "anchors", "&m"),
        ("version: 1\nx: &a 1\ny: *a\n", "anchors", "&a"),
        ("version: !!int 1\n", "tags", "!!int"),
        ("%YAML 1.2\n---\nversion: 1\n", "directives", "%YAML 1.2"),
        ("version: 1\n? [a]\n: b\n", "keys that are not text", "["),
    ];
    for (text, what, at) in cases {
        let refused = format("wxform.yaml", text).unwrap_err();
        let diagnostic = &refused.diagnostics[0];
        assert!(diagnostic.message.contains(what), "{text}: {diagnostic:?}");
        let span = diagnostic.span.clone().unwrap();
        assert_eq!(&text[span], at, "{text}");
    }
}

#[test]
fn what_is_not_a_configuration_gets_the_loader_s_diagnostics_unquoted() {
    for text in [
        "version: 1\nmenu:\n  button: [\n",
        "version: 1\n---\nversion: 1\n",
        "version: 1\nversion: 1\n",
        "version: 1\n\tmenu: {}\n",
    ] {
        let refused = format("wxform.yaml", text).unwrap_err();
        let Err(crate::config::LoadError::Invalid { diagnostics, .. }) =
            crate::config::load_str("wxform.yaml", text)
        else {
            panic!("the loader takes {text:?}");
        };
        assert_eq!(refused.diagnostics, diagnostics, "{text:?}");
    }
    assert_eq!(
        refusal("version: 1\nmenu:\n  button: [\n"),
        "this `[` is never closed"
    );
    // A credential file behind a symlink, say: refused without a word of it.
    for text in [
        "user: admin\npassword: hunter2\n",
        "- hunter2\n",
        "hunter2\n",
        "# hunter2\n",
        "version: 1\u{1}hunter2\n",
        "password: hunter2\nmenu: &a [\n",
        "password: &p hunter2\nagain: *p\n",
        "? [hunter2]\n: x\n",
    ] {
        let refused = format("wxform.yaml", text).unwrap_err();
        let shown = crate::render::diagnostics::render(&refused.file, &refused.diagnostics);
        assert!(!shown.contains("hunter2"), "{text:?} is quoted:\n{shown}");
    }
}

#[test]
fn an_alias_bomb_is_refused_without_being_expanded() {
    let mut text = String::from("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..30 {
        let previous = level - 1;
        let _ = std::fmt::Write::write_fmt(
            &mut text,
            format_args!(
                "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
            ),
        );
    }
    let refused = format("wxform.yaml", &text).unwrap_err();
    assert!(
        refused.diagnostics[0].message.contains("anchors"),
        "{refused:?}"
    );
}
