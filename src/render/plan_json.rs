//! The JSON plan for scripts: a versioned document whose fields only ever get added to.

use crate::plan::Plan;
use serde_json::{Value, json};

/// Version of the JSON plan document.
pub const FORMAT_VERSION: u32 = 1;

pub fn plan_json(plan: &Plan) -> Value {
    let summary = plan.summary();
    let actions: Vec<Value> = plan
        .actions
        .iter()
        .map(|action| {
            json!({
                "address": action.address,
                "action": action.kind,
                "destructive": action.destructive,
                "before": action.before,
                "after": action.after,
                "warnings": action.warnings,
            })
        })
        .collect();
    json!({
        "format_version": FORMAT_VERSION,
        "appid": plan.appid,
        "summary": {
            "add": summary.add,
            "change": summary.change,
            "replace": summary.replace,
            "destroy": summary.destroy,
            "has_changes": plan.has_changes(),
        },
        "actions": actions,
        "unmanaged": plan.unmanaged,
        "notes": plan.notes,
        "errors": plan.errors,
        "live_fingerprint": plan.live_fingerprint,
        "config_fingerprint": plan.config_fingerprint,
    })
}

/// The document as pretty-printed JSON with a final newline.
pub fn render_json(plan: &Plan) -> String {
    let text = serde_json::to_string_pretty(&plan_json(plan)).expect("JSON values serialise");
    let mut text = crate::inert::json(&text);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan;

    #[test]
    fn cjk_is_not_escaped() {
        let (desired, live) = crate::plan::testkit::scenario_sub_button_renamed();
        let text = render_json(&plan(&desired, &live));
        assert!(text.contains("官方网站"));
        assert!(!text.contains("\\u"));
    }
}
