//! A recording HTTPS proxy that reaches nothing: it records what each client sends it (the
//! `CONNECT` request and the first TLS record after it: the ClientHello), then closes. Tests
//! use it to see exactly what a proxy between wxform and WeChat learns. Pointed at directly
//! (as an API host), it records the TLS record a client opens with.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The most read of a request head or of a TLS record: a ClientHello is far smaller.
const MAX_BYTES: usize = 64 * 1024;
/// A client that sends nothing is given up on after this long, so a test never hangs.
const IDLE: Duration = Duration::from_secs(10);

/// What one client connection sent.
#[derive(Debug, Clone, Default)]
pub struct Visit {
    /// The request head up to the blank line (`CONNECT api.weixin.qq.com:443 HTTP/1.1` and
    /// its headers), when the client spoke HTTP to it.
    pub head: Option<String>,
    /// The first TLS record the client sent (through the tunnel, or directly), whole.
    pub tls: Vec<u8>,
}

impl Visit {
    /// The request line: `CONNECT host:port HTTP/1.1`.
    pub fn request_line(&self) -> Option<&str> {
        self.head.as_deref()?.lines().next()
    }

    /// Everything the client sent, as bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut all = self.head.clone().unwrap_or_default().into_bytes();
        all.extend_from_slice(&self.tls);
        all
    }
}

pub struct RecordingProxy {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    visits: Arc<Mutex<Vec<Visit>>>,
    thread: Option<JoinHandle<()>>,
}

impl RecordingProxy {
    pub fn start() -> RecordingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let visits = Arc::new(Mutex::new(Vec::new()));
        let (stop2, visits2) = (stop.clone(), visits.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let visit = serve(stream);
                    visits2.lock().unwrap().push(visit);
                }
            }
        });
        RecordingProxy {
            addr,
            stop,
            visits,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`, for `HTTPS_PROXY`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every connection so far, in order.
    pub fn visits(&self) -> Vec<Visit> {
        self.visits.lock().unwrap().clone()
    }
}

/// Reads one client: a TLS record straight away, or an HTTP head; after a `CONNECT`, answers
/// that the tunnel is open and reads the TLS record sent through it. Then hangs up.
fn serve(stream: TcpStream) -> Visit {
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(clone) = stream.try_clone() else {
        return Visit::default();
    };
    let mut reader = BufReader::new(clone);
    let mut visit = Visit::default();
    let opens_with_tls = matches!(reader.fill_buf(), Ok([0x16, ..]));
    if !opens_with_tls {
        let head = read_head(&mut reader);
        let tunnel = head.starts_with("CONNECT ");
        visit.head = Some(head);
        let mut stream = &stream;
        let answer: &[u8] = if tunnel {
            b"HTTP/1.1 200 Connection established\r\n\r\n"
        } else {
            b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        };
        if stream.write_all(answer).is_err() || !tunnel {
            return visit;
        }
    }
    visit.tls = read_tls_record(&mut reader);
    visit
}

/// The request line and headers, up to and including the blank line.
fn read_head(reader: &mut impl BufRead) -> String {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => head.push_str(&line),
        }
        if line == "\r\n" || line == "\n" || head.len() > MAX_BYTES {
            break;
        }
    }
    head
}

/// One TLS record: the 5-byte header (type, version, length) and the length it declares.
fn read_tls_record(reader: &mut impl Read) -> Vec<u8> {
    let mut record = vec![0u8; 5];
    if reader.read_exact(&mut record).is_err() {
        return Vec::new();
    }
    let length = u16::from_be_bytes([record[3], record[4]]);
    let _ = reader
        .take(u64::from(length).min(MAX_BYTES as u64))
        .read_to_end(&mut record);
    record
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
