//! Conditional menus nobody can see: a newer menu (later in the list) matches everyone an
//! older one matches, so WeChat never gets to the older one. A warning, naming both menus.

use super::conditional::matchrule;
use crate::audience::{self, Rule};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::RawConfig;
use crate::model::TagRef;

pub(super) fn check(raw: &RawConfig, out: &mut Vec<Diagnostic>) {
    let Some(menus) = &raw.conditional_menus else {
        return;
    };
    // An invalid or empty matchrule is an error of its own, not a menu for everyone.
    let rules: Vec<Option<Rule<TagRef>>> = menus
        .value
        .iter()
        .map(|menu| Rule::configured(&matchrule(&menu.value.matchrule.value)?))
        .collect();
    for hidden in audience::unreachable(&rules) {
        // Two menus with one matchrule are already an error of their own.
        if let [newer] = hidden.by[..]
            && rules[newer] == rules[hidden.menu]
        {
            continue;
        }
        let menu = &menus.value[hidden.menu].value;
        let by: Vec<String> = hidden
            .by
            .iter()
            .map(|&index| format!("`{}`", menus.value[index].value.name.value))
            .collect();
        let mut diagnostic = Diagnostic::warning(format!(
            "conditional menu `{}` is never seen: {}",
            menu.name.value,
            audience::hidden_by(&by)
        ))
        .at(menu.matchrule.span.clone(), "nobody reaches this menu");
        for &index in &hidden.by {
            let newer = &menus.value[index].value;
            diagnostic = diagnostic.context(
                newer.matchrule.span.clone(),
                format!("`{}` is tried first", newer.name.value),
            );
        }
        out.push(
            diagnostic
                .note(
                    "WeChat tries the newest conditional menu first: later entries take precedence",
                )
                .help(format!(
                    "move `{}` after the menus that hide it, or narrow their matchrules",
                    menu.name.value
                )),
        );
    }
}
