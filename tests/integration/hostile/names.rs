//! A live account whose names were chosen by an attacker (anyone with access to the account's
//! console): terminal escapes, workflow commands, bidi overrides, mentions, HTML and Markdown.
//! Every plan format shows them inert, whether they are kept as unmanaged or deleted; values of
//! a configuration reach its diagnostics inert too.

use super::{against, output};
use crate::support::emulator::{Emulator, State, Tag};
use crate::support::shop::SHOP_YAML;
use std::fmt::Write as _;

const HOSTILE: [&str; 7] = [
    "\u{1b}[2J\u{1b}[31mred",
    "x\n::set-output name=approved::true",
    "::warning file=a::fake",
    "##[error]fake",
    "evil\u{202e}gnp.exe",
    "@everyone <img src=x onerror=alert(1)>",
    "a`|`b ``c`` [link](https://example.com) **bold**",
];

fn plan(unmanaged: &str, format: &str) -> String {
    let emulator = Emulator::start();
    emulator.seed(State {
        tags: HOSTILE
            .iter()
            .enumerate()
            .map(|(i, name)| Tag::new(200 + i as u64, name))
            .collect(),
        ..State::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let config = SHOP_YAML.replace("unmanaged: keep", &format!("unmanaged: {unmanaged}"));
    std::fs::write(dir.path().join("wxform.yaml"), config).unwrap();
    let result = output(against(&emulator, dir.path()).args(["plan", "--format", format]));
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    String::from_utf8(result.stdout).unwrap()
}

/// No control or bidi character, and no line a CI runner would take as a command.
fn assert_inert_for_logs(text: &str) {
    for ch in ['\u{1b}', '\u{202e}', '\r'] {
        assert!(!text.contains(ch), "{ch:?} in:\n{text}");
    }
    for line in text.lines() {
        let start = line.trim_start();
        assert!(
            !start.starts_with("::") && !start.starts_with("##["),
            "a workflow command: {line}"
        );
    }
}

/// What Markdown renders outside code: code spans and `<code>` elements removed.
fn outside_code(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find(['`', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(inner) = rest.strip_prefix("<code>") {
            rest = inner.split_once("</code>").map_or("", |(_, after)| after);
        } else if rest.starts_with('`') {
            let fence_len = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..fence_len];
            let body = &rest[fence_len..];
            // The closing fence is a run of exactly the same length.
            let mut search = 0;
            let mut end = None;
            while let Some(found) = body[search..].find(fence) {
                let at = search + found;
                let run = body[at..].len() - body[at..].trim_start_matches('`').len();
                if run == fence_len {
                    end = Some(at + fence_len);
                    break;
                }
                search = at + run;
            }
            match end {
                Some(end) => rest = &body[end..],
                None => {
                    out.push_str(fence);
                    rest = body;
                }
            }
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_live_names_are_inert_in_every_format() {
    for unmanaged in ["keep", "delete"] {
        for format in ["text", "json", "markdown"] {
            let shown = plan(unmanaged, format);
            assert!(shown.contains("gnp.exe"), "the names are shown: {shown}");
            assert_inert_for_logs(&shown);
            if format == "markdown" {
                let outside = outside_code(&shown);
                for markup in ["@everyone", "<img", "[link]", "**bold**"] {
                    assert!(!outside.contains(markup), "{markup} renders in:\n{shown}");
                }
            }
        }
    }
}

/// Configuration values (YAML escapes make any character) reach diagnostics inert: the only
/// workflow commands in a CI log are wxform's own annotations.
#[test]
fn hostile_config_values_are_inert_in_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let config = r###"version: 1
menu:
  button:
    - { name: "a\e[2J", type: "x\n::set-output name=approved::true", key: k }
    - { name: "b\u202e", type: "##[error]fake\r::warning::y", key: k }
"###;
    std::fs::write(dir.path().join("wxform.yaml"), config).unwrap();
    let result = output(
        crate::support::run::wxform()
            .current_dir(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .arg("validate"),
    );
    let text = crate::support::run::all_text(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");
    assert!(text.contains("set-output"), "the value is shown: {text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    for line in text.lines() {
        let start = line.trim_start();
        if start.starts_with("::") || start.starts_with("##[") {
            assert!(start.starts_with("::error file=wxform.yaml,"), "{line}");
        }
    }
}

/// Configuration file names come from a pull request too (`wxform plan configs/` plans every
/// file there): wherever a file is named, its name is inert.
#[test]
fn hostile_config_file_names_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<&str> = HOSTILE
        .iter()
        .copied()
        .filter(|n| !n.contains('/'))
        .collect();
    for name in &names {
        let valid = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&valid, "version: 1\nmenu: { button: [] }\n").unwrap();
        let invalid = dir.path().join("bad").join(format!("{name}.yaml"));
        std::fs::create_dir_all(invalid.parent().unwrap()).unwrap();
        std::fs::write(&invalid, "version: 1\nmenu: 5\n").unwrap();
        for file in [&valid, &invalid] {
            let result = output(
                crate::support::run::wxform()
                    .current_dir(dir.path())
                    .arg("validate")
                    .arg(file),
            );
            assert_inert_for_logs(&crate::support::run::all_text(&result));
        }
    }
    // Planned together, without credentials: every account fails and is named on stderr.
    let result = output(
        crate::support::run::wxform()
            .current_dir(dir.path())
            .args(["plan", "."]),
    );
    let text = crate::support::run::all_text(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");
    assert!(text.contains("no WeChat credentials"), "{text}");
    assert_inert_for_logs(&text);
}

/// Characters that show nothing or move what is around them: bidi marks and overrides, the
/// Arabic letter mark, the Mongolian vowel separator, line and paragraph separators, a soft
/// hyphen, a C1 control.
const INVISIBLE: [char; 8] = [
    '\u{202e}', '\u{061c}', '\u{180e}', '\u{2028}', '\u{2029}', '\u{00ad}', '\u{200b}', '\u{009b}',
];

/// `export` (YAML and JSON) and `test --format json` write invisible characters as escapes,
/// and what they write still loads to the same values: the exported YAML plans no change.
#[test]
fn invisible_characters_are_escaped_in_export_and_test_json() {
    let names: Vec<String> = INVISIBLE
        .iter()
        .map(|ch| format!("a{ch}b {:04x}", u32::from(*ch)))
        .collect();
    let emulator = Emulator::start();
    emulator.seed(State {
        tags: names
            .iter()
            .enumerate()
            .map(|(i, name)| Tag::new(300 + i as u64, name))
            .collect(),
        ..State::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let assert_escaped = |what: &str, text: &str| {
        for ch in INVISIBLE {
            assert!(!text.contains(ch), "{what}: {ch:?} printed raw:\n{text}");
        }
    };
    let json = output(against(&emulator, dir.path()).args(["export", "--format", "json"]));
    assert!(
        json.status.success(),
        "{}",
        crate::support::run::all_text(&json)
    );
    let json = String::from_utf8(json.stdout).unwrap();
    assert_escaped("export --format json", &json);
    let live: serde_json::Value = serde_json::from_str(&json).unwrap();
    let tags: Vec<&str> = live["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| tag["name"].as_str().unwrap())
        // WeChat's own tag (星标组) is there too.
        .filter(|name| name.starts_with('a'))
        .collect();
    assert_eq!(tags, names, "the same names, escaped");

    let yaml = output(against(&emulator, dir.path()).args(["export"]));
    assert!(
        yaml.status.success(),
        "{}",
        crate::support::run::all_text(&yaml)
    );
    let yaml = String::from_utf8(yaml.stdout).unwrap();
    assert_escaped("export", &yaml);
    std::fs::write(dir.path().join("wxform.yaml"), &yaml).unwrap();
    let plan = output(against(&emulator, dir.path()).args(["plan", "--detailed-exitcode"]));
    let shown = crate::support::run::all_text(&plan);
    assert_eq!(
        plan.status.code(),
        Some(0),
        "the export plans no change:\n{yaml}\n{shown}"
    );

    let mut config = String::from(
        "version: 1\nmenu:\n  button:\n    - { name: a, type: click, key: K }\nmenu_checks:\n",
    );
    for ch in INVISIBLE {
        let _ = writeln!(
            config,
            "  - {{ name: \"x\\u{:04X}y\", user: {{ platform: ios }}, sees: menu }}",
            u32::from(ch)
        );
    }
    std::fs::write(dir.path().join("checks.yaml"), config).unwrap();
    let test = output(crate::support::run::wxform().current_dir(dir.path()).args([
        "test",
        "checks.yaml",
        "--format",
        "json",
    ]));
    let text = String::from_utf8(test.stdout).unwrap();
    assert_escaped("test --format json", &text);
    let results: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(results["checks"][0]["name"], "x\u{202e}y", "{text}");
}
