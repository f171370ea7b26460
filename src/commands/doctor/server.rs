//! doctor's `server` line: the URL handshake with the account's own server.

use super::Report;
use crate::render::doctor::Status;
use crate::server::report::Status as ServerStatus;
use crate::server::run::handshake_only;
use crate::server::settings::Resolved;
use anyhow::Result;
use std::path::Path;

/// The account's server, when the configuration has a `server:` section: the URL handshake
/// WeChat makes when the URL is saved. It needs no WeChat credentials, so it runs whatever the
/// checks above found; a configuration that does not load was reported above.
pub(super) fn server_handshake(file: &Path, report: &mut Report) -> Result<()> {
    let Ok(loaded) = crate::config::load(file) else {
        return Ok(());
    };
    let (status, detail) = match super::super::test::handshake_settings(&loaded) {
        Ok(None) => return Ok(()),
        // `why` ends with test's advice (`--server-url`), which doctor does not take.
        Ok(Some(Resolved::Skipped(why))) => {
            let unset = why.split(':').next().unwrap_or_default();
            (
                Status::Skip,
                format!("{unset}: no URL to make the handshake with"),
            )
        }
        Ok(Some(Resolved::Ready(settings))) => match handshake_only(&settings) {
            Ok(result) => {
                let words = result.detail.unwrap_or_else(|| {
                    format!(
                        "{} answered the URL handshake with its echostr",
                        settings.url
                    )
                });
                let status = match result.status {
                    ServerStatus::Pass => Status::Ok,
                    _ => Status::Fail,
                };
                (status, format!("{words} ({} ms)", result.ms))
            }
            Err(err) => (Status::Fail, err),
        },
        Err(err) => (Status::Fail, err.to_string()),
    };
    report.line(
        status,
        "server",
        &crate::redact::scrub(&crate::inert::text(&detail)),
    )
}
