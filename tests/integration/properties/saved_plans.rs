//! Any single-field edit of a saved plan is refused or changes nothing: `wxform apply --plan`
//! with the edited file, against the same account, either exits 1 without a write, or does
//! exactly what the honest file does (same exit code, same stdout, same calls with the same
//! bodies).
//!
//! Two saved plans: one that adds a tag and changes the menu (the honest file applies), and
//! one that also deletes a tag (the honest file is refused without `--allow-destroy`). An edit
//! picks any node of the plan's JSON (a value deep in a step, an action's flag, a whole array)
//! and changes, removes, empties, duplicates or re-types it. The account is seeded back to the
//! same state before every run. 32 cases per plan by default; `PROPTEST_CASES` overrides.

use crate::support::account::{Account, code};
use crate::support::run::stdout;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

/// What one `apply --plan` did.
#[derive(Debug, PartialEq)]
struct Outcome {
    code: i32,
    stdout: String,
    /// Path and body of every write, sorted: writes of independent lanes are made at the same
    /// time, so their order varies from run to run.
    writes: Vec<(String, String)>,
}

/// Where a node sits in the plan's JSON: object keys and array indexes.
#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

fn cases() -> u32 {
    let cases = std::env::var("PROPTEST_CASES").ok();
    cases.and_then(|n| n.parse().ok()).unwrap_or(32)
}

/// Every node below the root.
fn paths(value: &Value, prefix: &mut Vec<Segment>, out: &mut Vec<Vec<Segment>>) {
    let children: Vec<(Segment, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (Segment::Key(k.clone()), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Segment::Index(i), v))
            .collect(),
        _ => Vec::new(),
    };
    for (segment, child) in children {
        prefix.push(segment);
        out.push(prefix.clone());
        paths(child, prefix, out);
        prefix.pop();
    }
}

fn node<'a>(root: &'a mut Value, path: &[Segment]) -> &'a mut Value {
    path.iter().fold(root, |value, segment| match segment {
        Segment::Key(key) => &mut value[key.as_str()],
        Segment::Index(index) => &mut value[*index],
    })
}

/// Edit number `kind` of the node at `path`: each kind means something for each JSON type.
fn edit(root: &Value, path: &[Segment], kind: u8) -> Value {
    let mut edited = root.clone();
    if kind == 0 {
        // Remove the node from its parent.
        let (last, parent) = path.split_last().unwrap();
        match (node(&mut edited, parent), last) {
            (Value::Object(map), Segment::Key(key)) => {
                map.remove(key);
            }
            (Value::Array(items), Segment::Index(index)) => {
                items.remove(*index);
            }
            _ => unreachable!("a path follows the value"),
        }
        return edited;
    }
    let target = node(&mut edited, path);
    *target = match (target.take(), kind) {
        (_, 1) => Value::Null,
        (Value::Bool(flag), _) => Value::Bool(!flag),
        (Value::Number(n), 2) => Value::from(n.as_i64().unwrap_or(0) + 1),
        (Value::Number(_), 3) => Value::from(0),
        (Value::Number(n), _) => Value::from(n.to_string()),
        (Value::String(text), 2) => Value::from(format!("{text}x")),
        (Value::String(_), 3) => Value::from(""),
        (Value::String(_), 4) => Value::from(100),
        (Value::String(text), _) => Value::from(text.chars().rev().collect::<String>()),
        (Value::Array(mut items), 2) => {
            items.reverse();
            Value::Array(items)
        }
        (Value::Array(mut items), 3) => {
            if let Some(last) = items.last().cloned() {
                items.push(last);
            }
            Value::Array(items)
        }
        (Value::Array(_), _) => Value::Array(Vec::new()),
        (Value::Object(mut map), 2) => {
            map.insert("extra".into(), Value::from(true));
            Value::Object(map)
        }
        (Value::Object(_), _) => Value::Object(serde_json::Map::new()),
        (Value::Null, 2) => Value::from("wx0000000000000000"),
        (Value::Null, _) => Value::from(true),
    };
    edited
}

/// Seeds `state` back, writes `plan`, runs `apply --plan` with `args`.
fn outcome(account: &Account, state: &crate::support::emulator::State, plan: &str) -> Outcome {
    account.emulator.seed(state.clone());
    account.emulator.clear_requests();
    std::fs::write(account.path("edited.json"), plan).unwrap();
    let output = account.apply(&["--plan", "edited.json"]);
    let mut writes: Vec<(String, String)> = account
        .emulator
        .mutating_requests()
        .into_iter()
        .map(|r| {
            (
                r.path,
                r.body.map(|body| body.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    writes.sort();
    Outcome {
        code: code(&output),
        stdout: stdout(&output),
        writes,
    }
}

/// Runs the property for the plan the account's configuration gives now.
fn check_every_edit(account: &Account) {
    let planned = account.output(&["plan", "--out", "plan.json"]);
    assert_eq!(code(&planned), 0);
    let text = std::fs::read_to_string(account.path("plan.json")).unwrap();
    let plan: Value = serde_json::from_str(&text).unwrap();
    let state = account.emulator.state();
    let honest = outcome(account, &state, &text);
    let mut all = Vec::new();
    paths(&plan, &mut Vec::new(), &mut all);
    let mut runner = TestRunner::new(Config::with_cases(cases()));
    let result = runner.run(&(any::<prop::sample::Index>(), 0..6u8), |(index, kind)| {
        let path = index.get(&all);
        let edited = edit(&plan, path, kind);
        let got = outcome(account, &state, &edited.to_string());
        let refused = got.code == 1 && got.writes.is_empty();
        if !refused && got != honest {
            return Err(TestCaseError::fail(format!(
                "edit {kind} at {path:?} changed what apply does: {got:#?}\nhonest: {honest:#?}"
            )));
        }
        Ok(())
    });
    result.unwrap();
}

#[test]
fn a_single_field_edit_of_a_saved_plan_is_refused_or_changes_nothing() {
    let account = Account::shop_applied();
    account.edit_config("name: 新品上架, type: click", "name: 本周新品, type: click");
    account.edit_config(
        "    - name: 老客户\n",
        "    - name: 老客户\n    - name: 新客户\n",
    );
    check_every_edit(&account);

    // A destructive plan: the honest file is refused without --allow-destroy, and so is
    // every edit of it.
    account.edit_config("    - name: 老客户\n", "");
    account.edit_config(
        "unmanaged: keep\n  items:\n    - name: VIP",
        "unmanaged: delete\n  items:\n    - name: VIP",
    );
    check_every_edit(&account);
}
