//! `validate --format sarif`: the diagnostics as a SARIF 2.1.0 log, the shape GitHub code
//! scanning takes (`github/codeql-action/upload-sarif`). Every rule of [`RuleId::ALL`] is
//! listed in `tool.driver.rules`; each result names its rule by id and index, its level, its
//! message (with the notes and help below it), and where it is: the file's path relative to
//! the working directory as a URI, and a region whose columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), the end column just past the last character. A problem of
//! the whole file points at its line 1, since code scanning needs a line.

use super::diagnostics::Region;
use super::diagnostics_json::Checked;
use crate::config::{Diagnostic, RuleId, Severity, Source};
use crate::inert;
use serde_json::{Value, json};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where each rule is explained.
const RULES_URI: &str = "https://github.com/wxform/wxform/blob/main/docs/configuration.md#rule-ids";

/// The log for `files`, pretty-printed with a final newline. `cwd` is the directory paths are
/// made relative to.
pub fn render(files: &[Checked], cwd: &Path) -> String {
    let results: Vec<Value> = files
        .iter()
        .flat_map(|checked| {
            let uri = artifact_uri(&checked.source.name, cwd);
            checked
                .diagnostics
                .iter()
                .map(move |diagnostic| result(checked.source, &uri, diagnostic))
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "wxform",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": RuleId::ALL.iter().map(|rule| json!({
                    "id": rule.id(),
                    "shortDescription": { "text": rule.summary() },
                    "helpUri": RULES_URI,
                })).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = inert::json(&serde_json::to_string_pretty(&log).expect("JSON values serialise"));
    text.push('\n');
    text
}

fn result(source: &Source, uri: &str, diagnostic: &Diagnostic) -> Value {
    let place = diagnostic
        .span
        .as_ref()
        .map_or(json!({ "startLine": 1 }), |span| region(source, span));
    let related: Vec<Value> = diagnostic
        .context
        .iter()
        .enumerate()
        .map(|(index, (span, label))| {
            json!({
                "id": index + 1,
                "physicalLocation": physical(uri, region(source, span)),
                "message": { "text": label },
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": diagnostic.rule.id(),
        "ruleIndex": RuleId::ALL.iter().position(|rule| *rule == diagnostic.rule),
        "level": match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "message": { "text": message(diagnostic) },
        "locations": [{ "physicalLocation": physical(uri, place) }],
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

fn physical(uri: &str, region: Value) -> Value {
    json!({ "artifactLocation": { "uri": uri }, "region": region })
}

fn region(source: &Source, span: &std::ops::Range<usize>) -> Value {
    let region = Region::of(source, span);
    json!({
        "startLine": region.line,
        "startColumn": region.column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    })
}

/// The message, then its label, notes and help, one a line.
fn message(diagnostic: &Diagnostic) -> String {
    let mut text = diagnostic.message.clone();
    if !diagnostic.label.is_empty() {
        text.push_str(&format!(" ({})", diagnostic.label));
    }
    for note in &diagnostic.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

/// The file as a URI reference relative to `cwd` (`wxform.yaml`, `accounts/shop.yaml`), as
/// code scanning resolves it against the repository root; a file outside `cwd` gets a
/// `file://` URI.
fn artifact_uri(name: &str, cwd: &Path) -> String {
    let path = Path::new(name);
    let relative = match path.strip_prefix(cwd) {
        Ok(inside) => inside,
        Err(_) if path.is_absolute() => return format!("file://{}", encode(&slashes(path))),
        Err(_) => path,
    };
    let text = slashes(relative);
    let text = text.trim_start_matches("./");
    encode(text)
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Percent-encodes every byte but the unreserved characters and `/`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris_relative_to_the_working_directory() {
        let cwd = Path::new("/repo");
        assert_eq!(artifact_uri("wxform.yaml", cwd), "wxform.yaml");
        assert_eq!(
            artifact_uri("./accounts/shop.yaml", cwd),
            "accounts/shop.yaml"
        );
        assert_eq!(
            artifact_uri("/repo/a b/商店.yaml", cwd),
            "a%20b/%E5%95%86%E5%BA%97.yaml"
        );
        assert_eq!(
            artifact_uri("/elsewhere/x.yaml", cwd),
            "file:///elsewhere/x.yaml"
        );
        assert_eq!(artifact_uri("50%.yaml", cwd), "50%25.yaml");
    }
}
