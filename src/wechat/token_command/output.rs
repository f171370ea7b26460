//! What a token command printed: its stdout judged as an access token (one line, the shape of
//! a token) without ever being quoted, and the end of its stderr as an error may show it.

use super::process::Captured;

/// The most of stdout that is read: a token is a few hundred bytes.
pub(super) const MAX_STDOUT_BYTES: usize = 64 * 1024;

/// The most of stderr that is kept, from its end.
pub(super) const MAX_STDERR_BYTES: usize = 16 * 1024;

/// The shortest and longest token accepted: WeChat's are about 150 characters and it says to
/// reserve 512; these bounds only turn away what is plainly no token.
const TOKEN_CHARS: std::ops::RangeInclusive<usize> = 16..=2048;

/// The lines of stderr an error shows, from its end, and the characters of each.
const STDERR_LINES: usize = 5;
const STDERR_LINE_CHARS: usize = 300;

/// Why stdout is not an access token. None of them quotes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Problem {
    TooLarge,
    NotText,
    Empty,
    Lines(usize),
    NotAToken,
}

impl Problem {
    /// What the command printed, in words.
    pub(super) fn printed(self) -> String {
        match self {
            Problem::TooLarge => format!(
                "printed more than {} KiB on stdout",
                MAX_STDOUT_BYTES / 1024
            ),
            Problem::NotText => "printed something on stdout that is not UTF-8 text".into(),
            Problem::Empty => "printed nothing on stdout".into(),
            Problem::Lines(lines) => format!("printed {lines} lines on stdout"),
            Problem::NotAToken => format!(
                "printed a line on stdout that is not shaped like an access token ({} to {} letters, digits, `-`, `_`, `.` or `~`)",
                TOKEN_CHARS.start(),
                TOKEN_CHARS.end()
            ),
        }
    }
}

/// The access token `stdout` holds: its one line, without the spaces and line break around it.
pub(super) fn token(stdout: &Captured) -> Result<&str, Problem> {
    if stdout.cut() {
        return Err(Problem::TooLarge);
    }
    let text = std::str::from_utf8(&stdout.bytes).map_err(|_| Problem::NotText)?;
    let token = text.trim();
    match token.lines().count() {
        0 => return Err(Problem::Empty),
        1 => {}
        lines => return Err(Problem::Lines(lines)),
    }
    let shaped = TOKEN_CHARS.contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'));
    if shaped {
        Ok(token)
    } else {
        Err(Problem::NotAToken)
    }
}

/// The lines of `stdout` that could be secrets, for the registry: whatever the command printed
/// is treated as one, a token or not. Only the first few: a command printing thousands of
/// lines has failed anyway.
pub(super) fn secret_lines(stdout: &Captured) -> Vec<String> {
    String::from_utf8_lossy(&stdout.bytes)
        .lines()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .take(16)
        .collect()
}

/// The last lines of `stderr`, each scrubbed of every known secret, cut, and made inert, for
/// an error to show indented below it; `None` when it wrote nothing.
pub(super) fn stderr_excerpt(stderr: &Captured) -> Option<String> {
    let text = String::from_utf8_lossy(&stderr.bytes);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .collect();
    let shown = &lines[lines.len().saturating_sub(STDERR_LINES)..];
    if shown.is_empty() {
        return None;
    }
    let heading = if shown.len() < lines.len() || stderr.cut() {
        format!("the last {} lines of its stderr:", shown.len())
    } else {
        "its stderr:".to_string()
    };
    let mut excerpt = heading;
    for line in shown {
        // Scrubbed whole before it is cut: a cut secret is no longer recognised.
        let line = crate::redact::scrub(line);
        let line = match line.char_indices().nth(STDERR_LINE_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.into_owned(),
        };
        excerpt.push_str("\n  ");
        excerpt.push_str(&crate::inert::text(&line));
    }
    Some(excerpt)
}
