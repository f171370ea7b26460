//! Permanent-material endpoints as typed methods: uploading an image, and one page of the
//! image listing (reading the whole listing, bounded, is [`crate::wechat::materials`]).

use crate::wechat::endpoint::{MATERIAL_ADD, MATERIAL_LIST};
use crate::wechat::multipart;
use crate::wechat::wire::material::{
    MaterialAddResponse, MaterialListRequest, MaterialListResponse,
};
use crate::wechat::{Client, WechatError};

/// The most items `material/batchget_material` returns at once (it takes `count` 1–20).
pub const LIST_PAGE: u64 = 20;

impl Client {
    /// `material/add_material?type=image`: uploads `bytes` as the file `name` of type `mime`;
    /// the new material's `media_id`. Not idempotent: each upload is a new material.
    pub fn material_add_image(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
    ) -> Result<String, WechatError> {
        let invalid = |detail: &str| WechatError::InvalidResponse {
            endpoint: MATERIAL_ADD.name,
            host: self.api_base().host(),
            detail: detail.to_string(),
        };
        let body = multipart::form("media", name, mime, bytes).ok_or_else(|| {
            invalid("cannot encode the request: the file contains the form's boundary")
        })?;
        let query = [("type", "image".to_string())];
        let answer: MaterialAddResponse = self.post_bytes(&MATERIAL_ADD, &query, &body)?;
        if answer.media_id.is_empty() {
            return Err(WechatError::OutcomeUnknown {
                endpoint: MATERIAL_ADD.name,
                host: self.api_base().host(),
                detail: "the answer has no media_id".to_string(),
            });
        }
        Ok(answer.media_id)
    }

    /// One page of the image listing: up to [`LIST_PAGE`] images from `offset`.
    pub fn material_images(&self, offset: u64) -> Result<MaterialListResponse, WechatError> {
        let body = MaterialListRequest {
            kind: "image",
            offset,
            count: LIST_PAGE,
        };
        self.post(&MATERIAL_LIST, &body)
    }
}
