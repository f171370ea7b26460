//! The body of an upload: a multipart form (RFC 7578) of one part, the file, as
//! `material/add_material` takes it: the field `media`, the file's name (WeChat keeps it as the
//! material's `name`) and its media type.
//!
//! The boundary is fixed, so the endpoint table can state the content type
//! ([`super::endpoint::Endpoint::multipart`]); a file that happens to contain it is refused
//! rather than sent cut short.

/// The boundary between the form's parts.
const BOUNDARY: &str = "wxform-upload-7f3c9a1e5b2d48f6a0c1e9b7d3f5a2c8";

/// The request's `Content-Type`, naming [`BOUNDARY`].
pub(super) const CONTENT_TYPE: &str =
    "multipart/form-data; boundary=wxform-upload-7f3c9a1e5b2d48f6a0c1e9b7d3f5a2c8";

/// A form whose one field `field` holds `bytes` as the file `file_name` of type `mime`; `None`
/// when the bytes contain the boundary. `file_name` and `mime` are wxform's own ASCII words.
pub(super) fn form(field: &str, file_name: &str, mime: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let delimiter = format!("--{BOUNDARY}");
    if bytes
        .windows(delimiter.len())
        .any(|window| window == delimiter.as_bytes())
    {
        return None;
    }
    let head = format!(
        "{delimiter}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {mime}\r\n\r\n"
    );
    let tail = format!("\r\n{delimiter}--\r\n");
    let mut body = Vec::with_capacity(head.len() + bytes.len() + tail.len());
    body.extend_from_slice(head.as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(tail.as_bytes());
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_holds_the_file_between_boundaries() {
        let body = form("media", "wxform-0a.png", "image/png", b"\x89PNG..").unwrap();
        let expected = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"media\"; filename=\"wxform-0a.png\"\r\nContent-Type: image/png\r\n\r\n\u{fffd}PNG..\r\n--{BOUNDARY}--\r\n"
        );
        assert_eq!(String::from_utf8_lossy(&body), expected);
        assert_eq!(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}")
        );
    }

    #[test]
    fn a_file_holding_the_boundary_is_refused() {
        let mut bytes = b"GIF89a".to_vec();
        bytes.extend_from_slice(format!("\r\n--{BOUNDARY}\r\n").as_bytes());
        assert_eq!(form("media", "a.gif", "image/gif", &bytes), None);
    }
}
