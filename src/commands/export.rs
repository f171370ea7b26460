//! `wxform export`: the whole live account as a wxform YAML (to start managing an account) or as
//! the JSON snapshot that `plan --live` reads.

use super::Outcome;
use super::account::{connect, print_warnings};
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::config_yaml;
use crate::model::Live;
use crate::wechat::{Client, Sections, WechatError, read_live};
use anyhow::{Context, Result};
use std::io::Write;

pub fn run(global: &GlobalArgs, args: &ExportArgs) -> Result<Outcome> {
    let client = connect(global)?;
    let (live, sections) = read_permitted(&client)?;
    let text = match args.format {
        ExportFormat::Yaml => config_yaml(&live, sections),
        ExportFormat::Json => {
            let mut json = serde_json::to_string_pretty(&live)?;
            json.push('\n');
            json
        }
    };
    match &args.out {
        Some(path) => {
            crate::files::write_output(path, crate::redact::scrub(&text).as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("Wrote {}.", path.display());
        }
        None => {
            let mut stdout = super::product_stdout();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(Outcome::Success)
}

/// Every section the account lets us read. An account may not use some APIs at all (template
/// messages on an unverified account answer 48001): that section is left out, with a warning,
/// instead of failing the whole export.
fn read_permitted(client: &Client) -> Result<(Live, Sections)> {
    let mut sections = Sections::all();
    loop {
        let result = read_live(client, sections);
        print_warnings(client);
        let api = match result {
            Ok(live) => return Ok((live, sections)),
            Err(WechatError::Api(api)) if api.errcode == 48001 => api,
            Err(err) => return Err(anyhow::Error::new(err).context(UNREADABLE)),
        };
        let (section, what) = match api.endpoint {
            "template/get_industry" => (&mut sections.industry, "the industry"),
            "template/get_all_private_template" => (&mut sections.templates, "templates"),
            "newtmpl/gettemplate" => (&mut sections.subscribe_templates, "subscribe templates"),
            _ => return Err(unreadable(api)),
        };
        // A section already left out cannot fail again; never loop.
        if !*section {
            return Err(unreadable(api));
        }
        *section = false;
        eprintln!(
            "warning: {what} left out: this account may not use {} (WeChat error 48001)",
            api.endpoint
        );
    }
}

const UNREADABLE: &str = "cannot read the live account";

fn unreadable(api: crate::wechat::ApiError) -> anyhow::Error {
    anyhow::Error::new(WechatError::Api(api)).context(UNREADABLE)
}
