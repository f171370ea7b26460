//! The diff `wxform fmt --check` prints: what formatting would change in one file, as a unified
//! diff (`--- NAME`, `+++ NAME`, hunks with three lines of context) that `patch -p0` applies,
//! its lines coloured as plan diffs are.
//!
//! Styles are written as ANSI sequences; give [`write_diff`] an `anstream` stream and it keeps
//! or strips them according to the terminal, `--color` and `NO_COLOR`. Lines are made inert:
//! the file is someone else's text.

use crate::inert;
use anstyle::{AnsiColor, Style};
use similar::{ChangeTag, TextDiff};
use std::io::{self, Write};

const GREEN: Style = AnsiColor::Green.on_default();
const RED: Style = AnsiColor::Red.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();
const BOLD: Style = Style::new().bold();

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Writes the diff from `before` to `after` (the same file, named `name`). CRLF line breaks
/// are compared as LF: both texts have the file's own.
pub fn write_diff(name: &str, before: &str, after: &str, out: &mut dyn Write) -> io::Result<()> {
    let name = inert::text(name);
    let before = before.replace("\r\n", "\n");
    let after = after.replace("\r\n", "\n");
    writeln!(out, "{BOLD}--- {name}{BOLD:#}")?;
    writeln!(out, "{BOLD}+++ {name}{BOLD:#}")?;
    let diff = TextDiff::from_lines(&before, &after);
    let mut hunks = 0;
    for hunk in diff.unified_diff().context_radius(CONTEXT).iter_hunks() {
        hunks += 1;
        writeln!(out, "{CYAN}{}{CYAN:#}", hunk.header())?;
        for change in hunk.iter_changes() {
            let (sign, style) = match change.tag() {
                ChangeTag::Delete => ('-', RED),
                ChangeTag::Insert => ('+', GREEN),
                ChangeTag::Equal => (' ', Style::new()),
            };
            let line = inert::text(change.value().trim_end_matches('\n'));
            writeln!(out, "{style}{sign}{line}{style:#}")?;
            if change.missing_newline() {
                writeln!(out, "\\ No newline at end of file")?;
            }
        }
    }
    if hunks == 0 {
        // Every line is the same but not every line break: the file mixes CRLF and LF.
        writeln!(
            out,
            "(only line breaks change: each becomes the file's first, CRLF or LF)"
        )?;
    }
    Ok(())
}

/// The diff as plain text (no styles).
pub fn render_diff(name: &str, before: &str, after: &str) -> String {
    let mut raw = Vec::new();
    write_diff(name, before, after, &mut raw).expect("writing to memory cannot fail");
    anstream::adapter::strip_str(&String::from_utf8_lossy(&raw)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_shown_with_its_context_and_colours() {
        let before = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\n";
        let after = "a: 1\nb: 2\nc: 3\nd: 4\ne: \"5\"\nf: 6\ng: 7\nh: 8\n";
        assert_eq!(
            render_diff("wxform.yaml", before, after),
            "--- wxform.yaml\n+++ wxform.yaml\n@@ -2,7 +2,7 @@\n b: 2\n c: 3\n d: 4\n-e: 5\n+e: \"5\"\n f: 6\n g: 7\n h: 8\n"
        );
        let mut raw = Vec::new();
        write_diff("wxform.yaml", before, after, &mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.contains(&format!("{RED}-e: 5{RED:#}")), "{raw}");
        assert!(raw.contains(&format!("{GREEN}+e: \"5\"{GREEN:#}")), "{raw}");
    }

    #[test]
    fn crlf_files_diff_by_line_and_a_missing_final_line_break_is_said() {
        let diff = render_diff("w.yaml", "a: 1\r\nb: 'x'\r\n", "a: 1\r\nb: x\r\n");
        assert!(diff.ends_with("-b: 'x'\n+b: x\n"), "{diff}");
        assert!(!diff.contains('\r'));
        let diff = render_diff("w.yaml", "a: 1", "a: 1\n");
        assert!(
            diff.contains("-a: 1\n\\ No newline at end of file\n+a: 1\n"),
            "{diff}"
        );
        let diff = render_diff("w.yaml", "a: 1\r\nb: 2\n", "a: 1\r\nb: 2\r\n");
        assert!(
            diff.ends_with(
                "(only line breaks change: each becomes the file's first, CRLF or LF)\n"
            ),
            "{diff}"
        );
    }

    #[test]
    fn names_and_lines_are_inert() {
        let diff = render_diff(
            "evil\u{1b}[2J.yaml",
            "a: x\u{202e}y\n",
            "a: \"x\\u202Ey\"\n",
        );
        assert!(
            !diff.contains('\u{1b}') && !diff.contains('\u{202e}'),
            "{diff}"
        );
    }
}
