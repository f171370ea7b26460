//! The API base URL (`--api-base` / `WXFORM_API_BASE`): `https://` anywhere, plain `http://`
//! only on loopback (a local emulator), because the access token travels in the query string.

use super::WechatError;
use reqwest::Url;
use std::net::IpAddr;

/// A checked base URL, always ending in `/` so endpoint paths join below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase {
    url: Url,
}

impl ApiBase {
    pub fn parse(text: &str) -> Result<ApiBase, WechatError> {
        let bad =
            |why: &str| WechatError::Config(format!("invalid --api-base {:?}: {why}", shown(text)));
        let mut url = Url::parse(text.trim()).map_err(|err| bad(&err.to_string()))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("it must not contain credentials"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("it must not contain a query or fragment"));
        }
        let host = url.host_str().ok_or_else(|| bad("it has no host"))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(host) => {}
            "http" => {
                return Err(bad(
                    "plain http:// is allowed only for loopback addresses (127.0.0.0/8, the IPv6 \
                     loopback, localhost); use https:// — the access token travels in the URL",
                ));
            }
            other => return Err(bad(&format!("unsupported scheme {other}://"))),
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(ApiBase { url })
    }

    /// Whether the base is plain `http://` (a loopback emulator).
    pub fn is_plain_http(&self) -> bool {
        self.url.scheme() == "http"
    }

    /// `host` or `host:port`, for messages.
    pub fn host(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }

    /// The URL of `path` (e.g. `cgi-bin/menu/get`) below the base.
    pub fn join(&self, path: &str) -> Url {
        self.url
            .join(path.trim_start_matches('/'))
            .expect("endpoint paths are valid relative URLs")
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }
}

/// `text` as an error may quote it: whatever may be a credential (user information, a query, a
/// fragment) replaced by `***`, whether or not it parses as a URL.
fn shown(text: &str) -> String {
    let text = text.trim();
    // Everything after `?` or `#` may carry a token.
    let (rest, tail) = match text.find(['?', '#']) {
        Some(at) => (&text[..at], format!("{}***", &text[at..=at])),
        None => (text, String::new()),
    };
    // Everything from the scheme (or the start) to the last `@` may be a user and password.
    let rest = match rest.rfind('@') {
        Some(at) => {
            let start = rest.find("://").map_or(0, |scheme| scheme + 3);
            format!("{}***{}", &rest[..start.min(at)], &rest[at..])
        }
        None => rest.to_string(),
    };
    rest + &tail
}

/// `localhost`, 127.0.0.0/8 or `::1` (with or without brackets).
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_never_quote_what_may_be_a_credential() {
        assert_eq!(
            shown("https://u:p@api.weixin.qq.com/x?access_token=t#f"),
            "https://***@api.weixin.qq.com/x?***"
        );
        assert_eq!(shown("a:b@c"), "***@c");
        assert_eq!(shown("ftp://host/#t"), "ftp://host/#***");
        assert_eq!(
            shown("https://api2.weixin.qq.com"),
            "https://api2.weixin.qq.com"
        );
    }

    #[test]
    fn loopback_addresses() {
        for host in [
            "127.0.0.1",
            "127.8.9.10",
            "localhost",
            "LOCALHOST",
            "[::1]",
            "::1",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "10.0.0.1",
            "api.weixin.qq.com",
            "localhost.evil.com",
            "[::2]",
            "128.0.0.1",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        assert!(ApiBase::parse("https://api.weixin.qq.com").is_ok());
        assert!(ApiBase::parse("https://sh.api.weixin.qq.com/").is_ok());
        assert!(ApiBase::parse("http://127.0.0.1:8080").is_ok());
        assert!(ApiBase::parse("http://[::1]:8080").is_ok());
        assert!(ApiBase::parse("http://localhost:1").is_ok());
        let err = ApiBase::parse("http://api.weixin.qq.com")
            .unwrap_err()
            .to_string();
        assert!(err.contains("only for loopback"), "{err}");
        assert!(ApiBase::parse("ftp://127.0.0.1").is_err());
        assert!(ApiBase::parse("not a url").is_err());
        assert!(ApiBase::parse("https://u:p@api.weixin.qq.com").is_err());
    }

    #[test]
    fn paths_join_below_the_base() {
        let base = ApiBase::parse("http://127.0.0.1:9/prefix").unwrap();
        assert_eq!(
            base.join("cgi-bin/menu/get").as_str(),
            "http://127.0.0.1:9/prefix/cgi-bin/menu/get"
        );
        assert_eq!(base.host(), "127.0.0.1:9");
        let base = ApiBase::parse("https://api.weixin.qq.com").unwrap();
        assert_eq!(base.host(), "api.weixin.qq.com");
        assert_eq!(
            base.join("cgi-bin/tags/get").as_str(),
            "https://api.weixin.qq.com/cgi-bin/tags/get"
        );
    }
}
