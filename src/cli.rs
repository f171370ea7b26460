//! The command-line contract: every subcommand, flag and environment variable, as clap types.
//!
//! Names here are what users, scripts and CI pipelines rely on; change them only by adding.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Default configuration file, looked up in the current directory.
pub const DEFAULT_CONFIG: &str = "wxform.yaml";

/// Accounts read at the same time by `plan` with several configurations: enough that 50
/// accounts take two rounds of reads.
pub const DEFAULT_PARALLELISM: u16 = 32;

/// WeChat's API host, unless `--api-base` or `WXFORM_API_BASE` names another.
pub const DEFAULT_API_BASE: &str = "https://api.weixin.qq.com";

/// `--api-base`: an empty value (`WXFORM_API_BASE=` in a CI file whose variable is not set)
/// counts as unset, as an empty credential variable does.
fn api_base_or_default(value: &str) -> Result<String, String> {
    let value = value.trim();
    Ok(if value.is_empty() {
        DEFAULT_API_BASE
    } else {
        value
    }
    .to_string())
}

/// `--lock-timeout`: seconds from 0 to a day; empty counts as unset.
fn lock_timeout_or_default(value: &str) -> Result<u64, String> {
    use crate::apply::lock::{DEFAULT_TIMEOUT_SECS, MAX_TIMEOUT_SECS};
    let value = value.trim();
    if value.is_empty() {
        return Ok(DEFAULT_TIMEOUT_SECS);
    }
    match value.parse::<u64>() {
        Ok(secs) if secs <= MAX_TIMEOUT_SECS => Ok(secs),
        _ => Err(format!(
            "expected a whole number of seconds from 0 to {MAX_TIMEOUT_SECS}"
        )),
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "wxform",
    version,
    about = "Manage a WeChat Official Account's menus, conditional menus, tags and templates as code.",
    long_about = "Manage a WeChat Official Account's menus, conditional menus, user tags and \
message templates as code.\n\n\
A YAML file describes the desired setup. `wxform validate` checks it offline against every \
WeChat rule; `wxform plan` reads the live account and shows exactly what would change; \
`wxform apply` makes only those changes, in a safe order.\n\n\
Credentials come from the environment, never from the YAML: WECHAT_APPID + WECHAT_APPSECRET \
(a token is fetched with stable_token, which never invalidates your servers' token), or \
WECHAT_ACCESS_TOKEN when a central token service owns the token, or the program \
`account.token_command` names (a token service's or a third-party platform's client).\n\n\
Exit codes: 0 success; 1 error (invalid config, API error, stale plan, refused destroy, \
failed menu check); \
2 `plan --detailed-exitcode` found changes; 64 usage error.",
    after_help = "Run `wxform <COMMAND> --help` for the details of a command."
)]
pub struct Cli {
    #[command(flatten)]
    pub top: TopLevelArgs,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The settings the command runs with: its own options win over those given before it,
    /// which win over the environment and the defaults.
    pub fn global(&self) -> GlobalArgs {
        let (api_base, color) = self.command.own_settings();
        GlobalArgs {
            api_base: api_base
                .or(self.top.api_base.as_deref())
                .unwrap_or(DEFAULT_API_BASE)
                .to_string(),
            color: color.or(self.top.color).unwrap_or(ColorChoice::Auto),
        }
    }
}

/// What every command reads from `--api-base` and `--color`, wherever they were given.
#[derive(Debug, Clone)]
pub struct GlobalArgs {
    pub api_base: String,
    pub color: ColorChoice,
}

/// Options given before the subcommand (`wxform --api-base URL plan`): accepted with every
/// command, as they always were.
#[derive(Debug, Args)]
pub struct TopLevelArgs {
    /// WeChat API host. Regional hosts such as https://api2.weixin.qq.com or
    /// https://sh.api.weixin.qq.com also work; plain http:// is accepted only for loopback
    /// addresses (a local emulator). [default: https://api.weixin.qq.com]
    #[arg(
        long,
        env = "WXFORM_API_BASE",
        value_name = "URL",
        value_parser = api_base_or_default
    )]
    pub api_base: Option<String>,

    /// When to colour output. `auto` colours a terminal only and honours NO_COLOR and
    /// CLICOLOR_FORCE. [default: auto]
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

/// `--api-base` of the commands that call WeChat.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// WeChat API host (default https://api.weixin.qq.com, or WXFORM_API_BASE). Regional hosts
    /// such as https://api2.weixin.qq.com or https://sh.api.weixin.qq.com also work; plain
    /// http:// is accepted only for loopback addresses (a local emulator).
    #[arg(long, value_name = "URL", value_parser = api_base_or_default)]
    pub api_base: Option<String>,
}

/// `--color` of the commands whose output is coloured.
#[derive(Debug, Args)]
pub struct ColorArgs {
    /// When to colour output. `auto` (the default) colours a terminal only and honours
    /// NO_COLOR and CLICOLOR_FORCE.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

/// `--api-base` after a command that does not call WeChat: accepted and ignored, so that
/// scripts passing it to every command keep working, and not shown in its help.
#[derive(Debug, Args)]
pub struct UnusedApiBase {
    #[arg(long = "api-base", hide = true, value_name = "URL")]
    pub unused_api_base: Option<String>,
}

/// `--color` after a command whose output is never coloured: accepted and ignored, not shown.
#[derive(Debug, Args)]
pub struct UnusedColor {
    #[arg(long = "color", hide = true, value_name = "WHEN")]
    pub unused_color: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a configuration offline against every WeChat rule; no network.
    ///
    /// Reports every problem in one run, rustc-style, with file:line:col, the offending value
    /// underlined, the rule and the actual size. Exit 0 when valid (warnings allowed), 1 otherwise.
    /// With GITHUB_ACTIONS=true, problems are also printed as `::error file=…` annotations. With
    /// --format json or sarif, stdout also gets them as a document for scripts or a SARIF log for
    /// code scanning.
    #[command(after_long_help = "Examples:\n  \
wxform validate\n  \
wxform validate examples/shop.yaml\n  \
GITHUB_ACTIONS=true wxform validate     # also ::error annotations on the YAML lines\n  \
wxform validate --format sarif > wxform.sarif   # for code scanning")]
    Validate(ValidateArgs),

    /// Rewrite configurations in canonical form, keeping their comments.
    ///
    /// Keys in the manual's order, quotes only where YAML needs them, two spaces per level, one
    /// blank line between sections; comments stay with what they describe. Each FILE is rewritten in place (atomically; a symlink's target is written through).
    /// With --check nothing is written: the diff of what would change goes to stdout, and the
    /// exit code is 1 when any file is not formatted. A file that is not YAML, or not a
    /// configuration, is refused and left as it is; one that breaks WeChat's rules is formatted.
    #[command(after_long_help = "Examples:\n  \
wxform fmt                                     # wxform.yaml, in place\n  \
wxform fmt --check                             # in CI: the diff, and exit 1 when not formatted\n  \
wxform fmt accounts/                           # every *.yaml and *.yml in a directory\n  \
wxform fmt - < wxform.yaml                     # for editors: stdin to stdout")]
    Fmt(FmtArgs),

    /// Read the live account and show what `apply` would change.
    ///
    /// Reads run concurrently and nothing is written. Exit 0 on success (also when changes
    /// exist), 2 with --detailed-exitcode when there are changes, 1 on error.
    #[command(after_long_help = "Examples:\n  \
wxform plan                                    # wxform.yaml against the live account\n  \
wxform plan --out wxform.plan.json             # save it for `wxform apply --plan`\n  \
wxform plan --format markdown > comment.md     # for a pull-request comment\n  \
wxform plan --detailed-exitcode                # drift check: exit 2 when anything differs\n  \
wxform plan examples/shop.yaml --live examples/shop.live.json   # offline, no credentials\n  \
wxform plan accounts/                          # every account in a directory\n  \
wxform plan accounts/ --parallelism 8          # at most 8 accounts read at a time")]
    Plan(PlanArgs),

    /// Make the live account match the configuration, changing only what the plan lists.
    ///
    /// Prints the plan, then asks for "yes" (or takes --auto-approve). Writes run in a safe
    /// order: tags → industry → templates → default menu → conditional menus → tag deletes.
    /// Any delete needs --allow-destroy. One apply per account runs at a time on a machine;
    /// another waits up to --lock-timeout.
    #[command(after_long_help = "Examples:\n  \
wxform apply                                   # show the plan, ask for \"yes\"\n  \
wxform apply --plan wxform.plan.json           # exactly the reviewed plan, if still current\n  \
wxform apply --auto-approve --allow-destroy    # in CI, deletes included\n\n\
A failed apply reports what was applied, what failed and what was not attempted; running it \
again finishes the job without creating anything twice.")]
    Apply(ApplyArgs),

    /// Show a saved plan (from `plan --out`) as `plan` showed it, offline: no configuration, no
    /// credentials, no call.
    ///
    /// The file is checked as `apply --plan` checks it before reading the account: bounded,
    /// complete, of this wxform's format version, its summary and steps following from its
    /// actions. It cannot say whether the plan is still current: `apply --plan` does.
    #[command(after_long_help = "Examples:\n  \
wxform show wxform.plan.json                   # the plan as `plan` printed it\n  \
wxform show wxform.plan.json --format markdown > comment.md\n  \
wxform show wxform.plan.json --format json     # the document itself")]
    Show(ShowArgs),

    /// Write the live account as a wxform YAML (to bootstrap a config) or as a JSON snapshot
    /// (for `plan --live`).
    #[command(after_long_help = "Examples:\n  \
wxform export > wxform.yaml                    # start managing an existing account\n  \
wxform export --format json --out wxform.live.json   # a snapshot for `plan --live`")]
    Export(ExportArgs),

    /// Draw each audience's menu as a phone shows it, live beside configured, as one HTML page.
    ///
    /// One phone mock-up per audience (the default menu and every conditional menu), with the
    /// buttons added, removed and changed by the configuration marked. The live menus come from
    /// the account (credentials) or --live SNAPSHOT; with neither, the configuration is shown
    /// alone. Nothing is written to the account.
    #[command(after_long_help = "Examples:\n  \
wxform preview --out preview.html              # live beside configured, one page\n  \
wxform preview examples/shop.yaml --live examples/shop.live.json > preview.html\n  \
wxform preview --format svg --out previews/    # one SVG per audience")]
    Preview(PreviewArgs),

    /// Print live ids as JSON: tag ids, template ids, conditional menuids, keyed by the names
    /// used in the configuration.
    Outputs(OutputsArgs),

    /// Print the JSON Schema (draft-07) of the configuration file, for editors.
    Schema(SchemaArgs),

    /// Preflight checks: credentials, token, IP whitelist, and which APIs the account may use.
    ///
    /// One line per check (ok, warn, FAIL, skip), or one JSON document with --format json. With a
    /// `server:` section it also makes the URL handshake with the account's server. Exit 1 when
    /// a check the configuration needs fails.
    Doctor(DoctorArgs),

    /// Print a shell completion script.
    Completions(CompletionsArgs),

    /// Run the configuration's menu checks, and check the account's server: does each
    /// follower see the menu it expects, and is each tap answered?
    ///
    /// `user` checks are answered from the configuration with WeChat's matching rules (what
    /// followers will see after apply), offline. `openid` checks ask WeChat (menu/trymatch)
    /// about real followers; without credentials they are skipped. With a `server:` section
    /// (or --server-url) every event button, the follow and the reply checks' messages are
    /// pushed to the account's server as WeChat pushes them, and each answer is judged as
    /// WeChat judges it. Never writes to the account. One line per check; exit 0 when none
    /// failed, 1 otherwise.
    #[command(after_long_help = "Examples:\n  \
wxform test                                    # every check in wxform.yaml\n  \
wxform test examples/shop.yaml --format json   # for scripts\n  \
wxform test --server-url https://staging.example.com/wechat   # a staging server\n  \
wxform apply --auto-approve && wxform test     # in CI: a smoke test after apply")]
    Test(TestArgs),
}

impl Command {
    /// `--api-base` and `--color` as given after this command.
    fn own_settings(&self) -> (Option<&str>, Option<ColorChoice>) {
        let (api, color) = match self {
            Command::Validate(args) => (None, &args.color),
            Command::Plan(args) => (Some(&args.api), &args.color),
            Command::Apply(args) => (Some(&args.api), &args.color),
            Command::Export(args) => (Some(&args.api), &args.color),
            Command::Preview(args) => (Some(&args.api), &args.color),
            Command::Outputs(args) => (Some(&args.api), &args.color),
            Command::Doctor(args) => (Some(&args.api), &args.color),
            Command::Test(args) => (Some(&args.api), &args.color),
            Command::Show(args) => (None, &args.color),
            Command::Fmt(args) => (None, &args.color),
            Command::Schema(_) | Command::Completions(_) => return (None, None),
        };
        (api.and_then(|api| api.api_base.as_deref()), color.color)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Diagnostics on stderr only, rustc-style.
    Text,
    /// A versioned document for scripts on stdout (the diagnostics stay on stderr too).
    Json,
    /// A SARIF 2.1.0 log for code scanning on stdout (the diagnostics stay on stderr too).
    Sarif,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Configuration file.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub file: PathBuf,

    /// Output format: text on stderr only, or also a JSON document or a SARIF log on stdout.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,

    #[command(flatten)]
    pub color: ColorArgs,

    #[command(flatten)]
    pub unused: UnusedApiBase,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub unused_api_base: UnusedApiBase,

    #[command(flatten)]
    pub unused_color: UnusedColor,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Configuration files, or directories (every *.yaml and *.yml in them); `-` alone reads
    /// stdin and writes stdout.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub files: Vec<PathBuf>,

    /// Write nothing: print the diff of what formatting would change, and exit 1 when any file
    /// is not formatted.
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub color: ColorArgs,

    #[command(flatten)]
    pub unused: UnusedApiBase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Terraform-like blocks with coloured diffs.
    Text,
    /// The versioned plan document for scripts: the same document `--out` saves.
    Json,
    /// For pull-request comments.
    Markdown,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Configuration files, one per account, or directories (every *.yaml and *.yml in them).
    /// Several accounts are planned concurrently into one report.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub files: Vec<PathBuf>,

    /// Save the plan document (the `--format json` one, with fingerprints of the live state and
    /// the config) for `apply --plan`.
    #[arg(long, value_name = "PLAN")]
    pub out: Option<PathBuf>,

    /// Output format of the plan on stdout.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,

    /// Exit 2 when the plan has changes, 0 when it has none.
    #[arg(long)]
    pub detailed_exitcode: bool,

    /// Plan against a JSON snapshot (from `wxform export --format json`) instead of the
    /// network. Needs no credentials.
    #[arg(long, value_name = "SNAPSHOT")]
    pub live: Option<PathBuf>,

    /// With --live: warn when the snapshot is older than this: 30m, 12h, 7d (at most 3650d);
    /// 0 or off never warns. The plan says the snapshot's age either way.
    #[arg(
        long,
        env = crate::snapshot_age::ENV_MAX_AGE,
        value_name = "AGE",
        default_value = crate::snapshot_age::DEFAULT_MAX_AGE,
        value_parser = crate::snapshot_age::MaxAge::parse
    )]
    pub max_snapshot_age: crate::snapshot_age::MaxAge,

    /// With several configurations: how many accounts are read at the same time (1 to 256).
    /// They share one pool of reused connections, at most 64 in use at once. The report is the
    /// same, in the same order, whatever N.
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_PARALLELISM,
        value_parser = clap::value_parser!(u16).range(1..=256)
    )]
    pub parallelism: u16,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Configuration file.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub file: PathBuf,

    /// Apply this saved plan (from `plan --out`, or `plan --format json` saved to a file) only
    /// if it is exactly the plan computed now from FILE and the live account; refused, changing
    /// nothing, if the account or the config changed since or the file was edited.
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<PathBuf>,

    /// Do not ask for confirmation.
    #[arg(long)]
    pub auto_approve: bool,

    /// Allow deletes: templates, tags, conditional menus, the default menu, and an industry
    /// change that drops templates.
    #[arg(long)]
    pub allow_destroy: bool,

    /// Seconds to wait while another apply of the same account runs on this machine, before
    /// giving up (exit 1, nothing read or changed); 0 does not wait. At most 86400.
    #[arg(
        long,
        env = "WXFORM_LOCK_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = crate::apply::lock::DEFAULT_TIMEOUT_SECS,
        value_parser = lock_timeout_or_default
    )]
    pub lock_timeout: u64,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The saved plan (from `plan --out`, or `plan --format json` saved to a file).
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,

    /// Output format: as `plan --format` prints it.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,

    #[command(flatten)]
    pub color: ColorArgs,

    #[command(flatten)]
    pub unused: UnusedApiBase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A wxform configuration.
    Yaml,
    /// A snapshot for `plan --live`.
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Yaml)]
    pub format: ExportFormat,

    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Debug, Args)]
pub struct OutputsArgs {
    /// Configuration file (its names key the output).
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub file: PathBuf,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DoctorFormat {
    /// One line per check.
    Text,
    /// A versioned document for scripts.
    Json,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Configuration file; when it exists, only the APIs it manages are checked as required.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub file: PathBuf,

    /// Output format of the checks on stdout.
    #[arg(long, value_enum, default_value_t = DoctorFormat::Text)]
    pub format: DoctorFormat,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// One line per check.
    Text,
    /// A versioned document for scripts.
    Json,
    /// Sections for a pull request's comment: the menu checks, and the server checks that
    /// did not pass.
    Markdown,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Configuration file.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub file: PathBuf,

    /// Output format of the results on stdout.
    #[arg(long, value_enum, default_value_t = TestFormat::Text)]
    pub format: TestFormat,

    /// Check the account's server at this URL (a staging server, say) instead of the one the
    /// configuration's `server:` section names; its original_id and mode still apply.
    #[arg(long, value_name = "URL")]
    pub server_url: Option<String>,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,

    #[command(flatten)]
    pub unused_api_base: UnusedApiBase,

    #[command(flatten)]
    pub unused_color: UnusedColor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PreviewFormat {
    /// One self-contained page (inline SVG and CSS, no script, nothing loaded).
    Html,
    /// One SVG file per audience, into the directory given by --out.
    Svg,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Configuration file.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG)]
    pub file: PathBuf,

    /// Show the live menus from a JSON snapshot (from `wxform export --format json`) instead of
    /// reading the account. Needs no credentials.
    #[arg(long, value_name = "SNAPSHOT")]
    pub live: Option<PathBuf>,

    /// Write the page to this file (html), or the SVG files into this directory (svg). Without
    /// it the page goes to stdout.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = PreviewFormat::Html)]
    pub format: PreviewFormat,

    #[command(flatten)]
    pub api: ApiArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_count_as_unset() {
        assert_eq!(api_base_or_default(""), Ok(DEFAULT_API_BASE.to_string()));
        assert_eq!(api_base_or_default("  "), Ok(DEFAULT_API_BASE.to_string()));
        let local = "http://127.0.0.1:8080";
        assert_eq!(api_base_or_default(local), Ok(local.to_string()));
        let default = crate::apply::lock::DEFAULT_TIMEOUT_SECS;
        assert_eq!(lock_timeout_or_default(""), Ok(default));
        assert_eq!(lock_timeout_or_default("0"), Ok(0));
        assert_eq!(lock_timeout_or_default("86400"), Ok(86_400));
        assert!(lock_timeout_or_default("86401").is_err());
        assert!(lock_timeout_or_default("-1").is_err());
    }
}
