//! The WeChat emulator itself, driven with raw HTTP: every shape, rule, quirk and fault that
//! other tests rely on is pinned here.

mod conditional;
mod faults;
mod field_shapes;
mod menus;
mod pauses;
mod quotas;
mod record;
mod seeding;
mod subscribe_templates;
mod tags;
mod templates;
mod tokens;
mod wire;

use reqwest::blocking::Client;
use serde_json::Value;

use crate::support::emulator::{APPID, APPSECRET, Emulator};

/// One raw answer: status, Content-Type, body text and the body parsed as JSON.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub text: String,
    pub json: Value,
}

impl Reply {
    /// The errcode, 0 when the body has none (WeChat's success bodies often omit it).
    pub fn errcode(&self) -> i64 {
        self.json["errcode"].as_i64().unwrap_or(0)
    }
}

fn reply(response: reqwest::blocking::Response) -> Reply {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = response.text().unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        content_type,
        text,
        json,
    }
}

/// A raw HTTP client for one emulator.
pub struct Raw<'a> {
    pub emulator: &'a Emulator,
    client: Client,
}

impl<'a> Raw<'a> {
    pub fn new(emulator: &'a Emulator) -> Raw<'a> {
        Raw {
            emulator,
            client: Client::new(),
        }
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.emulator.base_url())
    }

    pub fn get(&self, path_and_query: &str) -> Reply {
        reply(self.client.get(self.url(path_and_query)).send().unwrap())
    }

    pub fn post(&self, path_and_query: &str, body: &str) -> Reply {
        let request = self.client.post(self.url(path_and_query));
        reply(request.body(body.to_string()).send().unwrap())
    }

    pub fn try_post(&self, path_and_query: &str, body: &str) -> reqwest::Result<Reply> {
        let request = self.client.post(self.url(path_and_query));
        request.body(body.to_string()).send().map(reply)
    }

    /// A fresh stable token.
    pub fn token(&self) -> String {
        let body = format!(
            r#"{{"grant_type":"client_credential","appid":"{APPID}","secret":"{APPSECRET}"}}"#
        );
        let reply = self.post("/cgi-bin/stable_token", &body);
        reply.json["access_token"].as_str().unwrap().to_string()
    }

    /// GET `path` with a valid token.
    pub fn get_with(&self, token: &str, path: &str) -> Reply {
        self.get(&format!("{path}?access_token={token}"))
    }

    /// POST `body` to `path` with a valid token.
    pub fn post_with(&self, token: &str, path: &str, body: &str) -> Reply {
        self.post(&format!("{path}?access_token={token}"), body)
    }
}

/// An emulator, a client and a token: the common start of a test.
pub fn setup() -> (Emulator, String) {
    let emulator = Emulator::start();
    let token = emulator.issue_token();
    (emulator, token)
}

/// Asserts an error body: the errcode and WeChat's `rid` suffix (first group: hex unix time).
pub fn assert_error(reply: &Reply, errcode: i64) {
    assert_eq!(
        reply.status, 200,
        "business errors are HTTP 200: {}",
        reply.text
    );
    assert_eq!(reply.errcode(), errcode, "{}", reply.text);
    let errmsg = reply.json["errmsg"].as_str().unwrap();
    let rid = errmsg
        .rsplit_once(" rid: ")
        .expect("errmsg ends with a rid")
        .1;
    let groups: Vec<&str> = rid.split('-').collect();
    assert_eq!(groups.len(), 3, "{errmsg}");
    assert!(
        groups.iter().all(|g| g.len() == 8
            && g.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())),
        "{errmsg}"
    );
}
