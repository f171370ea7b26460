//! A server's answer judged as WeChat judges it (wechat-api §11.3, §11.4): in time, HTTP 200,
//! then nothing (an empty body or `success`) or one reply WeChat can show: addressed to the
//! follower from the account, `CreateTime` in seconds, a known `MsgType` with its fields; in
//! safe mode encrypted, signed and sealed for the account. What fails says why, in words.

mod words;

use super::config::Mode;
use super::crypto::{self, AesKey};
use super::reply::{self, ReplyXml};
use serde::Serialize;
use std::time::Duration;

/// What the server did with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Answered {
        status: u16,
        body: Vec<u8>,
    },
    /// No whole answer within the limit.
    TooLate,
    /// A body longer than wxform reads.
    TooLarge,
    /// No connection, or it broke: why, in words.
    Unreachable(String),
}

/// What a reply is judged against.
#[derive(Debug, Clone)]
pub struct Judge<'a> {
    pub mode: Mode,
    pub token: &'a str,
    pub key: Option<&'a AesKey>,
    pub appid: Option<&'a str>,
    pub openid: &'a str,
    pub original_id: &'a str,
    /// The variable the key came from, to name it.
    pub key_env: &'a str,
    pub limit: Duration,
}

/// A reply the follower would see, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// Its `MsgType`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `text "…"`, `news (2) "title"`.
    pub words: String,
    /// The words a check's `contains` looks in: the content, the titles and descriptions.
    pub texts: Vec<String>,
    /// Whether it came encrypted.
    pub encrypted: bool,
}

/// A judged answer: the reply shown (none for "no reply"), or why WeChat would refuse it.
pub type Judged = Result<Option<Shown>, String>;

/// What the follower is shown instead of a reply WeChat refuses.
pub const REFUSED: &str = "the follower sees 「该公众号暂时无法提供服务,请稍后再试」";

/// Characters of a text quoted in words.
const QUOTED: usize = 40;

pub fn judge(answer: &Answer, judge: &Judge) -> Judged {
    let body = match answer {
        Answer::Unreachable(why) => return Err(format!("cannot reach the server: {why}")),
        Answer::TooLate => {
            return Err(format!(
                "no answer within {}: WeChat waits 5 s, retries twice, then {REFUSED}",
                seconds(judge.limit)
            ));
        }
        Answer::TooLarge => return Err("the answer is larger than 1 MiB".to_string()),
        Answer::Answered { status, .. } if *status != 200 => {
            return Err(format!("HTTP {status}: WeChat needs 200, else {REFUSED}"));
        }
        Answer::Answered { body, .. } => body,
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(format!("the answer is not UTF-8 text: {REFUSED}"));
    };
    if is_no_reply(text) {
        return Ok(None);
    }
    let reply = reply::parse(text).map_err(|why| {
        format!(
            "not `success` nor a reply WeChat reads ({why}): `{}`",
            quote(text.trim())
        )
    })?;
    if reply.encrypt.is_some() {
        return encrypted(&reply, judge).map(Some);
    }
    if judge.mode == Mode::Safe {
        return Err(format!(
            "a plaintext reply in safe mode: WeChat accepts only encrypted replies, so {REFUSED}"
        ));
    }
    plain(&reply, judge, false).map(Some)
}

/// An empty body or `success`: the follower sees nothing.
fn is_no_reply(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text == "success"
}

/// An encrypted reply: signed with the token, sealed with the key for the account, holding a
/// plain reply.
fn encrypted(reply: &ReplyXml, judge: &Judge) -> Result<Shown, String> {
    if judge.mode == Mode::Plaintext {
        return Err(format!(
            "an encrypted reply in plaintext mode: WeChat does not decrypt it, so {REFUSED}"
        ));
    }
    let encrypt = reply.encrypt.as_deref().unwrap_or_default();
    let (Some(signature), Some(timestamp), Some(nonce)) =
        (&reply.msg_signature, &reply.timestamp, &reply.nonce)
    else {
        return Err(
            "an encrypted reply needs MsgSignature, TimeStamp and Nonce beside Encrypt".into(),
        );
    };
    if !crypto::signature_matches(signature, &[judge.token, timestamp, nonce, encrypt]) {
        return Err(format!(
            "its MsgSignature is not the signature of its TimeStamp, Nonce and Encrypt with the token: signed with another token? {REFUSED}"
        ));
    }
    let key = judge.key.ok_or("no EncodingAESKey to decrypt it with")?;
    let opened = crypto::open(key, encrypt).map_err(|err| {
        format!(
            "its Encrypt does not decrypt with the EncodingAESKey in {}: {err}",
            judge.key_env
        )
    })?;
    if let Some(appid) = judge.appid.filter(|appid| opened.appid != *appid) {
        return Err(format!(
            "it is sealed for the AppID `{}`, not the account's `{appid}`",
            opened.appid
        ));
    }
    if is_no_reply(&opened.message) {
        return Err("it encrypts no reply: answer `success` (or nothing) unencrypted".into());
    }
    let inner = reply::parse(&opened.message)
        .map_err(|why| format!("what it encrypts is not a reply WeChat reads ({why})"))?;
    plain(&inner, judge, true)
}

/// A plain reply (or the one an encrypted reply holds).
fn plain(reply: &ReplyXml, judge: &Judge, encrypted: bool) -> Result<Shown, String> {
    addressed(reply, judge)?;
    seconds_field(reply.create_time.as_deref())?;
    let kind = reply
        .msg_type
        .as_deref()
        .map(str::trim)
        .ok_or("the reply has no MsgType")?;
    let (words, texts) = words::words(kind, reply)?;
    Ok(Shown {
        kind: kind.to_string(),
        words,
        texts,
        encrypted,
    })
}

/// To the follower, from the account: the two swapped is the commonest mistake.
fn addressed(reply: &ReplyXml, judge: &Judge) -> Result<(), String> {
    let to = reply.to.as_deref().map(str::trim);
    let from = reply.from.as_deref().map(str::trim);
    if to == Some(judge.original_id) && from == Some(judge.openid) {
        return Err(format!(
            "ToUserName and FromUserName are swapped: a reply goes to the follower (ToUserName `{}`) from the account (FromUserName `{}`)",
            judge.openid, judge.original_id
        ));
    }
    match to {
        Some(to) if to == judge.openid => {}
        Some(to) => {
            return Err(format!(
                "ToUserName is `{}`, not the follower's OpenID `{}`",
                quote(to),
                judge.openid
            ));
        }
        None => return Err("the reply has no ToUserName".into()),
    }
    match from {
        Some(from) if from == judge.original_id => Ok(()),
        Some(from) => Err(format!(
            "FromUserName is `{}`, not the account's original id `{}`",
            quote(from),
            judge.original_id
        )),
        None => Err("the reply has no FromUserName".into()),
    }
}

/// `CreateTime` in seconds; milliseconds (13 digits) are refused by WeChat.
fn seconds_field(create_time: Option<&str>) -> Result<(), String> {
    let text = create_time
        .map(str::trim)
        .ok_or("the reply has no CreateTime")?;
    let value: u64 = text.parse().map_err(|_| {
        format!(
            "CreateTime `{}` is not a whole number of seconds",
            quote(text)
        )
    })?;
    if value >= 100_000_000_000 {
        return Err(format!(
            "CreateTime {value} is in milliseconds: WeChat needs seconds, else {REFUSED}"
        ));
    }
    Ok(())
}

/// The first characters of `text`, on one line.
pub fn quote(text: &str) -> String {
    // Masked before it is cut: a cut-off secret is no longer found by the output's scrubbing.
    let line: String = crate::redact::scrub(text)
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if line.chars().count() <= QUOTED {
        return line;
    }
    let mut short: String = line.chars().take(QUOTED).collect();
    short.push('…');
    short
}

/// `5 s`, `0.2 s`.
pub fn seconds(limit: Duration) -> String {
    let millis = limit.as_millis();
    if millis.is_multiple_of(1000) {
        format!("{} s", millis / 1000)
    } else {
        format!("{} s", limit.as_secs_f64())
    }
}

#[cfg(test)]
mod tests;
