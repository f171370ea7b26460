//! A faithful local WeChat Official Account platform for tests and benchmarks.
//!
//! [`Emulator::start`] runs a real HTTP server on `127.0.0.1:0` that implements the token,
//! menu, conditional-menu, tag, template and subscribe-template endpoints with WeChat's JSON
//! shapes, validation rules, errcodes and quirks (see README.md beside this file). It keeps state across
//! calls, records every request (credentials redacted), runs on a virtual clock the test
//! advances, and injects faults: latency, errcodes, dropped connections, expired tokens.
//!
//! The same emulator is the `wxform-emulator` binary ([`cli`]), which serves one account
//! until stopped, so that anyone can try wxform without WeChat.

pub mod cli;
pub mod conditional;
pub mod faults;
pub mod followers;
pub mod library;
pub mod link_domains;
pub mod materials;
pub mod menu_rules;
pub mod menus;
pub mod options;
pub mod pause;
pub mod quota;
pub mod record;
pub mod server;
pub mod snapshot;
pub mod state;
pub mod subscribe_templates;
pub mod tags;
pub mod templates;
pub mod tokens;
pub mod wire;
pub mod world;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

// Re-exported for tests, which use different subsets.
#[allow(unused_imports)]
pub use faults::{BodyFault, DropMode, FaultAction, FaultRule, Faults, Hold};
#[allow(unused_imports)]
pub use options::{
    APPID, APPSECRET, ApiGroup, ContentLayout, DomainLimitScope, EmulatorOptions, ErrmsgSuffix,
    IndustryNames, MatchruleTagKey, MatchruleValues, NameEncoding, QuotaAnswer, TryMatchShape,
    TryMatchTags, WhitelistKind,
};
#[allow(unused_imports)]
pub use pause::PauseRule;
#[allow(unused_imports)]
pub use record::{MUTATING_PATHS, REDACTED, RecordedRequest};
#[allow(unused_imports)]
pub use state::{
    Button, ConditionalMenu, Counters, DefaultMenu, Industry, Matchrule, Material, MenuSource,
    State, SubscribeTemplate, Tag, Template, User,
};

use server::{Server, Shared};
use tokens::Family;
use world::World;

/// A running emulated account. Dropping it stops the server.
pub struct Emulator {
    world: Shared,
    appid: String,
    secret: String,
    server: Server,
}

impl Emulator {
    /// An emulator with default options: appid [`APPID`], secret [`APPSECRET`].
    pub fn start() -> Emulator {
        Emulator::start_with(EmulatorOptions::default())
    }

    pub fn start_with(options: EmulatorOptions) -> Emulator {
        Emulator::listen(options, 0).expect("listen on 127.0.0.1:0")
    }

    /// Like [`Emulator::start_with`], on `127.0.0.1:port` (0: a free port the system picks);
    /// fails when the port cannot be had.
    pub fn listen(options: EmulatorOptions, port: u16) -> std::io::Result<Emulator> {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let (appid, secret) = (options.appid.clone(), options.secret.clone());
        let world = Arc::new(Mutex::new(World::new(options, now_ms)));
        let server = Server::bind(world.clone(), port)?;
        Ok(Emulator {
            world,
            appid,
            secret,
            server,
        })
    }

    /// `http://127.0.0.1:PORT`, to be used as the API base.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.server
            .connections
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// `127.0.0.1:PORT`: the API host, as token cache file names carry it.
    pub fn host(&self) -> String {
        self.server.addr.to_string()
    }

    pub fn appid(&self) -> &str {
        &self.appid
    }

    pub fn secret(&self) -> &str {
        &self.secret
    }

    fn world(&self) -> MutexGuard<'_, World> {
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    // ---- state -------------------------------------------------------------------------

    /// Replaces the account's state, and its calls of the day with none. Empty
    /// `appid`/`secret` keep the emulator's credentials; different ones are a test bug (the
    /// credentials are fixed by [`EmulatorOptions`]).
    pub fn seed(&self, mut state: State) {
        for (given, own) in [
            (&mut state.appid, &self.appid),
            (&mut state.secret, &self.secret),
        ] {
            assert!(
                given.is_empty() || given == own,
                "seed: the state's credentials differ from the emulator's; set them in EmulatorOptions"
            );
            *given = own.clone();
        }
        state.repair_counters();
        let mut world = self.world();
        world.state = state;
        world.quota = quota::Usage::default();
    }

    /// Seeds from the JSON form of [`State`].
    pub fn seed_json(&self, json: &str) {
        self.seed(serde_json::from_str(json).expect("a valid State JSON"));
    }

    /// Changes the live state in place, e.g. "someone edited the menu in the console".
    pub fn update_state(&self, change: impl FnOnce(&mut State)) {
        let mut world = self.world();
        change(&mut world.state);
        world.state.repair_counters();
    }

    pub fn state(&self) -> State {
        self.world().state.clone()
    }

    /// Changes an option while running (e.g. toggling the IP whitelist).
    pub fn configure(&self, change: impl FnOnce(&mut EmulatorOptions)) {
        change(&mut self.world().options);
    }

    // ---- request log ---------------------------------------------------------------------

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.world().log.clone()
    }

    /// Requests to endpoints that write to the account, successful or not.
    pub fn mutating_requests(&self) -> Vec<RecordedRequest> {
        let log = &self.world().log;
        log.iter().filter(|r| r.is_mutating()).cloned().collect()
    }

    pub fn clear_requests(&self) {
        self.world().log.clear();
    }

    /// How many requests reached `path`.
    pub fn request_count(&self, path: &str) -> usize {
        self.world().log.iter().filter(|r| r.path == path).count()
    }

    /// Request counts per path.
    pub fn counts_by_path(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for request in &self.world().log {
            *counts.entry(request.path.clone()).or_insert(0) += 1;
        }
        counts
    }

    // ---- clock and tokens ------------------------------------------------------------------

    /// Moves the virtual clock forward (token lifetimes, the monthly industry rule, rids).
    pub fn advance(&self, by: Duration) {
        self.world().now_ms += by.as_millis() as u64;
    }

    /// The virtual time, in unix seconds.
    pub fn now_unix(&self) -> u64 {
        self.world().now_secs()
    }

    /// A valid token of its own family (as a central token service would hand out), for tests
    /// that set `WECHAT_ACCESS_TOKEN`. It does not affect the other families.
    pub fn issue_token(&self) -> String {
        let mut world = self.world();
        let world = &mut *world;
        let ttl = world.options.token_ttl_secs * 1000;
        world.state.counters.tokens_issued += 1;
        world
            .tokens
            .issue(&mut world.rng, Family::Issued, world.now_ms, ttl)
    }

    /// Every token issued so far answers 42001 from now on.
    pub fn expire_tokens(&self) {
        let mut world = self.world();
        let now = world.now_ms;
        world.tokens.expire_all(now);
    }

    /// `token` answers 40001 from now on.
    pub fn invalidate_token(&self, token: &str) {
        let mut world = self.world();
        let now = world.now_ms;
        world.tokens.invalidate(token, now);
    }

    // ---- daily quotas ----------------------------------------------------------------------

    /// Calls made to `path` today (Beijing time, on the virtual clock).
    pub fn quota_used(&self, path: &str) -> u64 {
        let mut world = self.world();
        let now = world.now_secs();
        world.quota.used(path, now)
    }

    /// Counts `calls` more calls to `path` today, as another caller of the account would.
    pub fn spend_quota(&self, path: &str, calls: u64) {
        let mut world = self.world();
        let now = world.now_secs();
        world.quota.spend(path, calls, now);
    }

    // ---- faults ----------------------------------------------------------------------------

    /// The faults currently in force.
    pub fn faults(&self) -> Faults {
        self.world().faults.clone()
    }

    /// Delays every response by `latency` (real time).
    pub fn set_latency(&self, latency: Duration) {
        self.world().faults.latency = latency;
    }

    /// Answers `-1` to each call with probability `rate`, deterministically from `seed`.
    pub fn fail_rate(&self, rate: f64, seed: u64) {
        self.world().faults.set_fail_rate(rate, seed);
    }

    /// Answers `errcode` (without performing the call) to the next `n` calls on any path.
    pub fn fail_next(&self, n: u32, errcode: i64) {
        self.world()
            .faults
            .add(None, n, FaultAction::Errcode(errcode));
    }

    /// Answers `errcode` to the next `n` calls to `path` (e.g. `/cgi-bin/menu/create`).
    pub fn fail_on(&self, path: &str, n: u32, errcode: i64) {
        self.world()
            .faults
            .add(Some(path), n, FaultAction::Errcode(errcode));
    }

    /// Closes the connection without an HTTP response on the next `n` calls on any path.
    pub fn drop_next(&self, n: u32, mode: DropMode) {
        self.world().faults.add(None, n, FaultAction::Drop(mode));
    }

    /// Answers the next `n` calls to `path` (any path when `None`) with a hostile `body`.
    pub fn hostile_body(&self, path: Option<&str>, n: u32, body: BodyFault) {
        self.world().faults.add(path, n, FaultAction::Body(body));
    }

    /// Closes the connection without an HTTP response on the next `n` calls to `path`.
    pub fn drop_on(&self, path: &str, n: u32, mode: DropMode) {
        self.world()
            .faults
            .add(Some(path), n, FaultAction::Drop(mode));
    }

    /// Holds the mutating request that comes after `skip` more mutating requests: it is never
    /// answered, so its client hangs until killed. With [`DropMode::BeforeWrite`] the held
    /// request is neither performed nor recorded; with [`DropMode::AfterWrite`] it is performed
    /// and recorded first. One-shot; [`Emulator::clear_faults`] cancels a pending hold.
    pub fn hold_mutation(&self, skip: usize, mode: DropMode) {
        self.world().faults.hold = Some(Hold {
            skip,
            mode,
            every_later: false,
        });
    }

    /// [`Emulator::hold_mutation`], and every mutating request after the held one is held
    /// too, neither performed nor recorded, until [`Emulator::clear_faults`]: a client killed
    /// then has made exactly `skip` writes (one more with [`DropMode::AfterWrite`]), however
    /// many it had under way at once.
    pub fn hold_mutations(&self, skip: usize, mode: DropMode) {
        self.world().faults.hold = Some(Hold {
            skip,
            mode,
            every_later: true,
        });
    }

    /// How many requests have been held so far (see [`Emulator::hold_mutation`]).
    pub fn held(&self) -> usize {
        self.world().held
    }

    /// Pauses the mutating request that comes after `skip` more mutating requests, before it is
    /// performed: its client waits until [`Emulator::resume`], and then the request is
    /// performed and answered as if it had just arrived (a slow write while another client
    /// runs). One-shot; [`Emulator::clear_faults`] cancels a pending pause.
    pub fn pause_mutation(&self, skip: usize) {
        self.pause(None, skip, false);
    }

    /// [`Emulator::pause_mutation`] for requests to `path` only: the one after `skip` more of
    /// them is paused, whatever other writes come and go meanwhile. Several such pauses may be
    /// pending at once.
    pub fn pause_mutation_on(&self, path: &str, skip: usize) {
        self.pause(Some(path), skip, false);
    }

    /// [`Emulator::pause_mutation`], and every mutating request after the paused one is paused
    /// too, until [`Emulator::stop_pausing`]: a client making writes at the same time is
    /// stopped before each of them (poll [`Emulator::paused`] for the count it must reach).
    pub fn pause_mutations(&self, skip: usize) {
        self.pause(None, skip, true);
    }

    fn pause(&self, path: Option<&str>, skip: usize, every_later: bool) {
        self.world().pauses.add(PauseRule {
            path: path.map(str::to_string),
            skip,
            every_later,
        });
    }

    /// No request is paused from now on; those paused wait for [`Emulator::resume`].
    pub fn stop_pausing(&self) {
        self.world().pauses.stop();
    }

    /// How many requests have been paused so far (see [`Emulator::pause_mutation`]).
    pub fn paused(&self) -> usize {
        self.world().pauses.count
    }

    /// Lets the request paused first go on (or the next one to be paused, if none waits yet).
    pub fn resume(&self) {
        self.world().pauses.resume();
    }

    /// Lets the request paused first among those to `path` go on.
    ///
    /// # Panics
    /// When no request to `path` is paused: the test has lost track of its client.
    pub fn resume_on(&self, path: &str) {
        assert!(
            self.world().pauses.resume_on(path),
            "no request to {path} is paused"
        );
    }

    /// Lets every paused request go on, in the order they were paused.
    pub fn resume_all(&self) {
        self.world().pauses.resume_all();
    }

    /// Removes every pending fault rule, hold and pause, and the failure rate (latency stays;
    /// paused requests wait to be resumed).
    pub fn clear_faults(&self) {
        let mut world = self.world();
        world.faults.clear();
        world.pauses.stop();
    }
}
