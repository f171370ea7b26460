//! Conditional menus nobody can see: a newer menu (later in the list) matches everyone an
//! older one matches, so WeChat never gets to the older one. A warning, naming both menus;
//! two menus with the same matchrule are the plainest case (WeChat accepts both and always
//! shows the newer), said in those words.

use super::conditional::matchrule;
use crate::audience::{self, Rule, Unreachable};
use crate::config::diagnostic::Diagnostic;
use crate::config::raw::{List, RawConditionalMenu, RawConfig};
use crate::config::rule_id::RuleId;
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
        // Two menus with one matchrule: the newer one alone hides the older.
        let twin = match hidden.by[..] {
            [newer] if rules[newer] == rules[hidden.menu] => Some(newer),
            _ => None,
        };
        out.push(never_seen(menus, &hidden, twin));
    }
}

fn never_seen(
    menus: &List<RawConditionalMenu>,
    hidden: &Unreachable,
    twin: Option<usize>,
) -> Diagnostic {
    let name = |index: usize| &menus.value[index].value.name.value;
    let menu = &menus.value[hidden.menu].value;
    let (why, help) = match twin {
        Some(newer) => (
            format!(
                "`{}`, later in conditional_menus, has the same matchrule",
                name(newer)
            ),
            format!(
                "remove `{}`, or give one of the two another matchrule",
                menu.name.value
            ),
        ),
        None => {
            let by: Vec<String> = hidden
                .by
                .iter()
                .map(|&i| format!("`{}`", name(i)))
                .collect();
            (
                audience::hidden_by(&by),
                format!(
                    "move `{}` after the menus that hide it, or narrow their matchrules",
                    menu.name.value
                ),
            )
        }
    };
    let mut diagnostic = Diagnostic::warning(
        RuleId::UnreachableMenu,
        format!(
            "conditional menu `{}` is never seen: {why}",
            menu.name.value
        ),
    )
    .at(menu.matchrule.span.clone(), "nobody reaches this menu");
    for &index in &hidden.by {
        diagnostic = diagnostic.context(
            menus.value[index].value.matchrule.span.clone(),
            format!("`{}` is tried first", name(index)),
        );
    }
    if twin.is_some() {
        diagnostic = diagnostic.note(
            "WeChat accepts two conditional menus with one matchrule and keeps both; it shows the newer",
        );
    }
    diagnostic
        .note("WeChat tries the newest conditional menu first: later entries take precedence")
        .help(help)
}
