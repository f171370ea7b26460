//! `wxform fmt` against the built binary: `--check` (exit codes, the diff on stdout), rewriting
//! in place (mode, symlinks, CRLF, CJK and emoji), stdin to stdout, refused files left as they
//! were, and the repository's examples kept canonical.

mod check;
mod in_place;
mod stdin;

use crate::support::run::{Run, wxform};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// A configuration out of canonical form in every way `fmt` cares about: key order, quotes,
/// indentation, blank lines, a flow mapping written loosely; with comments to keep.
pub const MESSY: &str = "\
# yaml-language-server: $schema=./wxform.schema.json

menu:   # the default menu
  button:
  - {type: click, name: \"今日歌曲\", key: 'V1001_TODAY_MUSIC'}
  - sub_button:
      - {url: \"https://example.com/\", name: 官网, type: view}
    name: 服务   # a folder
version: 1


tags:
    items:
      - name: 'VIP'
    unmanaged: keep
# the end
";

/// [`MESSY`] formatted.
pub const TIDY: &str = "\
# yaml-language-server: $schema=./wxform.schema.json

version: 1

menu: # the default menu
  button:
    - { name: 今日歌曲, type: click, key: V1001_TODAY_MUSIC }
    - name: 服务 # a folder
      sub_button:
        - { name: 官网, type: view, url: \"https://example.com/\" }

tags:
  unmanaged: keep
  items:
    - name: VIP
# the end
";

/// Runs `wxform args` in `dir`, with `input` on stdin.
pub fn run_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = wxform()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wxform binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    Run::of(child.wait_with_output().unwrap())
}

/// A directory holding `text` as wxform.yaml.
pub fn dir_with(text: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wxform.yaml"), text).unwrap();
    dir
}
