//! An account's own server, as WeChat sees it, scriptable per key: it checks the signature of
//! every request (a wrong one is refused with 403, as real servers do), decrypts encrypted
//! pushes and checks their `msg_signature`, records each request as it came and as it reads
//! once decrypted, and answers each push as its [`Setup`] says for the push's key: a reply of
//! any type, nothing, `success`, or one of the mistakes wxform must catch. Its crypto is its
//! own (`crypto.rs`), written apart from wxform's.
//!
//! A [`Behaviour::Late`] answer is held until [`AccountServer::release`] (or the server's
//! end): with the time a reply has lowered (`WXFORM_SERVER_TIMEOUT_MS`), wxform gives up first,
//! with no sleep anywhere.

mod crypto;
mod xml;

use super::http1::read_request;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

pub use crypto::{decrypt, encrypt, key, sign};
pub use xml::field;

/// 消息加解密方式 of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Plaintext,
    Compatible,
    Safe,
}

/// How the server answers a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Behaviour {
    Text(String),
    Image,
    Voice,
    Video,
    Music,
    /// A news reply with this many articles.
    News(usize),
    /// An empty body.
    Empty,
    Success,
    /// Held until released: later than any limit.
    Late,
    /// ToUserName and FromUserName swapped.
    Swapped,
    /// CreateTime in milliseconds.
    Milliseconds,
    Status500,
    NotXml,
    /// An encrypted reply whose MsgSignature is wrong.
    BadSignature,
    /// A plain reply, whatever the mode.
    Plaintext,
    /// A text reply whose words are the server's EncodingAESKey and token (a leaky error page),
    /// longer than a quote: a secret cut off in a quote must be masked all the same.
    EchoToken,
}

/// What the server is: its settings on WeChat's side, and its answers.
#[derive(Debug, Clone)]
pub struct Setup {
    pub token: String,
    pub encoding_aes_key: String,
    pub appid: String,
    pub mode: Mode,
    /// The handshake answers something else than the echostr.
    pub wrong_echostr: bool,
    /// Answers by key: a button's EventKey, `subscribe` for a follow, a message's text.
    pub answers: Vec<(String, Behaviour)>,
    /// The answer to every other key.
    pub otherwise: Behaviour,
    /// Held answers ([`Behaviour::Late`]) go, all at once, when this many are held; `None`:
    /// only when released.
    pub release_at: Option<usize>,
}

impl Setup {
    /// A server in `mode` with the token, key and AppID of the tests, answering `success`.
    pub fn new(mode: Mode) -> Setup {
        Setup {
            token: TOKEN.to_string(),
            encoding_aes_key: ENCODING_AES_KEY.to_string(),
            appid: APPID.to_string(),
            mode,
            wrong_echostr: false,
            answers: Vec::new(),
            otherwise: Behaviour::Success,
            release_at: None,
        }
    }

    pub fn answer(mut self, key: &str, behaviour: Behaviour) -> Setup {
        self.answers.push((key.to_string(), behaviour));
        self
    }
}

/// The token of the tests' servers.
pub const TOKEN: &str = "harness-server-token-7f3a";
/// Their EncodingAESKey: its last character has trailing bits set, as real keys do.
pub const ENCODING_AES_KEY: &str = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
/// The AppID their encrypted messages carry.
pub const APPID: &str = "wx1234567890abcdef";

/// One request as it came.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub query: BTreeMap<String, String>,
    pub content_type: Option<String>,
    pub body: String,
    /// The push's XML: the body, or what its `Encrypt` held.
    pub message: Option<String>,
    /// The AppID an encrypted push carried.
    pub appid: Option<String>,
    pub signature_ok: bool,
    /// Whether `msg_signature` matched, for an encrypted push.
    pub msg_signature_ok: Option<bool>,
}

struct State {
    setup: Setup,
    received: Mutex<Vec<Received>>,
    in_flight: Mutex<(usize, usize)>,
    /// Answers held now, the group being held (it changes when a group goes), and whether
    /// everything is released.
    held: Mutex<(usize, u64, bool)>,
    release: Condvar,
    stop: AtomicBool,
}

pub struct AccountServer {
    addr: SocketAddr,
    state: Arc<State>,
    thread: Option<JoinHandle<()>>,
}

impl AccountServer {
    pub fn start(setup: Setup) -> AccountServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            setup,
            received: Mutex::new(Vec::new()),
            in_flight: Mutex::new((0, 0)),
            held: Mutex::new((0, 0, false)),
            release: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let shared = state.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let state = shared.clone();
                    std::thread::spawn(move || serve(stream, &state));
                }
            }
        });
        AccountServer {
            addr,
            state,
            thread: Some(thread),
        }
    }

    /// The server's URL, as its 服务器配置 page holds it.
    pub fn url(&self) -> String {
        format!("http://{}/wechat", self.addr)
    }

    /// Every request so far, in the order they came.
    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    /// The pushes so far (the POSTs), in the order they came.
    pub fn pushes(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.method == "POST")
            .collect()
    }

    /// The most pushes that were in flight at once.
    pub fn most_at_once(&self) -> usize {
        self.state.in_flight.lock().unwrap().1
    }

    /// Lets every held answer go.
    pub fn release(&self) {
        self.state.held.lock().unwrap().2 = true;
        self.state.release.notify_all();
    }
}

impl Drop for AccountServer {
    fn drop(&mut self) {
        self.release();
        self.state.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(mut stream: TcpStream, state: &State) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    let query = query(&request.target);
    let setup = &state.setup;
    let get = |name: &str| query.get(name).map(String::as_str).unwrap_or_default();
    let signature_ok = sign(&[&setup.token, get("timestamp"), get("nonce")]) == get("signature");
    let body = String::from_utf8_lossy(&request.body).into_owned();
    let mut received = Received {
        method: request.method.clone(),
        query: query.clone(),
        content_type: request.content_type.clone(),
        body: body.clone(),
        message: None,
        appid: None,
        signature_ok,
        msg_signature_ok: None,
    };
    if !signature_ok {
        state.received.lock().unwrap().push(received);
        return respond(&mut stream, "403 Forbidden", "bad signature");
    }
    if request.method == "GET" {
        state.received.lock().unwrap().push(received);
        let echostr = get("echostr");
        let answer = if setup.wrong_echostr {
            format!("ok {echostr}")
        } else {
            echostr.to_string()
        };
        return respond(&mut stream, "200 OK", &answer);
    }
    let message = if get("encrypt_type") == "aes" {
        let encrypted = field(&body, "Encrypt").unwrap_or_default();
        let ok = sign(&[&setup.token, get("timestamp"), get("nonce"), &encrypted])
            == get("msg_signature");
        received.msg_signature_ok = Some(ok);
        decrypt(&key(&setup.encoding_aes_key), &encrypted).map(|(message, appid)| {
            received.appid = Some(appid);
            message
        })
    } else {
        Some(body.clone())
    };
    received.message = message.clone();
    state.received.lock().unwrap().push(received);
    let Some(message) =
        message.filter(|_| setup.mode == Mode::Plaintext || get("encrypt_type") == "aes")
    else {
        return respond(&mut stream, "400 Bad Request", "cannot read the push");
    };
    answer_push(&mut stream, state, &message, &query);
}

fn answer_push(
    stream: &mut TcpStream,
    state: &State,
    message: &str,
    query: &BTreeMap<String, String>,
) {
    {
        let mut in_flight = state.in_flight.lock().unwrap();
        in_flight.0 += 1;
        in_flight.1 = in_flight.1.max(in_flight.0);
    }
    let setup = &state.setup;
    let key = match field(message, "MsgType").as_deref() {
        Some("event") if field(message, "Event").as_deref() == Some("subscribe") => {
            "subscribe".to_string()
        }
        Some("event") => field(message, "EventKey").unwrap_or_default(),
        _ => field(message, "Content").unwrap_or_default(),
    };
    let behaviour = setup
        .answers
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&setup.otherwise, |(_, behaviour)| behaviour);
    if *behaviour == Behaviour::Late {
        hold(state);
    }
    let (status, body) = reply(setup, behaviour, message, query);
    state.in_flight.lock().unwrap().0 -= 1;
    respond(stream, status, &body);
}

/// Waits until this answer's group goes (`release_at` held at once) or everything is released.
fn hold(state: &State) {
    let mut held = state.held.lock().unwrap();
    held.0 += 1;
    let group = held.1;
    if Some(held.0) == state.setup.release_at {
        *held = (0, group + 1, held.2);
        state.release.notify_all();
        return;
    }
    while held.1 == group && !held.2 {
        held = state.release.wait(held).unwrap();
    }
}

/// The answer `behaviour` makes to `message`.
fn reply(
    setup: &Setup,
    behaviour: &Behaviour,
    message: &str,
    query: &BTreeMap<String, String>,
) -> (&'static str, String) {
    let follower = field(message, "FromUserName").unwrap_or_default();
    let account = field(message, "ToUserName").unwrap_or_default();
    let time: u64 = field(message, "CreateTime")
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let plain = |inner: &str| xml::reply(&follower, &account, time, inner);
    let media = |kind: &str, element: &str, id: &str| {
        plain(&format!(
            "<MsgType><![CDATA[{kind}]]></MsgType><{element}><{id}><![CDATA[media-1]]></{id}><Title><![CDATA[{kind} title]]></Title></{element}>"
        ))
    };
    let text = |words: &str| {
        plain(&format!(
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{words}]]></Content>"
        ))
    };
    let reply = match behaviour {
        Behaviour::Text(words) => text(words),
        Behaviour::EchoToken => text(&format!(
            "debug: key={} token={}",
            setup.encoding_aes_key, setup.token
        )),
        Behaviour::Image => media("image", "Image", "MediaId"),
        Behaviour::Voice => media("voice", "Voice", "MediaId"),
        Behaviour::Video => media("video", "Video", "MediaId"),
        Behaviour::Music => media("music", "Music", "ThumbMediaId"),
        Behaviour::News(count) => {
            let items: String = (1..=*count)
                .map(|i| format!("<item><Title><![CDATA[文章{i}]]></Title><Description><![CDATA[第{i}篇]]></Description><PicUrl><![CDATA[https://example.com/{i}.png]]></PicUrl><Url><![CDATA[https://example.com/{i}]]></Url></item>"))
                .collect();
            plain(&format!(
                "<MsgType><![CDATA[news]]></MsgType><ArticleCount>{count}</ArticleCount><Articles>{items}</Articles>"
            ))
        }
        Behaviour::Empty => return ("200 OK", String::new()),
        Behaviour::Success | Behaviour::Late => return ("200 OK", "success".to_string()),
        Behaviour::Status500 => return ("500 Internal Server Error", "oops".to_string()),
        Behaviour::NotXml => return ("200 OK", "{\"reply\": \"hello\"}".to_string()),
        Behaviour::Swapped => xml::reply(
            &account,
            &follower,
            time,
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[swapped]]></Content>",
        ),
        Behaviour::Milliseconds => xml::reply(
            &follower,
            &account,
            time * 1000,
            "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ms]]></Content>",
        ),
        Behaviour::Plaintext => return ("200 OK", text("plain")),
        Behaviour::BadSignature => {
            return ("200 OK", sealed(setup, &text("signed badly"), query, false));
        }
    };
    if setup.mode == Mode::Plaintext {
        ("200 OK", reply)
    } else {
        ("200 OK", sealed(setup, &reply, query, true))
    }
}

/// `reply` encrypted as a server in safe mode answers; its MsgSignature right or not.
fn sealed(
    setup: &Setup,
    reply: &str,
    query: &BTreeMap<String, String>,
    signed_well: bool,
) -> String {
    let encrypted = encrypt(&key(&setup.encoding_aes_key), reply, &setup.appid);
    let timestamp = query.get("timestamp").cloned().unwrap_or_default();
    let nonce = "5550123";
    let signature = if signed_well {
        sign(&[&setup.token, &timestamp, nonce, &encrypted])
    } else {
        sign(&["another token", &timestamp, nonce, &encrypted])
    };
    format!(
        "<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature><TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>"
    )
}

fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

/// The query of `target`, percent-decoded.
fn query(target: &str) -> BTreeMap<String, String> {
    let query = target.split_once('?').map_or("", |(_, query)| query);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'%' if at + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[at + 1..at + 3]).unwrap_or("00");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                at += 3;
            }
            b'+' => {
                out.push(b' ');
                at += 1;
            }
            byte => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
