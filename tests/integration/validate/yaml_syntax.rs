//! YAML the parser cannot read, said in plain words with the likely fix, the caret where the
//! fix goes. Each case is one mistake people make; the parser's own wording for each is pinned
//! by `config::yaml_parser::tests`.

use super::validate_yaml;

/// `yaml`, the headline, where it points, and the help.
struct Case {
    yaml: &'static str,
    expected: &'static str,
}

const CASES: &[Case] = &[
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: a\n   type: click\n",
        expected: "error: this line is indented 3 spaces, like no key above it @ 5:4 \
                   (indent it like `name:` on line 4 (6 spaces), or like `button:` on line 3 (2 spaces))",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: a\n        type: click\n",
        expected: "error: this line is indented more than `name:` on line 4 @ 5:9 \
                   (`name:` already has its value: indent this line like `name:` (6 spaces) to add a key beside it)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button: []\n    x: 1\n",
        expected: "error: this line is indented more than `button:` on line 3 @ 4:5 \
                   (`button:` already has its value: indent this line like `button:` (2 spaces) to add a key beside it)",
    },
    // The parser notices the tab at the end of the text before it, on the line above.
    Case {
        yaml: "# 说明：今日歌曲\nversion: 1\nmenu:\n  button:\n    - name: 今日歌曲\n      type: click\n\t\tkey: A\n",
        expected: "error: a tab in the indentation @ 7:1 (YAML indents with spaces, never tabs: replace the tab)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: 今日歌曲\n      \ttype: click\n",
        expected: "error: a tab in the indentation @ 5:7 (YAML indents with spaces, never tabs: replace the tab)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name 今日\n      type: click\n",
        expected: "error: a `:` is missing on line 4 @ 4:5 (write `name: 今日`)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name:今日\n      type: click\n",
        expected: "error: a space is missing after the `:` on line 4 @ 4:5 (write `name: 今日`)",
    },
    Case {
        yaml: "version: 1\nmenu\n  button: []\n",
        expected: "error: a `:` is missing after `menu` @ 2:1 (write `menu:`)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: a: b\n",
        expected: "error: a second `:` on this line @ 4:14 (a value holding `: ` must be quoted: `key: \"a: b\"`)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: \"今日\n      type: click\n",
        expected: "error: this quote is never closed @ 4:13 \
                   (end the value with the same quote on the same line, or remove the quote)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button: [{ name: a, type: click, key: A }\n",
        expected: "error: this `[` is never closed @ 3:11 (close it with `]` after its last item)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - { name: a, type: click, key: A\n",
        expected: "error: this `{` is never closed @ 4:7 (close it with `}` after its last item)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button: [{ name: a type: click }]\n",
        expected: "error: a `,` or `}` is missing here @ 3:26 \
                   (separate the items between brackets with commas, and write `key: value` with a space after the colon)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: a\n      type: click\n      key: A\n   - name: b\n",
        expected: "error: this list item is indented 3 spaces; the list above it, 4 spaces @ 7:4 \
                   (indent the `-` like the one on line 4 (4 spaces))",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: a\n    type: click\n",
        expected: "error: this line is in a list but does not start with `- ` @ 5:5 \
                   (indent it like `name:` on line 4 (6 spaces) to add it to that item, or start it with `- ` to begin a new item)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    name: a\n    - type: click\n",
        expected: "error: a list item where a key is expected @ 5:5 \
                   (a list goes under a key: write `key:`, then the `- ` items indented below it)",
    },
    Case {
        yaml: "version: 1\nmenu:\n  button:\n    - name: \"a\" b\n",
        expected: "error: text after the closing quote @ 4:17 (put the whole value inside the quotes)",
    },
];

/// The one error of a run as "error: message @ line:col (help)".
fn headline(stderr: &str) -> String {
    let mut lines = stderr.lines();
    let message = lines.next().unwrap_or_default();
    let place = lines
        .next()
        .and_then(|line| line.trim_start().strip_prefix("--> wxform.yaml:"))
        .unwrap_or("nowhere");
    let help = stderr
        .lines()
        .find_map(|line| line.trim_start().strip_prefix("= help: "))
        .unwrap_or("no help");
    format!("{message} @ {place} ({help})")
}

#[test]
fn each_mistake_is_said_in_plain_words_with_its_fix_where_it_is() {
    let mut rendered = String::new();
    for case in CASES {
        let run = validate_yaml(case.yaml);
        assert_eq!(run.code, Some(1), "{}\n{}", case.yaml, run.stderr);
        assert!(
            run.stderr.ends_with("wxform.yaml: 1 error\n"),
            "{}",
            run.stderr
        );
        let expected = case
            .expected
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let found = headline(&run.stderr)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(found, expected, "{}\n{}", case.yaml, run.stderr);
        rendered.push_str(&run.stderr);
        rendered.push_str("----\n");
    }
    insta::assert_snapshot!(rendered);
}

/// The caret under a tab sits on the tab, whatever the line above holds.
#[test]
fn the_caret_is_on_the_tab_itself() {
    let run =
        validate_yaml("version: 1\nmenu:\n  button:\n    - name: 今日歌曲\n  \t  type: click\n");
    let caret = run
        .stderr
        .lines()
        .skip_while(|line| !line.contains("type: click"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        run.stderr.contains("--> wxform.yaml:5:3\n"),
        "{}",
        run.stderr
    );
    // The snippet draws the tab as four spaces after the two before it: the caret covers them.
    assert_eq!(
        caret.trim_start_matches(' ').trim_start_matches('|'),
        "   ^^^^ tab",
        "{}",
        run.stderr
    );
}
