//! One run against the account's server: the URL handshake, then every push a few at a time
//! (a production server is not stampeded), each judged as WeChat judges it, then the reply
//! checks against those replies.

use super::config::{Expected, ReplyCheck, Trigger};
use super::crypto::{seal, signature};
use super::events;
use super::exchange::Sender;
use super::judge::{self, Answer, Judge, Judged};
use super::push::{self, Envelope, Push};
use super::report::{HandshakeResult, PushResult, ReplyCheckResult, ServerReport, Status};
use super::settings::Settings;
use super::xml::{Field, document, with_encrypt};
use crate::model::Desired;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Pushes in flight at once.
pub const AT_ONCE: usize = 4;

/// Every check of `settings`' server for the configuration `desired` and its reply checks.
pub fn run(
    settings: &Settings,
    desired: &Desired,
    checks: &[ReplyCheck],
) -> Result<ServerReport, String> {
    let sender = Sender::new(&settings.url, settings.limit)?;
    let handshake = handshake(&sender, settings);
    let pushes = push::pushes(desired, checks);
    let results = in_parallel(&pushes, AT_ONCE, |push| send(&sender, settings, push));
    let reply_checks = checks
        .iter()
        .map(|check| reply_check(check, desired, &results))
        .collect();
    Ok(ServerReport {
        url: settings.url.clone(),
        mode: settings.mode,
        openid: settings.openid.clone(),
        handshake,
        pushes: results,
        reply_checks,
    })
}

/// The URL handshake alone, as `wxform doctor` runs it: what WeChat does when the URL is saved.
pub fn handshake_only(settings: &Settings) -> Result<HandshakeResult, String> {
    let sender = Sender::new(&settings.url, settings.limit)?;
    Ok(handshake(&sender, settings))
}

fn judge_of(settings: &Settings) -> Judge<'_> {
    Judge {
        mode: settings.mode,
        token: &settings.token,
        key: settings.key.as_ref(),
        appid: settings.appid.as_deref(),
        openid: &settings.openid,
        original_id: &settings.original_id,
        key_env: &settings.key_env,
        limit: settings.limit,
    }
}

/// What WeChat does when the URL is saved: a signed GET whose `echostr` must come back as it is.
fn handshake(sender: &Sender, settings: &Settings) -> HandshakeResult {
    let timestamp = now().to_string();
    let nonce = digits(9);
    let echostr = digits(19);
    let query = [
        (
            "signature",
            signature(&[&settings.token, &timestamp, &nonce]),
        ),
        ("timestamp", timestamp),
        ("nonce", nonce),
        ("echostr", echostr.clone()),
    ];
    let (answer, elapsed) = sender.get(&query);
    let detail = match &answer {
        Answer::Answered { status: 200, body } if body == echostr.as_bytes() => None,
        Answer::Answered { status: 200, body }
            if String::from_utf8_lossy(body).trim() == echostr =>
        {
            Some(
                "the echostr came back with blanks around it: WeChat compares it exactly"
                    .to_string(),
            )
        }
        Answer::Answered { status, body } => Some(format!(
            "{} instead of the echostr: the server's token is likely not the one in its variable (a server refuses a signature made with another token), or it does not answer GET",
            if *status == 200 {
                format!(
                    "answered `{}`",
                    judge::quote(String::from_utf8_lossy(body).trim())
                )
            } else {
                format!("HTTP {status}")
            }
        )),
        other => judge::judge(other, &judge_of(settings)).err(),
    };
    HandshakeResult {
        status: if detail.is_some() {
            Status::Fail
        } else {
            Status::Pass
        },
        detail,
        ms: millis(elapsed),
    }
}

/// One push, signed (and sealed) as the mode needs, and its answer judged.
fn send(sender: &Sender, settings: &Settings, push: &Push) -> PushResult {
    let envelope = Envelope {
        original_id: settings.original_id.clone(),
        openid: settings.openid.clone(),
        create_time: now(),
        msg_id: fastrand::u64(6_000_000_000_000_000_000..7_000_000_000_000_000_000),
    };
    let message = push::message(push, &envelope);
    let timestamp = envelope.create_time.to_string();
    let nonce = digits(9);
    let mut query = vec![
        (
            "signature",
            signature(&[&settings.token, &timestamp, &nonce]),
        ),
        ("timestamp", timestamp.clone()),
        ("nonce", nonce.clone()),
        ("openid", settings.openid.clone()),
    ];
    let body = match (&settings.key, &settings.appid) {
        (Some(key), Some(appid)) if settings.mode.encrypts() => {
            let encrypt = seal(key, fastrand::u128(..).to_be_bytes(), &message, appid);
            query.push(("encrypt_type", "aes".to_string()));
            query.push((
                "msg_signature",
                signature(&[&settings.token, &timestamp, &nonce, &encrypt]),
            ));
            if settings.mode == super::config::Mode::Safe {
                document(&[
                    Field::Text("ToUserName", settings.original_id.clone()),
                    Field::Text("Encrypt", encrypt),
                ])
            } else {
                with_encrypt(&message, &encrypt)
            }
        }
        _ => message,
    };
    let (answer, elapsed) = sender.post(&query, body);
    result(push, judge::judge(&answer, &judge_of(settings)), elapsed)
}

fn result(push: &Push, judged: Judged, elapsed: Duration) -> PushResult {
    let (status, reply, detail) = match judged {
        Ok(reply) => (Status::Pass, reply, None),
        // WeChat opens the page whatever the server says: the follower sees no failure.
        Err(why) if !push.reply_shown() => (
            Status::Warn,
            None,
            Some(format!(
                "{why} (the follower is shown the page, not the reply)"
            )),
        ),
        Err(why) => (Status::Fail, None, Some(why)),
    };
    PushResult {
        push: push.clone(),
        status,
        reply,
        detail,
        ms: millis(elapsed),
    }
}

/// A reply check judged on the reply to its push.
fn reply_check(check: &ReplyCheck, desired: &Desired, results: &[PushResult]) -> ReplyCheckResult {
    let detail = match pushed(check, desired, results) {
        None => Some("its push was not sent: the configuration changed?".to_string()),
        Some(result) if result.status != Status::Pass => {
            Some("no reply the follower sees: its push failed (above)".to_string())
        }
        Some(result) => expected(&check.expects, result.reply.as_ref()),
    };
    ReplyCheckResult {
        name: check.name.clone(),
        status: if detail.is_some() {
            Status::Fail
        } else {
            Status::Pass
        },
        detail,
    }
}

/// The result of the push `check` makes.
fn pushed<'a>(
    check: &ReplyCheck,
    desired: &Desired,
    results: &'a [PushResult],
) -> Option<&'a PushResult> {
    let taps = events::taps(&events::menus(desired));
    let tap = match &check.trigger {
        Trigger::Tap(path) => taps.iter().find(|tap| &tap.path == path),
        Trigger::Key(key) => taps.iter().find(|tap| tap.key.as_ref() == Some(key)),
        Trigger::Follow => return results.iter().find(|r| r.push == Push::Follow),
        Trigger::Message(text) => {
            return results
                .iter()
                .find(|r| matches!(&r.push, Push::Message { text: sent } if sent == text));
        }
    }?;
    results.iter().find(|result| {
        matches!(&result.push, Push::Tap { event, event_key, .. } if *event == tap.event && *event_key == tap.event_key)
    })
}

/// Why `reply` is not what `expects` says, if it is not.
fn expected(expects: &Expected, reply: Option<&judge::Shown>) -> Option<String> {
    let (kind, contains) = match (expects, reply) {
        (Expected::Nothing, None) => return None,
        (Expected::Nothing, Some(reply)) => {
            return Some(format!("expected no reply, got {}", reply.words));
        }
        (Expected::Reply { kind, contains }, _) => (kind, contains),
    };
    let wanted = kind.map_or("a reply".to_string(), |kind| {
        format!("a {} reply", kind.name())
    });
    let Some(reply) = reply else {
        return Some(format!("expected {wanted}, got no reply"));
    };
    if kind.is_some_and(|kind| kind.name() != reply.kind) {
        return Some(format!("expected {wanted}, got {}", reply.words));
    }
    let words = contains.as_deref()?;
    if reply.texts.iter().any(|text| text.contains(words)) {
        return None;
    }
    Some(format!(
        "expected {wanted} containing \"{words}\", got {}",
        reply.words
    ))
}

/// `items` mapped by `each`, at most `width` at a time, in order.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    width: usize,
    each: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..width.min(items.len()) {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(at) else { break };
                    let result = each(item);
                    crate::mutex::lock(&done)[at] = Some(result);
                }
            });
        }
    });
    done.into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

fn now() -> u64 {
    crate::utc::now().unwrap_or_default()
}

fn digits(count: usize) -> String {
    let mut out = fastrand::u8(1..=9).to_string();
    out.extend((1..count).map(|_| char::from(b'0' + fastrand::u8(0..10))));
    out
}

fn millis(elapsed: Duration) -> u64 {
    u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
}
