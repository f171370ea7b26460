//! A plan's quota lines, in text and in Markdown: per endpoint the calls the plan makes against
//! what is left of its daily quota, whether they fit, and why a quota is not known, said once.

use crate::inert;
use crate::plan::{QuotaLine, QuotaReport};
use crate::quota::RESET_TIME;
use crate::words::plural;
use anstyle::{AnsiColor, Style};
use std::fmt::Write as _;
use std::io::{self, Write};

const RED: Style = AnsiColor::Red.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();

/// `2 calls`.
fn calls(line: &QuotaLine) -> String {
    plural(line.calls, "call")
}

/// What is left today, and whether the calls fit; empty when the quota is not known.
fn left(line: &QuotaLine) -> String {
    let Some(quota) = line.quota else {
        return String::new();
    };
    let left = quota.left();
    if line.error().is_some() {
        format!("{left}: not enough")
    } else {
        left
    }
}

/// The calls apply may make besides, when `menu/create` removes the conditional menus.
fn repair(line: &QuotaLine) -> Option<String> {
    (line.repair > 0).then(|| {
        let fit = if line.repair_may_run_out() {
            ", which may not fit"
        } else {
            ""
        };
        format!(
            "up to {} more if menu/create removes the conditional menus{fit}",
            line.repair
        )
    })
}

/// The quota block of a text plan, styled; nothing for a plan without one.
pub fn write_text(report: Option<&QuotaReport>, out: &mut dyn Write) -> io::Result<()> {
    let Some(report) = report else {
        return Ok(());
    };
    writeln!(out)?;
    writeln!(out, "Daily quotas, reset at {RESET_TIME}:")?;
    let width = report
        .endpoints
        .iter()
        .map(|line| line.endpoint.len())
        .max()
        .unwrap_or(0);
    for line in &report.endpoints {
        let style = if line.error().is_some() {
            RED
        } else {
            Style::new()
        };
        let mut text = format!(
            "  {:<width$}  {:<9}  {style}{}{style:#}",
            inert::text(&line.endpoint),
            calls(line),
            left(line)
        );
        if let Some(repair) = repair(line) {
            let style = if line.repair_may_run_out() {
                YELLOW
            } else {
                Style::new()
            };
            let _ = write!(text, "; {style}{repair}{style:#}");
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    if let Some(note) = &report.not_known {
        writeln!(out, "  note: {}", inert::text(note))?;
    }
    Ok(())
}

/// The quota section of a Markdown plan; empty for a plan without one.
pub fn markdown(report: Option<&QuotaReport>) -> String {
    let Some(report) = report else {
        return String::new();
    };
    let mut text = format!(
        "#### Daily quotas\n\nReset at {RESET_TIME}.\n\n| endpoint | calls | left today |\n|---|---|---|\n"
    );
    for line in &report.endpoints {
        let mut calls = calls(line);
        if let Some(repair) = repair(line) {
            let _ = write!(calls, ", {repair}");
        }
        let left = match left(line) {
            left if line.error().is_some() => format!("**{left}**"),
            left if left.is_empty() => "not known".to_string(),
            left => left,
        };
        let _ = writeln!(
            text,
            "| {} | {calls} | {left} |",
            inert::code_span(&line.endpoint)
        );
    }
    text.push('\n');
    if let Some(note) = &report.not_known {
        let _ = writeln!(text, "> [!NOTE]\n> {}\n", inert::code_span(note));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quota::Quota;

    fn line(endpoint: &str, calls: u64, repair: u64, quota: Option<(u64, u64)>) -> QuotaLine {
        QuotaLine {
            endpoint: endpoint.into(),
            calls,
            repair,
            quota: quota.map(|(daily_limit, remain)| Quota {
                daily_limit,
                used: daily_limit - remain,
                remain,
            }),
        }
    }

    fn report() -> QuotaReport {
        QuotaReport {
            endpoints: vec![
                line("menu/create", 1, 0, Some((1000, 998))),
                line("menu/addconditional", 2, 3, Some((2000, 4))),
                line("tags/create", 3, 0, Some((1000, 2))),
                line("tags/delete", 1, 0, None),
            ],
            not_known: Some("the daily quota could not be read for tags/delete".into()),
        }
    }

    #[test]
    fn text_lines_align_and_mark_what_does_not_fit() {
        let mut raw = Vec::new();
        write_text(Some(&report()), &mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.contains(&format!("{RED}2 of 1000 left today: not enough")));
        let plain = anstream::adapter::strip_str(&raw).to_string();
        assert_eq!(
            plain,
            "\nDaily quotas, reset at midnight Beijing time (16:00 UTC):\n  \
             menu/create          1 call     998 of 1000 left today\n  \
             menu/addconditional  2 calls    4 of 2000 left today; up to 3 more if menu/create removes the conditional menus, which may not fit\n  \
             tags/create          3 calls    2 of 1000 left today: not enough\n  \
             tags/delete          1 call\n  \
             note: the daily quota could not be read for tags/delete\n"
        );
        let mut nothing = Vec::new();
        write_text(None, &mut nothing).unwrap();
        assert!(nothing.is_empty());
    }

    #[test]
    fn markdown_is_a_table_with_the_note_below() {
        let text = markdown(Some(&report()));
        assert!(text.starts_with("#### Daily quotas\n\nReset at midnight Beijing time (16:00 UTC).\n\n| endpoint | calls | left today |\n"), "{text}");
        assert!(
            text.contains("| `tags/create` | 3 calls | **2 of 1000 left today: not enough** |"),
            "{text}"
        );
        assert!(
            text.contains("| `tags/delete` | 1 call | not known |"),
            "{text}"
        );
        assert!(
            text.ends_with("> [!NOTE]\n> `the daily quota could not be read for tags/delete`\n\n"),
            "{text}"
        );
        assert_eq!(markdown(None), "");
    }
}
