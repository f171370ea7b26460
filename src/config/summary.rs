//! A one-line account of what a valid configuration manages, for `validate`'s confirmation.

use crate::model::{Desired, UnmanagedPolicy};
use crate::words::plural;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// `Some(0)` when the file deletes the default menu.
    pub menu_buttons: Option<usize>,
    /// `None` when the section is not managed; `Some(0)` is a managed, empty section, which
    /// is not "nothing": applying it deletes what is live.
    pub conditional_menus: Option<usize>,
    pub tags: Option<Listed>,
    pub templates: Option<Listed>,
    pub subscribe_templates: Option<Listed>,
    pub menu_checks: usize,
}

/// A section with an `unmanaged` policy: how many items it lists, and whether the live ones
/// it does not list are deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    pub items: usize,
    pub others_deleted: bool,
}

impl Listed {
    fn new(items: usize, unmanaged: UnmanagedPolicy) -> Listed {
        Listed {
            items,
            others_deleted: unmanaged == UnmanagedPolicy::Delete,
        }
    }
}

impl Summary {
    pub fn of(desired: &Desired) -> Summary {
        Summary {
            menu_buttons: desired.menu.as_ref().map(|menu| menu.button.len()),
            conditional_menus: desired.conditional_menus.as_ref().map(Vec::len),
            tags: desired
                .tags
                .as_ref()
                .map(|t| Listed::new(t.items.len(), t.unmanaged)),
            templates: desired
                .templates
                .as_ref()
                .map(|t| Listed::new(t.items.len(), t.unmanaged)),
            subscribe_templates: desired
                .subscribe_templates
                .as_ref()
                .map(|t| Listed::new(t.items.len(), t.unmanaged)),
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
        if let Some(count) = self.conditional_menus {
            parts.push(plural(count, "conditional menu"));
        }
        let listed = [
            (self.tags, "tag"),
            (self.templates, "template"),
            (self.subscribe_templates, "subscribe template"),
        ];
        for (section, noun) in listed {
            if let Some(section) = section {
                let others = if section.others_deleted {
                    " (others deleted)"
                } else {
                    ""
                };
                parts.push(format!("{}{others}", plural(section.items, noun)));
            }
        }
        if self.menu_checks > 0 {
            parts.push(plural(self.menu_checks, "menu check"));
        }
        if parts.is_empty() {
            f.write_str("nothing managed")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}
