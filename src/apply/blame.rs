//! WeChat rejects a menu with a code for the kind of field that is wrong (40018: a top-level
//! name is too long) but not the button. When local validation passed, the platform's limit is
//! stricter than the documented one (older documents give sub-menu names 40 bytes, not 60), and
//! the button with the longest such field is the one to look at: this names it, with its byte
//! count against the documented limit.

use crate::model::Button;

/// The field and level a byte-size errcode of menu/create and menu/addconditional is about,
/// with the documented limit.
fn field_of(errcode: i64) -> Option<(Level, Field, usize)> {
    Some(match errcode {
        40018 => (Level::Top, Field::Name, 16),
        40019 => (Level::Top, Field::Key, 128),
        40020 => (Level::Top, Field::Url, 1024),
        40025 => (Level::Sub, Field::Name, 60),
        40026 => (Level::Sub, Field::Key, 128),
        40027 => (Level::Sub, Field::Url, 1024),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Top,
    Sub,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Key,
    Url,
}

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Key => "key",
            Field::Url => "url",
        }
    }

    fn of(self, button: &Button) -> Option<&str> {
        match self {
            Field::Name => Some(&button.name),
            Field::Key => button.key.as_deref(),
            Field::Url => button.url.as_deref(),
        }
    }
}

/// For a rejection of `buttons` (the menu at `address`) with `errcode`: the button whose field
/// is longest, its position, name and byte count against the documented limit. `None` for
/// codes that are not about a field's size.
pub fn blame(address: &str, buttons: &[Button], errcode: i64) -> Option<String> {
    let (level, field, limit) = field_of(errcode)?;
    let mut candidates: Vec<(String, &Button)> = Vec::new();
    for (i, top) in buttons.iter().enumerate() {
        match level {
            Level::Top => candidates.push((format!("button {}", i + 1), top)),
            Level::Sub => candidates.extend(
                top.sub_button
                    .iter()
                    .enumerate()
                    .map(|(j, sub)| (format!("button {}, sub button {}", i + 1, j + 1), sub)),
            ),
        }
    }
    let bytes = |button: &Button| field.of(button).map_or(0, str::len);
    // The first of the longest: `max_by_key` would keep the last.
    let most = candidates.iter().map(|(_, b)| bytes(b)).max()?;
    let (position, button) = candidates.into_iter().find(|(_, b)| bytes(b) == most)?;
    let bytes = most;
    let kind = match level {
        Level::Top => "top-level button",
        Level::Sub => "sub button",
    };
    let mut text = format!(
        "the longest {kind} {} in {address} is {position} \"{}\": {bytes} bytes (UTF-8) against a documented limit of {limit}",
        field.label(),
        button.name
    );
    if bytes <= limit {
        text.push_str("; WeChat enforces a lower limit on this account");
        if (level, field) == (Level::Sub, Field::Name) {
            text.push_str(" (older WeChat documents say 40 bytes)");
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(name: &str, key: &str) -> Button {
        Button {
            name: name.into(),
            kind: Some("click".into()),
            key: Some(key.into()),
            ..Button::default()
        }
    }

    fn menu() -> Vec<Button> {
        vec![
            leaf("今日", "A"),
            Button {
                name: "服务".into(),
                sub_button: vec![leaf("官网", "B"), leaf("官方商城新品限时特惠活动入口", "C")],
                ..Button::default()
            },
        ]
    }

    #[test]
    fn a_sub_button_name_rejection_names_the_longest_sub_button() {
        assert_eq!(
            blame("menu", &menu(), 40025).unwrap(),
            "the longest sub button name in menu is button 2, sub button 2 \"官方商城新品限时特惠活动入口\": 42 bytes (UTF-8) against a documented limit of 60; WeChat enforces a lower limit on this account (older WeChat documents say 40 bytes)"
        );
    }

    #[test]
    fn a_top_level_key_rejection_looks_at_top_level_buttons_only() {
        let text = blame("conditional_menu.vip", &menu(), 40019).unwrap();
        assert!(
            text.starts_with("the longest top-level button key in conditional_menu.vip is button 1 \"今日\": 1 bytes"),
            "{text}"
        );
    }

    #[test]
    fn other_codes_blame_nothing() {
        assert_eq!(blame("menu", &menu(), 40016), None);
        assert_eq!(blame("menu", &[], 40018), None);
    }
}
