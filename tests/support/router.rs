//! A front for several emulators, one account each, on one base URL — as WeChat serves every
//! account from one host. Token requests go to the emulator of their `appid`; other calls to
//! the emulator that issued their `access_token` (learnt from token answers, or taught).

use super::http1::{Request, read_request};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

struct Routes {
    /// appid → emulator base URL.
    accounts: HashMap<String, String>,
    /// access token → emulator base URL.
    tokens: Mutex<HashMap<String, String>>,
    http: reqwest::blocking::Client,
}

pub struct Router {
    routes: Arc<Routes>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Router {
    /// Routes to `backends`: (appid, base URL) pairs.
    pub fn start(backends: &[(&str, String)]) -> Router {
        let routes = Arc::new(Routes {
            accounts: backends
                .iter()
                .map(|(appid, base)| (appid.to_string(), base.clone()))
                .collect(),
            tokens: Mutex::new(HashMap::new()),
            http: reqwest::blocking::Client::new(),
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let shared = routes.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let routes = shared.clone();
                std::thread::spawn(move || serve(stream, &routes));
            }
        });
        Router {
            routes,
            addr,
            stop,
            thread: Some(thread),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Routes the calls made with `token`, handed out beside the router (as a token service's
    /// is: [`crate::emulator::Emulator::issue_token`]), to the emulator at `base`.
    pub fn learn(&self, token: &str, base: String) {
        self.routes
            .tokens
            .lock()
            .unwrap()
            .insert(token.to_string(), base);
    }

    /// Every access token the emulators issued through this router.
    pub fn tokens(&self) -> Vec<String> {
        self.routes.tokens.lock().unwrap().keys().cloned().collect()
    }
}

fn query_param(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

fn serve(stream: TcpStream, routes: &Routes) {
    let Some(Request {
        method,
        target,
        body,
        ..
    }) = read_request(&stream)
    else {
        return;
    };

    let appid = query_param(&target, "appid").or_else(|| {
        serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v["appid"].as_str().map(str::to_string))
    });
    let base = match (appid, query_param(&target, "access_token")) {
        (_, Some(token)) => routes.tokens.lock().unwrap().get(&token).cloned(),
        (Some(appid), None) => routes.accounts.get(&appid).cloned(),
        (None, None) => None,
    }
    .unwrap_or_else(|| routes.accounts.values().next().unwrap().clone());

    let request = routes
        .http
        .request(method.parse().unwrap(), format!("{base}{target}"))
        .body(body);
    let mut stream = stream;
    let Ok(response) = request.send() else {
        return; // the emulator dropped the connection: so does the router
    };
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_string();
    let answer = response.bytes().unwrap_or_default();
    if let Ok(value) = serde_json::from_slice::<Value>(&answer)
        && let Some(token) = value["access_token"].as_str()
    {
        routes
            .tokens
            .lock()
            .unwrap()
            .insert(token.to_string(), base);
    }
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        answer.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer);
}

impl Drop for Router {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
