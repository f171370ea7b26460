//! Menus as real projects write them (`corpus/`): menu/create and addconditional payloads and
//! menu/get answers, each pasted under `menu:` / `conditional_menus:` as a user would. Those
//! WeChat accepted pass, with a warning where something is doubtful or ignored; those WeChat
//! certainly refuses still fail, at the right place.

use super::validate_bytes;
use crate::support::run::repo;

/// One pasted file: `validate`'s exit code and each diagnostic's headline with its place.
struct Case {
    file: &'static str,
    code: i32,
    diagnostics: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "create-extra-fields.yaml",
        code: 0,
        diagnostics: &[
            "warning: WeChat ignores `key` on a `view` button; wxform does not send it @ 11:16",
            "warning: WeChat ignores `url` on a `click` button; wxform does not send it @ 21:20",
            "warning: WeChat ignores `key` on a `miniprogram` button; wxform does not send it @ 29:20",
        ],
    },
    Case {
        file: "create-folder-with-type.yaml",
        code: 0,
        diagnostics: &[
            "warning: WeChat ignores `type` on a folder; wxform does not send it @ 7:14",
            "warning: WeChat ignores `key` on a folder; wxform does not send it @ 7:46",
            "warning: WeChat ignores `type` on a folder; wxform does not send it @ 12:14",
            "warning: WeChat ignores `url` on a folder; wxform does not send it @ 12:45",
        ],
    },
    Case {
        file: "create-long-names.yaml",
        code: 0,
        diagnostics: &[
            "warning: button name is 18 UTF-8 bytes; WeChat may allow only 16 for a top-level button @ 7:14",
            "warning: button name is 21 UTF-8 bytes; WeChat may allow only 16 for a top-level button @ 11:14",
        ],
    },
    Case {
        file: "addconditional-six-menus.yaml",
        code: 0,
        diagnostics: &[],
    },
    Case {
        file: "get-twin-matchrules.yaml",
        code: 0,
        diagnostics: &[
            "warning: `menuid` is ignored @ 5:307",
            "warning: conditional menu `vip-spring` is never seen: `vip-summer`, later in conditional_menus, has the same matchrule @ 7:137",
            "warning: `menuid` is ignored @ 7:192",
            "warning: `menuid` is ignored @ 8:192",
        ],
    },
    Case {
        file: "get-retired-matchrule.yaml",
        code: 1,
        diagnostics: &[
            "warning: `menuid` is ignored @ 4:206",
            "error: matchrule field `sex` is retired @ 6:135",
            "error: matchrule field `country` is retired @ 6:149",
            "error: matchrule field `province` is retired @ 6:165",
            "error: matchrule field `city` is retired @ 6:177",
            "warning: `menuid` is ignored @ 6:219",
        ],
    },
    Case {
        file: "create-bad-json.yaml",
        code: 1,
        diagnostics: &["error: this `{` is closed by a `]` @ 6:5"],
    },
    Case {
        file: "create-four-buttons.yaml",
        code: 1,
        diagnostics: &["error: the menu has 4 top-level buttons; WeChat allows 1–3 @ 8:31"],
    },
    Case {
        file: "create-three-levels.yaml",
        code: 1,
        diagnostics: &["error: a button inside a folder cannot have `sub_button` @ 6:36"],
    },
    Case {
        file: "create-click-without-key.yaml",
        code: 1,
        diagnostics: &["error: a `click` button needs `key` @ 5:14"],
    },
    Case {
        file: "create-empty-url.yaml",
        code: 1,
        diagnostics: &["error: button url is empty @ 5:43"],
    },
    Case {
        file: "create-mini-program-without-url.yaml",
        code: 1,
        diagnostics: &["error: a `miniprogram` button needs `url` @ 5:14"],
    },
    Case {
        file: "create-mini-program-original-id.yaml",
        code: 1,
        diagnostics: &[
            "error: `gh_68f0a1ffc303` is an original id, not a mini program's AppID @ 6:88",
        ],
    },
    Case {
        file: "create-name-too-long.yaml",
        code: 1,
        diagnostics: &[
            "error: button name is 30 bytes; WeChat allows 16 for a top-level button @ 6:31",
        ],
    },
    Case {
        file: "addconditional-four-outside-hosts.yaml",
        code: 1,
        diagnostics: &[
            "error: conditional menu `partners` links to 4 outside hosts; WeChat allows 3 per menu @ 11:46",
        ],
    },
];

/// "severity: message @ line:col" for each diagnostic of a `validate` run, in order.
fn headlines(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !(line.starts_with("error: ") || line.starts_with("warning: ")) {
            continue;
        }
        let place = lines
            .get(i + 1)
            .and_then(|next| next.trim_start().strip_prefix("--> wxform.yaml:"))
            .unwrap_or("nowhere");
        found.push(format!("{line} @ {place}"));
    }
    found
}

fn corpus() -> std::path::PathBuf {
    repo().join("tests/integration/validate/corpus")
}

#[test]
fn every_pasted_menu_gets_its_exit_code_and_diagnostics() {
    for case in CASES {
        let bytes = std::fs::read(corpus().join(case.file)).unwrap();
        let run = validate_bytes(&bytes, &[]);
        assert_eq!(run.code, Some(case.code), "{}:\n{}", case.file, run.stderr);
        assert_eq!(run.stdout, "", "{}", case.file);
        assert_eq!(
            headlines(&run.stderr),
            case.diagnostics,
            "{}:\n{}",
            case.file,
            run.stderr
        );
    }
}

#[test]
fn every_file_of_the_corpus_has_a_case_and_each_shape_both_outcomes() {
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut cased: Vec<String> = CASES.iter().map(|case| case.file.to_string()).collect();
    cased.sort();
    assert_eq!(files, cased);
    for shape in ["create-", "addconditional-", "get-"] {
        for code in [0, 1] {
            assert!(
                CASES
                    .iter()
                    .any(|case| case.file.starts_with(shape) && case.code == code),
                "no {shape}* case exits {code}"
            );
        }
    }
}
