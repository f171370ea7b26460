//! Keyword labels of a template's `content`: the one parser behind the identity of templates
//! and subscribe templates (title + labels, design §3), since WeChat's listings give neither
//! the library id nor the chosen keywords.
//!
//! WeChat lays content out in several ways, and every one must give the same labels: a line per
//! keyword (`订单号:{{keyword1.DATA}}\n`), `\r\n` or `\r` line ends, everything on one line
//! (`{{first.DATA}} 业务：{{business.DATA}} 系统：{{system.DATA}}`), half- or full-width
//! colons and spaces, extra spaces around them (`IP : {{ip.DATA}}`).

/// The characters that end a label.
const COLONS: [char; 2] = [':', '：'];

/// What separates a value from the next label on one line, besides whitespace.
const SEPARATORS: [char; 6] = ['，', ',', '；', ';', '。', '|'];

/// Keyword labels of a template body, in order: for each `{{name.DATA}}` placeholder, the text
/// in front of it without its colon. Placeholders with no label (`{{first.DATA}}`,
/// `{{remark.DATA}}`) contribute nothing.
pub fn keyword_labels(content: &str) -> Vec<String> {
    let mut labels = Vec::new();
    let mut rest = content;
    let mut after_placeholder = false;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        if let Some(label) = label(&rest[..open], after_placeholder) {
            labels.push(label);
        }
        rest = &rest[open + close + 2..];
        after_placeholder = true;
    }
    labels
}

/// The label in `before`, the text between the previous placeholder (or the start) and the
/// next one. From a line break on, the rest of the line is the label. On the line of a
/// previous placeholder, that placeholder's value may be followed by a unit (`{{a.DATA}}元
/// 时间：`): the label starts after the first space or separator.
fn label(before: &str, after_placeholder: bool) -> Option<String> {
    let (text, same_line) = match before.rfind(['\n', '\r']) {
        Some(at) => (&before[at + 1..], false),
        None => (before, after_placeholder),
    };
    let text = text.trim_end().trim_end_matches(COLONS).trim_end();
    let text = match text.find(|c: char| c.is_whitespace() || SEPARATORS.contains(&c)) {
        Some(at) if same_line => &text[at..],
        _ => text,
    };
    let words: Vec<&str> = text
        .trim_start_matches(SEPARATORS)
        .split_whitespace()
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_per_keyword_skips_first_and_remark() {
        let content = "{{first.DATA}}\n订单号：{{keyword1.DATA}}\n支付金额:{{keyword2.DATA}}\n{{remark.DATA}}";
        assert_eq!(keyword_labels(content), ["订单号", "支付金额"]);
    }

    #[test]
    fn category_templates_end_each_line() {
        let content = "会议时间:{{date2.DATA}}\n会议地点:{{thing1.DATA}}\n";
        assert_eq!(keyword_labels(content), ["会议时间", "会议地点"]);
    }

    #[test]
    fn crlf_and_cr_line_ends_read_like_newlines() {
        let lines = ["订单号:{{keyword1.DATA}}", "支付金额:{{keyword2.DATA}}"];
        for end in ["\n", "\r\n", "\r"] {
            let content = format!(
                "{{{{first.DATA}}}}{end}{}{end}{{{{remark.DATA}}}}",
                lines.join(end)
            );
            assert_eq!(keyword_labels(&content), ["订单号", "支付金额"], "{end:?}");
        }
    }

    #[test]
    fn extra_and_full_width_spaces_around_labels_are_dropped() {
        let content = "{{first.DATA}}\n  订单号 ：　{{keyword1.DATA}}\n\u{3000}支付  金额\t:{{keyword2.DATA}}";
        assert_eq!(keyword_labels(content), ["订单号", "支付 金额"]);
    }

    #[test]
    fn one_line_content_gives_every_label() {
        let content = "{{first.DATA}} 业务：{{business.DATA}} 系统：{{system.DATA}}";
        assert_eq!(keyword_labels(content), ["业务", "系统"]);
    }

    #[test]
    fn a_unit_after_a_value_is_not_part_of_the_next_label() {
        let content = "金额：{{amount.DATA}}元 时间：{{time.DATA}}，地点：{{place.DATA}}";
        assert_eq!(keyword_labels(content), ["金额", "时间", "地点"]);
    }

    #[test]
    fn placeholders_without_labels_or_unclosed_give_nothing() {
        assert!(keyword_labels("{{first.DATA}}{{remark.DATA}}").is_empty());
        assert!(keyword_labels("no placeholder here").is_empty());
        assert_eq!(keyword_labels("a:{{k.DATA}} b:{{broken"), ["a"]);
    }
}
