//! The HTTP connection pool: one `reqwest` client whose keep-alive connections are reused, and
//! a bound on the requests in flight through it.
//!
//! A single account needs no more than its own pool. Planning many accounts at once shares one
//! [`HttpPool`] between their clients: an account read after another reuses that account's
//! connections (no new TCP and TLS handshakes), and however many accounts run at a time, no
//! more than [`HttpPool::max_in_flight`] requests — so no more connections — are in use at once.

use super::WechatError;
use crate::mutex::lock;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Requests in flight at once through one pool unless told otherwise: more than any single
/// account's concurrent reads (six), few enough not to flood one host with connections.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 64;

/// Time allowed to connect (TCP and TLS), unless a [`super::ClientConfig`] says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed per request, from sending to the end of the answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A shared HTTP client with a bounded number of requests in flight. Cloning shares it.
#[derive(Clone)]
pub struct HttpPool {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::blocking::Client,
    /// Never through a proxy (see [`HttpPool::new`]).
    direct: bool,
    max_in_flight: usize,
    in_flight: Mutex<usize>,
    freed: Condvar,
}

impl std::fmt::Debug for HttpPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpPool")
            .field("max_in_flight", &self.inner.max_in_flight)
            .finish_non_exhaustive()
    }
}

/// The right to have one request in flight; the slot is freed when this is dropped.
pub(super) struct Slot<'a> {
    inner: &'a Inner,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        *lock(&self.inner.in_flight) -= 1;
        self.inner.freed.notify_one();
    }
}

impl HttpPool {
    /// A pool whose connections time out after `connect_timeout` to connect and `timeout` per
    /// request, with at most `max_in_flight` (at least 1) requests at once. A `direct` pool
    /// ignores every proxy variable: it serves a plain `http://` base, where a proxy would see
    /// the token and the AppSecret in clear (through HTTPS a proxy only tunnels).
    pub fn new(
        connect_timeout: Duration,
        timeout: Duration,
        max_in_flight: usize,
        direct: bool,
    ) -> Result<HttpPool, WechatError> {
        let mut http = reqwest::blocking::Client::builder();
        if direct {
            http = http.no_proxy();
        }
        let http = http
            .use_rustls_tls()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            // A redirect would carry the token in its URL to another place.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("wxform/", env!("CARGO_PKG_VERSION")))
            // Never keep more connections waiting than may be in use at once.
            .pool_max_idle_per_host(max_in_flight.max(1))
            .build()
            .map_err(|err| {
                WechatError::Config(format!("cannot set up HTTP: {}", err.without_url()))
            })?;
        Ok(HttpPool {
            inner: Arc::new(Inner {
                http,
                direct,
                max_in_flight: max_in_flight.max(1),
                in_flight: Mutex::new(0),
                freed: Condvar::new(),
            }),
        })
    }

    /// The default timeouts, with at most `max_in_flight` requests at once.
    pub fn with_bound(max_in_flight: usize, direct: bool) -> Result<HttpPool, WechatError> {
        HttpPool::new(
            DEFAULT_CONNECT_TIMEOUT,
            DEFAULT_TIMEOUT,
            max_in_flight,
            direct,
        )
    }

    /// Whether this pool bypasses proxies (required for a plain `http://` base).
    pub fn is_direct(&self) -> bool {
        self.inner.direct
    }

    pub fn max_in_flight(&self) -> usize {
        self.inner.max_in_flight
    }

    /// Waits for a free slot. Hold it from sending a request until its answer is read, so the
    /// connection is back in the pool before another request may start.
    pub(super) fn slot(&self) -> Slot<'_> {
        let mut in_flight = lock(&self.inner.in_flight);
        while *in_flight >= self.inner.max_in_flight {
            in_flight = self
                .inner
                .freed
                .wait(in_flight)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *in_flight += 1;
        Slot { inner: &self.inner }
    }

    pub(super) fn http(&self) -> &reqwest::blocking::Client {
        &self.inner.http
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_more_than_the_bound_are_in_flight_and_every_waiter_gets_a_slot() {
        let pool = HttpPool::new(Duration::from_secs(1), Duration::from_secs(1), 3, false).unwrap();
        let current = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..12 {
                scope.spawn(|| {
                    for _ in 0..20 {
                        let _slot = pool.slot();
                        let now = current.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        current.fetch_sub(1, Ordering::SeqCst);
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(done.load(Ordering::SeqCst), 240);
        assert!(peak.load(Ordering::SeqCst) <= 3, "{peak:?}");
        assert_eq!(*lock(&pool.inner.in_flight), 0);
    }

    #[test]
    fn a_zero_bound_still_lets_one_request_through() {
        let pool = HttpPool::new(Duration::from_secs(1), Duration::from_secs(1), 0, false).unwrap();
        assert_eq!(pool.max_in_flight(), 1);
        drop(pool.slot());
        drop(pool.slot());
    }
}
