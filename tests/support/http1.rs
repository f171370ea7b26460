//! The little HTTP/1.1 the hand-written test servers (`canned`, `router`, `account_server`) need:
//! read one request (request line, headers up to the blank line, a `Content-Length` body).

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;

/// One request as read off the wire.
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// The `Content-Type` header, if sent.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Reads one request from `stream`; `None` when the peer sent nothing readable.
pub fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut length = 0usize;
    let mut content_type = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        } else if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-type")
        {
            content_type = Some(value.trim().to_string());
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let mut parts = request_line.split_whitespace();
    Some(Request {
        method: parts.next().unwrap_or("GET").to_string(),
        target: parts.next().unwrap_or("/").to_string(),
        content_type,
        body,
    })
}
