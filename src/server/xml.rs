//! The XML WeChat writes to the account's server: `<xml>` with each string in CDATA and
//! numbers bare, nested elements where a push has them (`ScanCodeInfo`, `SendPicsInfo`, …).

/// One field of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A string, written in CDATA.
    Text(&'static str, String),
    /// A number, written bare.
    Number(&'static str, u64),
    /// An element holding fields.
    Nested(&'static str, Vec<Field>),
}

/// `<xml>…</xml>` holding `fields` in order, on one line as WeChat sends it.
pub fn document(fields: &[Field]) -> String {
    let mut out = String::from("<xml>");
    write_fields(fields, &mut out);
    out.push_str("</xml>");
    out
}

fn write_fields(fields: &[Field], out: &mut String) {
    for field in fields {
        match field {
            Field::Text(name, text) => {
                out.push_str(&format!("<{name}>{}</{name}>", cdata(text)));
            }
            Field::Number(name, number) => out.push_str(&format!("<{name}>{number}</{name}>")),
            Field::Nested(name, inner) => {
                out.push_str(&format!("<{name}>"));
                write_fields(inner, out);
                out.push_str(&format!("</{name}>"));
            }
        }
    }
}

/// `text` in CDATA; a `]]>` inside it (which would end the section) is split across two.
pub fn cdata(text: &str) -> String {
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

/// `document` with `Encrypt` added before its end: a compatible-mode push.
pub fn with_encrypt(document: &str, encrypt: &str) -> String {
    let body = document.strip_suffix("</xml>").unwrap_or(document);
    format!("{body}<Encrypt>{}</Encrypt></xml>", cdata(encrypt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_cdata_numbers_bare_and_nesting_kept() {
        let xml = document(&[
            Field::Text("ToUserName", "gh_0123456789ab".into()),
            Field::Number("CreateTime", 1714037059),
            Field::Nested(
                "ScanCodeInfo",
                vec![Field::Text("ScanType", "qrcode".into())],
            ),
        ]);
        assert_eq!(
            xml,
            "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><CreateTime>1714037059</CreateTime><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo></xml>"
        );
    }

    #[test]
    fn a_cdata_end_inside_text_cannot_end_the_section() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(
            with_encrypt("<xml><A>1</A></xml>", "ZZ"),
            "<xml><A>1</A><Encrypt><![CDATA[ZZ]]></Encrypt></xml>"
        );
    }
}
