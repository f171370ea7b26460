//! Wire shapes of the token endpoints. Only `stable_token` is ever called: `/cgi-bin/token`
//! would invalidate the token the account's production servers hold. Its response shape is the
//! same, so [`TokenResponse`] serves both.

use super::de;
use serde::{Deserialize, Serialize};

/// `POST /cgi-bin/stable_token`. Holds the AppSecret: its `Debug` shows `***`.
#[derive(Clone, Serialize)]
pub struct StableTokenRequest<'a> {
    pub grant_type: &'static str,
    pub appid: &'a str,
    pub secret: &'a str,
    pub force_refresh: bool,
}

impl std::fmt::Debug for StableTokenRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StableTokenRequest")
            .field("appid", &self.appid)
            .field("secret", &"***")
            .field("force_refresh", &self.force_refresh)
            .finish()
    }
}

/// `{"access_token":"...","expires_in":7200}`. Holds a token: its `Debug` shows `***`.
#[derive(Clone, Deserialize)]
pub struct TokenResponse {
    #[serde(deserialize_with = "de::string")]
    pub access_token: String,
    #[serde(deserialize_with = "de::u64")]
    pub expires_in: u64,
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"***")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secret_and_token() {
        let request = StableTokenRequest {
            grant_type: "client_credential",
            appid: "wx1",
            secret: "APPSECRET",
            force_refresh: false,
        };
        assert!(!format!("{request:?}").contains("APPSECRET"));
        let body = serde_json::to_string(&request).unwrap();
        assert!(body.contains(r#""force_refresh":false"#) && body.contains("APPSECRET"));
        let response: TokenResponse =
            serde_json::from_str(r#"{"access_token":"TOKENVALUE","expires_in":"7200"}"#).unwrap();
        assert_eq!(response.expires_in, 7200);
        assert!(!format!("{response:?}").contains("TOKENVALUE"));
    }
}
