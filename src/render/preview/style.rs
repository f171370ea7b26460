//! The style sheets of previews: WeChat's own colours for the phone, light and dark through
//! `prefers-color-scheme`, and a system font stack that has CJK glyphs on every platform. No
//! web fonts: the page loads nothing. Grey detail text is a little darker (lighter in dark
//! mode) than WeChat's own grey, so that it meets WCAG AA's 4.5:1 on every background it sits on.

/// Fonts with CJK coverage on macOS/iOS, Windows, Linux and Android, in that order.
macro_rules! font_stack {
    () => {
        "-apple-system,BlinkMacSystemFont,\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\",\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif"
    };
}

/// Rules for the SVG drawing, used by standalone SVG files and by the page alike.
pub const SVG_STYLE: &str = concat!(
    ".wxform-preview{font-family:",
    font_stack!(),
    "}",
    ".wxform-preview .canvas{fill:#fff}",
    ".wxform-preview .bezel{fill:#1c1c1e}",
    ".wxform-preview .chat{fill:#ededed}",
    ".wxform-preview .top,.wxform-preview .bar{fill:#f7f7f7}",
    ".wxform-preview .edge{stroke:#d9d9d9;stroke-width:1}",
    ".wxform-preview .sep{stroke:#d5d5d5;stroke-width:1}",
    ".wxform-preview .home{fill:#111}",
    ".wxform-preview .icon{fill:#191919}",
    ".wxform-preview .icon-stroke{fill:none;stroke:#191919;stroke-width:1.6;stroke-linecap:round;stroke-linejoin:round}",
    ".wxform-preview .thin{stroke-width:1.3}",
    ".wxform-preview text{fill:#191919;text-anchor:middle}",
    ".wxform-preview .clock{font-size:13px;font-weight:600}",
    ".wxform-preview .title{font-size:16px;font-weight:600}",
    ".wxform-preview .name{font-size:14px}",
    ".wxform-preview .sub{font-size:13px}",
    ".wxform-preview .does{font-size:8.5px;fill:#6b6b6b}",
    ".wxform-preview .hint{font-size:13px;fill:#6b6b6b}",
    ".wxform-preview .input{fill:#fff}",
    ".wxform-preview .stamp{font-size:11px;fill:#b2b2b2}",
    ".wxform-preview .avatar{fill:#07c160}",
    ".wxform-preview .bubble{fill:#fff}",
    ".wxform-preview .ghost{fill:#e5e5e5}",
    ".wxform-preview .pop{fill:#fff;stroke:#d9d9d9;stroke-width:1}",
    ".wxform-preview .pop-cover{fill:#fff}",
    ".wxform-preview .side{font-size:12px;fill:#6b6b6b;letter-spacing:.04em}",
    ".wxform-preview .arrow{fill:none;stroke:#b2b2b2;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}",
    ".wxform-preview .h-name{font-size:17px;font-weight:600;text-anchor:start}",
    ".wxform-preview .h-rule{font-size:13px;fill:#6b6b6b;text-anchor:start}",
    ".wxform-preview .pill-text{font-size:12px;fill:#fff}",
    ".wxform-preview .tint.added{fill:rgba(7,193,96,.16)}",
    ".wxform-preview .tint.removed{fill:rgba(250,81,81,.16)}",
    ".wxform-preview .tint.changed{fill:rgba(255,149,0,.18)}",
    ".wxform-preview .badge.added,.wxform-preview .st-appears{fill:#07c160}",
    ".wxform-preview .badge.removed,.wxform-preview .st-disappears{fill:#fa5151}",
    ".wxform-preview .badge.changed,.wxform-preview .st-changed{fill:#ff9500}",
    ".wxform-preview .st-unchanged,.wxform-preview .st-unmanaged,.wxform-preview .st-configured{fill:#8e8e93}",
    ".wxform-preview text.pill-text{fill:#fff}",
    ".wxform-preview .badge-text{font-size:12px;font-weight:700;fill:#fff}",
    "@media (prefers-color-scheme:dark){",
    ".wxform-preview .canvas{fill:#191919}",
    ".wxform-preview .bezel{fill:#48484a}",
    ".wxform-preview .chat{fill:#111}",
    ".wxform-preview .top,.wxform-preview .bar{fill:#1e1e1e}",
    ".wxform-preview .edge{stroke:#2c2c2c}",
    ".wxform-preview .sep{stroke:#3a3a3a}",
    ".wxform-preview .home{fill:#eee}",
    ".wxform-preview .icon{fill:#d5d5d5}",
    ".wxform-preview .icon-stroke{stroke:#d5d5d5}",
    ".wxform-preview text{fill:#d5d5d5}",
    ".wxform-preview .does,.wxform-preview .hint,.wxform-preview .side,.wxform-preview .h-rule{fill:#999}",
    ".wxform-preview .input,.wxform-preview .bubble{fill:#2c2c2c}",
    ".wxform-preview .ghost{fill:#3a3a3a}",
    ".wxform-preview .pop,.wxform-preview .pop-cover{fill:#2c2c2c;stroke:#3a3a3a}",
    ".wxform-preview .pop-cover{stroke:none}",
    ".wxform-preview text.pill-text,.wxform-preview .badge-text{fill:#fff}",
    "}",
);

/// Rules for the HTML around the drawings.
pub const PAGE_STYLE: &str = concat!(
    ":root{color-scheme:light dark}",
    "body{margin:0;padding:24px;background:#f2f2f2;color:#191919;font:15px/1.5 ",
    font_stack!(),
    "}",
    "h1{font-size:22px;margin:0 0 4px}",
    "header p{margin:0 0 8px;color:#666}",
    ".legend span{display:inline-block;margin-right:14px}",
    ".legend i{display:inline-block;width:18px;height:18px;border-radius:9px;color:#fff;text-align:center;font-style:normal;font-weight:700;line-height:18px;margin-right:4px}",
    ".i-added{background:#07c160}.i-removed{background:#fa5151}.i-changed{background:#ff9500}",
    ".errors{border-left:4px solid #fa5151;background:#fff0f0;padding:8px 14px;margin:12px 0}",
    ".audiences{display:flex;flex-wrap:wrap;gap:20px;margin-top:16px}",
    ".audience{background:#fff;border-radius:12px;padding:16px 16px 8px;box-shadow:0 1px 3px rgba(0,0,0,.08)}",
    ".audience h2{font-size:18px;margin:0;display:flex;gap:10px;align-items:center;flex-wrap:wrap}",
    ".audience .rule{margin:2px 0 0;color:#666}",
    ".audience svg{display:block;max-width:100%;height:auto}",
    ".audience ul{margin:0 0 8px;padding-left:20px;max-width:660px}",
    // Lines wrap between words (and between CJK characters, as CJK text does); a word is
    // broken only when it alone is wider than the line (a long link), never to fill a line.
    "header p,.audience h2,.audience .rule,.audience li{overflow-wrap:break-word;word-break:normal;line-break:strict}",
    ".pill{font-size:12px;font-weight:400;color:#fff;border-radius:11px;padding:1px 10px}",
    ".pill.st-changed{background:#ff9500}.pill.st-appears{background:#07c160}.pill.st-disappears{background:#fa5151}",
    ".pill.st-unchanged,.pill.st-unmanaged,.pill.st-configured{background:#8e8e93}",
    "@media (prefers-color-scheme:dark){",
    "body{background:#111;color:#d5d5d5}",
    "header p,.audience .rule{color:#8a8a8a}",
    ".audience{background:#191919;box-shadow:none}",
    ".errors{background:#3a1f1f}",
    "}",
);
