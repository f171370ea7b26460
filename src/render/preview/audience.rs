//! One audience as an SVG: its name and matchrule in words, then the live phone beside the
//! configured one (or the configured one alone when there is no live state).

use super::phone::{self, Screen};
use super::style::SVG_STYLE;
use super::text::{fit, width};
use crate::preview::{Audience, Marks, Status, compare};
use std::fmt::Write;

const MARGIN: f32 = 20.0;
const HEADER_H: f32 = 64.0;
const LABEL_H: f32 = 28.0;
const GAP: f32 = 60.0;

/// Words shown in an empty phone.
pub struct EmptyWords {
    /// The default menu is there after apply (so an audience without a menu sees it).
    pub default_after: bool,
    /// The default menu is there now.
    pub default_before: bool,
}

/// The SVG of `audience`. `standalone` adds the XML namespace and the style sheet (a file of its
/// own); `header` draws the name and matchrule (the HTML page writes them as HTML instead).
pub fn svg(
    audience: &Audience,
    with_live: bool,
    empty: &EmptyWords,
    standalone: bool,
    header: bool,
) -> String {
    let phones = if with_live { 2.0 } else { 1.0 };
    let w = MARGIN * 2.0 + phones * phone::WIDTH + (phones - 1.0) * GAP;
    let top = if header { HEADER_H } else { 0.0 };
    let h = top + LABEL_H + phone::HEIGHT + MARGIN;
    let mut out = open_svg(audience, w, h, standalone);
    if header {
        draw_header(&mut out, audience, w);
    }
    if with_live {
        draw_live_and_after(&mut out, audience, empty, top);
    } else {
        draw_configured(&mut out, audience, top);
    }
    out.push_str("</svg>");
    out
}

/// The opening `<svg>` tag of a `w` × `h` picture, labelled for screen readers; standalone, also
/// the style sheet and the canvas.
fn open_svg(audience: &Audience, w: f32, h: f32, standalone: bool) -> String {
    let mut out = String::new();
    let label = format!("{} · {}", audience.name, audience.rule);
    let _ = write!(
        out,
        r#"<svg class="wxform-preview"{ns} width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        super::text::escape(&label),
        ns = if standalone {
            r#" xmlns="http://www.w3.org/2000/svg""#
        } else {
            ""
        },
    );
    if standalone {
        let _ = write!(out, "<style>{SVG_STYLE}</style>");
        let _ = write!(out, r#"<rect class="canvas" width="{w}" height="{h}"/>"#);
    }
    out
}

/// The live phone and the phone after apply, side by side below `top`; a changed menu marks
/// what changed on both.
fn draw_live_and_after(out: &mut String, audience: &Audience, empty: &EmptyWords, top: f32) {
    let phone_y = top + LABEL_H;
    let second = MARGIN + phone::WIDTH + GAP;
    draw_labels_and_arrow(out, top, second);
    let marks = match (&audience.before, &audience.after, audience.status) {
        (Some(before), Some(after), Status::Changed) => Some(compare(before, after)),
        _ => None,
    };
    let before_words = empty_words(audience, empty.default_before);
    let after_words = empty_words(audience, empty.default_after);
    phone::draw(
        out,
        MARGIN,
        phone_y,
        &Screen {
            buttons: audience.before.as_deref(),
            marks: marks.as_ref().map(|m: &Marks| m.before.as_slice()),
            empty: &before_words,
        },
    );
    phone::draw(
        out,
        second,
        phone_y,
        &Screen {
            buttons: audience.after.as_deref(),
            marks: marks.as_ref().map(|m| m.after.as_slice()),
            empty: &after_words,
        },
    );
}

/// "Live now" and "After apply" above the two phones (the second at `second`), and the arrow
/// between them.
fn draw_labels_and_arrow(out: &mut String, top: f32, second: f32) {
    let label_y = top + 18.0;
    let phone_y = top + LABEL_H;
    side_label(out, MARGIN, label_y, "Live now");
    side_label(out, second, label_y, "After apply");
    let arrow_x = MARGIN + phone::WIDTH + GAP / 2.0;
    let arrow_y = phone_y + phone::HEIGHT / 2.0;
    let _ = write!(
        out,
        r#"<path class="arrow" d="M{a} {arrow_y}h28m-8 -7l8 7 -8 7"/>"#,
        a = arrow_x - 14.0
    );
}

/// The configured phone alone, below `top` (there is no live state to compare with).
fn draw_configured(out: &mut String, audience: &Audience, top: f32) {
    side_label(out, MARGIN, top + 18.0, "Configured");
    phone::draw(
        out,
        MARGIN,
        top + LABEL_H,
        &Screen {
            buttons: audience.after.as_deref(),
            marks: None,
            empty: "No menu",
        },
    );
}

fn draw_header(out: &mut String, audience: &Audience, w: f32) {
    let pill = audience.status.words();
    let pill_w = (width(pill, 12.0) + 20.0).round();
    let room = w - MARGIN * 3.0 - pill_w;
    let _ = write!(
        out,
        r#"<text class="h-name" x="{MARGIN}" y="30">{}</text><text class="h-rule" x="{MARGIN}" y="52">{}</text><rect class="pill st-{cls}" x="{px}" y="14" width="{pill_w}" height="22" rx="11"/><text class="pill-text" x="{tx}" y="29">{pill}</text>"#,
        fit(&audience.name, 17.0, room),
        fit(&audience.rule, 13.0, room),
        cls = status_class(audience.status),
        px = w - MARGIN - pill_w,
        tx = w - MARGIN - pill_w / 2.0,
    );
}

/// The CSS class suffix of a status.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Configured => "configured",
        Status::Unchanged => "unchanged",
        Status::Changed => "changed",
        Status::Appears => "appears",
        Status::Disappears => "disappears",
        Status::NotManaged => "unmanaged",
    }
}

fn side_label(out: &mut String, x: f32, y: f32, text: &str) {
    let _ = write!(
        out,
        r#"<text class="side" x="{mid}" y="{y}">{text}</text>"#,
        mid = x + phone::WIDTH / 2.0
    );
}

/// What a phone without a menu says: who these followers see instead.
fn empty_words(audience: &Audience, default_menu: bool) -> String {
    if audience.default || !default_menu {
        "No menu".into()
    } else {
        "No menu of its own:\nthese followers see the default menu".into()
    }
}
