//! `wxform::config::load_str` on arbitrary text and on mutated examples: it returns (never
//! panics), and every diagnostic points inside the text, so rendering it cannot panic either.

use proptest::prelude::*;
use wxform::config::{LoadError, Source, load_str};
use wxform::render::diagnostics;

pub(super) const EXAMPLES: [&str; 2] = [
    include_str!("../../../examples/shop.yaml"),
    include_str!("../../../examples/minimal.yaml"),
];

/// Characters that matter to YAML and to WeChat's rules.
const PIECES: &[&str] = &[
    ":",
    " ",
    "  ",
    "\n",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "|",
    ">",
    "\t",
    "---\n",
    "...",
    "?",
    "%",
    "@",
    "`",
    "\\",
    "\u{feff}",
    "今日歌曲",
    "🎵",
    "0x1F",
    "1e400",
    "-1",
    "~",
    "null",
    "button:",
    "sub_button:",
    "name:",
    "type: click",
    "key: K",
    "url: https://e.com/",
    "matchrule:",
    "tag:",
    "version: 1",
    "<<: *a",
    "\r\n",
    "\u{0}",
];

#[derive(Debug, Clone)]
pub(super) enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, piece: usize },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Truncate { at: usize },
}

pub(super) fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), any::<usize>()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

/// The char boundary at or before `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(super) fn apply(text: &mut String, mutation: &Mutation) {
    match *mutation {
        Mutation::Delete { at, len } => {
            let start = boundary(text, at);
            let end = boundary(text, start + len);
            if end > start {
                text.replace_range(start..end, "");
            }
        }
        Mutation::Insert { at, piece } => {
            let at = boundary(text, at);
            text.insert_str(at, PIECES[piece % PIECES.len()]);
        }
        Mutation::DuplicateLine { line } | Mutation::SwapLines { a: line, .. }
            if text.lines().count() == 0 =>
        {
            let _ = line;
        }
        Mutation::DuplicateLine { line } => {
            let mut lines: Vec<&str> = text.lines().collect();
            let line = line % lines.len();
            lines.insert(line, lines[line]);
            *text = lines.join("\n");
        }
        Mutation::SwapLines { a, b } => {
            let mut lines: Vec<&str> = text.lines().collect();
            let len = lines.len();
            lines.swap(a % len, b % len);
            *text = lines.join("\n");
        }
        Mutation::Truncate { at } => {
            let at = boundary(text, at);
            text.truncate(at);
        }
    }
}

/// Loads `text`; every span of every diagnostic lies on char boundaries inside it, and the
/// rustc-style and GitHub renderings succeed.
fn check(text: &str) {
    match load_str("fuzz.yaml", text) {
        Ok(loaded) => {
            assert!(loaded.warnings.iter().all(|d| !d.is_error()));
            let _ = diagnostics::render(&loaded.file, &loaded.warnings);
        }
        Err(LoadError::Invalid {
            file,
            diagnostics: found,
            ..
        }) => {
            assert!(
                found.iter().any(|d| d.is_error()),
                "an invalid file has an error"
            );
            for diagnostic in &found {
                let spans = diagnostic
                    .span
                    .iter()
                    .chain(diagnostic.context.iter().map(|(span, _)| span));
                for span in spans {
                    assert!(
                        span.start <= span.end && span.end <= text.len(),
                        "{span:?}: {diagnostic:?}"
                    );
                    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                }
            }
            let _ = diagnostics::render(&file, &found);
            let _ = diagnostics::github_annotations(&Source::new("fuzz.yaml", text), &found);
        }
        Err(LoadError::Read { .. }) => panic!("load_str reads no file"),
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arbitrary_pieces_never_panic(pieces in prop::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = pieces.into_iter().map(|i| PIECES[i]).collect();
        check(&text);
    }

    #[test]
    fn mutated_examples_never_panic(
        example in 0..EXAMPLES.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut text = EXAMPLES[example].to_string();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        check(&text);
    }
}

#[test]
fn the_examples_load_unmutated() {
    for example in EXAMPLES {
        assert!(load_str("example.yaml", example).is_ok());
    }
}
