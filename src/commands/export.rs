//! `wxform export`: the whole live account as a wxform YAML (to start managing an account) or as
//! the JSON snapshot that `plan --live` reads.

use super::Outcome;
use super::account::{connect, print_warnings};
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::config_yaml;
use crate::model::{CredentialEnv, Live};
use crate::wechat::{Client, Sections, read_live};
use anyhow::{Context, Result};
use std::io::Write;

pub fn run(global: &GlobalArgs, args: &ExportArgs) -> Result<Outcome> {
    // Taken before the read, so that a snapshot is never younger than it says (and a wrong
    // WXFORM_NOW stops the export before any request).
    let started = crate::utc::now().map_err(anyhow::Error::msg)?;
    let client = connect(global, &CredentialEnv::default(), None)?;
    let (mut live, sections) = read_permitted(&client)?;
    if args.format == ExportFormat::Json {
        live.exported_at = Some(crate::utc::format(started));
    }
    // The export is data (a configuration, a snapshot): a credential in it is refused, never
    // masked.
    let what = match args.format {
        ExportFormat::Yaml => "the exported configuration",
        ExportFormat::Json => "the snapshot",
    };
    crate::secret_in_data::check(what, &serde_json::to_value(&live)?)?;
    let text = match args.format {
        ExportFormat::Yaml => config_yaml(&live, sections).map_err(|err| {
            anyhow::anyhow!("{}", crate::inert::text(&err.to_string())).context(
                "export cannot write a configuration that plans no change; nothing was written",
            )
        })?,
        ExportFormat::Json => {
            let mut json = crate::inert::json(&serde_json::to_string_pretty(&live)?);
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
        let err = match result {
            Ok(live) => return Ok((live, sections)),
            Err(err) => err,
        };
        // Leave out every section the account may not read; any other failure is fatal.
        let denied: Option<Vec<&'static str>> = err
            .failures()
            .iter()
            .map(|failure| {
                let api = failure.api().filter(|api| api.errcode == 48001)?;
                Some(api.endpoint)
            })
            .collect();
        let Some(denied) = denied else {
            return Err(anyhow::Error::new(err).context(UNREADABLE));
        };
        let mut left_out = Vec::new();
        for endpoint in denied {
            let (section, what) = match endpoint {
                "template/get_industry" => (&mut sections.industry, "the industry"),
                "template/get_all_private_template" => (&mut sections.templates, "templates"),
                "newtmpl/gettemplate" => (&mut sections.subscribe_templates, "subscribe templates"),
                _ => return Err(anyhow::Error::new(err).context(UNREADABLE)),
            };
            // A section already left out cannot fail again; never loop.
            if !*section {
                return Err(anyhow::Error::new(err).context(UNREADABLE));
            }
            *section = false;
            left_out.push((what, endpoint));
        }
        for (what, endpoint) in left_out {
            eprintln!(
                "warning: {what} left out: this account may not use {endpoint} (WeChat error 48001)"
            );
        }
    }
}

const UNREADABLE: &str = "cannot read the live account";
