//! Locking a mutex whose holder panicked. wxform's shared state (the secrets to scrub, a
//! client's current token, a pool's count of requests in flight) stays valid whatever a
//! panicking thread was doing, so a poisoned lock is taken as it is rather than spreading the
//! panic to every other thread.

use std::sync::{Mutex, MutexGuard};

/// The guard of `mutex`, poisoned or not.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
