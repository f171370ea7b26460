//! The HTML page: every audience's drawing with its name, matchrule and the changes in words,
//! one self-contained file with no script and nothing loaded from anywhere.

use super::audience::{self, EmptyWords, status_class};
use super::style::{PAGE_STYLE, SVG_STYLE};
use super::text::escape;
use crate::preview::{Audience, Change, Preview, Status, compare};
use crate::words::plural;
use std::fmt::Write;

/// The whole page: a header with the account, a summary and any errors, then a section per
/// audience.
pub fn render(preview: &Preview) -> String {
    let mut out = page_header(preview);
    out.push_str("</header>\n<main class=\"audiences\">\n");
    let empty = EmptyWords {
        default_before: preview.has_default_menu(false),
        default_after: preview.has_default_menu(true),
    };
    if preview.audiences.is_empty() {
        out.push_str("<p>The configuration manages no menu, and the account has none.</p>\n");
    }
    for (index, audience) in preview.audiences.iter().enumerate() {
        audience_section(&mut out, index, audience, preview.with_live, &empty);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The document's head and the opened `<header>`: the account, the summary, the legend of
/// marks when there is a live side, and why the plan cannot be applied, if it cannot.
fn page_header(preview: &Preview) -> String {
    let appid = preview.appid.as_deref().unwrap_or("unknown account");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>Menu preview · {}</title>\n<style>{PAGE_STYLE}{SVG_STYLE}</style>\n</head>\n<body>\n<header>\n<h1>Menu preview · {}</h1>\n<p>{}</p>\n",
        escape(appid),
        escape(appid),
        escape(&summary(preview)),
    );
    if preview.with_live {
        out.push_str("<p class=\"legend\"><span><i class=\"i-added\">+</i>added</span><span><i class=\"i-removed\">−</i>removed</span><span><i class=\"i-changed\">~</i>changed</span></p>\n");
    }
    if !preview.errors.is_empty() {
        out.push_str("<div class=\"errors\"><strong>This plan cannot be applied:</strong><ul>");
        for error in &preview.errors {
            let _ = write!(out, "<li>{}</li>", escape(error));
        }
        out.push_str("</ul></div>\n");
    }
    out
}

/// One audience's section: its name, status and matchrule, its drawing and, when there is a
/// live side, its changes in words.
fn audience_section(
    out: &mut String,
    index: usize,
    audience: &Audience,
    with_live: bool,
    empty: &EmptyWords,
) {
    let _ = write!(
        out,
        "<section class=\"audience\" id=\"audience-{index}\">\n<h2>{} <span class=\"pill st-{}\">{}</span></h2>\n<p class=\"rule\">{}</p>\n",
        escape(&audience.name),
        status_class(audience.status),
        audience.status.words(),
        escape(&audience.rule),
    );
    out.push_str(&audience::svg(audience, with_live, empty, false, false));
    out.push('\n');
    if with_live {
        out.push_str("<ul>");
        for line in change_lines(audience, empty) {
            let _ = write!(out, "<li>{line}</li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// "4 audiences; the menu changes for 2 of them."
fn summary(preview: &Preview) -> String {
    let total = preview.audiences.len();
    let audiences = plural(total, "audience");
    if !preview.with_live {
        return format!(
            "{audiences}, as configured. Without credentials or --live, the live menus are not shown."
        );
    }
    let changed = preview
        .audiences
        .iter()
        .filter(|a| a.status.is_change())
        .count();
    match changed {
        0 => format!("{audiences}; the menu changes for none of them."),
        n => format!("{audiences}; the menu changes for {n} of them."),
    }
}

/// The changes of one audience in words, already escaped.
fn change_lines(audience: &Audience, empty: &EmptyWords) -> Vec<String> {
    match audience.status {
        Status::Unchanged => vec!["No change.".into()],
        Status::NotManaged => {
            vec!["Not managed by the configuration: left as it is.".into()]
        }
        Status::Configured => Vec::new(),
        Status::Appears if audience.default => vec!["A new default menu.".into()],
        Status::Appears => vec![format!(
            "A new menu: followers matching {} see it instead of the {}.",
            escape(&audience.rule),
            if empty.default_before {
                "default menu"
            } else {
                "plain input bar"
            }
        )],
        Status::Disappears if audience.default || !empty.default_after => {
            vec!["Removed: these followers will see no menu.".into()]
        }
        Status::Disappears => {
            vec!["Removed: these followers will see the default menu.".into()]
        }
        Status::Changed => changed_lines(audience),
    }
}

/// What changed in a changed audience's buttons, already escaped.
fn changed_lines(audience: &Audience) -> Vec<String> {
    let (Some(before), Some(after)) = (&audience.before, &audience.after) else {
        return Vec::new();
    };
    let lines: Vec<String> = compare(before, after)
        .changes
        .iter()
        .map(change_words)
        .collect();
    if lines.is_empty() {
        // Same buttons, different drawing order inside a folder only would be listed;
        // anything else is a difference the pairing does not name.
        vec!["Changed.".into()]
    } else {
        lines
    }
}

/// One change to the buttons as a sentence, already escaped.
fn change_words(change: &Change) -> String {
    let q = |text: &str| format!("“{}”", escape(text));
    match change {
        Change::Added { path, does } => format!("Added {} ({}).", q(path), escape(does)),
        Change::Removed { path } => format!("Removed {}.", q(path)),
        Change::Renamed { from, to } => format!("Renamed {} to {}.", q(from), q(to)),
        Change::Replaced { from, was, to, now } => format!(
            "Replaced {} ({}) with {} ({}).",
            q(from),
            escape(was),
            q(to),
            escape(now)
        ),
        Change::Does { path, was, now } => format!(
            "Changed what {} does: {} before, {} after.",
            q(path),
            escape(was),
            escape(now)
        ),
        Change::Reordered { within: None } => "Changed the order of the buttons.".into(),
        Change::Reordered {
            within: Some(folder),
        } => format!("Changed the order of the sub buttons of {}.", q(folder)),
    }
}
