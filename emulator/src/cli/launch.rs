//! Starting the emulated account the command line describes: its snapshot, credentials,
//! followers and answer shapes, on its port of 127.0.0.1, with a private token cache.

use std::io::Read;
use std::path::Path;

use tempfile::TempDir;

use super::args::Args;
use super::settings::Settings;
use crate::{APPID, APPSECRET, Emulator, EmulatorOptions, State, followers, snapshot};

/// The largest snapshot read: a real account's export is a few hundred KiB at most.
const SNAPSHOT_MAX_BYTES: u64 = 16 * 1024 * 1024;
/// The longest AppID or AppSecret accepted (real ones are 18 and 32 characters).
const CREDENTIAL_MAX: usize = 128;

/// A running emulated account and what points wxform at it. Dropping it stops the server and
/// removes the token cache.
pub struct Launched {
    // Serving for as long as this lives.
    _emulator: Emulator,
    pub settings: Settings,
    _cache: TempDir,
}

pub fn launch(args: &Args) -> Result<Launched, String> {
    let seed = match &args.seed {
        Some(path) => read_snapshot(path)?,
        None => snapshot::Seed {
            appid: None,
            state: State::default(),
        },
    };
    let mut state = seed.state;
    for spec in &args.followers {
        let follower =
            followers::parse(spec, &state.tags).map_err(|e| format!("--follower {spec}: {e}"))?;
        state.users.retain(|user| user.openid != follower.openid);
        state.users.push(follower);
    }
    let appid = args.appid.clone().or(seed.appid);
    let options = options(args, appid.unwrap_or_else(|| APPID.to_string()))?;
    let spent = args
        .quota_left
        .iter()
        .map(|spec| {
            quota_left(spec, &options.daily_limits).map_err(|e| format!("--quota-left {spec}: {e}"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let cache = tempfile::Builder::new()
        .prefix("wxform-emulator-")
        .tempdir()
        .map_err(|e| format!("cannot make a token cache directory: {e}"))?;
    let cache_dir = cache
        .path()
        .to_str()
        .ok_or("the temporary directory's path is not UTF-8: set TMPDIR to another")?
        .to_string();
    let emulator = Emulator::listen(options, args.port)
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    emulator.seed(state);
    for (path, calls) in spent {
        emulator.spend_quota(&path, calls);
    }
    let settings = Settings {
        api_base: emulator.base_url(),
        appid: emulator.appid().to_string(),
        secret: emulator.secret().to_string(),
        cache_dir,
    };
    Ok(Launched {
        _emulator: emulator,
        settings,
        _cache: cache,
    })
}

fn options(args: &Args, appid: String) -> Result<EmulatorOptions, String> {
    let secret = args.secret.clone().unwrap_or_else(|| APPSECRET.to_string());
    check_credential("--appid", &appid)?;
    check_credential("--secret", &secret)?;
    let base = match args.field_shapes {
        true => EmulatorOptions::field_shapes(),
        false => EmulatorOptions::default(),
    };
    Ok(EmulatorOptions {
        appid,
        secret,
        // Each run its own tokens and ids, as each WeChat account has.
        seed: fastrand::u64(..),
        // It runs until stopped and nobody reads the record.
        record_requests: false,
        ..base
    })
}

/// The path of `ENDPOINT=N`, and the calls to spend so that `N` are left today.
fn quota_left(
    spec: &str,
    limits: &std::collections::BTreeMap<String, u64>,
) -> Result<(String, u64), String> {
    let (endpoint, left) = spec
        .split_once('=')
        .ok_or("give ENDPOINT=N, as menu/create=0")?;
    let left: u64 = left
        .trim()
        .parse()
        .map_err(|_| format!("`{left}` is not a number of calls"))?;
    let endpoint = endpoint.trim();
    let path = if endpoint.starts_with('/') {
        endpoint.to_string()
    } else if endpoint.starts_with("newtmpl/") {
        format!("/wxaapi/{endpoint}")
    } else {
        format!("/cgi-bin/{endpoint}")
    };
    let limit = limits
        .get(&path)
        .copied()
        .unwrap_or(crate::quota::DEFAULT_DAILY_LIMIT);
    if left > limit {
        return Err(format!("{path} has {limit} calls a day"));
    }
    Ok((path, limit - left))
}

fn check_credential(flag: &str, value: &str) -> Result<(), String> {
    let printable = value.chars().all(|c| c.is_ascii_graphic());
    if value.is_empty() || value.len() > CREDENTIAL_MAX || !printable {
        return Err(format!(
            "{flag}: 1–{CREDENTIAL_MAX} printable ASCII characters without spaces"
        ));
    }
    Ok(())
}

fn read_snapshot(path: &Path) -> Result<snapshot::Seed, String> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(SNAPSHOT_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > SNAPSHOT_MAX_BYTES {
        return Err(format!(
            "{shown}: larger than {} MiB, not a snapshot",
            SNAPSHOT_MAX_BYTES >> 20
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8 text"))?;
    snapshot::read(&text).map_err(|e| format!("{shown}: {e}"))
}
