//! The guards an apply passes before its first call: a plan with errors is refused, a plan
//! that destroys or replaces something needs `--allow-destroy`, and a plan nobody reviewed
//! needs a typed "yes". Decisions only: the command prints what they say.

use crate::inert;
use crate::plan::{Plan, Step};
use crate::words::plural;
use std::fmt;
use std::io::{self, BufRead, Write};

/// Why a plan may not be applied as it stands. Nothing has been changed when one is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The plan cannot be carried out (a cap exceeded, a tag that cannot be resolved, …).
    Errors(Vec<String>),
    /// The plan destroys or replaces these addresses, and `--allow-destroy` was not given.
    Destroy {
        addresses: Vec<String>,
        /// `menu/delete`, which also deletes every conditional menu.
        deletes_menu: bool,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Errors(errors) => write!(
                f,
                "the plan cannot be applied: {}; nothing was changed",
                errors.join("; ")
            ),
            Refusal::Destroy {
                addresses,
                deletes_menu,
            } => {
                let addresses: Vec<String> = addresses.iter().map(|a| inert::text(a)).collect();
                write!(
                    f,
                    "the plan destroys or replaces {} ({}) and --allow-destroy was not given; nothing was changed",
                    plural(addresses.len(), "resource"),
                    addresses.join(", ")
                )?;
                if *deletes_menu {
                    f.write_str(
                        ". `menu: {button: []}` deletes the default menu, and WeChat then deletes every conditional menu too",
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl Refusal {
    /// What to do next, when there is something to do: the command to run once the plan has
    /// been reviewed. `apply` is the command that was refused, as typed (with `--plan PLAN`
    /// when a saved plan was given, so that the reviewed plan is the one applied).
    pub fn hint(&self, apply: &str) -> Option<String> {
        match self {
            Refusal::Errors(_) => None,
            Refusal::Destroy { .. } => Some(format!(
                "Review the plan above, then run `{apply} --allow-destroy` to make these changes."
            )),
        }
    }
}

/// Whether `plan` may be applied: no errors, and nothing destroyed unless `allow_destroy`.
pub fn check(plan: &Plan, allow_destroy: bool) -> Result<(), Refusal> {
    if plan.has_errors() {
        return Err(Refusal::Errors(plan.errors.clone()));
    }
    if allow_destroy || !plan.is_destructive() {
        return Ok(());
    }
    let destructive = plan.actions.iter().filter(|action| action.destructive);
    Err(Refusal::Destroy {
        addresses: destructive.map(|action| action.address.clone()).collect(),
        deletes_menu: plan
            .actions
            .iter()
            .any(|action| action.steps.contains(&Step::DeleteMenu)),
    })
}

/// Prompts on `out` and reads one line from `input`: only "yes" approves.
pub fn ask(account: &str, input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<bool> {
    write!(
        out,
        "\nDo you want to make these changes to {account}?\n  Only 'yes' is accepted: "
    )?;
    out.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    Ok(answer.trim() == "yes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{plan, testkit::*};

    fn answer(typed: &str) -> (bool, String) {
        let mut prompt = Vec::new();
        let approved = ask("wx1", &mut typed.as_bytes(), &mut prompt).unwrap();
        (approved, String::from_utf8(prompt).unwrap())
    }

    #[test]
    fn only_yes_approves() {
        let (approved, prompt) = answer("yes\n");
        assert!(approved);
        assert!(prompt.contains("make these changes to wx1?"), "{prompt}");
        assert!(answer("  yes  \n").0);
        for refused in ["y\n", "YES\n", "no\n", "\n", ""] {
            assert!(!answer(refused).0, "{refused:?}");
        }
    }

    /// The default menu deleted (`button: []`) on an account that has one.
    fn menu_delete() -> Plan {
        let (desired, live) = scenario_menu_deleted();
        plan(&desired, &live)
    }

    #[test]
    fn a_destructive_plan_needs_allow_destroy_and_names_what_it_destroys() {
        let plan = menu_delete();
        let refusal = check(&plan, false).unwrap_err();
        let text = refusal.to_string();
        assert!(
            text.starts_with("the plan destroys or replaces 4 resources (menu, conditional_menu[menuid=208000001], "),
            "{text}"
        );
        assert!(
            text.contains("deletes every conditional menu too"),
            "{text}"
        );
        assert_eq!(check(&plan, true), Ok(()));
    }

    #[test]
    fn the_hint_repeats_the_refused_command() {
        let refusal = check(&menu_delete(), false).unwrap_err();
        assert_eq!(
            refusal.hint("wxform apply --plan p.json").unwrap(),
            "Review the plan above, then run `wxform apply --plan p.json --allow-destroy` to make these changes."
        );
    }

    #[test]
    fn a_plan_with_errors_is_refused_even_with_allow_destroy() {
        let mut plan = menu_delete();
        plan.errors.push("too many templates".into());
        let refusal = check(&plan, true).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "the plan cannot be applied: too many templates; nothing was changed"
        );
        assert_eq!(refusal.hint("wxform apply"), None);
    }
}
