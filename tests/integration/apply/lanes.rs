//! Lanes side by side: a failure in one lane while a call of another is under way. No lane
//! starts another step after the failure; the call under way ends and is reported as applied;
//! steps that wait for it are not attempted; two steps failing at once are both reported. The
//! emulator pauses the calls, so that each run follows the same course.

use super::{Account, both, code, spawn_apply};
use crate::support::account::wait_for;
use crate::support::run::stderr;
use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStderr};

const MENU_CREATE: &str = "/cgi-bin/menu/create";
const ADD_TEMPLATE: &str = "/cgi-bin/template/api_add_template";

/// The shop, applied, then changed in three lanes' worth: a new template (the templates lane),
/// the default menu, and the Android menu (deleted and added again once the default menu is
/// done).
fn three_changes() -> Account {
    let account = Account::shop_applied();
    account.edit_config(
        "  items:\n    - name: order_paid\n",
        "  items:\n    - name: order_sent\n      short_id: OPENTM405456204\n      title: 订单发货通知\n      keywords: [订单编号, 物流公司, 物流单号]\n    - name: order_paid\n",
    );
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    account.edit_config("name: 下载App", "name: 安卓App");
    account
}

/// An apply of [`three_changes`] with both its first calls (the template and the menu) paused.
fn paused_at_both(account: &Account) -> Child {
    account.emulator.pause_mutation_on(MENU_CREATE, 0);
    account.emulator.pause_mutation_on(ADD_TEMPLATE, 0);
    let mut child = spawn_apply(account, "cache");
    wait_for(&mut child, "both calls came", || {
        account.emulator.paused() == 2
    });
    child
}

/// `child`'s stderr after the line that starts with `start`, which it must print.
fn after_line(child: &mut Child, start: &str) -> Lines<BufReader<ChildStderr>> {
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let found = lines.by_ref().any(|line| line.unwrap().starts_with(start));
    assert!(found, "apply never said {start}");
    lines
}

#[test]
fn a_failure_in_one_lane_lets_the_call_under_way_in_another_end() {
    let account = three_changes();
    let mut child = paused_at_both(&account);
    account.emulator.fail_on(ADD_TEMPLATE, 1, 45009);
    account.emulator.resume_on(ADD_TEMPLATE);
    // Once apply has said the template failed, no step starts; the menu is still under way.
    let rest = after_line(&mut child, "+ template.order_sent … failed");
    account.emulator.resume_on(MENU_CREATE);
    let err: Vec<String> = rest.map(Result::unwrap).collect();
    let err = err.join("\n");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("~ menu … done ("), "{err}");
    let report = &err[err.find("\nerror: apply stopped").unwrap()..];
    report_snapshot!("a_failure_in_one_lane", report);
    assert_eq!(
        account.mutations(),
        [
            "POST /cgi-bin/template/api_add_template",
            "POST /cgi-bin/menu/create"
        ],
        "the Android menu was not touched"
    );

    let rerun = account.apply_ok(&["--auto-approve", "--allow-destroy"]);
    assert_eq!(code(&rerun), 0, "{}", both(&rerun));
    assert_eq!(account.plan_code(), 0);
}

#[test]
fn two_steps_failing_at_once_are_both_reported_in_plan_order() {
    let account = three_changes();
    let child = paused_at_both(&account);
    account.emulator.fail_on(MENU_CREATE, 1, 45009);
    account.emulator.fail_on(ADD_TEMPLATE, 1, 45009);
    account.emulator.resume_all();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 1, "{}", both(&output));
    let err = stderr(&output);
    for line in ["+ template.order_sent … failed (", "~ menu … failed ("] {
        assert!(err.contains(line), "{line}: {err}");
    }
    let report = &err[err.find("\nerror: apply stopped").unwrap()..];
    report_snapshot!("two_failures_at_once", report);
    assert_eq!(account.mutations().len(), 2, "{:?}", account.mutations());
}
