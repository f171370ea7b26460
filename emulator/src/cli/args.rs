//! The command line of `wxform-emulator`, as `--help` explains it.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Parser;

const ABOUT: &str =
    "An emulated WeChat Official Account on 127.0.0.1, to try wxform without WeChat";

const LONG_ABOUT: &str = "\
An emulated WeChat Official Account, to try wxform without WeChat: plan, apply, test, export, \
doctor and preview run against an account that lives only in this process, with WeChat's \
endpoints, rules and error codes as wxform's own tests know them.

It listens on 127.0.0.1 only, never on another address, and it is not WeChat: nothing sent to \
it reaches WeChat, and nothing it holds outlives it.

Without COMMAND, once it listens it prints the settings that point wxform at it, one \
NAME='value' line each, quoted for a POSIX shell: WXFORM_API_BASE, WECHAT_APPID, \
WECHAT_APPSECRET, an empty WECHAT_ACCESS_TOKEN (so that a token in your environment does not \
win over them) and WXFORM_CACHE_DIR (a private token cache, removed when it stops). Then it \
serves until SIGINT (Ctrl-C), SIGTERM or SIGHUP.

With -- COMMAND, it runs COMMAND with those settings in its environment instead, and stops when \
COMMAND exits, with its exit code.";

const AFTER_HELP: &str = "\
Examples:
  wxform-emulator --seed examples/shop.live.json -- $SHELL
      a shell pointed at an emulated copy of the shop's account; `exit` stops it
  wxform-emulator --seed examples/shop.live.json --follower o6_bmjrPTlm6_2sgVt7hMZOPfL2M=VIP@ios
      the settings on stdout, then the account is served until Ctrl-C

Exit codes:
  0    stopped by SIGINT, SIGTERM or SIGHUP
  1    an error: a snapshot it cannot read, a follower it cannot place, a port it cannot have
  64   a usage error
  with -- COMMAND: COMMAND's exit code; 128+N when signal N ended it, 126 when it cannot be
  run, 127 when it is not found";

#[derive(Debug, Parser)]
#[command(
    name = "wxform-emulator",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Args {
    /// Start as the account a wxform snapshot shows: a file `wxform export --format json`
    /// wrote, such as examples/shop.live.json. Without it, the account starts empty.
    #[arg(long, value_name = "SNAPSHOT")]
    pub seed: Option<PathBuf>,

    /// The port on 127.0.0.1 to listen on; 0 takes any free port.
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,

    /// The account's AppID [default: the snapshot's appid, else wx1234567890abcdef]
    #[arg(long, value_name = "APPID")]
    pub appid: Option<String>,

    /// The account's AppSecret [default: the emulator's own]. It is printed with the settings:
    /// never give a real one.
    #[arg(long, value_name = "SECRET")]
    pub secret: Option<String>,

    /// A follower menu/trymatch knows, for `wxform test`'s openid checks (repeatable): their
    /// openid, then the account's tags they carry by name or id in the order they were
    /// applied (WeChat matches the last), then their phone: ios, android or others. Example:
    /// o6_bmjrPTlm6_2sgVt7hMZOPfL2M=VIP@ios
    #[arg(long = "follower", value_name = "OPENID[=TAG,TAG…][@PLATFORM]")]
    pub followers: Vec<String>,

    /// Answer in the shapes public recorded answers show where WeChat's documentation shows
    /// others (trymatch wrapped in `menu`, recorded industry names, one-line template content,
    /// a numeric menuid, `"errmsg":""` on success, `hint:` suffixes on errors).
    #[arg(long)]
    pub field_shapes: bool,

    /// Leave only N calls of an endpoint's daily quota today (repeatable), as if other callers
    /// of the account had spent the rest: to see a plan refused before any write. ENDPOINT is
    /// as wxform names it (menu/create, tags/create, newtmpl/addtemplate) or a path
    /// (/cgi-bin/menu/create). Example: menu/create=0
    #[arg(long = "quota-left", value_name = "ENDPOINT=N")]
    pub quota_left: Vec<String>,

    /// Run COMMAND with the settings in its environment; stop when it exits.
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<OsString>,
}
