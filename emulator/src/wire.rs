//! WeChat's wire conventions: compact JSON with `/` escaped as `\/`, raw UTF-8, the
//! `errmsg … rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` suffix (or an older one), `"errmsg":""` on
//! success where an account answers so, and the platform's English errmsg texts.

use serde::Serialize;

use super::options::ErrmsgSuffix;

/// The `Content-Type` WeChat sends (note `encoding=`, not `charset=`).
pub const CONTENT_TYPE: &str = "application/json; encoding=utf-8";
/// What some error answers have historically come back as.
pub const PLAIN_TEXT: &str = "text/plain";

/// A business failure: an errcode, with an errmsg from the catalogue unless given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: i64,
    pub message: Option<String>,
}

impl ApiError {
    pub fn with_message(code: i64, message: String) -> ApiError {
        ApiError {
            code,
            message: Some(message),
        }
    }
}

impl From<i64> for ApiError {
    fn from(code: i64) -> ApiError {
        ApiError {
            code,
            message: None,
        }
    }
}

/// What a handler answers: a success body already in wire form, or a failure.
pub type Answer = Result<String, ApiError>;

/// Compact JSON text of `value`, before the final `\/` escaping.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("emulator values serialise")
}

/// A JSON object whose keys keep the order given (serde_json's map would sort them); each
/// value is JSON text already.
pub fn object(fields: Vec<(&str, String)>) -> String {
    let fields: Vec<String> = fields
        .into_iter()
        .map(|(key, value)| format!("{}:{value}", json(key)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// The final wire form: `/` escaped as `\/`. `/` only occurs inside JSON strings, so a plain
/// replacement is exact.
pub fn finish(text: String) -> String {
    text.replace('/', "\\/")
}

/// Serialises compactly in wire form.
pub fn to_wire<T: Serialize + ?Sized>(value: &T) -> String {
    finish(json(value))
}

/// Writes control characters inside strings raw (`\n` → a real newline, `\u0001` → U+0001),
/// as the platform does in some fields; strict JSON parsers reject the result.
pub fn unescape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let raw = match chars.peek() {
            Some('n') => Some('\n'),
            Some('r') => Some('\r'),
            Some('t') => Some('\t'),
            Some('b') => Some('\u{8}'),
            Some('f') => Some('\u{c}'),
            Some('u') => {
                let hex: String = chars.clone().skip(1).take(4).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|&code| code < 0x20)
                    .and_then(char::from_u32)
            }
            _ => None,
        };
        match raw {
            Some(raw) => {
                let escape_len = if chars.peek() == Some(&'u') { 5 } else { 1 };
                for _ in 0..escape_len {
                    chars.next();
                }
                out.push(raw);
            }
            None => {
                // Any other escape (including `\\`) is kept whole.
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
        }
    }
    out
}

/// `{"errcode":0,"errmsg":"ok"}`, the answer of "action" endpoints.
pub fn action_ok() -> Answer {
    Ok(r#"{"errcode":0,"errmsg":"ok"}"#.to_string())
}

/// The error body: `{"errcode":N,"errmsg":"<text><suffix>"}`, the suffix by default
/// ` rid: <hex time>-<hex>-<hex>`.
pub fn error_body(
    error: &ApiError,
    suffix: ErrmsgSuffix,
    unix_secs: u64,
    rng: &mut fastrand::Rng,
) -> String {
    let text = error
        .message
        .clone()
        .unwrap_or_else(|| errmsg(error.code).to_string());
    finish(object(vec![
        ("errcode", json(&error.code)),
        (
            "errmsg",
            json(&format!("{text}{}", errmsg_suffix(suffix, unix_secs, rng))),
        ),
    ]))
}

/// What follows the text of an errmsg, in the form of its era.
fn errmsg_suffix(suffix: ErrmsgSuffix, unix_secs: u64, rng: &mut fastrand::Rng) -> String {
    // The hint ids of the recorded answers: 14 characters, letters and digits.
    let mut hint = || -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..14)
            .map(|_| ALPHABET[rng.usize(..ALPHABET.len())] as char)
            .collect()
    };
    match suffix {
        ErrmsgSuffix::Rid => format!(
            " rid: {:08x}-{:08x}-{:08x}",
            unix_secs as u32,
            rng.u32(..),
            rng.u32(..)
        ),
        ErrmsgSuffix::Hint => format!(" hint: [{}]", hint()),
        ErrmsgSuffix::Hints => format!(", hints: [ req_id: {} ]", hint()),
        ErrmsgSuffix::None => String::new(),
    }
}

/// A success body as some answers come: with `"errcode":0,"errmsg":""`, whether it had no
/// errcode (data answers) or `"errmsg":"ok"` (action answers).
pub fn with_empty_errmsg(body: &str) -> String {
    for ok in [
        r#""errcode":0,"errmsg":"ok""#,
        r#""errmsg":"ok","errcode":0"#,
    ] {
        if body.contains(ok) {
            return body.replacen(ok, r#""errcode":0,"errmsg":"""#, 1);
        }
    }
    match body.strip_prefix('{') {
        Some("}") => r#"{"errcode":0,"errmsg":""}"#.to_string(),
        Some(rest) => format!(r#"{{"errcode":0,"errmsg":"",{rest}"#),
        None => body.to_string(),
    }
}

/// The platform's English errmsg for `code`.
pub fn errmsg(code: i64) -> &'static str {
    match code {
        -1 => "system error",
        40001 => {
            "invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r"
        }
        40002 => "invalid grant_type",
        40003 => "invalid openid",
        40004 => "invalid media type",
        40006 => "invalid meida size",
        40007 => "invalid media_id",
        40009 => "invalid image size",
        40013 => "invalid appid",
        40014 => "invalid access_token",
        40016 => "invalid button size",
        40017 => "invalid button type",
        40018 => "invalid button name size",
        40019 => "invalid button key size",
        40020 => "invalid button url size",
        40022 => "invalid sub_menu level",
        40023 => "invalid sub button size",
        40024 => "invalid sub button type",
        40025 => "invalid sub button name size",
        40026 => "invalid sub button key size",
        40027 => "invalid sub button url size",
        40033 => "invalid charset. please check your request, if include \\uxxxx will create fail!",
        40037 => "invalid template_id",
        40102 => "invalid industry id",
        40103 => "invalid industry index",
        40113 => "unsupported file type",
        40118 => "invalid sub button media_id size",
        40125 => "invalid appsecret",
        40165 => "invalid weapp pagepath",
        40246 => "keyword list empty or not in library",
        41001 => "access_token missing",
        41002 => "appid missing",
        41004 => "appsecret missing",
        41005 => "media data missing",
        42001 => "access_token expired",
        43001 => "require GET method",
        43002 => "require POST method",
        43100 => "change template too frequently",
        44002 => "empty post data",
        45001 => "media size out of limit",
        45009 => "reach max api daily quota limit",
        45011 => "api minute-quota reach limit, must slower, retry next minute",
        45026 => "template num exceeds limit",
        45027 => "template conflict with industry",
        45056 => "too many tag now, no need to add new",
        45057 => "can't delete the tag that has too many fans",
        45058 => "can't modify sys tag",
        45064 => "no permission to use weapp in menu",
        45157 => "invalid tag name",
        45158 => "tag name too long",
        45159 => "invalid tag id",
        46002 => "menu version no exist",
        46003 => "menu no exist",
        47001 => "data format error",
        48001 => "api unauthorized",
        48004 => "api forbidden for irregularities, view detail on mp.weixin.qq.com",
        53600 => "invalid article_id",
        61004 => "access clientip is not registered",
        65301 => "this menu is not conditionalmenu",
        65302 => "no such user",
        65303 => "there is no selfmenu, please create selfmenu first",
        65304 => "match rule empty",
        65305 => "menu count limit",
        65306 => "conditional menu not support",
        65316 => "domain count reach limit",
        65318 => "must use utf-8 charset",
        65319 => "not allow to create menu",
        65320 => "this match rule field is not supported for privacy protection",
        76003 => "could not query this rid,no permission",
        76021 => "cgi_path not found, please check",
        76022 => "could not use this cgi_path，no permission",
        200002 => "invalid args",
        200012 => "private template count reach limit",
        200014 => "invalid tid",
        200016 => "invalid start",
        200017 => "invalid limit",
        200018 => "missing ids",
        200019 => "invalid ids",
        200020 => "invalid kidList",
        200021 => "invalid sceneDesc",
        _ => "system error",
    }
}
