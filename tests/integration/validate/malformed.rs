//! Files that are not a configuration at all: each gets one clear error, with file:line:col
//! where there is a place to point at, and exit 1 — never a panic.

use super::{run_in, validate_bytes, validate_yaml};

/// Exit 1, nothing on stdout, no panic, and the rendered error pinned by a snapshot.
fn rejected(bytes: &[u8]) -> String {
    let run = validate_bytes(bytes, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("wxform.yaml: 1 error\n"),
        "{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn bad_indentation() {
    let stderr = rejected(b"version: 1\nmenu:\n  button:\n    - name: a\n   type: click\n");
    assert!(stderr.contains("--> wxform.yaml:5:4\n"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn wrong_type() {
    let stderr = rejected(b"version: 1\nmenu: [a, b]\n");
    assert!(stderr.contains("--> wxform.yaml:2:7\n"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_number_where_a_number_belongs() {
    let stderr = rejected(b"version: one\n");
    assert!(stderr.contains("--> wxform.yaml:1:10\n"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_field() {
    let stderr =
        rejected("version: 1\nmenu:\n  button:\n    - { name: 今日, tpye: click }\n".as_bytes());
    assert!(stderr.contains("--> wxform.yaml:4:19\n"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_top_level_section() {
    let stderr = rejected(b"version: 1\nmenus: {}\n");
    assert!(
        stderr.starts_with("error: unknown key `menus` in the configuration\n"),
        "{stderr}"
    );
    assert!(stderr.contains("= help: did you mean `menu`?"), "{stderr}");
}

#[test]
fn unknown_policy() {
    let stderr = rejected(b"version: 1\ntags:\n  unmanaged: remove\n");
    assert!(stderr.contains("--> wxform.yaml:3:14\n"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn duplicate_key() {
    let stderr = rejected(b"version: 1\nmenu: { button: [] }\nmenu: { button: [] }\n");
    assert!(stderr.contains("--> wxform.yaml:3:1\n"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn missing_required_field() {
    let stderr = rejected(b"version: 1\ntags:\n  items:\n    - previously: [a]\n");
    assert!(
        stderr.starts_with("error: missing key `name` in a tag\n"),
        "{stderr}"
    );
    assert!(stderr.contains("--> wxform.yaml:4:7\n"), "{stderr}");
}

#[test]
fn unclosed_quote() {
    let stderr = rejected(b"version: 1\nmenu:\n  button:\n    - name: \"unterminated\n");
    assert!(stderr.contains("--> wxform.yaml:4:13\n"), "{stderr}");
}

#[test]
fn two_documents() {
    let stderr = rejected(b"version: 1\n---\nversion: 1\n");
    assert!(stderr.contains("--> wxform.yaml:2:1\n"), "{stderr}");
    // Says what is wrong, not how the parser's budget is named, and no word about aliases.
    assert!(
        stderr.starts_with(
            "error: the file holds more than one YAML document; a configuration is one document\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("alias"), "{stderr}");
}

#[test]
fn a_number_too_large_says_the_largest() {
    for yaml in [
        "version: 99999999999999999999\n",
        "version: 1\ntemplates:\n  industry: { primary: 1, secondary: \"99999999999999999999\" }\n",
    ] {
        let stderr = rejected(yaml.as_bytes());
        assert!(
            stderr.starts_with(
                "error: 99999999999999999999 is too large: wxform reads whole numbers up to 18446744073709551615\n"
            ),
            "{stderr}"
        );
    }
    // Not a whole number at all: the message says what is expected.
    let stderr = rejected(b"version: -1\n");
    assert!(
        stderr.starts_with("error: expected a whole number (0 or more)\n"),
        "{stderr}"
    );
}

#[test]
fn empty_file() {
    let stderr = rejected(b"# nothing yet\n\n");
    insta::assert_snapshot!(stderr);
}

#[test]
fn not_utf8() {
    let stderr = rejected(b"version: 1\nmenu:\n  button:\n    - name: \xff\xfe\n");
    assert!(stderr.contains("--> wxform.yaml:4:13\n"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}

#[test]
fn a_50_mib_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("wxform.yaml")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let run = run_in(dir.path(), &["validate"], &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn an_alias_bomb_fails_fast() {
    // "Billion laughs": eleven levels of ten aliases each would expand to 10^11 strings.
    let mut yaml = String::from(
        "version: 1\ntags:\n  items:\n    - name: a0\n      previously: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for level in 1..=11 {
        let aliases = vec![format!("*a{}", level - 1); 10].join(", ");
        yaml.push_str(&format!(
            "    - name: a{level}\n      previously: &a{level} [{aliases}]\n"
        ));
    }
    let stderr = rejected(yaml.as_bytes());
    assert!(stderr.contains("--> wxform.yaml:13:"), "{stderr}");
    assert!(stderr.contains("1,000 aliases"), "{stderr}");
}

#[test]
fn too_many_aliases_hit_the_budget() {
    // Aliases that fit the types still stop at the parser's budget instead of expanding.
    let mut yaml = String::from(
        "version: 1\nmenu:\n  button: &b [{ name: a, type: click, key: A }]\nconditional_menus:\n",
    );
    for i in 0..2000 {
        yaml.push_str(&format!(
            "  - {{ name: m{i}, matchrule: {{ tag_id: {i} }}, button: *b }}\n"
        ));
    }
    let run = validate_yaml(&yaml);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> wxform.yaml:1005:57\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1,000 aliases"), "{}", run.stderr);
}

#[test]
fn a_missing_file_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["validate", "nope.yaml"], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "error: cannot read nope.yaml: No such file or directory (os error 2)\n"
    );
}

#[test]
fn a_section_with_no_value_is_not_silently_unmanaged() {
    // Commenting out everything under `menu:` leaves YAML null, not "omitted".
    let stderr = rejected(b"version: 1\nmenu:\n  # button: []\n");
    assert!(stderr.contains("--> wxform.yaml:2:"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

/// Without `version`, the file may be another one entirely (a credential file behind a
/// symlink): it is refused as not a configuration, and not quoted.
#[test]
fn a_missing_version() {
    let stderr = rejected(b"menu: { button: [] }\n");
    assert!(
        stderr.contains(
            "error: this is not a wxform configuration: its top level is a mapping without `version`\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("button"), "not quoted: {stderr}");
    assert!(
        stderr.contains("help: a configuration is a mapping that starts with `version: 1`"),
        "{stderr}"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_do_not_shift_columns() {
    let stderr = rejected("\u{feff}version: 2\r\nmenu: { button: [] }\r\n".as_bytes());
    assert!(stderr.contains("--> wxform.yaml:1:10\n"), "{stderr}");
}

#[test]
fn a_tab_in_the_indentation_points_at_it_and_says_to_use_spaces() {
    let stderr = rejected(b"version: 1\nmenu:\n\tbutton: []\n");
    assert!(stderr.contains("--> wxform.yaml:3:"), "{stderr}");
    assert!(
        stderr.contains("= help: YAML indents with spaces, never tabs: replace the tab"),
        "{stderr}"
    );
}

/// Binary content is never quoted, whether or not it happens to be valid UTF-8: a bad byte
/// before a NUL must not turn the "not text" refusal into an excerpt of the file.
#[test]
fn binary_content_that_is_not_utf8_is_not_quoted() {
    for bytes in [
        &b"\xff\x00password=PLANTED-VALUE\n"[..],
        b"version: 1\npassword=PLANTED-VALUE \x00\xfe\n",
    ] {
        let stderr = rejected(bytes);
        assert!(!stderr.contains("PLANTED"), "{stderr}");
        assert!(stderr.contains("control character U+0000"), "{stderr}");
    }
    // Text in another encoding (GBK here) has no control character: it is shown, to find the
    // byte.
    let gbk = b"version: 1\n# \xd0\xc2\xc6\xb7\n";
    let stderr = rejected(gbk);
    assert!(stderr.contains("--> wxform.yaml:2:3\n"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}
