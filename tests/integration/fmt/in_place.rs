//! `wxform fmt [FILE…]` rewriting files in place: atomically, keeping the mode and symlinks,
//! the line breaks and every character; a refused file left byte for byte as it was.

use super::{MESSY, TIDY, dir_with};
use crate::support::run::{contains, run_in};
use std::fs;

#[test]
fn a_file_is_rewritten_in_canonical_form_and_then_left_alone() {
    let dir = dir_with(MESSY);
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "Formatted wxform.yaml.\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("wxform.yaml")).unwrap(),
        TIDY
    );
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stderr, "wxform.yaml is already formatted.\n");
    // The formatted file is as valid as the original.
    let run = run_in(dir.path(), &["validate"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn the_mode_is_kept_and_a_symlink_is_written_through() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.yaml");
    fs::write(&target, MESSY).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    symlink(&target, dir.path().join("wxform.yaml")).unwrap();
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let link = fs::symlink_metadata(dir.path().join("wxform.yaml")).unwrap();
    assert!(link.is_symlink(), "the link was replaced");
    assert_eq!(fs::read_to_string(&target).unwrap(), TIDY);
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn crlf_line_breaks_stay_crlf() {
    let dir = dir_with(MESSY.replace('\n', "\r\n"));
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = fs::read_to_string(dir.path().join("wxform.yaml")).unwrap();
    assert_eq!(text, TIDY.replace('\n', "\r\n"));
    let run = run_in(dir.path(), &["fmt", "--check"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
}

#[test]
fn cjk_and_emoji_are_kept_and_measured_in_columns() {
    let text = "version: 1\nmenu:\n  button:\n    - {name: \"🎵音乐\", type: click, key: MUSIC}\n    - {name: '会员🎁', type: view, url: \"https://example.com/会员/🎁\"}\n    # 最后一个按钮：长名字\n    - {name: 长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长, type: click, key: LONG_KEY}\n";
    let dir = dir_with(text);
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("wxform.yaml")).unwrap(),
        "version: 1\n\nmenu:\n  button:\n    - { name: 🎵音乐, type: click, key: MUSIC }\n    - { name: 会员🎁, type: view, url: \"https://example.com/会员/🎁\" }\n    # 最后一个按钮：长名字\n    - name: 长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长\n      type: click\n      key: LONG_KEY\n"
    );
}

#[test]
fn an_unparseable_file_is_refused_and_left_byte_for_byte() {
    let broken = "version: 1\r\nmenu:\r\n  button: [ { name: 'a }\r\n";
    let dir = dir_with(broken);
    fs::write(dir.path().join("b.yaml"), MESSY).unwrap();
    let run = run_in(dir.path(), &["fmt", "wxform.yaml", "b.yaml"], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    contains(&run.stderr, " --> wxform.yaml:3:");
    contains(&run.stderr, "Formatted b.yaml.\n");
    assert_eq!(
        fs::read(dir.path().join("wxform.yaml")).unwrap(),
        broken.as_bytes()
    );
    assert_eq!(fs::read_to_string(dir.path().join("b.yaml")).unwrap(), TIDY);
}

#[test]
fn another_file_is_refused_without_being_quoted() {
    let dir = dir_with("user: admin\npassword: hunter2\n");
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(1));
    contains(&run.stderr, "this is not a wxform configuration");
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
}

#[test]
fn what_fmt_cannot_keep_is_refused_where_it_is() {
    let text = "version: 1\nmenu: &menu\n  button: []\n";
    let dir = dir_with(text);
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!(run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("wxform.yaml")).unwrap(),
        text
    );
}

#[test]
fn a_file_that_breaks_wechat_rules_is_formatted() {
    let dir = dir_with("menu:\n  button:\n    - {type: CLICK, name: a}\nversion: 1\n");
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("wxform.yaml")).unwrap(),
        "version: 1\n\nmenu:\n  button:\n    - { name: a, type: CLICK }\n"
    );
}

#[test]
fn a_missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["fmt"], &[]);
    assert_eq!(run.code, Some(1));
    contains(
        &run.stderr,
        "error: cannot read wxform.yaml: No such file or directory",
    );
}
