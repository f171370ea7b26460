//! What `apply` tells the user while and after it makes the calls: one progress line per step
//! as it ends, and, when a step fails, the report of what was applied (repairs included), what
//! failed and why, and what was not attempted.

use crate::apply::{Event, PlannedStep, Report};
use crate::inert;
use crate::wechat::WechatError;
use std::io::{self, Write};

/// `+ conditional_menu.vip-ios`: the symbol and address of a step.
pub fn step_line(step: &PlannedStep) -> String {
    format!("{} {}", step.symbol, inert::text(&step.address))
}

/// One progress line for `event`.
pub fn write_progress(out: &mut dyn Write, event: Event<'_>) -> io::Result<()> {
    match event {
        Event::Done {
            step,
            new_id,
            elapsed,
        } => {
            let id = new_id.map(|id| format!("{}, ", inert::text(&id.to_string())));
            writeln!(
                out,
                "{} … done ({}{} ms)",
                step_line(step),
                id.unwrap_or_default(),
                elapsed.as_millis()
            )
        }
        Event::Checking { step, error } => writeln!(
            out,
            "{} … {}; re-reading the account to see whether the change was made",
            step_line(step),
            why_checking(error)
        ),
        Event::AlreadyDone { step, new_id } => {
            let id = new_id.map(|id| format!(" ({})", inert::text(&id.to_string())));
            writeln!(
                out,
                "{} … done: the account already shows this change{}; not repeating it",
                step_line(step),
                id.unwrap_or_default()
            )
        }
        Event::Adopted { step, new_id } => {
            let id = new_id.map(|id| format!(" ({})", inert::text(&id.to_string())));
            writeln!(
                out,
                "{} … done: another run has just made it{}; using that one instead of adding a second",
                step_line(step),
                id.unwrap_or_default()
            )
        }
        Event::Retrying { step } => writeln!(
            out,
            "{} … the change was not made; trying once more",
            step_line(step)
        ),
        Event::Failed { step, elapsed, .. } => writeln!(
            out,
            "{} … failed ({} ms)",
            step_line(step),
            elapsed.as_millis()
        ),
    }
}

/// Why a step is being checked, without the catalogue's advice: what happens next is said by
/// the rest of the line (a `-1` on an add is checked, not retried with backoff).
fn why_checking(error: &WechatError) -> String {
    match error {
        WechatError::OutcomeUnknown { detail, .. } => format!("no answer: {}", inert::text(detail)),
        WechatError::Api(api) => format!(
            "{}: WeChat error {} ({})",
            api.endpoint,
            api.errcode,
            inert::text(api.errmsg.trim())
        ),
        other => inert::text(&other.to_string()),
    }
}

/// What to do after most failures: the next run plans from the account as it is.
pub const RERUN: &str = "Fix the cause and run `wxform apply` again: it plans from the live account, so it makes only the changes still missing and creates nothing twice.";

/// The failure report: the error of each failed step (usually one; more when steps under way at
/// the same time failed), `Applied (N)` (every change made in this run, repairs included), the
/// failed steps, `Not attempted (N)` when there are such steps, what state the account is in,
/// and `next`: what to do (usually [`RERUN`]). Every list is in plan order.
pub fn write_failure(out: &mut dyn Write, report: &Report, next: &str) -> io::Result<()> {
    writeln!(out)?;
    for (n, failed) in report.failed.iter().enumerate() {
        let line = step_line(&failed.step);
        let error = inert::text(&failed.error.to_string());
        match n {
            0 => writeln!(out, "error: apply stopped at {line}: {error}")?,
            _ => writeln!(out, "error: {line} failed too: {error}")?,
        }
    }
    if !report.applied.is_empty() {
        writeln!(out, "Applied ({}):", report.applied.len())?;
        for applied in &report.applied {
            let id = applied
                .new_id
                .as_ref()
                .map(|id| format!(" ({})", inert::text(&id.to_string())));
            writeln!(
                out,
                "  {}{}",
                step_line(&applied.step),
                id.unwrap_or_default()
            )?;
        }
    }
    if !report.failed.is_empty() {
        writeln!(out, "Failed:")?;
        for failed in &report.failed {
            let maybe = if failed.error.outcome_unknown() {
                " (it may or may not have been made)"
            } else {
                ""
            };
            writeln!(out, "  {}{maybe}", step_line(&failed.step))?;
        }
    }
    if !report.not_attempted.is_empty() {
        writeln!(out, "Not attempted ({}):", report.not_attempted.len())?;
        for step in &report.not_attempted {
            writeln!(out, "  {}", step_line(step))?;
        }
    }
    writeln!(out, "\n{} {next}", state(report))
}

/// What state a failed apply left the account in.
fn state(report: &Report) -> &'static str {
    match (report.applied.is_empty(), report.outcome_unknown()) {
        (false, _) => "The account is partly changed.",
        (true, true) if report.failed.len() == 1 => {
            "Nothing else was changed; the failed call may or may not have taken effect."
        }
        (true, true) => {
            "Nothing else was changed; the calls marked above may or may not have taken effect."
        }
        (true, false) => "Nothing was changed.",
    }
}

#[cfg(test)]
fn failure_text(report: &Report) -> String {
    let mut out = Vec::new();
    write_failure(&mut out, report, RERUN).unwrap();
    String::from_utf8(out).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::{AppliedStep, FailedStep, NewId, StepError};
    use crate::plan::Step;
    use crate::wechat::ApiError;

    fn step(address: &str) -> PlannedStep {
        PlannedStep {
            address: address.into(),
            symbol: "+",
            step: Step::CreateTag {
                name: address.into(),
            },
        }
    }

    fn failed(errcode: i64) -> Vec<FailedStep> {
        vec![FailedStep {
            step: step("tag.B"),
            error: StepError::Wechat(WechatError::Api(ApiError {
                endpoint: "tags/create",
                errcode,
                errmsg: "quota".into(),
                advice: "wait".into(),
            })),
        }]
    }

    #[test]
    fn a_failure_before_anything_was_applied_says_nothing_changed() {
        let text = failure_text(&Report {
            applied: vec![],
            failed: failed(45009),
            not_attempted: vec![],
        });
        insta::assert_snapshot!(text);
        assert!(!text.contains("partly changed"));
        assert!(!text.contains("Not attempted"));
        assert!(!text.contains("Applied"));
    }

    #[test]
    fn a_failure_midway_lists_what_was_applied_and_not_attempted() {
        let text = failure_text(&Report {
            applied: vec![AppliedStep {
                step: step("tag.A"),
                new_id: Some(NewId::Tag(100)),
                recovered: false,
            }],
            failed: failed(45009),
            not_attempted: vec![step("tag.C")],
        });
        insta::assert_snapshot!(text);
    }

    #[test]
    fn steps_failing_at_once_are_each_named_and_marked_when_they_may_have_been_made() {
        let unanswered = FailedStep {
            step: step("tag.D"),
            error: StepError::Wechat(WechatError::OutcomeUnknown {
                endpoint: "tags/create",
                host: "api.weixin.qq.com".into(),
                detail: "timed out".into(),
            }),
        };
        let mut failed = failed(45009);
        failed.push(unanswered);
        let text = failure_text(&Report {
            applied: vec![],
            failed,
            not_attempted: vec![],
        });
        insta::assert_snapshot!(text);
        assert!(text.contains("error: apply stopped at + tag.B: "), "{text}");
        assert!(text.contains("\nerror: + tag.D failed too: "), "{text}");
        assert!(
            text.contains("Failed:\n  + tag.B\n  + tag.D (it may or may not have been made)\n"),
            "{text}"
        );
    }
}
