//! The shape of a file: every unknown key and every missing key, at any depth, reported in one
//! run at its own place, with "did you mean" for a misspelt key or word.

use super::{MENU, validate_yaml};

/// "severity: message @ line:col (help)" for each diagnostic of a `validate` run, in order.
fn headlines(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !(line.starts_with("error: ") || line.starts_with("warning: ")) {
            continue;
        }
        let place = lines
            .get(i + 1)
            .and_then(|next| next.trim_start().strip_prefix("--> wxform.yaml:"))
            .unwrap_or("nowhere");
        let help = lines[i + 1..]
            .iter()
            .take_while(|next| !next.is_empty())
            .find_map(|next| next.trim_start().strip_prefix("= help: "))
            .map(|help| format!(" ({help})"))
            .unwrap_or_default();
        found.push(format!("{line} @ {place}{help}"));
    }
    found
}

const EVERYWHERE: &str = "version: 1
acount: { appid: wx1234567890abcdef }
menu:
  button:
    - name: 今日歌曲
      tpye: click
      key: V1001
    - name: 菜单
      sub_buton:
        - { name: a, type: view, url: \"https://example.com/\" }
conditional_menus:
  - name: vip
    matchrule: { tag_id: 100, platfrom: ios }
    button: [{ name: b, type: click, key: B }]
tags:
  unmanged: keep
  items:
    - previously: [老会员]
templates:
  industry: { primary: 1 }
  items:
    - { name: paid, titel: 订单支付成功 }
menu_checks:
  - name: ios users see vip
    user: { tags: [VIP], platfrom: ios }
    see: vip
";

#[test]
fn every_unknown_and_missing_key_is_reported_in_one_run() {
    let run = validate_yaml(EVERYWHERE);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        headlines(&run.stderr),
        [
            "error: unknown key `acount` in the configuration @ 2:1 (did you mean `account`?)",
            "error: unknown key `tpye` in a button @ 6:7 (did you mean `type`?)",
            "error: unknown key `sub_buton` in a button @ 9:7 (did you mean `sub_button`?)",
            "error: unknown key `platfrom` in a matchrule @ 13:31",
            "error: unknown key `unmanged` in `tags` @ 16:3 (did you mean `unmanaged`?)",
            "error: missing key `name` in a tag @ 18:7",
            "error: missing key `secondary` in `templates.industry` @ 20:13",
            "error: missing key `title` in a template @ 22:7",
            "error: unknown key `titel` in a template @ 22:21 (did you mean `title`?)",
            "error: missing key `sees` in a menu check @ 24:5",
            "error: unknown key `platfrom` in a menu check's `user` @ 25:26 (did you mean `platform`?)",
            "error: unknown key `see` in a menu check @ 26:5 (did you mean `sees`?)",
        ]
    );
    assert!(
        run.stderr.ends_with("wxform.yaml: 12 errors\n"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_misspelt_word_gets_the_word_meant() {
    let yaml = format!(
        "{MENU}    - {{ name: 歌曲, type: veiw, url: \"https://example.com/\" }}
conditional_menus:
  - {{ name: a, matchrule: {{ client_platform_type: andriod }}, button: [{{ name: b, type: click, key: B }}] }}
tags:
  unmanaged: delte
"
    );
    // `unmanaged` is read before the rules run: its word is reported alone.
    let run = validate_yaml(&yaml);
    assert_eq!(
        headlines(&run.stderr),
        ["error: unknown value `delte` @ 9:14 (did you mean `delete`?)"]
    );
    let run = validate_yaml(yaml.replace("delte", "delete"));
    assert_eq!(
        headlines(&run.stderr),
        [
            "error: unknown button type `veiw` @ 5:25 (did you mean `view`?)",
            "error: unknown client_platform_type `andriod` @ 7:51 (did you mean `android`?)",
        ]
    );
}

#[test]
fn a_word_far_from_every_known_one_gets_no_guess() {
    let run = validate_yaml(format!("{MENU}  colour: red\n"));
    assert_eq!(
        headlines(&run.stderr),
        ["error: unknown key `colour` in `menu` @ 5:3"]
    );
    assert!(
        run.stderr
            .contains("= note: the keys of `menu` are: button\n"),
        "{}",
        run.stderr
    );
}
