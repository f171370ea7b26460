//! `validate --format json`: the diagnostics of each file as a versioned document for scripts,
//! described in docs/configuration.md. Text from the file (names, values quoted in messages)
//! is made inert ([`inert::json`]).

use super::diagnostics::Region;
use crate::config::{Diagnostic, Severity, Source};
use crate::inert;
use serde_json::{Value, json};

/// Version of the document; a change of shape gets a new one.
pub const FORMAT_VERSION: u32 = 1;

/// One file `validate` read: its text, its diagnostics (warnings included) and, when it is
/// valid, what it manages.
pub struct Checked<'a> {
    pub source: &'a Source,
    pub diagnostics: &'a [Diagnostic],
    /// `1 menu, 3 tags` for a valid file; `None` for an invalid one.
    pub summary: Option<String>,
}

impl Checked<'_> {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// The document, pretty-printed with a final newline.
pub fn render(files: &[Checked]) -> String {
    let errors: usize = files.iter().map(Checked::errors).sum();
    let warnings: usize = files.iter().map(Checked::warnings).sum();
    let document = json!({
        "format_version": FORMAT_VERSION,
        "valid": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "files": files.iter().map(file).collect::<Vec<_>>(),
    });
    let mut text =
        inert::json(&serde_json::to_string_pretty(&document).expect("JSON values serialise"));
    text.push('\n');
    text
}

fn file(checked: &Checked) -> Value {
    json!({
        "file": checked.source.name,
        "valid": checked.errors() == 0,
        "errors": checked.errors(),
        "warnings": checked.warnings(),
        "summary": checked.summary,
        "diagnostics": checked
            .diagnostics
            .iter()
            .map(|d| diagnostic(checked.source, d))
            .collect::<Vec<_>>(),
    })
}

fn diagnostic(source: &Source, diagnostic: &Diagnostic) -> Value {
    let mut value = json!({
        "rule": diagnostic.rule.id(),
        "severity": severity(diagnostic.severity),
        "message": diagnostic.message,
        "label": non_empty(&diagnostic.label),
        "notes": diagnostic.notes,
        "help": diagnostic.help,
        "related": diagnostic
            .context
            .iter()
            .map(|(span, label)| {
                let mut related = region(Region::of(source, span));
                related["label"] = json!(non_empty(label));
                related
            })
            .collect::<Vec<_>>(),
    });
    let place = diagnostic
        .span
        .as_ref()
        .map(|span| Region::of(source, span));
    for (key, field) in region_fields(place) {
        value[key] = field;
    }
    value
}

/// `line`, `column`, `end_line`, `end_column`: `null` for a problem of the whole file.
fn region_fields(region: Option<Region>) -> [(&'static str, Value); 4] {
    [
        ("line", json!(region.map(|r| r.line))),
        ("column", json!(region.map(|r| r.column))),
        ("end_line", json!(region.map(|r| r.end_line))),
        ("end_column", json!(region.map(|r| r.end_column))),
    ]
}

fn region(region: Region) -> Value {
    let mut value = json!({});
    for (key, field) in region_fields(Some(region)) {
        value[key] = field;
    }
    value
}

pub(super) fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleId;

    #[test]
    fn places_count_characters_and_names_are_inert() {
        let source = Source::new("a.yaml", "name: 今日\u{202e}x\n");
        let start = source.text.find('今').unwrap();
        let diagnostics = [
            Diagnostic::error(RuleId::TooLong, "`今日\u{202e}x` is long")
                .at(start..source.text.len() - 1, "here"),
        ];
        let checked = Checked {
            source: &source,
            diagnostics: &diagnostics,
            summary: None,
        };
        let document: Value = serde_json::from_str(&render(&[checked])).unwrap();
        let found = &document["files"][0]["diagnostics"][0];
        assert_eq!(found["rule"], "wxform/too-long");
        assert_eq!(
            (
                &found["line"],
                &found["column"],
                &found["end_line"],
                &found["end_column"]
            ),
            (&json!(1), &json!(7), &json!(1), &json!(11))
        );
        assert!(
            render(&[Checked {
                source: &source,
                diagnostics: &diagnostics,
                summary: None
            }])
            .contains("\\u202e")
        );
    }
}
