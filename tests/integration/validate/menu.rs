//! Button rules of the default menu (and, through the same code, of conditional menus).

use super::{MENU, rejects, validate_yaml, warns};

fn menu(buttons: &str) -> String {
    format!("version: 1\nmenu:\n  button:\n{buttons}")
}

rejects!(
    four_top_level_buttons,
    menu(
        "    - { name: a, type: click, key: A }
    - { name: b, type: click, key: B }
    - { name: c, type: click, key: C }
    - { name: d, type: click, key: D }
"
    ),
    "7:15"
);

rejects!(
    top_level_name_over_16_bytes_even_counting_cjk_as_2,
    menu("    - { name: 今日歌曲今日歌曲好, type: click, key: K }\n"),
    "4:15"
);

warns!(
    top_level_name_over_16_bytes_only_in_utf8,
    menu("    - { name: 今日歌曲今日歌曲, type: click, key: K }\n"),
    "4:15"
);

warns!(
    sub_button_name_over_60_bytes_only_in_utf8,
    menu(&format!(
        "    - name: 服务\n      sub_button:\n        - {{ name: {}, type: click, key: K }}\n",
        "服".repeat(21)
    )),
    "6:19"
);

rejects!(
    sub_button_name_over_60_bytes,
    menu(&format!(
        "    - name: 服务\n      sub_button:\n        - {{ name: {}, type: click, key: K }}\n",
        "n".repeat(61)
    )),
    "6:19"
);

rejects!(
    key_over_128_bytes,
    menu(&format!(
        "    - {{ name: a, type: click, key: {} }}\n",
        "K".repeat(129)
    )),
    "4:36"
);

rejects!(
    url_over_1024_bytes,
    menu(&format!(
        "    - {{ name: a, type: view, url: \"https://example.com/{}\" }}\n",
        "p".repeat(1006)
    )),
    "4:35"
);

rejects!(
    url_must_be_http,
    menu("    - { name: a, type: view, url: \"ftp://example.com/\" }\n"),
    "4:35"
);

rejects!(
    click_needs_a_key,
    menu("    - { name: a, type: click }\n"),
    "4:24"
);

warns!(
    wechat_ignores_a_key_on_a_view,
    menu("    - { name: a, type: view, url: \"https://example.com/\", key: K }\n"),
    "4:64"
);

warns!(
    wechat_ignores_a_url_on_a_click,
    menu("    - { name: a, type: click, key: K, url: \"ftp://not checked\" }\n"),
    "4:44"
);

rejects!(
    a_mini_program_appid_is_not_an_original_id,
    menu(
        "    - name: 小程序
      type: miniprogram
      url: https://example.com/
      appid: gh_0123456789ab
      pagepath: pages/index/index
"
    ),
    "7:14"
);

rejects!(
    types_are_lowercase,
    menu("    - { name: a, type: CLICK, key: K }\n"),
    "4:24"
);

rejects!(
    console_only_types_cannot_be_set_through_the_api,
    menu("    - { name: a, type: text }\n"),
    "4:24"
);

rejects!(
    unknown_type,
    menu("    - { name: a, type: clik, key: K }\n"),
    "4:24"
);

warns!(
    wechat_ignores_a_type_on_a_folder,
    menu(
        "    - name: 服务\n      type: click\n      sub_button:\n        - { name: a, type: click, key: K }\n"
    ),
    "5:13"
);

warns!(
    wechat_ignores_a_url_on_a_folder,
    menu(
        "    - name: 服务\n      url: https://example.com/\n      sub_button:\n        - { name: a, type: click, key: K }\n"
    ),
    "5:12"
);

rejects!(
    a_folder_needs_sub_buttons,
    menu("    - { name: 服务, sub_button: [] }\n"),
    "4:31"
);

rejects!(
    six_sub_buttons,
    menu(
        "    - name: 服务
      sub_button:
        - { name: a, type: click, key: A }
        - { name: b, type: click, key: B }
        - { name: c, type: click, key: C }
        - { name: d, type: click, key: D }
        - { name: e, type: click, key: E }
        - { name: f, type: click, key: F }
"
    ),
    "11:19"
);

rejects!(
    menus_have_two_levels,
    menu(
        "    - name: 服务
      sub_button:
        - name: more
          sub_button: [{ name: a, type: click, key: A }]
"
    ),
    "7:23"
);

rejects!(
    miniprogram_needs_pagepath,
    menu(
        "    - name: 小程序
      type: miniprogram
      url: https://example.com/
      appid: wx286b93c14bbf93aa
"
    ),
    "5:13"
);

rejects!(
    a_leaf_needs_a_type,
    menu("    - { name: a, key: K }\n"),
    "4:15"
);

rejects!(
    a_button_needs_a_name,
    menu("    - { type: click, key: K }\n"),
    "4:7"
);

rejects!(
    a_button_name_is_not_empty,
    menu("    - { name: \"\", type: click, key: K }\n"),
    "4:15"
);

#[test]
fn every_api_type_with_its_fields_is_valid() {
    let run = validate_yaml(menu(
        "    - name: 事件
      sub_button:
        - { name: click, type: click, key: K1 }
        - { name: push, type: scancode_push, key: K2 }
        - { name: wait, type: scancode_waitmsg, key: K3 }
        - { name: photo, type: pic_sysphoto, key: K4 }
        - { name: album, type: pic_photo_or_album, key: K5 }
    - name: 更多
      sub_button:
        - { name: weixin, type: pic_weixin, key: K6 }
        - { name: location, type: location_select, key: K7 }
        - { name: media, type: media_id, media_id: MEDIA }
        - { name: limited, type: view_limited, media_id: MEDIA }
        - { name: article, type: article_id, article_id: ARTICLE }
    - name: 其他
      sub_button:
        - { name: read, type: article_view_limited, article_id: ARTICLE }
        - { name: view, type: view, url: \"http://example.com/\" }
        - { name: mp, type: miniprogram, url: \"https://example.com/\", appid: wx286b93c14bbf93aa, pagepath: pages/index }
",
    ));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_menu_json_from_wechat_is_valid_yaml() {
    // menu/get's shape: JSON, `sub_button: []` on leaves, escaped slashes.
    let run = validate_yaml(
        r#"{"version": 1, "menu": {"button": [
  {"type": "view", "name": "我的首页", "url": "http:\/\/example.com\/index", "sub_button": []},
  {"name": "轻松娱乐", "sub_button": [
     {"type": "click", "name": "刮刮乐", "key": "VCX_GUAHAPPY", "sub_button": []}]}]}}"#,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "wxform.yaml is valid: 1 menu\n");
}

#[test]
fn an_empty_button_list_deletes_the_menu() {
    let run = validate_yaml("version: 1\nmenu: { button: [] }\n");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wxform.yaml is valid: the default menu deleted\n"
    );
}

#[test]
fn the_base_menu_of_these_tests_is_valid() {
    let run = validate_yaml(MENU);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}
