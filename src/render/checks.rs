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
    render_document(&results_json(results))
}

/// A results document (with members added to [`results_json`]), pretty-printed with a final
/// newline.
pub fn render_document(document: &Value) -> String {
    let text = serde_json::to_string_pretty(document).expect("JSON values serialise");
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
/// described follower. Empty when there are no checks. Names are shown as words only when
/// nothing in them can render ([`inert::markdown_prose`]), else in code.
pub fn markdown(results: &[CheckResult]) -> String {
    if results.is_empty() {
        return String::new();
    }
    let (passed, failed, skipped) = tally(results);
    let mut text =
        format!("#### Menu checks: {passed} passed, {failed} failed, {skipped} not run\n\n");
    for result in results {
        let name = inert::markdown_prose(&result.name);
        let detail = result.detail.as_deref().map(detail).unwrap_or_default();
        let _ = match result.status {
            Status::Pass => writeln!(text, "- ✅ {name}"),
            Status::Fail => writeln!(
                text,
                "- ❌ {name}: expected {}, {detail}",
                inert::code_span(&result.expected)
            ),
            Status::Skip => writeln!(text, "- ⏭️ {name}: {detail}"),
        };
    }
    text.push('\n');
    text
}

/// A result's detail in Markdown: its `backticked` parts (names) as code spans, the words
/// between them as words when nothing in them can render. Unbalanced backticks (a name holding
/// one) make the whole detail one code span.
pub(super) fn detail(detail: &str) -> String {
    let parts: Vec<&str> = detail.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return inert::code_span(detail);
    }
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index % 2 == 1 {
            out.push_str(&inert::code_span(part));
        } else if !part.is_empty() {
            // Spaces around words stay outside the code span they may become.
            let trimmed = part.trim();
            let start = part.len() - part.trim_start().len();
            out.push_str(&part[..start]);
            if !trimmed.is_empty() {
                out.push_str(&inert::markdown_prose(trimmed));
            }
            out.push_str(&part[start + trimmed.len()..]);
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
    fn markdown_turns_backticks_into_code_and_names_that_could_render_into_code() {
        let results = [
            result("<b>x</b>", Status::Fail, Some("sees `a|b`")),
            result("VIP on iOS", Status::Pass, None),
            result("x", Status::Fail, Some("sees `a` @everyone `b`")),
            result("y", Status::Skip, Some("odd ` backtick")),
        ];
        assert_eq!(
            markdown(&results),
            "#### Menu checks: 1 passed, 2 failed, 1 not run\n\n\
             - ❌ `<b>x</b>`: expected `vip`, sees `a\\|b`\n\
             - ✅ VIP on iOS\n\
             - ❌ x: expected `vip`, sees `a` `@everyone` `b`\n\
             - ⏭️ y: ``odd ` backtick``\n\n"
        );
    }
}
