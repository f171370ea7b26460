//! The emulated platform behind the HTTP server: account state, tokens, clock, faults and the
//! request log, and the dispatch of one request to its endpoint. Everything here is
//! synchronous; the server only moves bytes.

use serde_json::Value;
use std::sync::Arc;

use super::faults::{BodyFault, DropMode, FaultAction, Faults};
use super::options::{ApiGroup, EmulatorOptions};
use super::pause::Pauses;
use super::record::{MUTATING_PATHS, RecordedRequest, redact_body, redact_query};
use super::state::State;
use super::tokens::Tokens;
use super::wire::{
    Answer, ApiError, CONTENT_TYPE, PLAIN_TEXT, error_body, unescape_controls, with_empty_errmsg,
};
use super::{conditional, materials, menus, quota, subscribe_templates, tags, templates, tokens};

/// One HTTP request as the platform sees it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The `Content-Type` header, when given (a multipart upload's boundary is there).
    pub content_type: Option<String>,
}

impl Request {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn is_post(&self) -> bool {
        self.method.eq_ignore_ascii_case("POST")
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Outcome {
    Reply {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Close the connection without an HTTP response.
    Drop,
    /// Never answer: the connection stays open until the emulator stops.
    Hold,
    /// Wait for the gate's permit, then handle the request as if it had just arrived.
    Pause(Arc<tokio::sync::Semaphore>),
    /// Answer with a hostile body.
    Hostile(BodyFault),
}

type Handler = fn(&mut World, &Request) -> Answer;

/// One business endpoint: its path, whether it needs POST, and the permission group it is in
/// (`None`: every account may call it).
struct Route {
    path: &'static str,
    post_only: bool,
    group: Option<ApiGroup>,
    handler: Handler,
}

const fn route(path: &'static str, post_only: bool, group: ApiGroup, handler: Handler) -> Route {
    Route {
        path,
        post_only,
        group: Some(group),
        handler,
    }
}

const ROUTES: &[Route] = &[
    route("/cgi-bin/menu/create", true, ApiGroup::Menus, menus::create),
    route("/cgi-bin/menu/get", false, ApiGroup::Menus, menus::get),
    route(
        "/cgi-bin/menu/delete",
        false,
        ApiGroup::Menus,
        menus::delete,
    ),
    // Available to every account type, even where the menu API is not.
    Route {
        path: "/cgi-bin/get_current_selfmenu_info",
        post_only: false,
        group: None,
        handler: menus::selfmenu_info,
    },
    route(
        "/cgi-bin/menu/addconditional",
        true,
        ApiGroup::ConditionalMenus,
        conditional::add,
    ),
    route(
        "/cgi-bin/menu/delconditional",
        true,
        ApiGroup::ConditionalMenus,
        conditional::delete,
    ),
    route(
        "/cgi-bin/menu/trymatch",
        true,
        ApiGroup::ConditionalMenus,
        conditional::trymatch,
    ),
    route("/cgi-bin/tags/create", true, ApiGroup::Tags, tags::create),
    route("/cgi-bin/tags/get", false, ApiGroup::Tags, tags::get),
    route("/cgi-bin/tags/update", true, ApiGroup::Tags, tags::update),
    route("/cgi-bin/tags/delete", true, ApiGroup::Tags, tags::delete),
    route(
        "/cgi-bin/template/api_set_industry",
        true,
        ApiGroup::Templates,
        templates::set_industry,
    ),
    route(
        "/cgi-bin/template/get_industry",
        false,
        ApiGroup::Templates,
        templates::get_industry,
    ),
    route(
        "/cgi-bin/template/api_add_template",
        true,
        ApiGroup::Templates,
        templates::add,
    ),
    route(
        "/cgi-bin/template/get_all_private_template",
        false,
        ApiGroup::Templates,
        templates::list,
    ),
    route(
        "/cgi-bin/template/del_private_template",
        true,
        ApiGroup::Templates,
        templates::delete,
    ),
    route(
        "/wxaapi/newtmpl/getcategory",
        false,
        ApiGroup::Subscribe,
        subscribe_templates::categories,
    ),
    route(
        "/wxaapi/newtmpl/getpubtemplatetitles",
        false,
        ApiGroup::Subscribe,
        subscribe_templates::titles,
    ),
    route(
        "/wxaapi/newtmpl/getpubtemplatekeywords",
        false,
        ApiGroup::Subscribe,
        subscribe_templates::keywords,
    ),
    route(
        "/wxaapi/newtmpl/addtemplate",
        true,
        ApiGroup::Subscribe,
        subscribe_templates::add,
    ),
    route(
        "/wxaapi/newtmpl/gettemplate",
        false,
        ApiGroup::Subscribe,
        subscribe_templates::list,
    ),
    route(
        "/wxaapi/newtmpl/deltemplate",
        true,
        ApiGroup::Subscribe,
        subscribe_templates::delete,
    ),
    route(
        "/cgi-bin/material/add_material",
        true,
        ApiGroup::Materials,
        materials::add,
    ),
    route(
        "/cgi-bin/material/batchget_material",
        true,
        ApiGroup::Materials,
        materials::list,
    ),
    route(
        "/cgi-bin/material/get_materialcount",
        false,
        ApiGroup::Materials,
        materials::count,
    ),
    route(
        "/cgi-bin/openapi/quota/get",
        true,
        ApiGroup::Quota,
        quota::get,
    ),
];

/// Whether the platform serves `path` as a business endpoint (token endpoints are not).
pub fn serves(path: &str) -> bool {
    ROUTES.iter().any(|route| route.path == path)
}

/// The whole emulated platform for one account.
pub struct World {
    pub options: EmulatorOptions,
    pub state: State,
    pub tokens: Tokens,
    pub faults: Faults,
    pub log: Vec<RecordedRequest>,
    /// Requests held without an answer so far (see [`Faults::hold`]).
    pub held: usize,
    /// Writes paused until the test resumes them.
    pub pauses: Pauses,
    /// Ids and tokens.
    pub rng: fastrand::Rng,
    /// Rids only, so that error answers never shift the ids a test sees.
    rid_rng: fastrand::Rng,
    /// The virtual clock, in unix milliseconds. It only moves when a test advances it.
    pub now_ms: u64,
    /// The calls made today, per path, against the daily limits.
    pub quota: quota::Usage,
}

impl World {
    pub fn new(options: EmulatorOptions, now_ms: u64) -> World {
        let state = State {
            appid: options.appid.clone(),
            secret: options.secret.clone(),
            ..State::default()
        };
        let mut faults = Faults::default();
        faults.latency = options.latency;
        World {
            rng: fastrand::Rng::with_seed(options.seed),
            rid_rng: fastrand::Rng::with_seed(options.seed ^ 0x5249_4400),
            options,
            state,
            tokens: Tokens::default(),
            faults,
            log: Vec::new(),
            held: 0,
            pauses: Pauses::default(),
            now_ms,
            quota: quota::Usage::default(),
        }
    }

    pub fn now_secs(&self) -> u64 {
        self.now_ms / 1000
    }

    /// Answers one request, applying any injected fault, and records it.
    pub fn handle(&mut self, request: &Request) -> Outcome {
        if MUTATING_PATHS.contains(&request.path.as_str())
            && let Some(gate) = self.pauses.take(&request.path)
        {
            return Outcome::Pause(gate);
        }
        self.handle_now(request)
    }

    /// [`World::handle`] for a request that is not (or no longer) paused.
    pub fn handle_now(&mut self, request: &Request) -> Outcome {
        if MUTATING_PATHS.contains(&request.path.as_str())
            && let Some(mode) = self.faults.take_hold()
        {
            self.held += 1;
            if mode == DropMode::AfterWrite {
                let errcode = match self.route(request) {
                    Some(Err(error)) => error.code,
                    _ => 0,
                };
                self.record(request, errcode, false);
            }
            return Outcome::Hold;
        }
        let fault = self.faults.take(&request.path);
        let answer = match fault {
            Some(FaultAction::Errcode(code)) => Some(Err(ApiError::from(code))),
            Some(FaultAction::Drop(DropMode::BeforeWrite)) => {
                self.record(request, 0, true);
                return Outcome::Drop;
            }
            Some(FaultAction::Body(body)) => {
                self.record(request, 0, false);
                return Outcome::Hostile(body);
            }
            _ => self.route(request),
        };
        let (status, body, errcode) = match answer {
            None => (404, String::new(), 404),
            Some(Ok(body)) => (200, self.success_body(body), 0),
            Some(Err(error)) => {
                let suffix = self.options.errmsg_suffix;
                let body = error_body(&error, suffix, self.now_secs(), &mut self.rid_rng);
                (200, body, error.code)
            }
        };
        let plain = errcode != 0 && self.options.plain_text_errors;
        let content_type = if plain { PLAIN_TEXT } else { CONTENT_TYPE };
        let outcome = Outcome::Reply {
            status,
            content_type,
            body,
        };
        // A drop after the write: the account changed, but the caller never hears of it.
        let dropped = fault == Some(FaultAction::Drop(DropMode::AfterWrite));
        self.record(request, errcode, dropped);
        if dropped { Outcome::Drop } else { outcome }
    }

    /// A success body in the form the account's options give its answers.
    fn success_body(&self, body: String) -> String {
        let body = if self.options.empty_errmsg_on_success {
            with_empty_errmsg(&body)
        } else {
            body
        };
        if self.options.raw_control_characters {
            unescape_controls(&body)
        } else {
            body
        }
    }

    fn record(&mut self, request: &Request, errcode: i64, dropped: bool) {
        if !self.options.record_requests {
            return;
        }
        self.log.push(RecordedRequest {
            method: request.method.to_ascii_uppercase(),
            path: request.path.clone(),
            query: redact_query(&request.query),
            // An upload is bytes, not a body to read back: its size is what a test needs.
            body: match request.path.as_str() {
                "/cgi-bin/material/add_material" => {
                    Some(serde_json::json!({ "multipart_bytes": request.body.len() }))
                }
                _ => redact_body(&request.body),
            },
            errcode,
            dropped,
        });
    }

    /// `None` for a path the platform does not serve.
    fn route(&mut self, request: &Request) -> Option<Answer> {
        match request.path.as_str() {
            "/cgi-bin/token" => return Some(tokens::token(self, request)),
            "/cgi-bin/stable_token" => return Some(tokens::stable_token(self, request)),
            _ => {}
        }
        let route = ROUTES.iter().find(|r| r.path == request.path)?;
        Some(self.authorised(route, request))
    }

    fn authorised(&mut self, route: &Route, request: &Request) -> Answer {
        let token = request.param("access_token");
        self.tokens.check(token, self.now_ms)?;
        let options = &self.options;
        if options.ip_whitelist_blocks && options.ip_whitelist_business_calls {
            return Err(tokens::not_whitelisted(self));
        }
        if route.post_only && !request.is_post() {
            return Err(43002.into());
        }
        let denied = route
            .group
            .and_then(|group| self.options.denied.get(&group));
        if let Some(&code) = denied {
            return Err(code.into());
        }
        quota::count(self, route.path)?;
        (route.handler)(self, request)
    }

    /// A random id over the URL-safe base64 alphabet, like template ids and priTmplIds.
    pub fn random_id(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        (0..len)
            .map(|_| ALPHABET[self.rng.usize(..ALPHABET.len())] as char)
            .collect()
    }

    /// The next 9-digit menuid: increasing, with gaps as on the real platform.
    pub fn next_menuid(&mut self) -> u64 {
        let step = self.rng.u64(1..=97);
        self.state.counters.last_menuid += step;
        self.state.counters.last_menuid
    }
}

/// The JSON body of a POST: 44002 when empty, 47001 when unparseable.
pub fn json_body(request: &Request) -> Result<Value, ApiError> {
    let text = String::from_utf8_lossy(&request.body);
    if text.trim().is_empty() {
        return Err(44002.into());
    }
    serde_json::from_str(&text).map_err(|_| ApiError::from(47001))
}

/// A JSON value that may be a string or an integer (WeChat's ids arrive as both).
pub fn string_or_number(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.trim().to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}
