//! Two applies of the same configuration at once, as real processes against one emulator.
//!
//! On two machines (two cache directories, so no shared lock): apply A is paused on one of its
//! writes while apply B runs from start to end; then A goes on. Right before each add, A reads
//! the account again and adopts what B created, so the account ends with one copy of
//! everything, both runs succeed, and a third apply has nothing to do. An add whose re-read
//! fails is not made.

use super::{Account, SHOP_MUTATIONS, SHOP_YAML, both, code, successful_mutations};
use crate::support::account::wait_for;
use crate::support::run::stderr;
use std::process::{Child, Output, Stdio};

/// `apply --auto-approve` with its own cache directory: another machine.
fn spawn_apply(account: &Account, cache: &str) -> Child {
    account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_CACHE_DIR", account.path(cache))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the emulator has paused `count` requests; `child` must not end before.
fn wait_until_paused(account: &Account, child: &mut Child, count: usize) {
    wait_for(child, "its call was paused", || {
        account.emulator.paused() >= count
    });
}

/// A pauses at its (k+1)-th write; B applies everything; A goes on. Returns A's output.
fn race(k: usize) -> (Account, Output) {
    let account = Account::empty();
    account.write_config(SHOP_YAML);
    account.emulator.pause_mutation(k);
    let mut first = spawn_apply(&account, "cache-a");
    wait_until_paused(&account, &mut first, 1);

    let second = account
        .wxform()
        .args(["apply", "--auto-approve"])
        .env("WXFORM_CACHE_DIR", account.path("cache-b"))
        .output()
        .unwrap();
    assert_eq!(
        code(&second),
        0,
        "k={k}: the second apply: {}",
        both(&second)
    );

    account.emulator.resume();
    let first = first.wait_with_output().unwrap();
    assert_eq!(code(&first), 0, "k={k}: the first apply: {}", both(&first));
    (account, first)
}

/// One successful add per object, whoever made it; then a third apply makes no call.
fn assert_one_copy_and_converged(account: &Account, k: usize) {
    let adds = successful_mutations(&account.emulator.requests());
    for (path, count) in [
        ("/cgi-bin/tags/create", 3),
        ("/cgi-bin/template/api_add_template", 2),
        ("/wxaapi/newtmpl/addtemplate", 1),
        ("/cgi-bin/menu/addconditional", 2),
    ] {
        assert_eq!(adds.get(path), Some(&count), "k={k}: {path}: {adds:?}");
    }
    account.assert_shop_without_duplicates();
    account.emulator.clear_requests();
    account.apply_ok(&["--auto-approve"]);
    assert!(
        account.mutations().is_empty(),
        "k={k}: {:?}",
        account.mutations()
    );
}

#[test]
fn a_run_paused_before_its_first_write_adopts_everything_the_other_made() {
    // A's tags/create reaches WeChat after B created the tag: "name already used", and the
    // re-read shows the tag; every later add finds B's object on its re-read.
    let (account, first) = race(0);
    let err = stderr(&first);
    assert!(
        err.contains("+ tag.VIP … done: the account already shows this change"),
        "{err}"
    );
    for adopted in [
        "+ tag.老客户 … done: another run has just made it (id ",
        "+ template.order_paid … done: another run has just made it (template_id ",
        "+ subscribe_template.delivery … done: another run has just made it (priTmplId ",
        "+ conditional_menu.vip-ios … done: another run has just made it (menuid ",
        "+ conditional_menu.android … done: another run has just made it (menuid ",
    ] {
        assert!(err.contains(adopted), "{adopted}: {err}");
    }
    assert_one_copy_and_converged(&account, 0);
}

#[test]
fn a_run_paused_on_any_other_write_leaves_one_copy_of_everything() {
    // The shop's writes from an empty account: tags 0–2, industry 3, templates 4–5,
    // subscribe template 6, menu 7, conditional menus 8–9. An add of a template or a menu
    // caught in flight while the other run adds the same object is beyond any client's reach
    // (WeChat takes no idempotency key); every other pause is here.
    for k in [1, 2, 3, 7] {
        let (account, _) = race(k);
        assert_one_copy_and_converged(&account, k);
    }
    assert_eq!(SHOP_MUTATIONS, 10);
}

#[test]
fn an_add_whose_re_read_fails_is_not_made() {
    use crate::client::support::client;
    use crate::support::emulator::Emulator;
    use wxform::apply::execute;
    use wxform::plan::{Step, plan};

    let emulator = Emulator::start();
    let client = client(&emulator);
    let desired = wxform::config::load_str(
        "wxform.yaml",
        "version: 1\ntags:\n  items:\n    - name: VIP\n",
    )
    .unwrap()
    .desired;
    let live = wxform::wechat::read_live(&client, wxform::wechat::Sections::for_desired(&desired))
        .unwrap();
    let planned = plan(&desired, &live);
    assert_eq!(
        planned.apply_steps(),
        [Step::CreateTag { name: "VIP".into() }]
    );
    // The account can no longer be read: no add without knowing what is there.
    emulator.fail_on("/cgi-bin/tags/get", 1, 48001);
    let steps = planned.planned_steps();
    let report = execute(&client, &desired, &live, steps, &mut |_| {});
    let failed = report.failed.expect("the step fails");
    assert!(
        failed.error.to_string().contains("tags/get"),
        "{}",
        failed.error
    );
    assert!(!failed.error.outcome_unknown());
    assert!(emulator.mutating_requests().is_empty());
}
