//! The Markdown plan for pull-request comments.
//!
//! It opens with a hidden marker (`<!-- wxform:plan:APPID -->`) so a CI job can find and update
//! its own comment, and stays under GitHub's 65,536-character comment limit by leaving out the
//! details that do not fit, with a note saying so.

use super::canonical_yaml::diff_lines;
use super::plan_text::summary_line;
use crate::inert;
use crate::inert::code_span;
use crate::plan::{Action, Plan};
use crate::words::plural;
use std::fmt::Write;

/// GitHub's limit on a comment body, in characters.
pub const MAX_CHARS: usize = 65_536;
/// Room kept for the truncation note.
const RESERVE: usize = 400;

/// How many audiences see a different menu after apply, and which: reviewers who think in
/// what followers see start there. Empty when no menu changes.
fn audiences_line(plan: &Plan) -> String {
    let changed = crate::preview::changed_audiences(plan);
    if changed.is_empty() {
        return String::new();
    }
    let names: Vec<String> = changed.iter().map(|address| code_span(address)).collect();
    format!(
        "Menus change for **{}**: {}.\n\n",
        plural(changed.len(), "audience"),
        names.join(", ")
    )
}

pub fn render_markdown(plan: &Plan) -> String {
    let appid = plan.appid.as_deref().unwrap_or("unknown");
    let mut head = format!(
        "<!-- wxform:plan:{} -->\n### wxform plan for {}\n\n",
        inert::markdown(appid),
        code_span(appid)
    );
    if let Some(line) = super::plan_text::files_line(&plan.config_files, code_span) {
        let _ = writeln!(head, "{line}.\n");
    }
    if let Some(snapshot) = &plan.snapshot {
        let kind = if snapshot.is_warning() {
            "WARNING"
        } else {
            "NOTE"
        };
        let headline = snapshot.headline(code_span);
        let _ = writeln!(head, "> [!{kind}]\n> {headline}\n");
    }
    let _ = writeln!(head, "**{}**\n", summary_line(plan.summary()));
    let _ = write!(head, "{}", audiences_line(plan));
    let mut pieces = Vec::new();
    errors(plan, &mut pieces);
    table(plan, &mut pieces);
    let quota = super::quota_lines::markdown(plan.quota.as_ref());
    if !quota.is_empty() {
        pieces.push(quota);
    }
    pieces.extend(plan.actions.iter().map(details));
    unmanaged(plan, &mut pieces);
    let checks = super::checks::markdown(&plan.menu_checks);
    if !checks.is_empty() {
        pieces.push(checks);
    }
    if !plan.notes.is_empty() {
        pieces.push("#### Notes\n\n".to_string());
        for note in &plan.notes {
            pieces.push(format!("- {}\n", code_span(note)));
        }
    }
    fit(head, pieces)
}

/// Why the plan cannot be applied, first.
fn errors(plan: &Plan, pieces: &mut Vec<String>) {
    if !plan.errors.is_empty() {
        let mut text = String::from("> [!CAUTION]\n> This plan cannot be applied:\n");
        for error in &plan.errors {
            let _ = writeln!(text, "> - {}", code_span(error));
        }
        pieces.push(text + "\n");
    }
}

/// One table row per action.
fn table(plan: &Plan, pieces: &mut Vec<String>) {
    if !plan.actions.is_empty() {
        pieces.push("| | address | action | warnings |\n|---|---|---|---|\n".to_string());
        for action in &plan.actions {
            pieces.push(format!(
                "| `{}` | {} | {} | {} |\n",
                action.kind.symbol(),
                code_span(&action.address),
                action.kind.verb(),
                action.warnings.len()
            ));
        }
        pieces.push("\n".to_string());
    }
}

/// An action's diff, folded, and its warnings. The `<summary>` line is an HTML block, where
/// Markdown does not apply: the address is HTML-escaped inside `<code>`.
fn details(action: &Action) -> String {
    let mut text = format!(
        "<details><summary><code>{} {}</code> will be {}{}</summary>\n\n```diff\n",
        action.kind.symbol(),
        inert::markdown(&action.address),
        action.kind.verb(),
        if action.destructive {
            " (needs <code>--allow-destroy</code>)"
        } else {
            ""
        }
    );
    for (sign, line) in diff_lines(action.before.as_ref(), action.after.as_ref()) {
        // A fence inside the diff would end the code block early.
        let _ = writeln!(text, "{sign} {}", inert::text(&line).replace("```", "ˋˋˋ"));
    }
    text.push_str("```\n\n</details>\n\n");
    for warning in &action.warnings {
        let _ = writeln!(
            text,
            "> [!WARNING]\n> {}: {}\n",
            code_span(&action.address),
            code_span(warning)
        );
    }
    text
}

fn unmanaged(plan: &Plan, pieces: &mut Vec<String>) {
    if !plan.unmanaged.is_empty() {
        pieces.push("#### Not managed (left as they are)\n\n".to_string());
        for item in &plan.unmanaged {
            pieces.push(format!(
                "- {} {} ({}): {}\n",
                item.resource,
                code_span(&item.name),
                code_span(&item.id),
                code_span(&item.reason)
            ));
        }
        pieces.push("\n".to_string());
    }
}

/// `head` and as many `pieces` as fit in one comment, with a note when some do not.
fn fit(head: String, pieces: Vec<String>) -> String {
    let mut out = head;
    let mut used = out.chars().count();
    let total = pieces.len();
    for (index, piece) in pieces.into_iter().enumerate() {
        let size = piece.chars().count();
        if used + size > MAX_CHARS - RESERVE {
            let _ = write!(
                out,
                "\n> [!NOTE]\n> This plan is too long for one comment: {} of {total} parts are not shown. Run `wxform plan` for the full plan.\n",
                total - index
            );
            return out;
        }
        used += size;
        out.push_str(&piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Desired, Live, Menu};
    use crate::plan::{plan, testkit::*};

    #[test]
    fn names_cannot_inject_markup() {
        let mut desired = crate::plan::testkit::base_desired();
        let menus = desired.conditional_menus.as_mut().unwrap();
        menus.push(cond(
            "a|b<img src=x>`",
            None,
            Some(crate::model::Platform::Others),
        ));
        let text = render_markdown(&plan(&desired, &crate::plan::testkit::base_live()));
        assert!(
            text.contains("| `` conditional_menu.a\\|b<img src=x>` `` |"),
            "{text}"
        );
        assert!(
            text.contains(
                "<summary><code>+ conditional_menu.a&#124;b&lt;img src=x&gt;&#96;</code>"
            ),
            "{text}"
        );
        // Only diff lines, inside a code block, and code spans show it as typed: neither
        // renders HTML.
        let raw: Vec<&str> = text.lines().filter(|l| l.contains("<img")).collect();
        let inert = |l: &&str| l.starts_with("+ ") || l.contains("``");
        assert!(raw.iter().all(inert), "{raw:?}");
    }

    #[test]
    fn a_huge_plan_is_truncated_under_the_comment_limit() {
        let long = "很长的菜单".repeat(400);
        let desired = Desired {
            menu: Some(Menu {
                button: vec![leaf(&long, "click", "K")],
            }),
            conditional_menus: Some(
                (0..300)
                    .map(|i| {
                        let mut menu =
                            cond(&format!("m{i}"), None, Some(crate::model::Platform::Ios));
                        menu.button = vec![leaf(&long, "click", &format!("K{i}"))];
                        menu
                    })
                    .collect(),
            ),
            ..Desired::default()
        };
        let text = render_markdown(&plan(&desired, &Live::default()));
        assert!(
            text.chars().count() <= MAX_CHARS,
            "{}",
            text.chars().count()
        );
        assert!(text.starts_with("<!-- wxform:plan:unknown -->\n"));
        assert!(text.contains("This plan is too long for one comment"));
        assert!(text.contains("**Plan: 301 to add"));
        // Truncation happens between parts, never inside a code block.
        assert_eq!(
            text.matches("```diff").count(),
            text.matches("\n```\n").count()
        );
    }
}
