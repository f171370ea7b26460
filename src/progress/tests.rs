//! The words of the progress lines.

use super::*;

#[test]
fn lines_read_as_english_with_tenths_under_ten_seconds() {
    let retry = Wait::Retry {
        endpoint: "menu/get",
        delay: Duration::from_millis(1234),
        retry: 2,
        of: 3,
        cause: "errcode -1".into(),
    };
    assert_eq!(
        retry.line(Duration::ZERO),
        "retrying menu/get in 1.2 s (2 of 3) after errcode -1"
    );
    let lock = Wait::Lock {
        holder: "pid 7 on host ci".into(),
    };
    assert_eq!(
        lock.line(Duration::from_secs(42)),
        "waiting for another apply of this account to finish: pid 7 on host ci (42 s so far)"
    );
    assert_eq!(
        Wait::Planning { done: 3, total: 50 }.line(Duration::ZERO),
        "planning 3 of 50 accounts…"
    );
    let command = Wait::TokenCommand {
        config: "accounts/shop.yaml".into(),
    };
    assert_eq!(
        command.line(Duration::from_millis(2_500)),
        "running the token command of accounts/shop.yaml (2.5 s so far)"
    );
    let answer = Wait::Answer {
        endpoint: "tags/get",
    };
    assert_eq!(
        answer.line(Duration::from_millis(40)),
        "waiting for WeChat's answer to tags/get (40 ms so far)"
    );
    assert_eq!(
        answer.line(Duration::from_millis(9_960)),
        "waiting for WeChat's answer to tags/get (10.0 s so far)"
    );
}
