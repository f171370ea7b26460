//! `apply --plan`: the file is a claim. An edited, forged or truncated plan is refused with zero
//! writes, and what an accepted plan shows is the plan computed now, not the file.

use super::{Account, both, code};
use crate::support::emulator::Tag;
use crate::support::run::{stderr, stdout};
use serde_json::Value;

/// The shop applied, then a configuration that deletes the tag 老客户 and renames a button:
/// a destructive plan, saved to `plan.json`.
fn destructive_plan() -> Account {
    let account = Account::shop_applied();
    account.edit_config("    - name: 老客户\n", "");
    account.edit_config(
        "unmanaged: keep\n  items:\n    - name: VIP",
        "unmanaged: delete\n  items:\n    - name: VIP",
    );
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0, "{}", both(&planned));
    account.emulator.clear_requests();
    account
}

fn edit_plan(account: &Account, edit: impl FnOnce(&mut Value)) {
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    let mut plan: Value = serde_json::from_str(&text).unwrap();
    edit(&mut plan);
    std::fs::write(account.path("plan.json"), plan.to_string()).unwrap();
}

/// `apply --plan plan.json` is refused: exit 1, no write, nothing from the file on stdout.
fn assert_refused(account: &Account) -> String {
    let output = account.apply(&["--plan", "plan.json"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(
        account.emulator.mutating_requests().is_empty(),
        "no write: {:?}",
        account.mutations()
    );
    assert_eq!(stdout(&output), "", "nothing is shown from the file");
    let err = stderr(&output);
    assert!(
        err.contains("plan.json does not match what wxform would do now"),
        "{err}"
    );
    assert!(err.contains("Nothing was changed."), "{err}");
    err
}

#[test]
fn a_plan_whose_actions_were_removed_cannot_delete_silently() {
    // With no action left, the file would print "No changes" and pass the destroy guard
    // while its steps still delete a tag. Its steps no longer follow from its actions: refused
    // as soon as it is read.
    let account = destructive_plan();
    edit_plan(&account, |plan| plan["actions"] = Value::Array(Vec::new()));
    let err = assert_refused(&account);
    assert!(
        err.contains("the list of steps does not follow from its actions"),
        "{err}"
    );
    assert!(account.emulator.requests().is_empty(), "no call at all");
    // Removed with its steps and its summary, it is consistent, but not the plan of now.
    edit_plan(&account, |plan| {
        plan["steps"] = Value::Array(Vec::new());
        plan["summary"] = serde_json::json!(
            {"add": 0, "change": 0, "replace": 0, "destroy": 0, "has_changes": false}
        );
    });
    let err = assert_refused(&account);
    assert!(
        err.contains("the number of actions (0 in the file, 2 now) differs"),
        "{err}"
    );
}

#[test]
fn a_plan_that_calls_a_delete_harmless_is_refused() {
    let account = destructive_plan();
    edit_plan(&account, |plan| {
        for action in plan["actions"].as_array_mut().unwrap() {
            action["destructive"] = Value::Bool(false);
            action["warnings"] = Value::Array(Vec::new());
        }
    });
    let err = assert_refused(&account);
    assert!(err.contains("the list of warnings of action"), "{err}");
    // The honest file still needs --allow-destroy, and then applies.
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0);
    let output = account.apply(&["--plan", "plan.json"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("--allow-destroy was not given"));
    account.apply_ok(&["--plan", "plan.json", "--allow-destroy"]);
    assert_eq!(
        account.mutations(),
        ["POST /cgi-bin/menu/create", "POST /cgi-bin/tags/delete"]
    );
}

#[test]
fn a_plan_with_a_forged_step_is_refused() {
    let account = destructive_plan();
    edit_plan(&account, |plan| {
        let vip = plan["steps"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|step| step["op"] == "delete_tag")
            .unwrap();
        vip["id"] = Value::from(100);
        vip["name"] = Value::from("VIP");
    });
    let err = assert_refused(&account);
    assert!(err.contains("the list of steps"), "{err}");
    assert_eq!(account.emulator.state().tags.len(), 3);
}

#[test]
fn a_truncated_plan_is_refused_before_any_call() {
    let account = destructive_plan();
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    let cut = text.char_indices().nth(text.chars().count() / 2).unwrap().0;
    std::fs::write(account.path("plan.json"), &text[..cut]).unwrap();
    let output = account.apply(&["--plan", "plan.json", "--allow-destroy"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(account.emulator.requests().is_empty(), "no call at all");
    let err = stderr(&output);
    assert!(
        err.contains(
            "plan.json does not match what wxform would do now: it is not a complete wxform plan file"
        ),
        "{err}"
    );
}

#[test]
fn an_accepted_plan_shows_what_plan_shows() {
    // The file holds no "not managed" list; what apply shows is the plan computed now.
    let account = Account::shop_applied();
    account
        .emulator
        .update_state(|state| state.tags.push(Tag::new(150, "控制台新建")));
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0, "{}", both(&planned));
    let shown = stdout(&planned);
    assert!(shown.contains("控制台新建"), "{shown}");
    let applied = account.apply_ok(&["--plan", "plan.json"]);
    assert!(
        stdout(&applied).starts_with(&shown),
        "apply shows the plan:\n{shown}\n---\n{}",
        stdout(&applied)
    );
    assert_eq!(account.mutations(), ["POST /cgi-bin/menu/create"]);
}

#[test]
fn followers_tagged_since_the_plan_do_not_make_it_stale() {
    // Follower counts move all day; the reviewed plan still deletes the same tag. The warning
    // apply shows is the one computed now, with today's count.
    let account = destructive_plan();
    account.emulator.update_state(|state| {
        let tag = state
            .tags
            .iter_mut()
            .find(|tag| tag.name == "老客户")
            .unwrap();
        tag.count += 7;
    });
    let output = account.apply_ok(&["--plan", "plan.json", "--allow-destroy"]);
    let shown = stdout(&output);
    assert!(shown.contains("- tag.老客户"), "{shown}");
    assert_eq!(
        account.mutations(),
        ["POST /cgi-bin/menu/create", "POST /cgi-bin/tags/delete"]
    );
}

#[test]
fn a_refused_destructive_saved_plan_hints_at_applying_that_same_plan() {
    let account = destructive_plan();
    let output = account.apply(&["--plan", "plan.json"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(account.emulator.mutating_requests().is_empty());
    let err = stderr(&output);
    assert!(err.contains("--allow-destroy was not given"), "{err}");
    assert!(
        err.contains("run `wxform apply --plan plan.json --allow-destroy` to make these changes"),
        "the hint keeps the reviewed plan: {err}"
    );

    account.apply_ok(&["--plan", "plan.json", "--allow-destroy"]);
    assert!(
        account
            .mutations()
            .contains(&"POST /cgi-bin/tags/delete".to_string())
    );
}

/// The hint after a refused saved plan makes that plan again and applies that same file,
/// never a bare `wxform apply`, which would apply a plan nobody reviewed.
fn assert_hints_at_the_same_plan(err: &str) {
    assert!(
        err.contains(
            "Make the plan again with `wxform plan --out plan.json`, review it, then run `wxform apply --plan plan.json`."
        ),
        "{err}"
    );
    assert!(!err.contains("run `wxform apply`"), "{err}");
}

#[test]
fn a_stale_saved_plan_hints_at_making_and_applying_that_same_plan_again() {
    let account = destructive_plan();
    account
        .emulator
        .update_state(|state| state.tags.push(Tag::new(150, "控制台新建")));
    let err = assert_refused(&account);
    assert!(err.contains("the saved plan is stale"), "{err}");
    assert_hints_at_the_same_plan(&err);
}

#[test]
fn a_forged_or_truncated_saved_plan_hints_at_making_that_same_plan_again() {
    let account = destructive_plan();
    edit_plan(&account, |plan| plan["actions"] = Value::Array(Vec::new()));
    assert_hints_at_the_same_plan(&assert_refused(&account));

    std::fs::write(account.path("plan.json"), "{\"format_version\": 2, ").unwrap();
    account.emulator.clear_requests();
    let output = account.apply(&["--plan", "plan.json"]);
    assert_eq!(code(&output), 1, "{}", both(&output));
    assert!(account.emulator.requests().is_empty(), "no call at all");
    assert_hints_at_the_same_plan(&stderr(&output));
}
