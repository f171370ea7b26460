//! What is being waited for right now, and which of it is worth a line: the waits under way
//! (from any thread), each with when it began and what it waits for now, and the rules that
//! decide what shows. Pure: every decision takes the time as an argument, so tests need no
//! clock and no sleep.
//!
//! A wait shows once it has lasted the threshold; a retry shows at once when its own delay is
//! that long. The one line shown is the oldest wait that shows, with how many others do.

use super::Wait;
use std::time::{Duration, Instant};

/// One wait under way.
#[derive(Debug)]
struct Entry {
    id: u64,
    began: Instant,
    wait: Wait,
    /// When `wait` became what it is (an answer counts from the request that awaits it).
    since: Instant,
}

/// Every wait under way, and the threshold after which a wait shows.
#[derive(Debug)]
pub(super) struct Board {
    entries: Vec<Entry>,
    next_id: u64,
    after: Duration,
}

impl Board {
    pub(super) fn new(after: Duration) -> Board {
        Board {
            entries: Vec::new(),
            next_id: 0,
            after,
        }
    }

    /// A new wait; its id names it in [`Board::update`] and [`Board::end`].
    pub(super) fn begin(&mut self, wait: Wait, now: Instant) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.entries.push(Entry {
            id,
            began: now,
            wait,
            since: now,
        });
        id
    }

    /// The wait `id` now waits for `wait`. True when that is news to say at once: a retry, of
    /// a call that already shows or whose delay alone reaches the threshold.
    pub(super) fn update(&mut self, id: u64, wait: Wait, now: Instant) -> bool {
        let after = self.after;
        let Some(entry) = self.entries.iter_mut().find(|entry| entry.id == id) else {
            return false;
        };
        let news = matches!(wait, Wait::Retry { .. })
            && (now.duration_since(entry.began) >= after || wait.expected() >= Some(after));
        if std::mem::discriminant(&wait) != std::mem::discriminant(&entry.wait) || news {
            entry.since = now;
        }
        entry.wait = wait;
        news
    }

    pub(super) fn end(&mut self, id: u64) {
        self.entries.retain(|entry| entry.id != id);
    }

    /// Whether `entry` has waited long enough to show, or will.
    fn shows(&self, entry: &Entry, now: Instant) -> bool {
        now.duration_since(entry.began) >= self.after || entry.wait.expected() >= Some(self.after)
    }

    /// The line for now: the oldest wait that shows, with the count of the others that do, and
    /// the id of that wait; `None` when nothing shows.
    pub(super) fn headline(&self, now: Instant) -> Option<(u64, String)> {
        let mut showing = self.entries.iter().filter(|entry| self.shows(entry, now));
        let first = showing.next()?;
        let others = showing.count();
        let mut line = first.wait.line(now.duration_since(first.since));
        if others > 0 {
            line.push_str(&format!(" (and {others} more)"));
        }
        Some((first.id, line))
    }

    /// The line of wait `id` alone, for a retry said at once.
    pub(super) fn line_of(&self, id: u64, now: Instant) -> Option<String> {
        let entry = self.entries.iter().find(|entry| entry.id == id)?;
        Some(entry.wait.line(now.duration_since(entry.since)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFTER: Duration = Duration::from_secs(1);

    fn answer() -> Wait {
        Wait::Answer {
            endpoint: "menu/get",
        }
    }

    fn retry(delay_ms: u64) -> Wait {
        Wait::Retry {
            endpoint: "menu/get",
            delay: Duration::from_millis(delay_ms),
            retry: 1,
            of: 3,
            cause: "errcode -1".into(),
        }
    }

    #[test]
    fn a_wait_shorter_than_the_threshold_never_shows() {
        let start = Instant::now();
        let mut board = Board::new(AFTER);
        let id = board.begin(answer(), start);
        assert_eq!(board.headline(start + Duration::from_millis(999)), None);
        board.end(id);
        assert_eq!(board.headline(start + Duration::from_secs(5)), None);
    }

    #[test]
    fn a_long_wait_shows_how_long_it_has_lasted() {
        let start = Instant::now();
        let mut board = Board::new(AFTER);
        board.begin(answer(), start);
        let (_, line) = board.headline(start + Duration::from_secs(12)).unwrap();
        assert_eq!(
            line,
            "waiting for WeChat's answer to menu/get (12 s so far)"
        );
    }

    #[test]
    fn a_retry_is_news_when_its_delay_or_its_call_is_long() {
        let start = Instant::now();
        let mut board = Board::new(AFTER);
        let id = board.begin(answer(), start);
        assert!(!board.update(id, retry(5), start + Duration::from_millis(10)));
        assert!(board.update(id, retry(1200), start + Duration::from_millis(20)));
        assert_eq!(
            board
                .line_of(id, start + Duration::from_millis(20))
                .unwrap(),
            "retrying menu/get in 1.2 s (1 of 3) after errcode -1"
        );
        assert!(board.update(id, retry(5), start + Duration::from_secs(2)));
        // Back to waiting for an answer: counted from the new request.
        assert!(!board.update(id, answer(), start + Duration::from_secs(3)));
        let (_, line) = board.headline(start + Duration::from_secs(4)).unwrap();
        assert_eq!(
            line,
            "waiting for WeChat's answer to menu/get (1.0 s so far)"
        );
    }

    #[test]
    fn the_oldest_wait_that_shows_is_the_line_with_a_count_of_the_others() {
        let start = Instant::now();
        let mut board = Board::new(AFTER);
        let planning = board.begin(Wait::Planning { done: 0, total: 50 }, start);
        board.begin(answer(), start + Duration::from_millis(500));
        board.begin(answer(), start + Duration::from_millis(1900));
        board.update(
            planning,
            Wait::Planning {
                done: 12,
                total: 50,
            },
            start,
        );
        let (id, line) = board.headline(start + Duration::from_secs(2)).unwrap();
        assert_eq!(id, planning);
        assert_eq!(line, "planning 12 of 50 accounts… (and 1 more)");
    }
}
