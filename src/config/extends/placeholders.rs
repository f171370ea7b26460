//! `${name}` in a value: the placeholder an account file's `vars:` fills in. `$${` writes a
//! literal `${`. Anything else that starts with `${` and is not a placeholder is a mistake
//! the user is told about, never text sent to WeChat as it is.

/// One piece of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    /// Text taken as it is.
    Text(&'a str),
    /// `${name}`, starting `at` bytes into the value.
    Var { name: &'a str, at: usize },
    /// `${` that does not start a placeholder: no closing `}`, or no name between.
    Malformed { text: &'a str, at: usize },
}

/// The pieces of `value`, in order.
pub(super) fn pieces(value: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(found) = value[at..].find('$') {
        let dollar = at + found;
        let rest = &value[dollar..];
        if rest.starts_with("$${") {
            out.push(Piece::Text(&value[text_start..dollar]));
            out.push(Piece::Text(&value[dollar + 1..dollar + 3]));
            at = dollar + 3;
        } else if rest.starts_with("${") {
            out.push(Piece::Text(&value[text_start..dollar]));
            let end = rest
                .find('}')
                .map_or(value.len(), |close| dollar + close + 1);
            let text = &value[dollar..end];
            let name = text.strip_prefix("${").and_then(|t| t.strip_suffix('}'));
            out.push(match name {
                Some(name) if is_name(name) => Piece::Var { name, at: dollar },
                _ => Piece::Malformed { text, at: dollar },
            });
            at = end;
        } else {
            at = dollar + 1;
            continue;
        }
        text_start = at;
    }
    out.push(Piece::Text(&value[text_start..]));
    out.retain(|piece| *piece != Piece::Text(""));
    out
}

/// Whether `value` holds a placeholder or something that starts as one.
pub(super) fn mentions_placeholder(value: &str) -> bool {
    pieces(value)
        .iter()
        .any(|piece| !matches!(piece, Piece::Text(_)))
}

/// A name a placeholder can hold: letters, digits and `_`, not starting with a digit, as
/// an environment variable's (and the schema's `NAME_PATTERN`).
pub(super) fn is_name(name: &str) -> bool {
    crate::config::rules::is_env_name(name)
}

/// A malformed placeholder's text, short enough for a message.
pub(super) fn shown(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::Piece::{Malformed, Text, Var};
    use super::*;

    #[test]
    fn placeholders_text_and_escapes() {
        assert_eq!(
            pieces("https://${host}/a?b=${id}"),
            [
                Text("https://"),
                Var {
                    name: "host",
                    at: 8
                },
                Text("/a?b="),
                Var { name: "id", at: 20 }
            ]
        );
        assert_eq!(pieces("${url}"), [Var { name: "url", at: 0 }]);
        assert_eq!(
            pieces("cost $5, $${x}"),
            [Text("cost $5, "), Text("${"), Text("x}")]
        );
        assert_eq!(pieces("plain"), [Text("plain")]);
        assert!(!mentions_placeholder("a $$ b $${c}"));
        assert!(mentions_placeholder("a ${b"));
    }

    #[test]
    fn what_starts_like_a_placeholder_but_is_none_is_malformed() {
        assert_eq!(
            pieces("a${shop url}b"),
            [
                Text("a"),
                Malformed {
                    text: "${shop url}",
                    at: 1
                },
                Text("b")
            ]
        );
        assert_eq!(pieces("${}"), [Malformed { text: "${}", at: 0 }]);
        assert_eq!(
            pieces("${1x}"),
            [Malformed {
                text: "${1x}",
                at: 0
            }]
        );
        assert_eq!(
            pieces("x${open"),
            [
                Text("x"),
                Malformed {
                    text: "${open",
                    at: 1
                }
            ]
        );
        assert_eq!(shown(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
    }
}
