//! `wxform fmt [--check] [FILE…]`: configurations in canonical form ([`crate::fmt`]).
//!
//! In place, a file that changes is written through [`files::write_output`], as `--out` files
//! are: replaced atomically keeping its permission bits, or written through a symlink to its
//! target. With `--check` nothing is written: the diff of each file that is not formatted goes
//! to stdout (the product), and the exit code is 1 when any file is not formatted. `-` alone
//! reads stdin and writes the formatted text (with `--check`, the diff) to stdout, for editors.
//! A file that is refused gets its diagnostics on stderr and is left as it is; the other files
//! are still formatted, and the exit code is 1. Under GitHub Actions, `--check` also annotates
//! the first line of each file that is not formatted.

use super::load::{config_files, report};
use super::{Outcome, Reported, UsageError, product_stdout};
use crate::cli::FmtArgs;
use crate::config::RuleId;
use crate::config::{Diagnostic, MAX_FILE_BYTES, Source};
use crate::files::{self, ReadError};
use crate::inert;
use crate::render::diagnostics::github_annotations;
use crate::render::fmt_diff::write_diff;
use anyhow::{Context, Result};
use std::io::{Read, Write};
use std::path::Path;

/// What diagnostics and diffs call standard input.
const STDIN: &str = "<stdin>";

/// What became of one file.
enum Verdict {
    /// Already in canonical form.
    Formatted,
    /// Not in canonical form: rewritten, or (with `--check`) its diff printed.
    Reformatted,
    /// Not formatted: its diagnostics or error were printed.
    Refused,
}

pub fn run(args: &FmtArgs) -> Result<Outcome> {
    if args.files.iter().any(|file| file.as_os_str() == "-") {
        if args.files.len() > 1 {
            return Err(UsageError(
                "`-` (stdin) is formatted on its own: give no other FILE with it".into(),
            )
            .into());
        }
        return stdin(args.check);
    }
    let files = config_files(&args.files)?;
    let mut reformatted = Vec::new();
    let mut refused = false;
    for path in &files {
        match file(path, args.check)? {
            Verdict::Formatted => {}
            Verdict::Reformatted => reformatted.push(inert::text(&path.display().to_string())),
            Verdict::Refused => refused = true,
        }
    }
    summary(args.check, &files, &reformatted, refused)
}

fn file(path: &Path, check: bool) -> Result<Verdict> {
    let name = path.display().to_string();
    let text = match files::read_bounded(path, MAX_FILE_BYTES as u64)
        .map_err(anyhow::Error::new)
        .and_then(|bytes| utf8(&name, bytes))
    {
        Ok(text) => text,
        Err(err) => return failed(&err),
    };
    let formatted = match crate::fmt::format(&name, &text) {
        Ok(formatted) => formatted,
        Err(refused) => {
            report(&refused.file, &refused.diagnostics)?;
            return Ok(Verdict::Refused);
        }
    };
    if formatted == text {
        return Ok(Verdict::Formatted);
    }
    if check {
        let mut stdout = product_stdout();
        write_diff(&name, &text, &formatted, &mut stdout)?;
        stdout.flush()?;
        if super::github::annotations_wanted() {
            eprint!("{}", annotation(&name, &text, &formatted));
        }
    } else {
        let written = files::write_output(path, formatted.as_bytes())
            .with_context(|| format!("cannot write {name}; it is left as it was"));
        if let Err(err) = written {
            return failed(&err);
        }
        eprintln!("Formatted {}.", inert::text(&name));
    }
    Ok(Verdict::Reformatted)
}

/// Standard input formatted to standard output (with `--check`: its diff, if any).
fn stdin(check: bool) -> Result<Outcome> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .context("cannot read stdin")?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: STDIN.into(),
            size: None,
            max: MAX_FILE_BYTES as u64,
        }
        .into());
    }
    let text = utf8(STDIN, bytes)?;
    let formatted = match crate::fmt::format(STDIN, &text) {
        Ok(formatted) => formatted,
        Err(refused) => {
            report(&refused.file, &refused.diagnostics)?;
            return Err(Reported.into());
        }
    };
    let mut stdout = product_stdout();
    if !check {
        stdout.write_all(formatted.as_bytes())?;
        stdout.flush()?;
        return Ok(Outcome::Success);
    }
    if formatted == text {
        return Ok(Outcome::Success);
    }
    write_diff(STDIN, &text, &formatted, &mut stdout)?;
    stdout.flush()?;
    eprintln!("error: {STDIN} is not formatted");
    Err(Reported.into())
}

/// The text of a file, or where it stops being UTF-8 (its bytes are not quoted).
fn utf8(name: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        anyhow::anyhow!(
            "cannot read {name}: it is not UTF-8 text (line {line}); WeChat needs UTF-8, so save the file as UTF-8"
        )
    })
}

/// A GitHub Actions annotation on the first line of `text` that formatting changes.
fn annotation(name: &str, text: &str, formatted: &str) -> String {
    let mut same = text
        .bytes()
        .zip(formatted.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !text.is_char_boundary(same) {
        same -= 1;
    }
    let line = text[..same].rfind('\n').map_or(0, |newline| newline + 1);
    let shown = inert::text(name);
    let diagnostic = Diagnostic::error(
        RuleId::Unformatted,
        format!("{shown} is not formatted: `wxform fmt {shown}` formats it"),
    )
    .at(line..line, "");
    github_annotations(&Source::new(name, text), &[diagnostic])
}

/// Prints an error about one file, as the binary prints errors, and goes on with the others.
fn failed(err: &anyhow::Error) -> Result<Verdict> {
    eprintln!(
        "error: {}",
        inert::lines(&crate::redact::scrub(&format!("{err:#}")))
    );
    Ok(Verdict::Refused)
}

/// The last line on stderr, and the exit code: 1 when a file was refused, or with `--check`
/// when one is not formatted.
fn summary(
    check: bool,
    files: &[std::path::PathBuf],
    reformatted: &[String],
    refused: bool,
) -> Result<Outcome> {
    if check && !reformatted.is_empty() {
        let names = reformatted.join(" ");
        let what = match reformatted.len() {
            1 => format!("{names} is not formatted: `wxform fmt {names}` formats it"),
            count => format!(
                "{count} files are not formatted ({}): `wxform fmt {names}` formats them",
                reformatted.join(", ")
            ),
        };
        eprintln!("error: {what}");
        return Err(Reported.into());
    }
    if refused {
        return Err(Reported.into());
    }
    if reformatted.is_empty() {
        let already = if check { "" } else { " already" };
        match files {
            [file] => eprintln!(
                "{} is{already} formatted.",
                inert::text(&file.display().to_string())
            ),
            files => eprintln!("All {} files are{already} formatted.", files.len()),
        }
    }
    Ok(Outcome::Success)
}
