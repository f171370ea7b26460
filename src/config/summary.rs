//! A one-line account of what a valid configuration manages, for `validate`'s confirmation.

use crate::model::Desired;
use crate::words::plural;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// `Some(0)` when the file deletes the default menu.
    pub menu_buttons: Option<usize>,
    pub conditional_menus: usize,
    pub tags: usize,
    pub templates: usize,
    pub subscribe_templates: usize,
    pub menu_checks: usize,
}

impl Summary {
    pub fn of(desired: &Desired) -> Summary {
        Summary {
            menu_buttons: desired.menu.as_ref().map(|menu| menu.button.len()),
            conditional_menus: desired.conditional_menus.as_ref().map_or(0, Vec::len),
            tags: desired.tags.as_ref().map_or(0, |tags| tags.items.len()),
            templates: desired.templates.as_ref().map_or(0, |t| t.items.len()),
            subscribe_templates: desired
                .subscribe_templates
                .as_ref()
                .map_or(0, |t| t.items.len()),
            menu_checks: desired.menu_checks.len(),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        match self.menu_buttons {
            Some(0) => parts.push("the default menu deleted".to_string()),
            Some(_) => parts.push("1 menu".to_string()),
            None => {}
        }
        let counts = [
            (self.conditional_menus, "conditional menu"),
            (self.tags, "tag"),
            (self.templates, "template"),
            (self.subscribe_templates, "subscribe template"),
            (self.menu_checks, "menu check"),
        ];
        for (count, noun) in counts {
            if count > 0 {
                parts.push(plural(count, noun));
            }
        }
        if parts.is_empty() {
            f.write_str("nothing managed")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}
