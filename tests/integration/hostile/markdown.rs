//! Names chosen by an attacker, in every place the Markdown forms show a name: the plan for a
//! pull-request comment (its table, folded details, audiences line, warnings, unmanaged list,
//! menu checks), the several-accounts report (file names), rendered as GitHub renders them
//! (CommonMark with the GFM tables, autolinks, strikethrough and task lists, by comrak). No
//! link, image, HTML element, emphasis or autolink comes from a name, and every name sits in
//! code, where GitHub resolves no @mention or #reference.

use super::{against, output};
use crate::support::emulator::{Emulator, State, Tag};
use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};
use std::fmt::Write as _;

/// Markdown, HTML and GitHub references a name may carry. Each is shown after a marker
/// (`hq0 `, `hq1 `, …), which must never be found outside code.
const CONSTRUCTS: [&str; 15] = [
    "[Approve](https://evil.example/a)",
    "![x](https://evil.example/i.png)",
    "<img src=x onerror=alert(1)>",
    "<a href=\"https://evil.example\">x</a>",
    "@everyone",
    "#123",
    "https://evil.example/autolink",
    "www.evil.example",
    "*emph* _emph_ ~~gone~~",
    "a`b``c",
    "a|b",
    "</code></summary></details>",
    "<!-- hidden",
    "line\nbreak",
    "- [ ] task",
];

fn hostile(i: usize) -> String {
    format!("hq{i} {}", CONSTRUCTS[i])
}

fn markers() -> Vec<String> {
    (0..CONSTRUCTS.len()).map(|i| format!("hq{i} ")).collect()
}

fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options
}

/// The tags wxform writes itself, in HTML blocks and inline HTML.
const OWN_TAGS: [&str; 6] = [
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "<code>",
    "</code>",
];

/// What in `markdown`, rendered as GitHub renders it, comes from a name: an empty list when
/// nothing does.
fn rendered_from_names(markdown: &str) -> Vec<String> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let markers = markers();
    let mut found = Vec::new();
    for node in root.descendants() {
        let value = node.data().value.clone();
        match value {
            NodeValue::Link(link) => found.push(format!("a link to {}", link.url)),
            NodeValue::Image(link) => found.push(format!("an image from {}", link.url)),
            NodeValue::Emph => found.push("emphasis".into()),
            NodeValue::Strikethrough => found.push("strikethrough".into()),
            NodeValue::TaskItem(_) => found.push("a task item".into()),
            NodeValue::HtmlInline(html) if !OWN_TAGS.contains(&html.as_str()) => {
                found.push(format!("inline HTML {html:?}"));
            }
            NodeValue::HtmlBlock(block) => found.extend(html_block_problems(&block.literal)),
            NodeValue::Text(text) => {
                for marker in &markers {
                    if text.contains(marker.as_str()) {
                        found.push(format!("a name outside code: {text:?}"));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// An HTML block may hold wxform's own tags and comment marker; names only inside `<code>`.
fn html_block_problems(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut outside = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<code>") {
        outside.push_str(&rest[..start]);
        match rest[start..].find("</code>") {
            Some(end) => rest = &rest[start + end + "</code>".len()..],
            None => {
                found.push(format!("an unclosed <code> in {html:?}"));
                rest = "";
            }
        }
    }
    outside.push_str(rest);
    let mut tags_removed = outside.clone();
    for tag in OWN_TAGS {
        tags_removed = tags_removed.replace(tag, "");
    }
    let comment_free = match tags_removed.split_once("<!-- wxform:plan") {
        Some((before, after)) => {
            let after = after.split_once(" -->").map_or("", |(_, rest)| rest);
            format!("{before}{after}")
        }
        None => tags_removed,
    };
    if comment_free.contains('<') {
        found.push(format!("HTML of its own in {html:?}"));
    }
    for marker in markers() {
        if outside.contains(&marker) {
            found.push(format!("a name outside <code> in {html:?}"));
        }
    }
    found
}

/// A configuration whose conditional menus and menu checks are all named by the attacker;
/// every third check fails, so that its expected and seen menus are shown too.
fn hostile_config() -> String {
    let mut yaml = String::from(
        "version: 1\nmenu:\n  button:\n    - { name: a, type: click, key: K }\ntags:\n  unmanaged: UNMANAGED\n  items:\n",
    );
    let quoted = |text: &str| serde_json::to_string(text).unwrap();
    // Tag names are short (30 bytes): the live account's carry the attack instead.
    for i in 0..CONSTRUCTS.len() {
        let _ = writeln!(yaml, "    - name: t{i}");
    }
    yaml.push_str("conditional_menus:\n");
    for i in 0..CONSTRUCTS.len() {
        let _ = writeln!(
            yaml,
            "  - name: {}\n    matchrule: {{ tag: t{i} }}\n    button:\n      - {{ name: b{i}, type: click, key: K{i} }}",
            quoted(&hostile(i)),
        );
    }
    yaml.push_str("menu_checks:\n");
    for i in 0..CONSTRUCTS.len() {
        let sees = if i % 3 == 0 {
            hostile((i + 1) % CONSTRUCTS.len())
        } else {
            hostile(i)
        };
        let _ = writeln!(
            yaml,
            "  - {{ name: {}, user: {{ tags: [t{i}] }}, sees: {} }}",
            quoted(&hostile(i)),
            quoted(&sees),
        );
    }
    yaml
}

/// An account whose live tags are named by the attacker as well.
fn hostile_account() -> Emulator {
    let emulator = Emulator::start();
    emulator.seed(State {
        tags: (0..CONSTRUCTS.len())
            .map(|i| Tag::new(500 + i as u64, &format!("live {}", hostile(i))))
            .collect(),
        ..State::default()
    });
    emulator
}

fn plan_markdown(emulator: &Emulator, dir: &std::path::Path, files: &[&str]) -> String {
    let result = output(
        against(emulator, dir)
            .args(["plan", "--format", "markdown"])
            .args(files),
    );
    let text = crate::support::run::all_text(&result);
    assert_eq!(result.status.code(), Some(0), "{text}");
    String::from_utf8(result.stdout).unwrap()
}

#[test]
fn names_render_as_text_in_the_markdown_plan() {
    let emulator = hostile_account();
    for unmanaged in ["keep", "delete"] {
        let dir = tempfile::tempdir().unwrap();
        let config = hostile_config().replace("UNMANAGED", unmanaged);
        std::fs::write(dir.path().join("wxform.yaml"), config).unwrap();
        let markdown = plan_markdown(&emulator, dir.path(), &[]);
        for place in [
            "| `+` |",
            "<details><summary>",
            "Menus change for",
            "#### Menu checks",
        ] {
            assert!(markdown.contains(place), "{place} in:\n{markdown}");
        }
        assert!(markdown.contains("❌"), "a failed check:\n{markdown}");
        let found = rendered_from_names(&markdown);
        assert!(found.is_empty(), "{found:#?}\nin:\n{markdown}");
    }
}

#[test]
fn file_names_render_as_text_in_the_several_accounts_report() {
    let emulator = hostile_account();
    let dir = tempfile::tempdir().unwrap();
    let config = hostile_config().replace("UNMANAGED", "keep");
    let files: Vec<String> = (0..CONSTRUCTS.len())
        .map(hostile)
        .filter(|name| !name.contains('/'))
        .map(|name| format!("{name}.yaml"))
        .collect();
    for file in &files {
        std::fs::write(dir.path().join(file), &config).unwrap();
    }
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let markdown = plan_markdown(&emulator, dir.path(), &files);
    assert!(
        markdown.starts_with("<!-- wxform:plans:all -->"),
        "{markdown}"
    );
    let found = rendered_from_names(&markdown);
    assert!(found.is_empty(), "{found:#?}\nin:\n{markdown}");
}

/// The audit itself finds what it looks for: a name written as prose is caught.
#[test]
fn the_audit_finds_names_outside_code() {
    for markdown in [
        "- ✅ hq4 @everyone\n".to_string(),
        format!("| `+` | <code>{}</code> |\n|---|---|\n", hostile(0)),
        format!("<details><summary>{}</summary>\n\n</details>\n", hostile(2)),
        "www.evil.example and hq7\n".to_string(),
    ] {
        assert!(!rendered_from_names(&markdown).is_empty(), "{markdown}");
    }
    assert!(rendered_from_names(&format!("- `{}`\n", hostile(4))).is_empty());
}
