//! The requests WeChat makes of the account's server: a GET for the URL handshake and a POST
//! of `text/xml` for each push, each with its query, within the time a reply has. No redirect
//! is followed (WeChat follows none); an answer is read up to 1 MiB.

use super::judge::Answer;
use std::io::Read;
use std::time::{Duration, Instant};

/// The most of an answer that is read.
const MAX_ANSWER: u64 = 1 << 20;

/// Sends to one server.
pub struct Sender {
    client: reqwest::blocking::Client,
    url: reqwest::Url,
    limit: Duration,
}

impl Sender {
    pub fn new(url: &str, limit: Duration) -> Result<Sender, String> {
        let url = reqwest::Url::parse(url).map_err(|err| format!("the server URL: {err}"))?;
        let client = reqwest::blocking::Client::builder()
            .timeout(limit)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| format!("cannot make an HTTP client: {err}"))?;
        Ok(Sender { client, url, limit })
    }

    /// The URL handshake's GET.
    pub fn get(&self, query: &[(&str, String)]) -> (Answer, Duration) {
        self.send(self.client.get(self.with_query(query)))
    }

    /// A push.
    pub fn post(&self, query: &[(&str, String)], body: String) -> (Answer, Duration) {
        let request = self
            .client
            .post(self.with_query(query))
            .header(reqwest::header::CONTENT_TYPE, "text/xml")
            .body(body);
        self.send(request)
    }

    /// The server's URL with `query` added to whatever query it has.
    fn with_query(&self, query: &[(&str, String)]) -> reqwest::Url {
        let mut url = self.url.clone();
        url.query_pairs_mut()
            .extend_pairs(query.iter().map(|(name, value)| (*name, value.as_str())));
        url
    }

    fn send(&self, request: reqwest::blocking::RequestBuilder) -> (Answer, Duration) {
        let started = Instant::now();
        let answer = match request.send() {
            Ok(response) => read(response),
            Err(err) if err.is_timeout() => Answer::TooLate,
            Err(err) => Answer::Unreachable(cause(&err)),
        };
        let elapsed = started.elapsed();
        let answer = match answer {
            // However the time ran out, an answer past the limit is one WeChat never got.
            _ if elapsed > self.limit => Answer::TooLate,
            answer => answer,
        };
        (answer, elapsed)
    }
}

fn read(response: reqwest::blocking::Response) -> Answer {
    let status = response.status().as_u16();
    let mut body = Vec::new();
    match response.take(MAX_ANSWER + 1).read_to_end(&mut body) {
        Ok(_) if body.len() as u64 > MAX_ANSWER => Answer::TooLarge,
        Ok(_) => Answer::Answered { status, body },
        Err(err) if err.kind() == std::io::ErrorKind::TimedOut => Answer::TooLate,
        Err(err) => Answer::Unreachable(format!("the answer broke off: {err}")),
    }
}

/// A transport error without its URL (the query is noise) and with its causes.
fn cause(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut words = vec![if err.is_connect() {
        "no connection".to_string()
    } else {
        "the request failed".to_string()
    }];
    let mut source = err.source();
    while let Some(inner) = source {
        words.push(inner.to_string());
        source = inner.source();
    }
    words.dedup();
    words.join(": ")
}
