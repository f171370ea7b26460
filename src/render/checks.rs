//! Menu check results: one line each for `wxform test`, a versioned JSON document for scripts,
//! and the section of the Markdown plan.

use crate::inert;
use crate::menu_checks::{CheckResult, Status, tally};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Version of the JSON results document.
pub const FORMAT_VERSION: u32 = 1;

/// `pass  name`, `FAIL  name: expected `vip`, sees `menu``, `skip  name: why`, then a count.
pub fn write_text(results: &[CheckResult], out: &mut impl Write) -> io::Result<()> {
    for result in results {
        writeln!(out, "{}", line(result))?;
    }
    let (passed, failed, skipped) = tally(results);
    if !results.is_empty() {
        writeln!(out, "\n{passed} passed, {failed} failed, {skipped} skipped")?;
    }
    Ok(())
}

fn line(result: &CheckResult) -> String {
    let name = inert::text(&result.name);
    let detail = result
        .detail
        .as_deref()
        .map(inert::text)
        .unwrap_or_default();
    match result.status {
        Status::Pass => format!("pass  {name}"),
        Status::Fail => format!(
            "FAIL  {name}: expected `{}`, {detail}",
            inert::text(&result.expected)
        ),
        Status::Skip => format!("skip  {name}: {detail}"),
    }
}

/// The results document, pretty-printed with a final newline.
pub fn render_json(results: &[CheckResult]) -> String {
    let text = serde_json::to_string_pretty(&results_json(results)).expect("JSON values serialise");
    let mut text = inert::json(&text);
    text.push('\n');
    text
}

pub fn results_json(results: &[CheckResult]) -> Value {
    let (passed, failed, skipped) = tally(results);
    json!({
        "format_version": FORMAT_VERSION,
        "passed": passed,
        "failed": failed,
        "skipped": skipped,
        "checks": results,
    })
}

/// The plan's "Menu checks" section: what the configuration, once applied, shows each
/// described follower. Empty when there are no checks.
pub fn markdown(results: &[CheckResult]) -> String {
    if results.is_empty() {
        return String::new();
    }
    let (passed, failed, skipped) = tally(results);
    let mut text =
        format!("#### Menu checks: {passed} passed, {failed} failed, {skipped} not run\n\n");
    for result in results {
        let name = inert::markdown(&result.name);
        let detail = result
            .detail
            .as_deref()
            .map(|detail| code_spans(&inert::markdown(detail)))
            .unwrap_or_default();
        let _ = match result.status {
            Status::Pass => writeln!(text, "- ✅ {name}"),
            Status::Fail => writeln!(
                text,
                "- ❌ {name}: expected <code>{}</code>, {detail}",
                inert::markdown(&result.expected)
            ),
            Status::Skip => writeln!(text, "- ⏭️ {name}: {detail}"),
        };
    }
    text.push('\n');
    text
}

/// Escaped text whose `backticked` parts become `<code>` (escaping turned backticks inert).
fn code_spans(escaped: &str) -> String {
    let parts: Vec<&str> = escaped.split("&#96;").collect();
    if parts.len().is_multiple_of(2) {
        // Unbalanced: leave the backticks visible.
        return escaped.to_string();
    }
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::menu_checks::Kind;

    fn result(name: &str, status: Status, detail: Option<&str>) -> CheckResult {
        CheckResult {
            name: name.into(),
            kind: Kind::User,
            status,
            expected: "vip".into(),
            detail: detail.map(str::to_string),
        }
    }

    #[test]
    fn text_has_one_line_per_check_and_a_count() {
        let results = [
            result("ok", Status::Pass, None),
            result("bad\x1b[31m", Status::Fail, Some("sees `menu`")),
            result("later", Status::Skip, Some("no credentials")),
        ];
        let mut out = Vec::new();
        write_text(&results, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "pass  ok\nFAIL  bad\\u{1b}[31m: expected `vip`, sees `menu`\nskip  later: no credentials\n\n1 passed, 1 failed, 1 skipped\n"
        );
    }

    #[test]
    fn markdown_turns_backticks_into_code_and_keeps_html_inert() {
        let results = [result("<b>x</b>", Status::Fail, Some("sees `a|b`"))];
        assert_eq!(
            markdown(&results),
            "#### Menu checks: 0 passed, 1 failed, 0 not run\n\n- ❌ &lt;b&gt;x&lt;/b&gt;: expected <code>vip</code>, sees <code>a&#124;b</code>\n\n"
        );
    }
}
