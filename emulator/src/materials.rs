//! Permanent image materials: `material/add_material?type=image` (a multipart upload, field
//! `media`), `material/batchget_material` (pages of at most 20, newest first) and
//! `material/get_materialcount`. The file name of an upload is kept as the material's `name`
//! (or without its extension, see `material_name_without_extension`); a file name without an
//! image extension is refused with 40113, as recorded; `material_checks_content` also refuses
//! content that is not an image. Images only: the other material types list as empty.

use serde::Serialize;
use serde_json::Value;

use super::state::Material;
use super::wire::{Answer, ApiError, to_wire};
use super::world::{Request, World, json_body};

/// The largest image WeChat keeps (10 MB).
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
/// Images an account may hold.
const IMAGE_CAP: usize = 100_000;
const IMAGE_EXTENSIONS: [&str; 5] = ["bmp", "png", "jpeg", "jpg", "gif"];

#[derive(Serialize)]
struct Added<'a> {
    media_id: &'a str,
    url: &'a str,
}

/// `material/add_material`.
pub fn add(world: &mut World, request: &Request) -> Answer {
    if request.param("type") != Some("image") {
        // Voice, video and thumbnails are not emulated.
        return Err(40004.into());
    }
    let (file_name, bytes) = media_part(request).ok_or(ApiError::from(41005))?;
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    if !extension.is_some_and(|ext| IMAGE_EXTENSIONS.contains(&ext.as_str())) {
        return Err(40113.into());
    }
    if world.options.material_checks_content && !is_image(bytes) {
        return Err(40113.into());
    }
    if bytes.is_empty() || bytes.len() > MAX_IMAGE_BYTES {
        return Err(40006.into());
    }
    if world.state.materials.len() >= IMAGE_CAP {
        return Err(45001.into());
    }
    let media_id = world.random_id(43);
    let url = format!(
        "http://mmbiz.qpic.cn/mmbiz_png/{}/0?wx_fmt=png",
        world.random_id(24)
    );
    let name = match world.options.material_name_without_extension {
        true => file_name
            .rsplit_once('.')
            .map_or(file_name.as_str(), |(stem, _)| stem)
            .to_string(),
        false => file_name.clone(),
    };
    world.state.materials.push(Material {
        media_id: media_id.clone(),
        name,
        update_time: world.now_secs(),
        url: url.clone(),
    });
    Ok(to_wire(&Added {
        media_id: &media_id,
        url: &url,
    }))
}

#[derive(Serialize)]
struct Listing<'a> {
    total_count: usize,
    item_count: usize,
    item: Vec<&'a Material>,
}

/// `material/batchget_material`: `count` 1–20 (40009 otherwise), newest first.
pub fn list(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let number = |key: &str| match body.get(key) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let kind = body.get("type").and_then(Value::as_str).unwrap_or_default();
    let (Some(offset), Some(count)) = (number("offset"), number("count")) else {
        return Err(44002.into());
    };
    if !(1..=20).contains(&count) {
        return Err(40009.into());
    }
    let images: Vec<&Material> = match kind {
        "image" => world.state.materials.iter().rev().collect(),
        "voice" | "video" | "news" => Vec::new(),
        _ => return Err(40004.into()),
    };
    let item: Vec<&Material> = images
        .iter()
        .skip(offset as usize)
        .take(count as usize)
        .copied()
        .collect();
    Ok(to_wire(&Listing {
        total_count: images.len(),
        item_count: item.len(),
        item,
    }))
}

#[derive(Serialize)]
struct Counts {
    voice_count: usize,
    video_count: usize,
    image_count: usize,
    news_count: usize,
}

/// `material/get_materialcount`.
pub fn count(world: &mut World, _request: &Request) -> Answer {
    Ok(to_wire(&Counts {
        voice_count: 0,
        video_count: 0,
        image_count: world.state.materials.len(),
        news_count: 0,
    }))
}

fn is_image(bytes: &[u8]) -> bool {
    let signatures: [&[u8]; 5] = [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"GIF87a",
        b"GIF89a",
        b"BM",
    ];
    signatures
        .iter()
        .any(|signature| bytes.starts_with(signature))
}

/// The file name and content of the form field `media`, from a `multipart/form-data` body.
fn media_part(request: &Request) -> Option<(String, &[u8])> {
    let content_type = request.content_type.as_deref()?;
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params
        .split(';')
        .find_map(|param| param.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("\r\n--{boundary}");
    // The body starts with the first delimiter, without the line break before it.
    let body = request.body.strip_prefix(&delimiter.as_bytes()[2..])?;
    let mut rest = body;
    while let Some(end) = find(rest, delimiter.as_bytes()) {
        let part = rest.get(2..end)?; // past the line break after the delimiter
        rest = &rest[end + delimiter.len()..];
        let head_end = find(part, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&part[..head_end]);
        let content = &part[head_end + 4..];
        let disposition = head.lines().find(|line| {
            line.to_ascii_lowercase()
                .starts_with("content-disposition:")
        })?;
        if !disposition.contains("name=\"media\"") {
            continue;
        }
        let file_name = disposition
            .split_once("filename=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map_or("", |(name, _)| name);
        return Some((file_name.to_string(), content));
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
