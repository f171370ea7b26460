//! One phone drawn in SVG as WeChat draws an Official Account chat: status bar, title bar, chat
//! area, and the custom menu bar at the bottom with a keyboard switch on the left, 1–3 buttons,
//! and each folder's sub buttons opened in a pop-up above it. Under each name a small grey line
//! says what the button does; marks tint added, removed and changed buttons and badge them
//! with +, − or ~.

use super::text::{escape, fit, shorten, width, wrap};
use crate::model::Button;
use crate::preview::{ButtonMarks, Mark, action_caption, action_words};
use std::fmt::Write;

pub const WIDTH: f32 = 320.0;
pub const HEIGHT: f32 = 620.0;
const BEZEL: f32 = 8.0;
const SCREEN_W: f32 = WIDTH - 2.0 * BEZEL;
const SCREEN_H: f32 = HEIGHT - 2.0 * BEZEL;
const STATUS_H: f32 = 28.0;
const NAV_H: f32 = 44.0;
const BAR_H: f32 = 56.0;
const SAFE_H: f32 = 20.0;
const KEYBOARD_W: f32 = 48.0;
const ITEM_H: f32 = 50.0;
/// More buttons than WeChat allows can only come from a hand-edited snapshot; past these the
/// drawing stops rather than growing without bound.
const MAX_BUTTONS: usize = 5;
const MAX_SUBS: usize = 8;

/// What one phone shows.
pub struct Screen<'a> {
    /// The menu, or `None` for an audience without one on this side.
    pub buttons: Option<&'a [Button]>,
    /// Marks parallel to `buttons`; `None` draws no marks.
    pub marks: Option<&'a [ButtonMarks]>,
    /// Shown in the chat area when there is no menu.
    pub empty: &'a str,
}

/// Draws the phone with its top-left corner at (`x`, `y`).
pub fn draw(out: &mut String, x: f32, y: f32, screen: &Screen) {
    let (sx, sy) = (x + BEZEL, y + BEZEL);
    let _ = write!(
        out,
        r#"<g class="phone"><rect class="bezel" x="{x}" y="{y}" width="{WIDTH}" height="{HEIGHT}" rx="40"/><rect class="chat" x="{sx}" y="{sy}" width="{SCREEN_W}" height="{SCREEN_H}" rx="32"/>"#
    );
    status_and_title(out, sx, sy);
    greeting(out, sx, sy + STATUS_H + NAV_H);
    let bar_y = sy + SCREEN_H - SAFE_H - BAR_H;
    let _ = write!(
        out,
        r#"<path class="bar" d="M{sx} {bar_y}h{SCREEN_W}v{h}a32 32 0 0 1 -32 32h-{inner}a32 32 0 0 1 -32 -32z"/><line class="edge" x1="{sx}" y1="{bar_y}" x2="{x2}" y2="{bar_y}"/><rect class="home" x="{hx}" y="{hy}" width="110" height="4" rx="2"/>"#,
        h = BAR_H + SAFE_H - 32.0,
        inner = SCREEN_W - 64.0,
        x2 = sx + SCREEN_W,
        hx = sx + (SCREEN_W - 110.0) / 2.0,
        hy = sy + SCREEN_H - 9.0,
    );
    match screen.buttons.filter(|b| !b.is_empty()) {
        Some(buttons) => menu(out, sx, bar_y, buttons, screen.marks),
        None => no_menu(out, sx, sy, bar_y, screen.empty),
    }
    out.push_str("</g>");
}

fn status_and_title(out: &mut String, sx: f32, sy: f32) {
    let right = sx + SCREEN_W;
    let nav_y = sy + STATUS_H;
    let _ = write!(
        out,
        r#"<path class="top" d="M{sx} {top}a32 32 0 0 1 32 -32h{inner}a32 32 0 0 1 32 32v{h}h-{SCREEN_W}z"/><text class="clock" x="{cx}" y="{cy}">9:41</text><rect class="icon-stroke" x="{bx}" y="{by}" width="22" height="11" rx="3"/><rect class="icon" x="{bix}" y="{biy}" width="15" height="7" rx="1.5"/><line class="edge" x1="{sx}" y1="{line}" x2="{right}" y2="{line}"/><path class="icon-stroke" d="M{chx} {chy}l-7 7 7 7"/><text class="title" x="{tx}" y="{ty}">公众号</text><circle class="icon-stroke" cx="{px}" cy="{py}" r="4"/><path class="icon-stroke" d="M{p1x} {p1y}a7 6 0 0 1 14 0"/>"#,
        top = sy + 32.0,
        inner = SCREEN_W - 64.0,
        h = STATUS_H + NAV_H - 32.0,
        cx = sx + 28.0,
        cy = sy + 20.0,
        bx = right - 46.0,
        by = sy + 10.0,
        bix = right - 44.0,
        biy = sy + 12.0,
        line = nav_y + NAV_H,
        chx = sx + 22.0,
        chy = nav_y + 15.0,
        tx = sx + SCREEN_W / 2.0,
        ty = nav_y + 28.0,
        px = right - 24.0,
        py = nav_y + 19.0,
        p1x = right - 31.0,
        p1y = nav_y + 32.0,
    );
}

/// A time stamp and a message from the account, with its text greyed out: a chat as followers
/// see it when they open the menu.
fn greeting(out: &mut String, sx: f32, top: f32) {
    let _ = write!(
        out,
        r#"<text class="stamp" x="{mid}" y="{ty}">9:41</text><rect class="avatar" x="{ax}" y="{ay}" width="36" height="36" rx="5"/><path class="bubble" d="M{bx} {by}h150a5 5 0 0 1 5 5v44a5 5 0 0 1 -5 5h-150a5 5 0 0 1 -5 -5v-29l-5 -5 5 -5v-5a5 5 0 0 1 5 -5z"/><rect class="ghost" x="{gx}" y="{g1}" width="130" height="7" rx="3.5"/><rect class="ghost" x="{gx}" y="{g2}" width="90" height="7" rx="3.5"/>"#,
        mid = sx + SCREEN_W / 2.0,
        ty = top + 26.0,
        ax = sx + 12.0,
        ay = top + 42.0,
        bx = sx + 62.0,
        by = top + 42.0,
        gx = sx + 70.0,
        g1 = top + 58.0,
        g2 = top + 74.0,
    );
}

/// The chat area's note and WeChat's plain input bar, for an audience with no menu.
fn no_menu(out: &mut String, sx: f32, sy: f32, bar_y: f32, empty: &str) {
    let mid = sx + SCREEN_W / 2.0;
    let top = sy + STATUS_H + NAV_H + 140.0;
    for (index, line) in empty.lines().enumerate() {
        let _ = write!(
            out,
            r#"<text class="hint" x="{mid}" y="{y}">{}</text>"#,
            fit(line, 13.0, SCREEN_W - 40.0),
            y = top + index as f32 * 20.0
        );
    }
    let _ = write!(
        out,
        r#"<rect class="input" x="{ix}" y="{iy}" width="{iw}" height="36" rx="6"/><circle class="icon-stroke" cx="{c1}" cy="{cy}" r="11"/><circle class="icon-stroke" cx="{c2}" cy="{cy}" r="11"/><path class="icon-stroke" d="M{px} {cy}h12M{pv} {py}v12"/>"#,
        ix = sx + 44.0,
        iy = bar_y + 10.0,
        iw = SCREEN_W - 128.0,
        c1 = sx + 22.0,
        c2 = sx + SCREEN_W - 26.0,
        cy = bar_y + 28.0,
        px = sx + SCREEN_W - 32.0,
        pv = sx + SCREEN_W - 26.0,
        py = bar_y + 22.0,
    );
}

/// The keyboard glyph: the switch from the menu to the text input.
fn keyboard(out: &mut String, x: f32, y: f32) {
    let _ = write!(
        out,
        r#"<rect class="icon-stroke" x="{x}" y="{y}" width="24" height="16" rx="3"/><path class="icon-stroke" d="M{a} {b}h2M{c} {b}h2M{d} {b}h2M{a} {e}h2M{c} {e}h2M{d} {e}h2M{f} {g}h8"/>"#,
        a = x + 5.0,
        c = x + 11.0,
        d = x + 17.0,
        b = y + 5.0,
        e = y + 8.5,
        f = x + 8.0,
        g = y + 12.0,
    );
}

fn menu(out: &mut String, sx: f32, bar_y: f32, buttons: &[Button], marks: Option<&[ButtonMarks]>) {
    let buttons = &buttons[..buttons.len().min(MAX_BUTTONS)];
    keyboard(out, sx + 12.0, bar_y + 20.0);
    // Whole pixels: crisp separators, and coordinates that read well in a diff.
    let col_w = ((SCREEN_W - KEYBOARD_W) / buttons.len() as f32).floor();
    for (index, button) in buttons.iter().enumerate() {
        let col_x = sx + KEYBOARD_W + index as f32 * col_w;
        let _ = write!(
            out,
            r#"<line class="sep" x1="{col_x}" y1="{y1}" x2="{col_x}" y2="{y2}"/>"#,
            y1 = bar_y + 14.0,
            y2 = bar_y + BAR_H - 14.0
        );
        let mark = marks.and_then(|m| m.get(index));
        bar_button(out, col_x, bar_y, col_w, button, mark.map(|m| m.mark));
        if button.is_folder() && !button.sub_button.is_empty() {
            let subs = mark.map(|m| m.subs.as_slice()).unwrap_or_default();
            popup(
                out,
                sx,
                col_x + col_w / 2.0,
                col_w,
                bar_y,
                &button.sub_button,
                subs,
            );
        }
    }
}

fn bar_button(
    out: &mut String,
    col_x: f32,
    bar_y: f32,
    col_w: f32,
    button: &Button,
    mark: Option<Mark>,
) {
    let _ = write!(out, "<g>{}", tooltip(button));
    mark_box(
        out,
        col_x + 3.0,
        bar_y + 5.0,
        col_w - 6.0,
        BAR_H - 10.0,
        mark,
    );
    let mid = col_x + col_w / 2.0;
    let room = col_w - 12.0;
    match action_caption(button) {
        Some(does) => {
            let _ = write!(
                out,
                r#"<text class="name" x="{mid}" y="{y}">{}</text><text class="does" x="{mid}" y="{dy}">{}</text>"#,
                fit(&button.name, 14.0, room),
                fit(&does, 8.5, room),
                y = bar_y + 26.0,
                dy = bar_y + 41.0,
            );
        }
        None => {
            // A folder: WeChat puts a small three-line icon before the name.
            let name = shorten(&button.name, 14.0, room - 14.0);
            let shown = width(&name, 14.0);
            let start = (mid - (shown + 14.0) / 2.0).round();
            let y = bar_y + 32.0;
            let _ = write!(
                out,
                r#"<path class="icon-stroke thin" d="M{start} {l1}h9M{start} {l2}h9M{start} {l3}h9"/><text class="name" x="{tx}" y="{y}">{name}</text>"#,
                l1 = y - 9.0,
                l2 = y - 5.5,
                l3 = y - 2.0,
                tx = (start + 14.0 + shown / 2.0).round(),
                name = escape(&name),
            );
        }
    }
    out.push_str("</g>");
}

/// A folder's sub buttons, in a pop-up above its column (centred on `center`, kept on the
/// screen that starts at `sx`), with their marks.
fn popup(
    out: &mut String,
    sx: f32,
    center: f32,
    col_w: f32,
    bar_y: f32,
    subs: &[Button],
    marks: &[Mark],
) {
    let subs = &subs[..subs.len().min(MAX_SUBS)];
    let width = (col_w - 6.0).clamp(76.0, 170.0);
    let left = (center - width / 2.0).clamp(sx + 4.0, sx + SCREEN_W - 4.0 - width);
    let height = subs.len() as f32 * ITEM_H;
    let bottom = bar_y - 10.0;
    let top = bottom - height;
    let _ = write!(
        out,
        r#"<g class="popup"><rect class="pop" x="{left}" y="{top}" width="{width}" height="{height}" rx="4"/><path class="pop" d="M{a} {bottom}l6 7 6 -7"/><path class="pop-cover" d="M{b} {c}h14v3h-14z"/>"#,
        a = center - 6.0,
        b = center - 7.0,
        c = bottom - 1.5,
    );
    for (index, sub) in subs.iter().enumerate() {
        let y = top + index as f32 * ITEM_H;
        popup_item(out, left, width, y, index, sub, marks.get(index).copied());
    }
    out.push_str("</g>");
}

/// The `index`th sub button of a pop-up `width` wide at `left`, its top at `y`: a separator
/// above all but the first, its name and up to two lines on what it does.
fn popup_item(
    out: &mut String,
    left: f32,
    width: f32,
    y: f32,
    index: usize,
    sub: &Button,
    mark: Option<Mark>,
) {
    let _ = write!(out, "<g>{}", tooltip(sub));
    if index > 0 {
        let _ = write!(
            out,
            r#"<line class="edge" x1="{x1}" y1="{y}" x2="{x2}" y2="{y}"/>"#,
            x1 = left + 8.0,
            x2 = left + width - 8.0
        );
    }
    mark_box(out, left + 2.0, y + 2.0, width - 4.0, ITEM_H - 4.0, mark);
    let mid = left + width / 2.0;
    let _ = write!(
        out,
        r#"<text class="sub" x="{mid}" y="{ny}">{}</text>"#,
        fit(&sub.name, 13.0, width - 12.0),
        ny = y + 20.0,
    );
    let caption = action_caption(sub).unwrap_or_default();
    for (line, text) in wrap(&caption, 8.5, width - 8.0, 2).iter().enumerate() {
        let _ = write!(
            out,
            r#"<text class="does" x="{mid}" y="{dy}">{}</text>"#,
            escape(text),
            dy = y + 33.0 + line as f32 * 10.0,
        );
    }
    out.push_str("</g>");
}

/// The tint and badge of a marked button; nothing for an unmarked one.
fn mark_box(out: &mut String, x: f32, y: f32, w: f32, h: f32, mark: Option<Mark>) {
    let (class, symbol) = match mark {
        Some(Mark::Added) => ("added", "+"),
        Some(Mark::Removed) => ("removed", "−"),
        Some(Mark::Changed) => ("changed", "~"),
        Some(Mark::Same) | None => return,
    };
    let _ = write!(
        out,
        r#"<rect class="tint {class}" x="{x}" y="{y}" width="{w}" height="{h}" rx="4"/><circle class="badge {class}" cx="{bx}" cy="{y}" r="7"/><text class="badge-text" x="{bx}" y="{ty}">{symbol}</text>"#,
        bx = x + w - 4.0,
        ty = y + 3.5,
    );
}

/// The full name and action, shown on hover where the drawing had to shorten them.
fn tooltip(button: &Button) -> String {
    let does = action_words(button).unwrap_or_else(|| "menu".into());
    format!(
        "<title>{} — {}</title>",
        escape(&button.name),
        escape(&does)
    )
}
