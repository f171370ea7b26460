//! The terraform-like text plan: one block per address with its symbol and a line diff of the
//! resource's canonical YAML, warnings, the "not managed" list, notes, the daily quotas, errors
//! and a summary line.
//!
//! Styles are written as ANSI sequences; give [`write_text`] an `anstream` stream and it keeps or
//! strips them according to the terminal, `--color` and `NO_COLOR`. [`render_text`] is plain.

use super::canonical_yaml::diff_lines;
use crate::inert;
use crate::plan::{Action, ActionKind, Plan, Summary};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

const GREEN: Style = AnsiColor::Green.on_default();
const RED: Style = AnsiColor::Red.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const BOLD: Style = Style::new().bold();

/// The summary line, or the no-changes sentence.
pub fn summary_line(summary: Summary) -> String {
    if summary == Summary::default() {
        "No changes. The live account matches the configuration.".to_string()
    } else {
        format!(
            "Plan: {} to add, {} to change, {} to replace, {} to destroy.",
            summary.add, summary.change, summary.replace, summary.destroy
        )
    }
}

/// The files a configuration made of several was read from, as the plan's header says them
/// (the file given, then `extending` the shared one); `None` for a configuration of one file,
/// whose plan says nothing more than before.
pub fn files_line(files: &[String], name: impl Fn(&str) -> String) -> Option<String> {
    let [given, extended @ ..] = files else {
        return None;
    };
    if extended.is_empty() {
        return None;
    }
    let extended: Vec<String> = extended.iter().map(|file| name(file)).collect();
    Some(format!(
        "Configuration: {}, extending {}",
        name(given),
        extended.join(", ")
    ))
}

/// Write the plan with ANSI styles.
pub fn write_text(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    if let Some(line) = files_line(&plan.config_files, inert::text) {
        writeln!(out, "{line}")?;
        writeln!(out)?;
    }
    if let Some(snapshot) = &plan.snapshot {
        let style = if snapshot.is_warning() {
            YELLOW
        } else {
            Style::new()
        };
        let headline = snapshot.headline(str::to_string);
        writeln!(out, "{style}{headline}{style:#}\n")?;
    }
    if !plan.actions.is_empty() {
        writeln!(out, "wxform will perform the following actions:")?;
    }
    for action in &plan.actions {
        write_action(action, out)?;
    }
    write_list(
        out,
        "Not managed (left as they are):",
        &plan.unmanaged,
        |item| {
            format!(
                "  {} \"{}\" ({}): {}",
                item.resource,
                inert::text(&item.name),
                inert::text(&item.id),
                inert::text(&item.reason)
            )
        },
    )?;
    write_list(out, "Notes:", &plan.notes, |note| {
        format!("  - {}", inert::text(note))
    })?;
    super::quota_lines::write_text(plan.quota.as_ref(), out)?;
    let errors = format!("{RED}Errors: this plan cannot be applied:{RED:#}");
    write_list(out, &errors, &plan.errors, |error| {
        format!("  {RED}-{RED:#} {}", inert::text(error))
    })?;
    let said_something = !(plan.actions.is_empty()
        && plan.unmanaged.is_empty()
        && plan.notes.is_empty()
        && plan.errors.is_empty());
    if said_something {
        writeln!(out)?;
    }
    writeln!(out, "{BOLD}{}{BOLD:#}", summary_line(plan.summary()))?;
    Ok(())
}

/// One action: its heading, its diff and its warnings.
fn write_action(action: &Action, out: &mut dyn Write) -> io::Result<()> {
    let style = kind_style(action.kind);
    writeln!(out)?;
    let needs = if action.destructive {
        " (needs --allow-destroy)"
    } else {
        ""
    };
    writeln!(
        out,
        "  {BOLD}# {} will be {}{needs}{BOLD:#}",
        inert::text(&action.address),
        action.kind.verb()
    )?;
    writeln!(
        out,
        "  {style}{}{style:#} {BOLD}{}{BOLD:#}",
        action.kind.symbol(),
        inert::text(&action.address)
    )?;
    for (sign, line) in diff_lines(action.before.as_ref(), action.after.as_ref()) {
        let style = match sign {
            '+' => GREEN,
            '-' => RED,
            _ => Style::new(),
        };
        writeln!(out, "    {style}{sign} {}{style:#}", inert::text(&line))?;
    }
    for warning in &action.warnings {
        writeln!(
            out,
            "    {YELLOW}warning:{YELLOW:#} {}",
            inert::text(warning)
        )?;
    }
    Ok(())
}

/// A blank line, `title` and one line per item; nothing for no items.
fn write_list<T>(
    out: &mut dyn Write,
    title: &str,
    items: &[T],
    line: impl Fn(&T) -> String,
) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{title}")?;
    for item in items {
        writeln!(out, "{}", line(item))?;
    }
    Ok(())
}

/// The plan as plain text (no styles).
pub fn render_text(plan: &Plan) -> String {
    let mut raw = Vec::new();
    write_text(plan, &mut raw).expect("writing to memory cannot fail");
    anstream::adapter::strip_str(&String::from_utf8_lossy(&raw)).to_string()
}

fn kind_style(kind: ActionKind) -> Style {
    match kind {
        ActionKind::Create => GREEN,
        ActionKind::Update => YELLOW,
        ActionKind::Replace => YELLOW,
        ActionKind::Delete => RED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan;

    #[test]
    fn colours_additions_green_and_deletions_red() {
        let (desired, live) = crate::plan::testkit::scenario_sub_button_renamed();
        let mut raw = Vec::new();
        write_text(&plan(&desired, &live), &mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        assert!(
            raw.contains(&format!("{GREEN}+   - name: 官方网站")),
            "{raw}"
        );
        assert!(raw.contains(&format!("{RED}-   - name: 官网")), "{raw}");
        assert!(!render_text(&plan(&desired, &live)).contains('\u{1b}'));
    }

    #[test]
    fn control_characters_from_the_account_are_escaped() {
        let (mut desired, mut live) = crate::plan::testkit::scenario_no_change();
        desired.tags.as_mut().unwrap().items.pop();
        live.tags[2].name = "evil\u{1b}[2J".into();
        let text = render_text(&plan(&desired, &live));
        assert!(text.contains("tag \"evil\\u{1b}[2J\" (101)"), "{text}");
    }
}
