//! The HTTP side: an axum server on 127.0.0.1 (never another address: nothing must mistake it
//! for WeChat), on its own thread with its own tokio runtime, that hands each request to the [`World`] and can close a connection without
//! answering (for "the write happened but the caller timed out").

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::thread::JoinHandle;

use axum::Router;
use axum::body::Bytes;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use super::faults::BodyFault;
use super::world::{Outcome, Request, World};

pub type Shared = Arc<Mutex<World>>;

/// A running server; dropping it stops the server and joins its thread.
pub struct Server {
    pub addr: SocketAddr,
    /// Connections accepted so far (a client that reuses its connections opens few).
    pub connections: Arc<AtomicUsize>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Listens on `127.0.0.1:port` (0: a free port the system picks).
    pub fn bind(world: Shared, port: u16) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, port))?;
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let (shutdown, signal) = oneshot::channel::<()>();
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = connections.clone();
        let thread = std::thread::Builder::new()
            .name("wechat-emulator".to_string())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("tokio runtime");
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(listener).expect("tokio listener");
                    // Uploads reach 10 MB, past axum's 2 MB default; a little over, so that
                    // a too-large image is answered by the platform's own check (40006).
                    let limit = axum::extract::DefaultBodyLimit::max(
                        super::materials::MAX_IMAGE_BYTES + 1024 * 1024,
                    );
                    let app = Router::new()
                        .fallback(handle)
                        .layer(limit)
                        .with_state(world);
                    let service = app.into_make_service_with_connect_info::<Conn>();
                    let server = axum::serve(
                        KillableListener {
                            inner: listener,
                            accepted,
                        },
                        service,
                    );
                    // No graceful shutdown: idle keep-alive connections must not hold up Drop.
                    tokio::select! {
                        _ = server.into_future() => {}
                        _ = signal => {}
                    }
                });
            })?;
        Ok(Server {
            addr,
            connections,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn handle(
    State(world): State<Shared>,
    ConnectInfo(conn): ConnectInfo<Conn>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let query = Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|Query(query)| query)
        .unwrap_or_default();
    let request = Request {
        method: method.as_str().to_string(),
        path: uri.path().to_string(),
        query,
        body: body.to_vec(),
        content_type: headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string),
    };
    let lock = || {
        world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    let (mut outcome, mut latency) = {
        let mut world = lock();
        (world.handle(&request), world.faults.latency)
    };
    if let Outcome::Pause(gate) = outcome {
        // The gate is never closed: its one permit is this request's turn.
        let _turn = gate.acquire().await;
        let mut world = lock();
        (outcome, latency) = (world.handle_now(&request), world.faults.latency);
    }
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match outcome {
        Outcome::Reply {
            status,
            content_type,
            body,
        } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = (status, body).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            response
        }
        Outcome::Drop => {
            // Nothing has been written yet; from now on every write fails and hyper closes
            // the connection without sending this response.
            conn.kill.store(true, Ordering::SeqCst);
            StatusCode::OK.into_response()
        }
        // The client waits until it gives up or is killed; stopping the emulator drops the
        // runtime and this task with it.
        Outcome::Hold => std::future::pending().await,
        Outcome::Pause(_) => unreachable!("a resumed request is handled again"),
        Outcome::Hostile(fault) => hostile_response(fault),
    }
}

/// A 200 answer whose body is endless, huge or dripping; it ends when the client hangs up.
fn hostile_response(fault: BodyFault) -> Response {
    let mut response = Response::new(axum::body::Body::new(HostileBody {
        fault,
        sent: 0,
        tick: None,
    }));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if fault == BodyFault::Huge {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(HUGE_BYTES));
    }
    response
}

/// What [`BodyFault::Huge`] declares and sends: 1 GiB.
const HUGE_BYTES: u64 = 1 << 30;
/// One chunk of an endless or huge body: 64 KiB of a JSON array that never closes.
const CHUNK: &[u8] = &[b'0'; 64 * 1024];

struct HostileBody {
    fault: BodyFault,
    sent: u64,
    tick: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl axum::body::HttpBody for HostileBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        const OPENING: &[u8] = b"{\"errcode\":0,\"list\":[";
        let chunk: &'static [u8] = match self.fault {
            _ if self.sent == 0 => OPENING,
            BodyFault::Endless => CHUNK,
            // Exactly the declared length in total.
            BodyFault::Huge => {
                let left = HUGE_BYTES - self.sent;
                if left == 0 {
                    return Poll::Ready(None);
                }
                &CHUNK[..CHUNK.len().min(left as usize)]
            }
            BodyFault::Drip => {
                let tick = self.tick.get_or_insert_with(|| {
                    Box::pin(tokio::time::sleep(std::time::Duration::from_millis(100)))
                });
                if tick.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                self.tick = None;
                b"0"
            }
        };
        self.sent += chunk.len() as u64;
        Poll::Ready(Some(Ok(http_body::Frame::data(Bytes::from_static(chunk)))))
    }
}

/// Identifies a connection to its handler, which may kill it.
#[derive(Clone, Debug)]
struct Conn {
    kill: Arc<AtomicBool>,
}

impl Connected<IncomingStream<'_, KillableListener>> for Conn {
    fn connect_info(stream: IncomingStream<'_, KillableListener>) -> Self {
        stream.remote_addr().clone()
    }
}

struct KillableListener {
    inner: TcpListener,
    accepted: Arc<AtomicUsize>,
}

impl Listener for KillableListener {
    type Io = KillableStream;
    type Addr = Conn;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            if let Ok((stream, _)) = self.inner.accept().await {
                self.accepted.fetch_add(1, Ordering::SeqCst);
                let _ = stream.set_nodelay(true);
                let kill = Arc::new(AtomicBool::new(false));
                let conn = Conn { kill: kill.clone() };
                return (
                    KillableStream {
                        inner: stream,
                        kill,
                    },
                    conn,
                );
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Err(std::io::Error::other(
            "a connection id has no local address",
        ))
    }
}

/// A TCP stream whose reads end and writes fail once its connection is killed.
struct KillableStream {
    inner: TcpStream,
    kill: Arc<AtomicBool>,
}

impl KillableStream {
    fn killed(&self) -> bool {
        self.kill.load(Ordering::SeqCst)
    }
}

fn reset() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::ConnectionReset, "dropped by fault")
}

impl AsyncRead for KillableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        if self.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        if self.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
