//! Every relative link in the repository's Markdown (README, CONTRIBUTING, the changelog, the
//! manual in docs/, the emulator's notes, any other `*.md`) points at a file or directory that
//! exists, and every `#anchor` at a heading (GitHub's slugs) or an `id` in the target file.

use crate::support::run::repo;
use crate::support::tree::files_under;
use std::collections::BTreeSet;
use std::path::Path;

/// A fence opening or closing a code block: at least three backticks or tildes (CommonMark:
/// a backtick fence's info string holds no backtick, so ```` ```diff ```` is inline code).
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start();
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = trimmed.chars().take_while(|c| *c == marker).count();
    let rest = &trimmed[length..];
    (length >= 3 && !(marker == '`' && rest.contains('`'))).then_some((marker, length, rest))
}

/// The lines of `text` outside fenced code blocks, with their 1-based numbers.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut open: Option<(char, usize)> = None;
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        match (open, fence(line)) {
            (Some((marker, length)), Some((closing, run, rest)))
                if closing == marker && run >= length && rest.trim().is_empty() =>
            {
                open = None
            }
            (Some(_), _) => {}
            (None, Some((marker, length, _))) => open = Some((marker, length)),
            (None, None) => lines.push((index + 1, line)),
        }
    }
    lines
}

/// `line` without its inline code spans (a link inside backticks is not a link).
fn without_code(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let ticks = rest[start..].chars().take_while(|c| *c == '`').count();
        let after = &rest[start + ticks..];
        match after.find(&"`".repeat(ticks)) {
            Some(end) => rest = &after[end + ticks..],
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The destinations of inline links `[text](dest "title")` and reference definitions
/// `[label]: dest` on one line of prose.
fn destinations(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut found = Vec::new();
    let trimmed = line.trim_start();
    if trimmed.starts_with('[')
        && let Some(end) = trimmed.find("]:")
    {
        if let Some(dest) = trimmed[end + 2..].split_whitespace().next() {
            found.push(dest.trim_matches(['<', '>']).to_string());
        }
        return found;
    }
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](") {
        let tail = &rest[at + 2..];
        let dest = match tail.strip_prefix('<') {
            Some(inner) => inner.split('>').next().unwrap_or(""),
            None => {
                // Parentheses may nest inside a destination; it ends at the matching one.
                let mut depth = 0usize;
                let end = tail
                    .char_indices()
                    .find(|&(_, c)| match c {
                        '(' => {
                            depth += 1;
                            false
                        }
                        ')' if depth == 0 => true,
                        ')' => {
                            depth -= 1;
                            false
                        }
                        c => c.is_whitespace() && depth == 0,
                    })
                    .map_or(tail.len(), |(i, _)| i);
                &tail[..end]
            }
        };
        found.push(dest.to_string());
        rest = &tail[dest.len().min(tail.len())..];
    }
    found
}

/// GitHub's anchor for a heading: lower case; letters, digits, `-` and `_` kept; spaces become
/// `-`; everything else dropped. A link's text counts, not its destination.
fn slug(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    while let Some(at) = rest.find("](") {
        text.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        rest = tail.find(')').map_or("", |end| &tail[end + 1..]);
    }
    text.push_str(rest);
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors a Markdown text offers: its headings' slugs (repeats numbered `-1`, `-2`, as
/// GitHub does) and any HTML `id="…"` or `name="…"`.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let base = slug(line[hashes..].trim());
            let mut anchor = base.clone();
            let mut n = 0;
            while found.contains(&anchor) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            found.insert(anchor);
        }
        for attribute in ["id=\"", "name=\""] {
            let mut rest = line;
            while let Some(at) = rest.find(attribute) {
                let tail = &rest[at + attribute.len()..];
                let end = tail.find('"').unwrap_or(tail.len());
                found.insert(tail[..end].to_string());
                rest = &tail[end..];
            }
        }
    }
    found
}

/// Broken relative links of the Markdown files under `root`, as `file:line: dest (why)`.
fn broken_links(root: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for file in files_under(root, ".md") {
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root).unwrap().display().to_string();
        for (number, line) in prose_lines(&text) {
            for dest in destinations(line) {
                if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
                    continue;
                }
                let (path, anchor) = match dest.split_once('#') {
                    Some((path, anchor)) => (path, Some(anchor)),
                    None => (dest.as_str(), None),
                };
                let target = if path.is_empty() {
                    file.clone()
                } else if path.starts_with('/') {
                    root.join(path.trim_start_matches('/'))
                } else {
                    file.parent().unwrap().join(path)
                };
                if !target.exists() {
                    broken.push(format!("{shown}:{number}: {dest} (no such file)"));
                    continue;
                }
                let Some(anchor) = anchor else { continue };
                if target.extension().is_none_or(|ext| ext != "md") {
                    broken.push(format!(
                        "{shown}:{number}: {dest} (an anchor into a non-Markdown file)"
                    ));
                    continue;
                }
                let offered = anchors(&std::fs::read_to_string(&target).unwrap());
                if !offered.contains(anchor) {
                    broken.push(format!("{shown}:{number}: {dest} (no such heading)"));
                }
            }
        }
    }
    broken
}

#[test]
fn every_relative_link_in_the_repository_resolves() {
    let files = files_under(repo(), ".md");
    for expected in [
        "README.md",
        "CONTRIBUTING.md",
        "CHANGELOG.md",
        "docs/plan.md",
    ] {
        assert!(
            files.contains(&repo().join(expected)),
            "{expected} is checked"
        );
    }
    let broken = broken_links(repo());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The manual's section that wxform's IP-whitelist advice sends users to exists, and the
/// advice's link is that section on the project's site.
#[test]
fn the_section_wxform_points_to_exists() {
    use wxform::wechat::whitelist::{SETUPS_DOC, setups_url};
    let (path, anchor) = SETUPS_DOC.split_once('#').unwrap();
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    assert!(anchors(&text).contains(anchor), "{SETUPS_DOC}");
    assert!(setups_url().ends_with(&format!("/blob/main/{SETUPS_DOC}")));
}

#[test]
fn the_checker_finds_missing_files_and_anchors_and_ignores_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(
        dir.path().join("docs/guide.md"),
        "# Guide\n\n## The saved plan file (`plan --out PLAN`)\n\n```` ```diff ```` is inline code, not a fence\n\n## Steps\n\n## Steps\n\n<a id=\"custom\"></a>\n````\n## Not a heading\n```\n## Still not\n````\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "See [the guide](docs/guide.md), [saved](docs/guide.md#the-saved-plan-file-plan---out-plan),\n\
         [again](docs/guide.md#steps-1), [custom](docs/guide.md#custom), [web](https://example.com/x.md),\n\
         [top](#readme) and `[code](missing.md)`.\n\
         \n\
         # Readme\n\
         \n\
         [gone](docs/gone.md) [bad anchor](docs/guide.md#steps-2) [fenced](docs/guide.md#not-a-heading) [still](docs/guide.md#still-not)\n\
         \n\
         [ref]: docs/also-gone.md\n\
         ```\n[in a fence](nowhere.md)\n```\n",
    )
    .unwrap();
    assert_eq!(
        broken_links(dir.path()),
        [
            "README.md:7: docs/gone.md (no such file)",
            "README.md:7: docs/guide.md#steps-2 (no such heading)",
            "README.md:7: docs/guide.md#not-a-heading (no such heading)",
            "README.md:7: docs/guide.md#still-not (no such heading)",
            "README.md:9: docs/also-gone.md (no such file)",
        ]
    );
}
