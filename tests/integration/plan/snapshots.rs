//! The full output of `wxform plan --detailed-exitcode` in text, JSON and Markdown, through the
//! binary against the emulator, for each kind of change. Every run is read-only and reads each
//! endpoint once; the first fetches the token, the next ones reuse the cached token.
//!
//! These are the plan renderers' only snapshots: pinned here, through the binary, they also
//! cover reading and normalising the live state, the exit code and stderr, which a snapshot of
//! `render_*` over a hand-built plan would not. `src/render/` keeps unit tests of single
//! properties (colours, escaping, truncation).

use super::{
    ALL_QUOTAS, ALL_READS, Account, SHOP_YAML, edit, filters, once_each, shop_state, transcript,
    with_quotas,
};
use crate::support::emulator::{State, Template};

/// Plans `account` in every format and pins each transcript as `<name>_<format>`.
fn snapshot_every_format(name: &str, account: &Account, exit: i32) {
    snapshot_reading_quotas(name, account, exit, ALL_QUOTAS);
}

/// [`snapshot_every_format`] for a configuration whose sections write with `quotas` endpoints.
fn snapshot_reading_quotas(name: &str, account: &Account, exit: i32, quotas: usize) {
    for (i, format) in ["text", "json", "markdown"].into_iter().enumerate() {
        account.emulator.clear_requests();
        let run = account.run(&["plan", "--format", format, "--detailed-exitcode"]);
        assert_eq!(run.code, Some(exit), "{format}: {}", run.stderr);
        account.assert_read_only();
        let mut expected = with_quotas(once_each(&ALL_READS), quotas);
        if i > 0 {
            // The token from the first run is cached.
            expected.remove("/cgi-bin/stable_token");
        }
        assert_eq!(account.counts(), expected, "{format}");
        let mut settings = insta::Settings::clone_current();
        for (pattern, replacement) in filters(account.dir.path()) {
            settings.add_filter(&pattern, replacement);
        }
        settings.bind(|| insta::assert_snapshot!(format!("{name}_{format}"), transcript(&run)));
    }
}

fn with_state(change: impl FnOnce(&mut State)) -> State {
    let mut state = shop_state();
    change(&mut state);
    state
}

#[test]
fn no_change() {
    let account = Account::shop();
    snapshot_every_format("no_change", &account, 0);
}

#[test]
fn sub_button_renamed() {
    let yaml = edit(
        SHOP_YAML,
        "{ name: 官方商城, type: view",
        "{ name: 商城首页, type: view",
    );
    snapshot_every_format("sub_button_renamed", &Account::new(shop_state(), &yaml), 2);
}

#[test]
fn button_type_changed() {
    let yaml = edit(
        SHOP_YAML,
        "{ name: 联系客服, type: click, key: CONTACT_SERVICE }",
        "{ name: 联系客服, type: view, url: \"https://shop.example.com/service\" }",
    );
    snapshot_every_format("button_type_changed", &Account::new(shop_state(), &yaml), 2);
}

#[test]
fn conditional_menu_inserted_in_the_middle() {
    let yaml = edit(
        SHOP_YAML,
        "  - name: android\n",
        "  - name: regulars
    matchrule:
      tag: 老客户
    button:
      - { name: 老客专享, type: click, key: REGULAR_DEALS }
  - name: android\n",
    );
    let account = Account::new(shop_state(), &yaml);
    snapshot_every_format("conditional_menu_inserted_in_the_middle", &account, 2);
}

#[test]
fn tag_renamed_via_previously() {
    let state = with_state(|state| state.tags[1].name = "beta".into());
    snapshot_every_format(
        "tag_renamed_via_previously",
        &Account::new(state, SHOP_YAML),
        2,
    );
}

#[test]
fn template_added_and_one_deleted() {
    let yaml = edit(
        SHOP_YAML,
        "  unmanaged: keep\n  items:\n    - name: order_paid\n",
        "  unmanaged: delete
  items:
    - name: refund
      short_id: OPENTM207103254
      title: 退款通知
      keywords: [退款金额, 退款原因]
    - name: order_paid\n",
    );
    let state = with_state(|state| {
        state.templates.push(Template {
            template_id: "iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s".into(),
            title: "领取奖金提醒".into(),
            content: "{{first.DATA}}\n领奖金额:{{keyword1.DATA}}\n{{remark.DATA}}".into(),
            example: String::new(),
            industry: Some(1),
        })
    });
    snapshot_every_format(
        "template_added_and_one_deleted",
        &Account::new(state, &yaml),
        2,
    );
}

#[test]
fn industry_changed() {
    let state = with_state(|state| state.industry.as_mut().unwrap().secondary = 4);
    snapshot_every_format("industry_changed", &Account::new(state, SHOP_YAML), 2);
}

#[test]
fn conditional_menu_matchrule_changed() {
    let yaml = edit(
        SHOP_YAML,
        "      tag: VIP\n      client_platform_type: ios\n",
        "      tag: VIP\n      client_platform_type: others\n",
    );
    let account = Account::new(shop_state(), &yaml);
    snapshot_every_format("conditional_menu_matchrule_changed", &account, 2);
}

#[test]
fn menu_deleted_with_its_conditional_menus() {
    // `menu: {button: []}` and no `conditional_menus`: WeChat's menu/delete takes every
    // conditional menu with the default menu, and the plan says so.
    let header = &SHOP_YAML[..SHOP_YAML.find("\nmenu:\n").unwrap()];
    let rest = &SHOP_YAML[SHOP_YAML.find("\ntags:\n").unwrap()..];
    let yaml = format!("{header}\nmenu: {{ button: [] }}\n{rest}");
    let account = Account::new(shop_state(), &yaml);
    // Without conditional_menus, menu/delconditional's quota is not read.
    let quotas = ALL_QUOTAS - 1;
    snapshot_reading_quotas(
        "menu_deleted_with_its_conditional_menus",
        &account,
        2,
        quotas,
    );
}
