//! No secret in any output channel, whatever fails. Every command is run through failure paths
//! (a wrong AppSecret, the IP whitelist, `-1` on every call, a refused connection, tokens
//! rejected mid-run, a stale saved plan, a rejected WECHAT_ACCESS_TOKEN), and every channel is
//! searched for the AppSecret and every token the emulator issued: stdout, stderr, the saved
//! plan, the snapshot and exported YAML, GITHUB_STEP_SUMMARY, the names of every file written
//! and the token cache directory except the cache file itself. Every run has the debug log at
//! its most verbose (`WXFORM_LOG=trace`: request and response bodies). Configurations that quote
//! a secret (by mistake, or as a symlink to the environment) are checked in every diagnostic
//! channel: the excerpts and the workflow annotations.

use crate::support::account::{closed_port_url, connect_to, retry_fast};
use crate::support::emulator::{Button, DefaultMenu, Emulator, EmulatorOptions, MenuSource, State};
use crate::support::router::Router;
use crate::support::run::wxform;
use crate::support::shop::shop_dir;

/// Every command that talks to WeChat, in an order where each finds what it needs.
const COMMANDS: [&[&str]; 11] = [
    &["plan"],
    &["plan", "--out", "plan.json"],
    &["plan", "--format", "markdown", "--detailed-exitcode"],
    &["plan", "--format", "json"],
    &["plan", "wxform.yaml", "wxform.yaml"],
    &["export", "--format", "json", "--out", "snapshot.json"],
    &["export", "--out", "exported.yaml"],
    &["outputs"],
    &["test"],
    &["doctor"],
    &["apply", "--plan", "plan.json", "--allow-destroy"],
];

const WRONG_SECRET: &str = "0badc0de0badc0de0badc0de0badc0de";

struct Harness {
    dir: tempfile::TempDir,
    emulator: Emulator,
    router: Router,
    /// Every output collected so far: (where, text).
    channels: Vec<(String, String)>,
}

impl Harness {
    fn new(options: EmulatorOptions) -> Harness {
        let emulator = Emulator::start_with(options);
        emulator.seed(State {
            menu: Some(DefaultMenu {
                source: MenuSource::Api,
                menuid: 1,
                button: vec![Button::click("旧菜单", "OLD")],
            }),
            ..State::default()
        });
        let router = Router::start(&[(emulator.appid(), emulator.base_url())]);
        let dir = shop_dir();
        Harness {
            dir,
            emulator,
            router,
            channels: Vec::new(),
        }
    }

    /// Runs every command that talks to WeChat with `env`, keeping stdout and stderr.
    fn run_commands(&mut self, label: &str, base: &str, env: &[(&str, &str)]) {
        self.run_these(label, base, env, &COMMANDS);
    }

    fn run_these(&mut self, label: &str, base: &str, env: &[(&str, &str)], commands: &[&[&str]]) {
        for args in commands {
            let mut command = wxform();
            // Credentials come from `env`: some runs give wrong ones or a token instead.
            let output = retry_fast(connect_to(&mut command, base, self.dir.path()))
                .env("WXFORM_LOG", "trace")
                .env("GITHUB_ACTIONS", "true")
                .env("GITHUB_STEP_SUMMARY", self.dir.path().join("summary.md"))
                .envs(env.iter().copied())
                .args(*args)
                .output()
                .unwrap();
            let name = format!("{label}: wxform {}", args.join(" "));
            self.channels.push((
                format!("{name} (stdout)"),
                String::from_utf8_lossy(&output.stdout).into_owned(),
            ));
            self.channels.push((
                format!("{name} (stderr)"),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ));
        }
    }

    fn credentials(&self, secret: &str) -> Vec<(&'static str, String)> {
        vec![
            ("WECHAT_APPID", self.emulator.appid().to_string()),
            ("WECHAT_APPSECRET", secret.to_string()),
        ]
    }

    fn run(&mut self, label: &str, secret: &str) {
        let base = self.router.base_url();
        let env = self.credentials(secret);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.run_commands(label, &base, &env);
    }

    /// Every file written: the work directory and the cache, except the token cache file, and
    /// the name of every file there.
    fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for dir in [self.dir.path().to_path_buf(), self.dir.path().join("cache")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                files.push((format!("a file name in {}", dir.display()), name.clone()));
                let is_cache_file = name.starts_with("token-") && name.ends_with(".json");
                if entry.path().is_file() && !is_cache_file {
                    let text =
                        String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
                    files.push((entry.path().display().to_string(), text));
                }
            }
        }
        files
    }

    /// No channel holds the secrets, a token, or an `access_token=` query.
    fn assert_clean(&self, secrets: &[&str]) {
        let files = self.files();
        assert!(
            self.channels
                .iter()
                .any(|(_, text)| text.contains("debug: ")),
            "the debug log was written"
        );
        assert!(
            files.iter().any(|(name, _)| name.ends_with("summary.md")),
            "the step summary was written: {files:?}"
        );
        self.assert_nothing_holds(secrets);
    }

    /// Like `assert_clean`, for runs that need not write a step summary.
    fn assert_nothing_holds(&self, secrets: &[&str]) {
        let tokens = self.router.tokens();
        let mut needles: Vec<&str> = secrets.to_vec();
        needles.extend(tokens.iter().map(String::as_str));
        assert!(needles.iter().all(|needle| needle.len() >= 16));
        let files = self.files();
        for (place, text) in self.channels.iter().chain(files.iter()) {
            for needle in &needles {
                assert!(
                    !text.contains(needle),
                    "a secret leaked into {place}:\n{text}"
                );
            }
            assert!(
                !text.contains("access_token="),
                "a token URL in {place}:\n{text}"
            );
        }
    }
}

#[test]
fn healthy_runs_and_rejected_tokens_leak_nothing() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let secret = harness.emulator.secret().to_string();
    harness.run("healthy", &secret);
    assert!(!harness.router.tokens().is_empty(), "tokens were issued");
    assert!(harness.dir.path().join("plan.json").exists());
    assert!(harness.dir.path().join("snapshot.json").exists());
    assert!(
        !harness.emulator.mutating_requests().is_empty(),
        "apply --plan applied: its progress lines were searched too"
    );

    // Every token WeChat gave is rejected mid-run: wxform fetches new ones and retries.
    for token in harness.router.tokens() {
        harness.emulator.invalidate_token(&token);
    }
    harness.run("tokens rejected", &secret);
    harness.emulator.expire_tokens();
    harness.run("tokens expired", &secret);

    // A stale plan: the account changed since plan.json was saved.
    let base = harness.router.base_url();
    let env = harness.credentials(&secret);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    harness.run_these("saving", &base, &env, &[&["plan", "--out", "plan.json"]]);
    harness.emulator.update_state(|state| {
        state.menu.as_mut().unwrap().button = vec![Button::click("改过", "CHANGED")];
    });
    harness.run_these(
        "stale plan",
        &base,
        &env,
        &[&["apply", "--plan", "plan.json"]],
    );
    assert!(
        harness.channels.iter().any(
            |(place, text)| place.starts_with("stale plan: wxform apply") && text.contains("stale")
        ),
        "the stale plan was refused"
    );
    harness.assert_clean(&[&secret]);
}

#[test]
fn a_wrong_secret_leaks_neither_secret() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let secret = harness.emulator.secret().to_string();
    harness.run("wrong secret", WRONG_SECRET);
    assert!(
        harness
            .channels
            .iter()
            .any(|(_, text)| text.contains("40125")),
        "the failure is reported"
    );
    harness.assert_clean(&[&secret, WRONG_SECRET]);
}

#[test]
fn the_ip_whitelist_leaks_nothing() {
    let mut harness = Harness::new(EmulatorOptions {
        ip_whitelist_blocks: true,
        ..EmulatorOptions::default()
    });
    let secret = harness.emulator.secret().to_string();
    harness.run("whitelist", &secret);
    assert!(
        harness
            .channels
            .iter()
            .any(|(_, text)| text.contains("40164"))
    );
    harness.assert_clean(&[&secret]);
}

#[test]
fn system_errors_everywhere_leak_nothing() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let secret = harness.emulator.secret().to_string();
    harness.run("healthy first, to cache a token", &secret);
    harness.emulator.fail_rate(1.0, 11);
    harness.run("-1 everywhere", &secret);
    assert!(
        harness
            .channels
            .iter()
            .any(|(_, text)| text.contains("WeChat error -1"))
    );
    harness.assert_clean(&[&secret]);
}

#[test]
fn a_refused_connection_leaks_nothing() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let secret = harness.emulator.secret().to_string();
    let closed = closed_port_url();
    let env = harness.credentials(&secret);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    harness.run_commands("refused", &closed, &env);
    assert!(
        harness
            .channels
            .iter()
            .any(|(_, text)| text.contains("could not connect"))
    );
    harness.assert_clean(&[&secret]);
}

#[test]
fn a_rejected_access_token_is_not_echoed() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let token = harness.emulator.issue_token();
    harness.emulator.invalidate_token(&token);
    let base = harness.router.base_url();
    harness.run_commands(
        "rejected WECHAT_ACCESS_TOKEN",
        &base,
        &[("WECHAT_ACCESS_TOKEN", &token)],
    );
    assert!(
        harness
            .channels
            .iter()
            .any(|(_, text)| text.contains("40001"))
    );
    harness.assert_clean(&[&token]);
}

#[test]
fn diagnostics_never_quote_a_secret_from_the_file() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let secret = harness.emulator.secret().to_string();
    let shop_secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    let ci_secret = "ci-deploy-0123456789abcdef";
    // Beside the work directory, whose files are all searched.
    let dir = harness.dir.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    // The AppSecret and a named account's secret pasted where they fail validation, and a
    // secret of CI's quoted by a YAML syntax error.
    std::fs::write(
        dir.join("pasted.yaml"),
        format!(
            "version: 1\naccount:\n  secret_env: SHOP_SECRET\nmenu:\n  button:\n    - {{ name: {secret}{secret}, type: click, key: {shop_secret} }}\n    - {{ name: b, type: nonsense, key: {shop_secret} }}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("broken.yaml"),
        format!("version: 1\nmenu: [{ci_secret}\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", dir.join("environ.yaml")).unwrap();
    let env = harness.credentials(&secret);
    let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.extend([
        ("SHOP_SECRET", shop_secret),
        ("CI_DEPLOY_SECRET", ci_secret),
    ]);
    let base = harness.router.base_url();
    harness.run_these(
        "excerpts",
        &base,
        &env,
        &[
            &["validate", "in/pasted.yaml"],
            &["plan", "in/pasted.yaml"],
            &["validate", "in/broken.yaml"],
            &["plan", "in/broken.yaml", "in/pasted.yaml"],
            &["validate", "in/environ.yaml"],
        ],
    );
    let stderr: String = harness
        .channels
        .iter()
        .map(|(_, text)| text.as_str())
        .collect();
    assert!(stderr.contains("::error file=in/pasted.yaml"), "{stderr}");
    assert!(
        stderr.contains("name: ******"),
        "the pasted secret was masked: {stderr}"
    );
    assert!(stderr.contains("kernel pseudo-file"), "{stderr}");
    harness.assert_nothing_holds(&[&secret, shop_secret, ci_secret]);
}

/// A variable `account.secret_env` names is a secret whatever its name says: `SHOP_APPKEY`
/// holds neither SECRET nor TOKEN, so only the configuration tells wxform to mask it.
#[test]
fn a_secret_env_whose_name_says_nothing_is_still_masked() {
    let mut harness = Harness::new(EmulatorOptions::default());
    let appkey = "3c2b1a09f8e7d6c5b4a3928170f6e5d4";
    let dir = harness.dir.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    // The value pasted where it fails validation, so the diagnostic's excerpt quotes it.
    std::fs::write(
        dir.join("appkey.yaml"),
        format!(
            "version: 1\naccount:\n  secret_env: SHOP_APPKEY\nmenu:\n  button:\n    - {{ name: b, type: nonsense, key: {appkey} }}\n"
        ),
    )
    .unwrap();
    let base = harness.router.base_url();
    let appid = harness.emulator.appid().to_string();
    harness.run_these(
        "appkey",
        &base,
        &[("WECHAT_APPID", &appid), ("SHOP_APPKEY", appkey)],
        &[&["validate", "in/appkey.yaml"], &["plan", "in/appkey.yaml"]],
    );
    let stderr: String = harness
        .channels
        .iter()
        .map(|(_, text)| text.as_str())
        .collect();
    assert!(
        stderr.contains("key: ***"),
        "the value was masked: {stderr}"
    );
    harness.assert_nothing_holds(&[appkey]);
}

/// A server (or a proxy in front of it) that echoes the AppSecret back changed: upper-cased,
/// percent-encoded, base64-encoded alone or as HTTP basic auth. None of the forms gets out,
/// the trace log included.
#[test]
fn a_secret_echoed_in_another_form_is_masked() {
    use crate::support::canned::Canned;
    const SECRET: &str = "Echo+Secret/Value=0123456789?>~";
    let forms = [
        "ECHO+SECRET/VALUE=0123456789?>~",
        "echo%2Bsecret%2Fvalue%3D0123456789%3F%3E~",
        "RWNobytTZWNyZXQvVmFsdWU9MDEyMzQ1Njc4OT8+fg==",
        "RWNobytTZWNyZXQvVmFsdWU9MDEyMzQ1Njc4OT8-fg",
        "dXNlcjpFY2hvK1NlY3JldC9WYWx1ZT0wMTIzNDU2Nzg5Pz5+",
    ];
    let answer = format!(
        r#"{{"errcode":40125,"errmsg":"invalid appsecret {} rid: 1"}}"#,
        forms.join(" ")
    );
    let canned = Canned::start(vec![(
        "/cgi-bin/stable_token",
        "application/json",
        answer.as_bytes(),
    )]);
    let dir = shop_dir();
    let output = wxform()
        .current_dir(dir.path())
        .arg("plan")
        .env("WXFORM_API_BASE", canned.base_url())
        .env("WXFORM_CACHE_DIR", dir.path().join("cache"))
        .env("WXFORM_LOG", "trace")
        .env("WECHAT_APPID", crate::support::emulator::APPID)
        .env("WECHAT_APPSECRET", SECRET)
        .output()
        .unwrap();
    let text = crate::support::run::all_text(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("40125"), "{text}");
    for form in forms {
        assert!(!text.contains(form), "{form} in:\n{text}");
    }
}

/// The shop's server checks (safe mode) with the server's token and EncodingAESKey set: a
/// server that echoes its token in a reply, one that refuses every signature, and no server at
/// all. Neither secret is in any channel, the debug log's included.
#[test]
fn the_servers_token_and_key_leak_nowhere() {
    use crate::support::account_server::{
        AccountServer, Behaviour, ENCODING_AES_KEY, Mode, Setup, TOKEN,
    };
    let mut harness = Harness::new(EmulatorOptions::default());
    let secret = harness.emulator.secret().to_string();
    let base = harness.router.base_url();
    let echoing = AccountServer::start(
        Setup::new(Mode::Safe).answer("CONTACT_SERVICE", Behaviour::EchoToken),
    );
    let mut refusing = Setup::new(Mode::Safe);
    refusing.token = "a-token-the-server-has-not-0".to_string();
    let refusing = AccountServer::start(refusing);
    let servers = [
        ("echoing", echoing.url()),
        ("refusing", refusing.url()),
        ("none", closed_port_url()),
    ];
    let commands: [&[&str]; 4] = [
        &["test"],
        &["test", "--format", "json"],
        &["test", "--format", "markdown"],
        &["doctor"],
    ];
    for (label, url) in &servers {
        let mut env = harness.credentials(&secret);
        env.push(("WECHAT_SERVER_URL", url.clone()));
        env.push(("WECHAT_SERVER_TOKEN", TOKEN.to_string()));
        env.push(("WECHAT_ENCODING_AES_KEY", ENCODING_AES_KEY.to_string()));
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        harness.run_these(label, &base, &env, &commands);
    }
    assert!(
        harness
            .channels
            .iter()
            .any(|(place, text)| place.starts_with("echoing: wxform test")
                && text.contains("key=*** token=***")),
        "the echoed token was masked"
    );
    assert!(!echoing.pushes().is_empty() && !refusing.received().is_empty());
    // Nor the start of one, as a quote cut off before the scrubbing would show it.
    harness.assert_nothing_holds(&[
        &secret,
        TOKEN,
        ENCODING_AES_KEY,
        &TOKEN[..16],
        &ENCODING_AES_KEY[..16],
    ]);
}
