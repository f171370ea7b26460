//! Lenient reading of WeChat's answers: raw control characters inside strings are escaped
//! before parsing (serde_json rejects them; WeChat sends them), and failure is decided by the
//! `errcode` field alone — absent or 0 is success, and it may be a number or a string.

use serde_json::Value;

/// Parses a body as JSON, tolerating U+0000–U+001F inside strings.
pub fn parse_lenient(body: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice(&escape_controls(body))
}

/// Rewrites raw control bytes inside JSON strings as `\u00XX`. Bytes of multi-byte UTF-8
/// sequences are all ≥ 0x80, so scanning bytes is safe.
fn escape_controls(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for &byte in body {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            } else if byte < 0x20 {
                out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
                continue;
            }
        } else if byte == b'"' {
            in_string = true;
        }
        out.push(byte);
    }
    out
}

/// The failure in an answer, if any: `Ok(None)` for success, `Ok(Some((code, errmsg)))` for a
/// non-zero errcode, `Err` when `errcode` is present but not a number.
pub fn failure(value: &Value) -> Result<Option<(i64, String)>, String> {
    let Some(code) = value.get("errcode") else {
        return Ok(None);
    };
    let code = match code {
        Value::Null => return Ok(None),
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| format!("errcode is not a number: {code}"))?;
    if code == 0 {
        return Ok(None);
    }
    let errmsg = match value.get("errmsg") {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    Ok(Some((code, errmsg)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_control_characters_inside_strings_are_tolerated() {
        let body = b"{\"name\":\"a\x01b\tc\nd\",\n\"n\":1}";
        assert!(serde_json::from_slice::<Value>(body).is_err());
        let value = parse_lenient(body).unwrap();
        assert_eq!(value["name"], "a\u{1}b\tc\nd");
        assert_eq!(value["n"], 1);
    }

    #[test]
    fn escapes_and_quotes_inside_strings_survive() {
        let value =
            parse_lenient(br#"{"url":"http:\/\/x.com\/a","q":"say \"hi\"\\","k":"\u4e2d"}"#)
                .unwrap();
        assert_eq!(value["url"], "http://x.com/a");
        assert_eq!(value["q"], "say \"hi\"\\");
        assert_eq!(value["k"], "中");
    }

    #[test]
    fn utf8_passes_through() {
        let value = parse_lenient("{\"name\":\"今日歌曲🎵\"}".as_bytes()).unwrap();
        assert_eq!(value["name"], "今日歌曲🎵");
    }

    #[test]
    fn failure_iff_errcode_present_and_non_zero() {
        let ok = |json: &str| failure(&serde_json::from_str(json).unwrap()).unwrap();
        assert_eq!(ok(r#"{"access_token":"x"}"#), None);
        assert_eq!(ok(r#"{"errcode":0,"errmsg":"ok"}"#), None);
        assert_eq!(ok(r#"{"errcode":"0","errmsg":"ok"}"#), None);
        assert_eq!(
            ok(r#"{"errcode":46003,"errmsg":"menu no exist"}"#),
            Some((46003, "menu no exist".into()))
        );
        assert_eq!(ok(r#"{"errcode":"40001"}"#), Some((40001, String::new())));
        assert_eq!(
            ok(r#"{"errcode":-1,"errmsg":"system error"}"#),
            Some((-1, "system error".into()))
        );
        assert!(failure(&serde_json::json!({"errcode": "x"})).is_err());
    }

    fn answer(body: &str) -> Option<(i64, String)> {
        failure(&parse_lenient(body.as_bytes()).unwrap()).unwrap()
    }

    /// `"errcode":0` with an empty errmsg is success, on a read as on a write (wechat-api.md
    /// §12: reads and writes sometimes carry it).
    #[test]
    fn errcode_0_with_an_empty_errmsg_is_success() {
        assert_eq!(answer(r#"{"errcode":0,"errmsg":""}"#), None);
        assert_eq!(
            answer(r#"{"errcode":0,"errmsg":"","menuid":208379533}"#),
            None
        );
        assert_eq!(
            answer(r#"{"errcode":0,"errmsg":"","tags":[{"id":2,"name":"星标组","count":0}]}"#),
            None
        );
        assert_eq!(answer(r#"{"errmsg":"","errcode":"0"}"#), None);
    }

    /// WeChat's errmsg suffixes over the years: each body is read whole (the suffix kept, to
    /// quote to WeChat support), and the advice is the same whatever the suffix, since only
    /// the errcode decides.
    #[test]
    fn errmsg_suffixes_are_kept_and_change_no_advice() {
        use crate::wechat::errcodes::advice;
        let same = |bodies: &[&str]| {
            let read: Vec<(i64, String)> = bodies.iter().map(|b| answer(b).unwrap()).collect();
            for (code, errmsg) in &read {
                assert_eq!(
                    advice(*code, errmsg),
                    advice(read[0].0, &read[0].1),
                    "{errmsg}"
                );
            }
            read
        };
        // 40016 `hint:` recorded in Eric-Guo/wechat issue #273 (menu/create, 2019).
        let read = same(&[
            r#"{"errcode":40016,"errmsg":"invalid button size hint: [IiheJA07521960]"}"#,
            r#"{"errcode":40016,"errmsg":"invalid button size rid: 6351f0e3-4fa90897-25a38569"}"#,
            r#"{"errcode":40016,"errmsg":"invalid button size"}"#,
        ]);
        assert_eq!(read[0].1, "invalid button size hint: [IiheJA07521960]");
        // 65301 `hint:` recorded in JeffreySu/WeiXinMPSDK issue #169 (delconditional, 2016);
        // the `, hints: [ req_id: … ]` form as quoted in wechat-api.md §1.
        same(&[
            r#"{"errcode":65301,"errmsg":"this menu is not conditionalmenu hint: [kDVWLA0380vr19]"}"#,
            r#"{"errcode":65301,"errmsg":"this menu is not conditionalmenu, hints: [ req_id: hDexla0781ns89 ]"}"#,
            r#"{"errcode":65301,"errmsg":"this menu is not conditionalmenu rid: 69db55a2-1b2c3d4e-5f6a7b8c"}"#,
        ]);
        // 41002 `hint:` recorded in offu/WeRoBot issue #265 (menu/create, 2019).
        same(&[
            r#"{"errcode":41002,"errmsg":"appid missing hint: [TRv.oA0422sha2]"}"#,
            r#"{"errcode":41002,"errmsg":"appid missing rid: 6351f0e3-4fa90897-25a38569"}"#,
        ]);
        // 40164 quotes the IP whatever follows it (the rid form is wechat-api.md §2.1's).
        let read = same(&[
            r#"{"errcode":40164,"errmsg":"invalid ip 117.129.8.8 ipv6 ::ffff:117.129.8.8, not in whitelist rid: 6351f0e3-4fa90897-25a38569"}"#,
            r#"{"errcode":40164,"errmsg":"invalid ip 117.129.8.8 ipv6 ::ffff:117.129.8.8, not in whitelist hint: [IiheJA07521960]"}"#,
            r#"{"errcode":40164,"errmsg":"invalid ip 117.129.8.8 ipv6 ::ffff:117.129.8.8, not in whitelist, hints: [ req_id: hDexla0781ns89 ]"}"#,
        ]);
        assert!(advice(read[1].0, &read[1].1).contains("117.129.8.8"));
    }
}
