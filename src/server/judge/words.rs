//! A reply of each `MsgType` with the fields WeChat needs (wechat-api §11.3), in words: `text
//! "…"`, `image`, `video "title"`, `news (2) "first title"`. `transfer_customer_service`
//! (handing the follower to the customer-service inbox) is a reply too.

use super::quote;
use crate::server::reply::{Media, ReplyXml};

/// Most articles a news reply may hold.
const MAX_ARTICLES: usize = 8;

/// The reply of type `kind` in words, and the words a `contains` looks in; or what it lacks.
pub(super) fn words(kind: &str, reply: &ReplyXml) -> Result<(String, Vec<String>), String> {
    match kind {
        "text" => {
            let content = reply
                .content
                .as_deref()
                .filter(|content| !content.trim().is_empty())
                .ok_or("a text reply needs a Content")?;
            Ok((
                format!("text \"{}\"", quote(content)),
                vec![content.to_string()],
            ))
        }
        "image" => media(
            kind,
            reply.image.as_ref(),
            |m| &m.media_id,
            "Image",
            "MediaId",
        ),
        "voice" => media(
            kind,
            reply.voice.as_ref(),
            |m| &m.media_id,
            "Voice",
            "MediaId",
        ),
        "video" => media(
            kind,
            reply.video.as_ref(),
            |m| &m.media_id,
            "Video",
            "MediaId",
        ),
        "music" => media(
            kind,
            reply.music.as_ref(),
            |m| &m.thumb_media_id,
            "Music",
            "ThumbMediaId",
        ),
        "news" => news(reply),
        "transfer_customer_service" => Ok(("handed to customer service".to_string(), Vec::new())),
        other => Err(format!(
            "MsgType `{}` is not a reply WeChat has (text, image, voice, video, music, news)",
            quote(other)
        )),
    }
}

/// An image, voice, video or music reply: its element with the id it needs; a title, when it
/// has one, is its words.
fn media(
    kind: &str,
    element: Option<&Media>,
    id: fn(&Media) -> &Option<String>,
    name: &str,
    field: &str,
) -> Result<(String, Vec<String>), String> {
    let element = element.ok_or_else(|| format!("a {kind} reply needs a {name} element"))?;
    if id(element).as_deref().is_none_or(|id| id.trim().is_empty()) {
        return Err(format!("a {kind} reply needs {name}.{field}"));
    }
    let texts: Vec<String> = [&element.title, &element.description]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let words = match &element.title {
        Some(title) => format!("{kind} \"{}\"", quote(title)),
        None => kind.to_string(),
    };
    Ok((words, texts))
}

/// A news reply: `ArticleCount` says how many items `Articles` holds, 1 to 8.
fn news(reply: &ReplyXml) -> Result<(String, Vec<String>), String> {
    let items = reply
        .articles
        .as_ref()
        .map_or(&[][..], |a| a.items.as_slice());
    let count = reply
        .article_count
        .as_deref()
        .ok_or("a news reply needs an ArticleCount")?;
    let Ok(count) = count.trim().parse::<usize>() else {
        return Err(format!("ArticleCount `{}` is not a number", quote(count)));
    };
    if count != items.len() {
        return Err(format!(
            "ArticleCount is {count} but Articles holds {}",
            crate::words::plural(items.len(), "item")
        ));
    }
    if !(1..=MAX_ARTICLES).contains(&count) {
        return Err(format!(
            "a news reply holds 1 to {MAX_ARTICLES} articles, not {count}"
        ));
    }
    let texts: Vec<String> = items
        .iter()
        .flat_map(|item| [&item.title, &item.description])
        .flatten()
        .cloned()
        .collect();
    let first = items[0].title.as_deref().unwrap_or_default();
    Ok((format!("news ({count}) \"{}\"", quote(first)), texts))
}
