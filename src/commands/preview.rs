//! `wxform preview`: each audience's menu drawn as a phone shows it, live beside configured.
//!
//! The live side comes from `--live SNAPSHOT` or the account (read-only, as `plan` reads it);
//! with neither a snapshot nor any credential variable set, the configuration is drawn alone.
//! An invalid configuration gives validate's diagnostics and no page.

use super::live::live_state;
use super::load::load_config;
use super::{Outcome, UsageError};
use crate::cli::{GlobalArgs, PreviewArgs, PreviewFormat};
use crate::plan::{plan, resolve_media_files};
use crate::preview::{self, Preview};
use crate::render::preview::{render_html, render_svgs};
use crate::wechat::credential_env;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

pub fn run(global: &GlobalArgs, args: &PreviewArgs) -> Result<Outcome> {
    if args.format == PreviewFormat::Svg && args.out.is_none() {
        return Err(UsageError(
            "--format svg writes one file per audience: give the directory with --out DIR".into(),
        )
        .into());
    }
    let desired = load_config(&args.file)?;
    let with_live = args.live.is_some()
        || credential_env::any_set(&desired.credentials_env, |name| std::env::var(name).ok());
    let preview = if with_live {
        let live = live_state(global, &desired, args.live.as_deref(), None)?;
        // A button naming an image by file is drawn with the id of its upload, when found.
        let (resolved, _) = resolve_media_files(&desired, &live);
        preview::build(&resolved, &live, &plan(&desired, &live))
    } else {
        eprintln!(
            "No credentials and no --live: showing the configuration alone, without the live menus."
        );
        preview::configured(&desired)
    };
    for error in &preview.errors {
        eprintln!("warning: the plan cannot be applied: {error}");
    }
    match (&args.out, args.format) {
        (None, _) => {
            let mut stdout = super::product_stdout();
            stdout.write_all(render_html(&preview).as_bytes())?;
            stdout.flush()?;
        }
        (Some(out), PreviewFormat::Html) => {
            write_file(out, &render_html(&preview))?;
            eprintln!(
                "Wrote the preview of {} to {}.",
                audiences(&preview),
                out.display()
            );
        }
        (Some(dir), PreviewFormat::Svg) => {
            if dir.exists() && !dir.is_dir() {
                anyhow::bail!(
                    "--format svg writes one file per audience into a directory, but {} is a file",
                    dir.display()
                );
            }
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let files = render_svgs(&preview);
            for (name, svg) in &files {
                write_file(&dir.join(name), svg)?;
            }
            eprintln!("Wrote {} SVG files to {}.", files.len(), dir.display());
        }
    }
    Ok(Outcome::Success)
}

fn audiences(preview: &Preview) -> String {
    match preview.audiences.len() {
        1 => "1 audience".into(),
        n => format!("{n} audiences"),
    }
}

/// Written beside and renamed over `path` (or through it, when it is a device or FIFO), with
/// every known secret scrubbed, like every other output.
fn write_file(path: &Path, text: &str) -> Result<()> {
    crate::files::write_output(path, crate::redact::scrub(text).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
