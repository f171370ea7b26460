//! The rules `validate` applies to `menu_checks:` (file:line:col diagnostics) and the warning
//! for a conditional menu nobody can see.

use crate::support::account::{Account, edit};
use crate::support::run::{Run, contains, ends_with, starts_with};
use crate::support::shop::{SHOP_YAML, shop_state};
use crate::validate::validate_yaml;

/// The shop's conditional menus and tags, with `checks` as its menu_checks.
fn checks(checks: &str) -> Run {
    let start = SHOP_YAML.find("menu_checks:\n").unwrap();
    let end = SHOP_YAML.find("\ntags:\n").unwrap();
    validate_yaml(format!(
        "{}menu_checks:\n{checks}{}",
        &SHOP_YAML[..start],
        &SHOP_YAML[end..]
    ))
}

/// `line:col` in the file [`checks`] writes, counting `line` from the first check.
fn at(line: usize, col: usize) -> String {
    let first = SHOP_YAML[..SHOP_YAML.find("menu_checks:\n").unwrap()]
        .lines()
        .count()
        + 2;
    format!("{}:{col}", first + line - 1)
}

/// `run` failed with exactly one error, `message`, at `at`.
fn one_error(run: &Run, message: &str, at: String) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    starts_with(&run.stderr, &format!("error: {message}\n"));
    contains(&run.stderr, &format!("--> wxform.yaml:{at}\n"));
    ends_with(&run.stderr, "wxform.yaml: 1 error\n");
}

#[test]
fn sees_names_the_default_menu_or_a_conditional_menu() {
    let run = checks("  - { name: a, user: { tags: [VIP] }, sees: vip }\n");
    one_error(
        &run,
        "menu check `a` expects `vip`, which is not a menu of this file",
        at(1, 45),
    );
    contains(&run.stderr, "the menus are `menu`, `vip-ios`, `android`");
}

#[test]
fn a_check_names_exactly_one_follower() {
    one_error(
        &checks("  - { name: both, user: {}, openid: o1, sees: menu }\n"),
        "menu check `both` has both `user` and `openid`",
        at(1, 37),
    );
    one_error(
        &checks("  - { name: nobody, sees: menu }\n"),
        "menu check `nobody` names no follower",
        at(1, 5),
    );
}

#[test]
fn platforms_tags_and_names_are_checked() {
    one_error(
        &checks("  - { name: a, user: { platform: harmony }, sees: menu }\n"),
        "unknown platform `harmony`",
        at(1, 34),
    );
    one_error(
        &checks("  - { name: a, user: { tags: [VIP, vip] }, sees: menu }\n"),
        "tag `vip` is not known to this file",
        at(1, 36),
    );
    one_error(
        &checks(
            "  - { name: a, openid: o1, sees: menu }\n  - { name: a, openid: o2, sees: menu }\n",
        ),
        "menu check name `a` is used twice",
        at(2, 13),
    );
    // WeChat's own tag is always known.
    let run = checks("  - { name: starred, user: { tags: [星标组] }, sees: menu }\n");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn an_openid_check_for_an_unmanaged_default_menu_is_a_warning() {
    // Without `menu:` there are no buttons to recognise the default menu by; a described
    // follower needs none.
    let run = validate_yaml(
        "version: 1\n\
         tags:\n  items: [{ name: VIP }]\n\
         menu_checks:\n\
         \x20 - { name: the test phone, openid: o1, sees: menu }\n\
         \x20 - { name: a described follower, user: { tags: [VIP] }, sees: menu }\n",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    starts_with(
        &run.stderr,
        "warning: menu check `the test phone` cannot recognise the default menu: this file does not manage `menu`\n",
    );
    contains(&run.stderr, "--> wxform.yaml:5:47\n");
    contains(&run.stderr, "wxform.yaml: 1 warning\n");
}

#[test]
fn validate_names_an_unreachable_menu_and_the_newer_one_hiding_it() {
    // Android users, VIP or not, now see `android`: `vip-android` before it is never seen.
    let yaml = edit(
        SHOP_YAML,
        "  - name: android\n",
        "  - name: vip-android\n    matchrule: { tag: VIP, client_platform_type: android }\n    button: [{ name: 会员, type: click, key: VIP }]\n  - name: android\n",
    );
    let run = validate_yaml(&yaml);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    starts_with(
        &run.stderr,
        "warning: conditional menu `vip-android` is never seen: `android`, later in conditional_menus, matches everyone it matches\n",
    );
    // The matchrule of `vip-android`, the line after its name.
    let line = yaml[..yaml.find("  - name: vip-android").unwrap()]
        .lines()
        .count()
        + 2;
    contains(&run.stderr, &format!("--> wxform.yaml:{line}:16\n"));
    insta::assert_snapshot!("unreachable_menu_warning", run.stderr);
    contains(&run.stderr, "`android` is tried first");

    // `plan` says so in the plan itself.
    let account = Account::new(shop_state(), &yaml);
    let plan = account.run(&["plan"]);
    contains(
        &plan.stdout,
        "conditional_menu.vip-android is never seen: conditional_menu.android, later in conditional_menus, matches everyone it matches",
    );
}
