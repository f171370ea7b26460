//! Access tokens: the `/cgi-bin/token` family (rotates on every call, 5-minute overlap for the
//! previous token), the `stable_token` family (same token until < 5 minutes remain; force
//! refresh), and the checks every business call makes (41001, 40014, 40001, 42001).

use std::collections::HashMap;

use serde_json::Value;

use super::options::WhitelistKind;
use super::wire::{Answer, ApiError, finish, json, object};
use super::world::{Request, World, json_body};

/// How long a superseded token keeps working.
pub const OVERLAP_MS: u64 = 5 * 60 * 1000;
/// Consecutive force refreshes closer than this do not refresh.
pub const FORCE_INTERVAL_MS: u64 = 30 * 1000;

/// Which endpoint issued a token; the families never affect each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `GET /cgi-bin/token`.
    Basic,
    /// `POST /cgi-bin/stable_token`.
    Stable,
    /// Handed to a test directly (a central token service's token).
    Issued,
}

#[derive(Debug, Clone)]
struct Token {
    family: Family,
    expires_at: u64,
    /// Set once superseded or invalidated: the token stops working at this instant.
    usable_until: Option<u64>,
}

/// Every token ever issued, and the current one of each family.
#[derive(Debug, Default)]
pub struct Tokens {
    tokens: HashMap<String, Token>,
    current: HashMap<Family, String>,
    last_force: Option<u64>,
}

/// Real tokens are `<n>_` followed by URL-safe base64 text; anything else is malformed.
fn well_formed(token: &str) -> bool {
    (32..=512).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Tokens {
    /// The check every business endpoint makes before anything else.
    pub fn check(&self, token: Option<&str>, now: u64) -> Result<(), ApiError> {
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Err(41001.into());
        };
        if !well_formed(token) {
            return Err(40014.into());
        }
        let Some(info) = self.tokens.get(token) else {
            return Err(40001.into());
        };
        if now >= info.expires_at {
            return Err(42001.into());
        }
        if info.usable_until.is_some_and(|until| now >= until) {
            return Err(40001.into());
        }
        Ok(())
    }

    /// Issues a new token of `family`; the previous one keeps working for the overlap window
    /// and any older one stops at once.
    pub fn issue(
        &mut self,
        world_rng: &mut fastrand::Rng,
        family: Family,
        now: u64,
        ttl_ms: u64,
    ) -> String {
        let token = generate(world_rng);
        if family != Family::Issued {
            for info in self.tokens.values_mut() {
                if info.family == family && info.usable_until.is_some() {
                    info.usable_until = info.usable_until.map(|until| until.min(now));
                }
            }
            let previous = self.current.insert(family, token.clone());
            if let Some(info) = previous.and_then(|p| self.tokens.get_mut(&p)) {
                let overlap = info.expires_at.min(now + OVERLAP_MS);
                info.usable_until = Some(info.usable_until.map_or(overlap, |u| u.min(overlap)));
            }
        }
        self.tokens.insert(
            token.clone(),
            Token {
                family,
                expires_at: now + ttl_ms,
                usable_until: None,
            },
        );
        token
    }

    /// Seconds `token` has left.
    pub fn expires_in(&self, token: &str, now: u64) -> u64 {
        self.tokens
            .get(token)
            .map_or(0, |info| info.expires_at.saturating_sub(now) / 1000)
    }

    /// The current token of `family` when it is neither superseded nor expired.
    fn live_current(&self, family: Family, now: u64) -> Option<String> {
        let token = self.current.get(&family)?;
        let info = &self.tokens[token];
        (info.usable_until.is_none() && info.expires_at > now).then(|| token.clone())
    }

    /// Makes every token expired (42001) as of `now`.
    pub fn expire_all(&mut self, now: u64) {
        for info in self.tokens.values_mut() {
            info.expires_at = info.expires_at.min(now);
        }
    }

    /// Makes `token` answer 40001 from `now` on.
    pub fn invalidate(&mut self, token: &str, now: u64) {
        if let Some(info) = self.tokens.get_mut(token) {
            info.usable_until = Some(now);
        }
    }

    pub fn clear(&mut self) {
        *self = Tokens::default();
    }
}

fn generate(rng: &mut fastrand::Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let body: String = (0..133)
        .map(|_| ALPHABET[rng.usize(..ALPHABET.len())] as char)
        .collect();
    format!("{}_{body}", rng.u32(80..100))
}

/// The credential checks shared by both token endpoints, in the platform's order.
fn check_credentials(
    world: &World,
    grant_type: Option<&str>,
    appid: Option<&str>,
    secret: Option<&str>,
) -> Result<(), ApiError> {
    if grant_type != Some("client_credential") {
        return Err(40002.into());
    }
    let appid = appid
        .filter(|a| !a.is_empty())
        .ok_or(ApiError::from(41002))?;
    if appid != world.state.appid {
        return Err(40013.into());
    }
    let secret = secret
        .filter(|s| !s.is_empty())
        .ok_or(ApiError::from(41004))?;
    if secret != world.state.secret {
        return Err(40125.into());
    }
    if world.options.ip_whitelist_blocks {
        return Err(not_whitelisted(world));
    }
    Ok(())
}

/// The refusal of a caller whose IP is not whitelisted, naming the IP as the platform does:
/// 40164 from the account's whitelist, 61004 from a third-party platform's.
pub fn not_whitelisted(world: &World) -> ApiError {
    let options = &world.options;
    let ip = &options.client_ip;
    let (code, built) = match options.whitelist_kind {
        WhitelistKind::Account if ip.contains(':') => {
            // No recorded sample of an IPv6 caller: the IPv6 field names it as it is.
            (
                40164,
                format!("invalid ip {ip} ipv6 {ip}, not in whitelist"),
            )
        }
        WhitelistKind::Account => (
            40164,
            format!("invalid ip {ip} ipv6 ::ffff:{ip}, not in whitelist"),
        ),
        WhitelistKind::ThirdParty => (
            61004,
            format!("access clientip is not registered requestIP: {ip}"),
        ),
    };
    ApiError::with_message(code, options.whitelist_errmsg.clone().unwrap_or(built))
}

fn token_body(token: &str, expires_in: u64) -> String {
    finish(object(vec![
        ("access_token", json(token)),
        ("expires_in", json(&expires_in)),
    ]))
}

/// `GET /cgi-bin/token`: a new token on every call.
pub fn token(world: &mut World, request: &Request) -> Answer {
    if !request.method.eq_ignore_ascii_case("GET") {
        return Err(43001.into());
    }
    check_credentials(
        world,
        request.param("grant_type"),
        request.param("appid"),
        request.param("secret"),
    )?;
    let (now, ttl) = (world.now_ms, world.options.token_ttl_secs * 1000);
    let token = world.tokens.issue(&mut world.rng, Family::Basic, now, ttl);
    world.state.counters.tokens_issued += 1;
    Ok(token_body(&token, world.options.token_ttl_secs))
}

/// `POST /cgi-bin/stable_token`: the same token until < 5 minutes remain.
pub fn stable_token(world: &mut World, request: &Request) -> Answer {
    if !request.method.eq_ignore_ascii_case("POST") {
        return Err(43002.into());
    }
    let body = json_body(request)?;
    let body = body.as_object().ok_or(ApiError::from(47001))?;
    let field = |name: &str| body.get(name).and_then(Value::as_str);
    check_credentials(world, field("grant_type"), field("appid"), field("secret"))?;
    let force = body.get("force_refresh").and_then(Value::as_bool) == Some(true);

    let now = world.now_ms;
    let current = world.tokens.live_current(Family::Stable, now);
    let reuse = match &current {
        // Force refreshes closer than 30 s apart do not refresh.
        Some(token) if force => world
            .tokens
            .last_force
            .is_some_and(|at| now < at + FORCE_INTERVAL_MS)
            .then(|| token.clone()),
        Some(token) if world.tokens.expires_in(token, now) >= OVERLAP_MS / 1000 => {
            Some(token.clone())
        }
        _ => None,
    };
    let token = match reuse {
        Some(token) => token,
        None => {
            if force {
                world.tokens.last_force = Some(now);
            }
            let ttl = world.options.token_ttl_secs * 1000;
            world.state.counters.tokens_issued += 1;
            world.tokens.issue(&mut world.rng, Family::Stable, now, ttl)
        }
    };
    let expires_in = world.tokens.expires_in(&token, now);
    Ok(token_body(&token, expires_in))
}
