//! How the waiting line reaches stderr: on a terminal, one line redrawn in place with a
//! spinner (dimmed when colour is on) and wiped before anything else is written; elsewhere (a
//! CI log) whole lines, at most a few at once and the same wait again only every ten seconds,
//! so that a log is never flooded. Every line is made inert first: it may quote a lock file's
//! holder, and it must never act on a terminal or be a CI workflow command.

use std::io::Write;
use std::time::{Duration, Instant};

/// How often a terminal's line is redrawn.
pub(super) const TICK: Duration = Duration::from_millis(100);

/// In a log, the same wait is said again after this long.
const REPEAT: Duration = Duration::from_secs(10);

/// In a log, at most this many lines in a burst; one more each [`REFILL`].
const BURST: u32 = 5;
const REFILL: Duration = Duration::from_secs(2);

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Where lines go and how.
pub(super) struct Drawer {
    out: Box<dyn Write + Send>,
    style: Style,
    /// Terminal: the width of the line on screen now (0: none). Log: unused.
    drawn: usize,
    frame: usize,
    /// Log: the wait last said and when, and the lines it may still write at once.
    said: Option<(u64, Instant)>,
    tokens: u32,
    refilled: Instant,
}

/// A terminal (redrawn in place) or a log (whole lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Terminal { color: bool, width: usize },
    Log,
}

impl Drawer {
    pub(super) fn new(out: Box<dyn Write + Send>, style: Style, now: Instant) -> Drawer {
        Drawer {
            out,
            style,
            drawn: 0,
            frame: 0,
            said: None,
            tokens: BURST,
            refilled: now,
        }
    }

    /// A tick: `headline` (the id of the wait it shows, and its words) drawn or said as the
    /// style wants; nothing shows when it is `None`.
    pub(super) fn tick(&mut self, headline: Option<(u64, String)>, now: Instant) {
        match (self.style, headline) {
            (Style::Terminal { color, width }, Some((_, line))) => {
                self.frame = (self.frame + 1) % SPINNER.len();
                let line = fit(&format!("{} {line}", SPINNER[self.frame]), width);
                self.draw(&line, color);
            }
            (Style::Terminal { .. }, None) => self.wipe(),
            (Style::Log, Some((id, line))) => {
                let due = match self.said {
                    Some((said, at)) => said != id || now.duration_since(at) >= REPEAT,
                    None => true,
                };
                if due && self.take_token(now) {
                    self.said = Some((id, now));
                    self.say(&line);
                }
            }
            (Style::Log, None) => {}
        }
    }

    /// News to say at once (a retry): a line of its own in a log, the line itself on a
    /// terminal until the next tick.
    pub(super) fn news(&mut self, id: u64, line: &str, now: Instant) {
        match self.style {
            Style::Terminal { color, width } => {
                let line = fit(&format!("{} {line}", SPINNER[self.frame]), width);
                self.draw(&line, color);
            }
            Style::Log => {
                if self.take_token(now) {
                    self.said = Some((id, now));
                    self.say(line);
                }
            }
        }
    }

    /// Clears the terminal's line, so that what is written next starts on a clean line.
    pub(super) fn wipe(&mut self) {
        if self.drawn > 0 {
            let _ = write!(self.out, "\r{}\r", " ".repeat(self.drawn));
            let _ = self.out.flush();
            self.drawn = 0;
        }
    }

    fn draw(&mut self, line: &str, color: bool) {
        let width = display_width(line);
        // Spaces over what a longer line left; no erase sequence, so a dumb terminal works.
        let pad = " ".repeat(self.drawn.saturating_sub(width));
        let result = if color {
            write!(self.out, "\r\x1b[2m{line}\x1b[0m{pad}")
        } else {
            write!(self.out, "\r{line}{pad}")
        };
        if result.and_then(|()| self.out.flush()).is_ok() {
            self.drawn = width + pad.len();
        }
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
    }

    fn take_token(&mut self, now: Instant) -> bool {
        let earned = now.duration_since(self.refilled).as_millis() / REFILL.as_millis();
        if earned > 0 {
            self.tokens = (self.tokens + u32::try_from(earned).unwrap_or(BURST)).min(BURST);
            self.refilled = now;
        }
        if self.tokens == 0 {
            return false;
        }
        self.tokens -= 1;
        true
    }
}

/// Columns a line takes: wide (CJK) characters take two.
fn display_width(text: &str) -> usize {
    let wide = |ch: char| {
        matches!(ch as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
            | 0x20000..=0x3FFFD)
    };
    text.chars().map(|ch| if wide(ch) { 2 } else { 1 }).sum()
}

/// `line`, inert, cut with "…" to fit `width` columns (a wrapped line could not be redrawn).
fn fit(line: &str, width: usize) -> String {
    let line = crate::inert::text(&crate::redact::scrub(line));
    if display_width(&line) < width {
        return line;
    }
    let mut kept = String::new();
    let mut used = 0;
    for ch in line.chars() {
        used += display_width(ch.encode_utf8(&mut [0; 4]));
        if used + 2 >= width {
            break;
        }
        kept.push(ch);
    }
    kept + "…"
}

/// A line for a log: inert and scrubbed, never cut.
pub(super) fn log_line(line: &str) -> String {
    crate::inert::text(&crate::redact::scrub(line))
}

/// The width of the terminal on stderr, from `COLUMNS` when the shell exports it; 80 otherwise.
pub(super) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|width| *width >= 20)
        .unwrap_or(80)
}

/// Whatever a test gives as stderr.
#[cfg(test)]
pub(super) struct Shared(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

#[cfg(test)]
impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn drawer(style: Style) -> (Drawer, Arc<Mutex<Vec<u8>>>, Instant) {
        let out = Arc::new(Mutex::new(Vec::new()));
        let now = Instant::now();
        (
            Drawer::new(Box::new(Shared(out.clone())), style, now),
            out,
            now,
        )
    }

    fn text(out: &Arc<Mutex<Vec<u8>>>) -> String {
        String::from_utf8(out.lock().unwrap().clone()).unwrap()
    }

    fn line(id: u64, words: &str) -> Option<(u64, String)> {
        Some((id, words.to_string()))
    }

    #[test]
    fn a_log_says_a_wait_once_then_every_ten_seconds() {
        let (mut drawer, out, start) = drawer(Style::Log);
        drawer.tick(line(1, "waiting (1 s so far)"), start);
        drawer.tick(
            line(1, "waiting (2 s so far)"),
            start + Duration::from_secs(2),
        );
        drawer.tick(
            line(1, "waiting (11 s so far)"),
            start + Duration::from_secs(11),
        );
        drawer.tick(None, start + Duration::from_secs(12));
        assert_eq!(text(&out), "waiting (1 s so far)\nwaiting (11 s so far)\n");
    }

    #[test]
    fn a_log_is_never_flooded() {
        let (mut drawer, out, start) = drawer(Style::Log);
        for id in 0..20 {
            drawer.news(id, &format!("retry {id}"), start);
        }
        assert_eq!(text(&out).lines().count(), BURST as usize);
        drawer.news(99, "later", start + REFILL);
        assert!(text(&out).ends_with("later\n"));
    }

    #[test]
    fn a_terminal_line_is_redrawn_in_place_and_wiped() {
        let style = Style::Terminal {
            color: false,
            width: 80,
        };
        let (mut drawer, out, start) = drawer(style);
        drawer.tick(line(1, "a longer line"), start);
        drawer.tick(line(1, "short"), start);
        drawer.tick(None, start);
        let shown = text(&out);
        assert!(!shown.contains('\n'), "{shown:?}");
        assert!(!shown.contains('\u{1b}'), "no colour: {shown:?}");
        assert_eq!(
            shown,
            "\r⠙ a longer line\r⠹ short        \r               \r"
        );
    }

    #[test]
    fn terminal_lines_are_dimmed_with_colour_inert_and_cut_to_the_width() {
        let style = Style::Terminal {
            color: true,
            width: 20,
        };
        let (mut drawer, out, start) = drawer(style);
        drawer.tick(line(1, "host \u{1b}]0;x\u{7} and a very long tail"), start);
        let shown = text(&out);
        assert!(
            shown.starts_with("\r\u{1b}[2m⠙ host \\u{1b}]0;x"),
            "{shown:?}"
        );
        assert!(shown.ends_with("…\u{1b}[0m"), "{shown:?}");
        assert!(!shown.contains("\u{1b}]"), "{shown:?}");
    }
}
