//! Reading the fields of a push the way a server's quick parser does, and writing replies.

/// The text of the first `<name>` element: CDATA or plain.
pub fn field(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&close)?;
    let inner = &xml[start..end];
    Some(
        inner
            .strip_prefix("<![CDATA[")
            .and_then(|rest| rest.strip_suffix("]]>"))
            .unwrap_or(inner)
            .to_string(),
    )
}

/// A reply from `from` to `to` at `time`, with `inner` after its MsgType's place.
pub fn reply(to: &str, from: &str, time: u64, inner: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{time}</CreateTime>{inner}</xml>"
    )
}
