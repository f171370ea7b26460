//! The server checks of `wxform test`: one line per push and reply check (`pass`, `FAIL`,
//! `warn`, `skip`) with the reply in words and its time, a count; the `server` member of the
//! JSON results; and a Markdown section listing what failed, for a pull request's comment.

use crate::inert;
use crate::server::push::Push;
use crate::server::report::{PushResult, ServerOutcome, ServerReport, Status};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The server's lines, then its count; one `skip` line when the checks did not run.
pub fn write_text(outcome: &ServerOutcome, out: &mut impl Write) -> io::Result<()> {
    let report = match outcome {
        ServerOutcome::Skipped(why) => {
            return writeln!(out, "skip  server checks: {}", inert::text(why));
        }
        ServerOutcome::Checked(report) => report,
    };
    writeln!(out, "{}", header(report))?;
    let handshake = &report.handshake;
    writeln!(
        out,
        "{}",
        line(
            handshake.status,
            "URL handshake",
            handshake
                .detail
                .as_deref()
                .unwrap_or("the echostr came back"),
            Some(handshake.ms)
        )
    )?;
    for push in &report.pushes {
        writeln!(
            out,
            "{}",
            line(
                push.status,
                &push_name(&push.push),
                &outcome_words(push),
                Some(push.ms)
            )
        )?;
    }
    for check in &report.reply_checks {
        let name = format!("reply check: {}", check.name);
        let text = match check.status {
            Status::Pass => format!("pass  {}", inert::text(&name)),
            status => line(
                status,
                &name,
                check.detail.as_deref().unwrap_or_default(),
                None,
            ),
        };
        writeln!(out, "{text}")?;
    }
    let tally = outcome.tally();
    writeln!(
        out,
        "\nserver: {} passed, {} failed, {} warned",
        tally.passed, tally.failed, tally.warned
    )
}

/// `server https://… (safe mode, as follower o6_…)`.
fn header(report: &ServerReport) -> String {
    inert::text(&format!(
        "server {} ({} mode, as follower {})",
        report.url,
        report.mode.name(),
        report.openid
    ))
}

fn line(status: Status, name: &str, words: &str, ms: Option<u64>) -> String {
    let mark = match status {
        Status::Pass => "pass",
        Status::Fail => "FAIL",
        Status::Warn => "warn",
        Status::Skip => "skip",
    };
    let time = ms.map(|ms| format!(" ({ms} ms)")).unwrap_or_default();
    format!(
        "{mark}  {}: {}{time}",
        inert::text(name),
        inert::text(words)
    )
}

/// `click CONTACT_SERVICE (menu: 服务/联系客服)`, `follow (subscribe)`, `message "帮助"`.
pub fn push_name(push: &Push) -> String {
    match push {
        Push::Tap {
            event,
            event_key,
            buttons,
        } => format!("{} {event_key} ({})", event.name(), buttons.join("; ")),
        Push::Follow => "follow (subscribe)".to_string(),
        Push::Message { text } => format!("message \"{text}\""),
    }
}

/// The reply in words, `no reply`, or why it failed.
fn outcome_words(push: &PushResult) -> String {
    match (&push.reply, &push.detail) {
        (_, Some(detail)) => detail.clone(),
        (Some(reply), None) => reply.words.clone(),
        (None, None) => "no reply".to_string(),
    }
}

/// The `server` member of the JSON results.
pub fn json(outcome: &ServerOutcome) -> Value {
    let tally = outcome.tally();
    match outcome {
        ServerOutcome::Skipped(why) => json!({ "status": "skipped", "detail": why }),
        ServerOutcome::Checked(report) => {
            let mut value = json!({
                "status": "checked",
                "passed": tally.passed,
                "failed": tally.failed,
                "warned": tally.warned,
            });
            if let (Value::Object(map), Ok(Value::Object(report))) =
                (&mut value, serde_json::to_value(report))
            {
                map.extend(report);
            }
            value
        }
    }
}

/// What did not pass, in order: the handshake, the pushes, the reply checks; each with its
/// status, its name and why.
fn not_passed(report: &ServerReport) -> Vec<(Status, String, String)> {
    let mut items = Vec::new();
    if let Some(detail) = &report.handshake.detail {
        items.push((
            report.handshake.status,
            "URL handshake".to_string(),
            detail.clone(),
        ));
    }
    for push in report
        .pushes
        .iter()
        .filter(|push| push.status != Status::Pass)
    {
        items.push((push.status, push_name(&push.push), outcome_words(push)));
    }
    for check in report
        .reply_checks
        .iter()
        .filter(|check| check.status != Status::Pass)
    {
        let detail = check.detail.clone().unwrap_or_default();
        items.push((check.status, format!("reply check: {}", check.name), detail));
    }
    items
}

/// The section for a pull request: the count, then every push and check that did not pass,
/// each with its key; a skip says why in one line.
pub fn markdown(outcome: &ServerOutcome) -> String {
    let report = match outcome {
        ServerOutcome::Skipped(why) => {
            return format!(
                "#### Server checks: not run\n\n{}\n\n",
                inert::markdown_prose(why)
            );
        }
        ServerOutcome::Checked(report) => report,
    };
    let tally = outcome.tally();
    let mut text = format!(
        "#### Server checks: {} passed, {} failed, {} warned\n\n{} mode, {}\n\n",
        tally.passed,
        tally.failed,
        tally.warned,
        report.mode.name(),
        inert::code_span(&report.url)
    );
    for (status, name, detail) in not_passed(report) {
        let mark = if status == Status::Fail {
            "❌"
        } else {
            "⚠️"
        };
        let _ = writeln!(
            text,
            "- {mark} {}: {}",
            inert::code_span(&name),
            super::checks::detail(&detail)
        );
    }
    if tally.failed + tally.warned == 0 {
        text.push_str("Every push was answered as WeChat needs.\n");
    }
    text.push('\n');
    text
}
