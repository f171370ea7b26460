//! User-tag endpoints as typed methods.

use crate::model::LiveTag;
use crate::wechat::endpoint::{TAGS_CREATE, TAGS_DELETE, TAGS_GET, TAGS_UPDATE};
use crate::wechat::normalise::template::tag;
use crate::wechat::wire::tags::{TagCreateResponse, TagOut, TagRequest, TagsGetResponse};
use crate::wechat::{Client, WechatError};
use serde::de::IgnoredAny;

impl Client {
    /// `tags/get`, system tags included.
    pub fn tags_get(&self) -> Result<Vec<LiveTag>, WechatError> {
        let answer: TagsGetResponse = self.get(&TAGS_GET, &[])?;
        Ok(answer.tags.into_iter().map(tag).collect())
    }

    /// `tags/create`; the new tag id. Not idempotent in effect: a repeat fails with 45157.
    pub fn tag_create(&self, name: &str) -> Result<u64, WechatError> {
        let body = TagRequest {
            tag: TagOut {
                id: None,
                name: Some(name.to_string()),
            },
        };
        let answer: TagCreateResponse = self.post(&TAGS_CREATE, &body)?;
        Ok(answer.tag.id)
    }

    /// `tags/update`: renames a tag, keeping its id and followers.
    pub fn tag_update(&self, id: u64, name: &str) -> Result<(), WechatError> {
        let body = TagRequest {
            tag: TagOut {
                id: Some(id),
                name: Some(name.to_string()),
            },
        };
        self.post::<IgnoredAny, _>(&TAGS_UPDATE, &body).map(drop)
    }

    /// `tags/delete`.
    pub fn tag_delete(&self, id: u64) -> Result<(), WechatError> {
        let body = TagRequest {
            tag: TagOut {
                id: Some(id),
                name: None,
            },
        };
        self.post::<IgnoredAny, _>(&TAGS_DELETE, &body).map(drop)
    }
}
