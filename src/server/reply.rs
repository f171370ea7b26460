//! A reply as the server wrote it: XML read with quick-xml into the fields WeChat reads
//! (wechat-api §11.3, §11.4), every one optional so that what is missing can be named. Unknown
//! elements are ignored, as WeChat ignores them; a document type, entities beyond XML's five
//! and anything that is not one `<xml>` element are not XML WeChat reads.

use quick_xml::events::Event as XmlEvent;
use serde::Deserialize;

/// Every field of a reply WeChat looks at, plain or encrypted.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ReplyXml {
    #[serde(rename = "ToUserName")]
    pub to: Option<String>,
    #[serde(rename = "FromUserName")]
    pub from: Option<String>,
    #[serde(rename = "CreateTime")]
    pub create_time: Option<String>,
    #[serde(rename = "MsgType")]
    pub msg_type: Option<String>,
    #[serde(rename = "Content")]
    pub content: Option<String>,
    #[serde(rename = "Image")]
    pub image: Option<Media>,
    #[serde(rename = "Voice")]
    pub voice: Option<Media>,
    #[serde(rename = "Video")]
    pub video: Option<Media>,
    #[serde(rename = "Music")]
    pub music: Option<Media>,
    #[serde(rename = "ArticleCount")]
    pub article_count: Option<String>,
    #[serde(rename = "Articles")]
    pub articles: Option<Articles>,
    #[serde(rename = "Encrypt")]
    pub encrypt: Option<String>,
    #[serde(rename = "MsgSignature")]
    pub msg_signature: Option<String>,
    #[serde(rename = "TimeStamp")]
    pub timestamp: Option<String>,
    #[serde(rename = "Nonce")]
    pub nonce: Option<String>,
}

/// The element of an image, voice, video or music reply: the fields each may have.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Media {
    #[serde(rename = "MediaId")]
    pub media_id: Option<String>,
    #[serde(rename = "ThumbMediaId")]
    pub thumb_media_id: Option<String>,
    #[serde(rename = "Title")]
    pub title: Option<String>,
    #[serde(rename = "Description")]
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Articles {
    #[serde(rename = "item", default)]
    pub items: Vec<Article>,
}

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Article {
    #[serde(rename = "Title")]
    pub title: Option<String>,
    #[serde(rename = "Description")]
    pub description: Option<String>,
    #[serde(rename = "PicUrl")]
    pub pic_url: Option<String>,
    #[serde(rename = "Url")]
    pub url: Option<String>,
}

/// The reply in `text`, or why it is not XML WeChat reads (in words).
pub fn parse(text: &str) -> Result<ReplyXml, String> {
    root_is_xml(text)?;
    quick_xml::de::from_str::<ReplyXml>(text).map_err(|err| format!("its XML does not read: {err}"))
}

/// The document's root must be `<xml>`, with nothing but an XML declaration, comments and
/// blanks around it, and no document type (which could declare entities).
fn root_is_xml(text: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(XmlEvent::Start(start)) if start.name().into_inner() == "xml" => return Ok(()),
            Ok(XmlEvent::Start(start) | XmlEvent::Empty(start)) => {
                let name = start.name().into_inner().to_string();
                return Err(format!("its root element is <{name}>, not <xml>"));
            }
            Ok(XmlEvent::DocType(_)) => return Err("it declares a document type".into()),
            Ok(XmlEvent::Decl(_) | XmlEvent::Comment(_) | XmlEvent::PI(_)) => {}
            Ok(XmlEvent::Text(text)) if text.clone().into_inner().trim().is_empty() => {}
            Ok(XmlEvent::Eof) | Ok(_) => return Err("it is not XML".into()),
            Err(_) => return Err("it is not XML".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_reply_reads_with_its_articles() {
        let reply = parse(
            "<?xml version=\"1.0\"?>\n<xml><ToUserName><![CDATA[o1]]></ToUserName><FromUserName>gh_1</FromUserName>\
             <CreateTime>12345</CreateTime><MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount>\
             <Articles><item><Title><![CDATA[欢迎]]></Title><Url>https://e.com/</Url></item><item><Title>b &amp; c</Title></item></Articles>\
             <FuncFlag>0</FuncFlag></xml>",
        )
        .unwrap();
        assert_eq!(reply.to.as_deref(), Some("o1"));
        assert_eq!(reply.from.as_deref(), Some("gh_1"));
        assert_eq!(reply.msg_type.as_deref(), Some("news"));
        assert_eq!(reply.article_count.as_deref(), Some("2"));
        let titles: Vec<_> = reply
            .articles
            .unwrap()
            .items
            .into_iter()
            .map(|a| a.title)
            .collect();
        assert_eq!(
            titles,
            [Some("欢迎".to_string()), Some("b & c".to_string())]
        );
    }

    #[test]
    fn only_one_xml_element_is_a_reply() {
        assert_eq!(parse("hello").unwrap_err(), "it is not XML");
        assert_eq!(parse("").unwrap_err(), "it is not XML");
        assert_eq!(
            parse("<reply><Content>x</Content></reply>").unwrap_err(),
            "its root element is <reply>, not <xml>"
        );
        assert_eq!(
            parse("<!DOCTYPE xml [<!ENTITY e \"boom\">]><xml><Content>&e;</Content></xml>")
                .unwrap_err(),
            "it declares a document type"
        );
        assert!(parse("<xml><Content>x</Content>").is_err());
    }
}
