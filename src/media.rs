//! Images that a `media_id` button names by file (`media_file:`): what kind of image some bytes
//! are, judged by their content and never by the file's name; their SHA-256; and the name wxform
//! uploads them under.
//!
//! The upload's name is how the next plan finds it again: WeChat keeps the file name of an
//! upload as the material's `name` in its listing (`material/batchget_material`) and has no
//! look-up by content, so the name carries the content's hash. Same bytes, same name, on every
//! machine: no state file to commit. The extension is the content's real type, because WeChat
//! refuses an upload whose file name has no image extension (40113).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The largest image WeChat keeps as permanent material: 10 MB, read as 10 × 1024 × 1024 bytes.
pub const MAX_IMAGE_BYTES: u64 = 10 * 1024 * 1024;

/// What every upload's name starts with: the listing's other materials are not wxform's.
pub const UPLOAD_PREFIX: &str = "wxform-";

/// How many hex digits of the SHA-256 an upload's name carries: 64 bits, so two different images
/// of one account never share a name.
const NAME_HEX_DIGITS: usize = 16;

/// The image formats WeChat takes as permanent material (bmp/png/jpeg/jpg/gif).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Bmp,
}

impl ImageKind {
    /// The kind of image `bytes` hold, from their first bytes (the format's signature).
    pub fn detect(bytes: &[u8]) -> Option<ImageKind> {
        const SIGNATURES: [(&[u8], ImageKind); 5] = [
            (b"\x89PNG\r\n\x1a\n", ImageKind::Png),
            (b"\xff\xd8\xff", ImageKind::Jpeg),
            (b"GIF87a", ImageKind::Gif),
            (b"GIF89a", ImageKind::Gif),
            (b"BM", ImageKind::Bmp),
        ];
        SIGNATURES
            .iter()
            .find(|(signature, _)| bytes.starts_with(signature))
            .map(|&(_, kind)| kind)
    }

    /// The extension an upload of this kind is named with.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Bmp => "bmp",
        }
    }

    /// The media type the upload declares.
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Bmp => "image/bmp",
        }
    }
}

/// The SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The name an image with this hash and kind is uploaded under: `wxform-<16 hex>.<ext>`.
pub fn upload_name(sha256: &str, kind: ImageKind) -> String {
    let short = sha256.get(..NAME_HEX_DIGITS).unwrap_or(sha256);
    format!("{UPLOAD_PREFIX}{short}.{}", kind.extension())
}

/// An image as read for its upload.
#[derive(Debug)]
pub struct Image {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

/// The image configured as `file`, read again from `location` right before its upload: only
/// when its SHA-256 is still `sha256` (the plan's). Else why not, in words.
pub fn read_again(file: &str, location: Option<&Path>, sha256: &str) -> Result<Image, String> {
    let location = location.ok_or_else(|| {
        format!("the plan uploads {file}, which the configuration does not name: plan again")
    })?;
    let bytes = crate::files::read_bounded(location, MAX_IMAGE_BYTES)
        .map_err(|error| format!("{file} is not uploaded: {error}"))?;
    let now = sha256_hex(&bytes);
    if now != sha256 {
        return Err(format!(
            "{file} changed since the plan (its SHA-256 is now sha256:{now}, the plan's sha256:{sha256}): it is not uploaded; plan again to review the new image"
        ));
    }
    let kind = ImageKind::detect(&bytes)
        .ok_or_else(|| format!("{file} is not an image WeChat takes: it is not uploaded"))?;
    Ok(Image { kind, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_read_from_the_content() {
        assert_eq!(
            ImageKind::detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::detect(b"\xff\xd8\xff\xe0JFIF"),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(ImageKind::detect(b"GIF87a.."), Some(ImageKind::Gif));
        assert_eq!(ImageKind::detect(b"GIF89a.."), Some(ImageKind::Gif));
        assert_eq!(ImageKind::detect(b"BM6\0\0\0"), Some(ImageKind::Bmp));
        for other in [
            &b""[..],
            b"\x89PNG",
            b"<svg/>",
            b"GIF88a",
            b"RIFF....WEBP",
            b"B",
        ] {
            assert_eq!(ImageKind::detect(other), None, "{other:?}");
        }
    }

    #[test]
    fn the_upload_name_carries_the_hash_and_the_real_extension() {
        let hash = sha256_hex(b"abc");
        assert_eq!(
            hash,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            upload_name(&hash, ImageKind::Jpeg),
            "wxform-ba7816bf8f01cfea.jpg"
        );
        assert_eq!(
            upload_name(&hash, ImageKind::Png),
            "wxform-ba7816bf8f01cfea.png"
        );
        assert_eq!(ImageKind::Bmp.mime(), "image/bmp");
    }
}
