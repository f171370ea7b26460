//! A tiny HTTP server that answers every request for a path with fixed bytes, for wire quirks
//! the emulator does not produce (text/plain bodies, raw control characters, string errcodes).

use super::http1::read_request;
use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One canned answer: body bytes and content type.
#[derive(Clone)]
pub struct Answer {
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

pub struct Canned {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    paths: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Canned {
    /// Serves `answers` (path without query → answer); unknown paths get 404.
    pub fn start(answers: Vec<(&str, &str, &[u8])>) -> Canned {
        let answers: HashMap<String, Answer> = answers
            .into_iter()
            .map(|(path, content_type, body)| {
                let content_type: &'static str =
                    Box::leak(content_type.to_string().into_boxed_str());
                (
                    path.to_string(),
                    Answer {
                        content_type,
                        body: body.to_vec(),
                    },
                )
            })
            .collect();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let paths = Arc::new(Mutex::new(Vec::new()));
        let (stop2, paths2) = (stop.clone(), paths.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    serve(stream, &answers, &paths2);
                }
            }
        });
        Canned {
            addr,
            stop,
            paths,
            thread: Some(thread),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Paths requested so far, in order.
    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, answers: &HashMap<String, Answer>, paths: &Mutex<Vec<String>>) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    let target = request.target.as_str();
    let path = target.split('?').next().unwrap_or("/").to_string();
    paths.lock().unwrap().push(path.clone());
    let mut stream = stream;
    let (status, answer) = match answers.get(&path) {
        Some(answer) => ("200 OK", answer.clone()),
        None => (
            "404 Not Found",
            Answer {
                content_type: "text/plain",
                body: b"not found".to_vec(),
            },
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.content_type,
        answer.body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer.body);
}

impl Drop for Canned {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
