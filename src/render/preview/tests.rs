//! The drawings: snapshots of the SVG for the planner's scenarios, and hostile names that must
//! stay text.

use super::*;
use crate::model::Menu;
use crate::plan::{plan, testkit::*};
use crate::preview::{build, configured};

/// One element per line, so that a snapshot diff shows which part of the drawing moved.
fn lines(svg: &str) -> String {
    svg.replace("><", ">\n<")
}

fn preview_of(name: &str) -> Preview {
    let (desired, live) = scenarios().into_iter().find(|(n, _)| *n == name).unwrap().1;
    build(&desired, &live, &plan(&desired, &live))
}

#[test]
fn a_renamed_sub_button_is_marked_on_both_phones() {
    let svgs = render_svgs(&preview_of("sub_button_renamed"));
    let (name, svg) = &svgs[0];
    assert_eq!(name, "01-default-menu.svg");
    insta::assert_snapshot!("svg_sub_button_renamed", lines(svg));
    // Both names are drawn, each with the "changed" badge.
    assert!(svg.contains(">官网</text>") && svg.contains(">官方网站</text>"));
    assert_eq!(svg.matches(r#"class="badge changed""#).count(), 2);
}

#[test]
fn a_new_conditional_menu_stands_beside_an_empty_phone() {
    let svgs = render_svgs(&preview_of("conditional_inserted_middle"));
    let names: Vec<&str> = svgs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "01-default-menu.svg",
            "02-vip.svg",
            "03-android.svg",
            "04-ios.svg",
            "05-vip-android.svg"
        ]
    );
    insta::assert_snapshot!("svg_conditional_appears", lines(&svgs[2].1));
    assert!(svgs[2].1.contains("these followers see the default menu"));
}

#[test]
fn the_configuration_alone_draws_one_phone_per_audience() {
    let svgs = render_svgs(&configured(&base_desired()));
    assert_eq!(svgs.len(), 4);
    insta::assert_snapshot!("svg_configured_vip_android", lines(&svgs[3].1));
    assert!(
        svgs.iter()
            .all(|(_, svg)| svg.matches(r#"class="bezel""#).count() == 1)
    );
}

#[test]
fn a_deleted_menu_says_followers_see_no_menu() {
    let page = render_html(&preview_of("menu_deleted"));
    assert_eq!(page.matches("<section class=\"audience\"").count(), 4);
    assert_eq!(
        page.matches("Removed: these followers will see no menu.")
            .count(),
        4
    );
}

#[test]
fn hostile_names_stay_text_in_svg_and_html() {
    let hostile = r#"<script>alert(1)</script>"onload="x'&"#;
    let mut desired = base_desired();
    desired.menu = Some(Menu {
        button: vec![
            leaf(hostile, "view", &format!("https://{hostile}/")),
            folder(hostile, vec![leaf(hostile, "click", hostile)]),
        ],
    });
    let menus = desired.conditional_menus.as_mut().unwrap();
    menus[0].name = hostile.into();
    // A live tag with a hostile name labels the live menus that use it.
    let mut live = base_live();
    live.tags[1].name = hostile.into();
    let preview = build(&desired, &live, &plan(&desired, &live));
    assert!(
        preview
            .audiences
            .iter()
            .any(|a| a.rule.starts_with(&format!("{hostile} · Android → ")))
    );
    let page = render_html(&preview);
    let svgs = render_svgs(&preview);
    for text in std::iter::once(&page).chain(svgs.iter().map(|(_, svg)| svg)) {
        assert!(!text.contains("<script"), "{text}");
        assert!(!text.contains("\"onload"), "{text}");
        assert!(!text.contains("x'&"), "{text}");
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=&quot;x&#39;&amp;"));
    // File names cannot climb out of the directory.
    assert!(
        svgs.iter()
            .all(|(name, _)| !name.contains('/') && !name.contains(".."))
    );
    assert_eq!(svgs[1].0, "02-script-alert-1---script--onload--x.svg");
}

#[test]
fn the_page_loads_nothing_and_has_no_script() {
    let page = render_html(&preview_of("sub_button_renamed"));
    for needle in [
        "<script", "http://", "https://", "url(", "@import", "<link", "<img",
    ] {
        let allowed = needle == "http://"
            && page.matches(needle).count() == page.matches("http://www.w3.org/2000/svg").count();
        assert!(!page.contains(needle) || allowed, "{needle}");
    }
    assert!(page.contains("prefers-color-scheme:dark"));
    assert!(page.contains("Noto Sans CJK SC"));
}

#[test]
fn svg_files_are_standalone_with_their_style() {
    let svgs = render_svgs(&preview_of("no_change"));
    for (_, svg) in &svgs {
        assert!(
            svg.starts_with(r#"<svg class="wxform-preview" xmlns="http://www.w3.org/2000/svg""#)
        );
        assert!(svg.contains("<style>") && svg.trim_end().ends_with("</svg>"));
    }
}

/// The `fill` of the first rule for `.wxform-preview .{class}` in `css`.
fn fill_of(css: &str, class: &str) -> String {
    let selector = format!(".wxform-preview .{class}");
    let rule = css
        .split('}')
        .find(|rule| {
            let selectors = rule.rsplit('{').nth(1).unwrap_or_default();
            selectors.split(',').any(|s| s.trim().ends_with(&selector)) && rule.contains("fill:#")
        })
        .unwrap_or_else(|| panic!("no fill for {class}"));
    let body = rule.rsplit('{').next().unwrap();
    let at = body.find("fill:#").unwrap() + "fill:".len();
    body[at..].split([';', '}']).next().unwrap().to_string()
}

/// WCAG's relative luminance of `#rgb` or `#rrggbb`.
fn luminance(colour: &str) -> f64 {
    let hex = colour.trim_start_matches('#');
    let hex: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn grey_detail_text_meets_wcag_aa_on_every_background_in_light_and_dark() {
    let (light, dark) = style::SVG_STYLE.split_once("@media").unwrap();
    assert!(
        (contrast("#888", "#fff") - 3.54).abs() < 0.01,
        "the formula"
    );
    for css in [light, dark] {
        for text in ["does", "hint", "side", "h-rule"] {
            for background in ["bar", "pop", "canvas", "input"] {
                let (fg, bg) = (fill_of(css, text), fill_of(css, background));
                let ratio = contrast(&fg, &bg);
                assert!(
                    ratio >= 4.5,
                    ".{text} {fg} on .{background} {bg}: {ratio:.2}"
                );
            }
        }
    }
}
