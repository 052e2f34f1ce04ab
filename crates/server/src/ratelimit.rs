//! Per-client rate limits for the public write endpoints (`POST /api/v1/applications`).
//!
//! A keyed GCRA (generic cell rate algorithm, the token bucket without a timer): each client
//! address has a "theoretical arrival time"; a request moves it one period on, and is refused
//! when it would be more than `burst` periods ahead of now. The answer then is 429 in the v1
//! error shape with `Retry-After` (whole seconds, rounded up).
//!
//! Invariants: memory is bounded (at most [`MAX_CLIENTS`] addresses; idle ones are dropped
//! first, and when every one is busy the table is cleared rather than grown); no float.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most client addresses remembered at once.
pub const MAX_CLIENTS: usize = 100_000;

/// A rate: `per_minute` requests a minute on average, up to `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Sustained requests per minute (≥ 1).
    pub per_minute: u32,
    /// Requests allowed at once (≥ 1).
    pub burst: u32,
}

impl Default for Rate {
    /// 10 a minute, 5 at once: a person applies once; a retrying page a few times.
    fn default() -> Self {
        Rate { per_minute: 10, burst: 5 }
    }
}

/// The limiter: one table of client addresses.
#[derive(Debug)]
pub struct RateLimiter {
    period: Duration,
    window: Duration,
    clients: Mutex<HashMap<IpAddr, Instant>>,
}

impl RateLimiter {
    /// A limiter for `rate` (values below 1 count as 1).
    pub fn new(rate: Rate) -> Self {
        let period = Duration::from_secs(60) / rate.per_minute.max(1);
        RateLimiter { period, window: period * rate.burst.max(1), clients: Mutex::default() }
    }

    /// Takes one request for `client` at `now`: `Ok` or `Err(retry after)`.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            clients.retain(|_, tat| *tat > now);
            if clients.len() >= MAX_CLIENTS {
                clients.clear();
            }
        }
        let tat = clients.get(&client).copied().filter(|t| *t > now).unwrap_or(now);
        let next = tat + self.period;
        let ahead = next - now;
        if ahead > self.window {
            return Err(ahead - self.window);
        }
        clients.insert(client, next);
        Ok(())
    }
}

/// The client's address when the request came over a socket (`serve.rs` records it); `None`
/// for in-process requests (tests), which are not limited.
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let info = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(Peer(info.map(|c| c.0.ip())))
    }
}

/// Whole seconds to wait, rounded up (at least 1).
pub fn retry_after_secs(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_one_request_per_period() {
        let l = RateLimiter::new(Rate { per_minute: 6, burst: 3 });
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.check(a, t0).is_ok());
        }
        let wait = l.check(a, t0).unwrap_err();
        assert_eq!(retry_after_secs(wait), 10);
        assert!(l.check(b, t0).is_ok(), "another client has its own bucket");
        assert!(l.check(a, t0 + Duration::from_secs(9)).is_err());
        assert!(l.check(a, t0 + Duration::from_secs(10)).is_ok());
        assert!(l.check(a, t0 + Duration::from_secs(10)).is_err());
        // Idle long enough, the whole burst is back.
        let later = t0 + Duration::from_secs(600);
        for _ in 0..3 {
            assert!(l.check(a, later).is_ok());
        }
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(2001)), 3);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
