//! The canonical YAML of a resource: what plan diffs compare line by line and what `export`
//! writes. Field order follows the model types, so the same resource always gives the same text.

use crate::plan::Resource;
use serde::Serialize;

/// Serialise any model value as block YAML, with no invisible character written raw (a live
/// name holding one is written double-quoted, with escapes: [`super::inert_yaml`]).
pub fn to_yaml<T: Serialize>(value: &T) -> String {
    let mut text = serde_saphyr::to_string(value).unwrap_or_else(|err| format!("# {err}\n"));
    if text.chars().any(crate::inert::is_invisible) {
        text = super::inert_yaml::to_inert_yaml(value).unwrap_or_else(|err| format!("# {err}\n"));
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A plan resource as YAML, without the `resource` tag the JSON form carries.
pub fn resource_yaml(resource: &Resource) -> String {
    match resource {
        Resource::Menu(view) => to_yaml(view),
        Resource::ConditionalMenu(view) => to_yaml(view),
        Resource::Tag(view) => to_yaml(view),
        Resource::Industry(view) => to_yaml(view),
        Resource::Template(view) => to_yaml(view),
        Resource::SubscribeTemplate(view) => to_yaml(view),
        Resource::Material(view) => to_yaml(view),
    }
}

/// The line diff of two optional resources: `(' ' | '-' | '+', line)` pairs, the whole resource
/// with its changed lines marked.
pub fn diff_lines(before: Option<&Resource>, after: Option<&Resource>) -> Vec<(char, String)> {
    let before = before.map(resource_yaml).unwrap_or_default();
    let after = after.map(resource_yaml).unwrap_or_default();
    similar::TextDiff::from_lines(&before, &after)
        .iter_all_changes()
        .map(|change| {
            let sign = match change.tag() {
                similar::ChangeTag::Equal => ' ',
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
            };
            (sign, change.value().trim_end_matches('\n').to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testkit::*;
    use crate::plan::{MenuView, TagView};

    #[test]
    fn invisible_characters_are_escaped_and_load_back_to_the_same_value() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Doc {
            name: String,
            items: Vec<String>,
            id: u64,
        }
        let hostile = [
            "evil\u{202e}gnp.exe",
            "@a\u{061c}b",
            "x\u{180e}y: z # c",
            "line\u{2028}sep\u{2029}par",
            "two\nlines\u{200b}",
            "'quoted\u{00ad}' \"too\"",
            "tag\u{e0041}char",
            &format!("{}\u{2066}", "long ".repeat(30)),
        ];
        for text in hostile {
            let doc = Doc {
                name: text.to_string(),
                items: vec![text.to_string(), "plain".into()],
                id: 7,
            };
            let yaml = to_yaml(&doc);
            assert!(
                !yaml.chars().any(crate::inert::is_invisible),
                "raw in:\n{yaml}"
            );
            let back: Doc =
                serde_saphyr::from_str(&yaml).unwrap_or_else(|err| panic!("{err}: {yaml}"));
            assert_eq!(back, doc, "{yaml}");
        }
        // Values without such characters are written as the serialiser writes them.
        let plain = MenuView {
            source: None,
            button: default_buttons(),
        };
        assert_eq!(to_yaml(&plain), serde_saphyr::to_string(&plain).unwrap());
    }

    #[test]
    fn buttons_serialise_in_model_order_without_empty_fields() {
        let yaml = to_yaml(&MenuView {
            source: None,
            button: default_buttons(),
        });
        insta::assert_snapshot!(yaml);
    }

    #[test]
    fn control_characters_are_escaped() {
        let yaml = to_yaml(&vec!["a\u{1b}[31mb", "yes", "- x"]);
        assert_eq!(yaml, "- \"a\\e[31mb\"\n- \"yes\"\n- \"- x\"\n");
    }

    #[test]
    fn a_renamed_tag_diffs_on_its_name_line_only() {
        let before = Resource::Tag(TagView {
            name: "beta".into(),
            id: Some(101),
        });
        let after = Resource::Tag(TagView {
            name: "内测".into(),
            id: Some(101),
        });
        let lines = diff_lines(Some(&before), Some(&after));
        assert_eq!(
            lines,
            vec![
                ('-', "name: beta".to_string()),
                ('+', "name: 内测".to_string()),
                (' ', "id: 101".to_string()),
            ]
        );
    }
}
