//! Phone previews of a [`Preview`]: one self-contained HTML page, or one SVG per audience.
//!
//! The drawing (`phone`, `audience`) is plain SVG with classes; `style` colours it for light and
//! dark. Every name and value from the configuration or the live account goes through
//! `text::escape` (or `text::fit`), because live names are written by whoever runs the account.

mod audience;
mod page;
mod phone;
mod style;
mod text;

#[cfg(test)]
mod tests;

use crate::preview::Preview;
use audience::EmptyWords;

/// The whole page.
pub fn render_html(preview: &Preview) -> String {
    page::render(preview)
}

/// One standalone SVG per audience, with a file name each: `01-default-menu.svg`,
/// `02-vip-ios.svg`. Names are reduced to letters, digits, `-` and `_` so no name can leave the
/// directory.
pub fn render_svgs(preview: &Preview) -> Vec<(String, String)> {
    let empty = EmptyWords {
        default_before: preview.has_default_menu(false),
        default_after: preview.has_default_menu(true),
    };
    preview
        .audiences
        .iter()
        .enumerate()
        .map(|(index, audience)| {
            let svg = audience::svg(audience, preview.with_live, &empty, true, true);
            (file_name(index, &audience.name), svg + "\n")
        })
        .collect()
}

fn file_name(index: usize, name: &str) -> String {
    let mut slug: String = name
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                ch.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        format!("{:02}.svg", index + 1)
    } else {
        format!("{:02}-{slug}.svg", index + 1)
    }
}
