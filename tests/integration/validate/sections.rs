//! Rules of the document itself, tags, templates and subscribe templates.

use super::{rejects, validate_yaml, warns};
use crate::support::run::contains;

rejects!(version_must_be_1, "version: 2\n", "1:10");

#[test]
fn an_unusual_appid_is_a_warning() {
    let run = validate_yaml("version: 1\naccount: { appid: wx123 }\n");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    contains(
        &run.stderr,
        "warning: `wx123` does not look like an AppID\n --> wxform.yaml:2:19\n",
    );
    assert!(
        run.stderr
            .ends_with("wxform.yaml is valid: nothing managed\n")
    );
}

fn tags(items: &str) -> String {
    format!("version: 1\ntags:\n  items:\n{items}")
}

rejects!(
    tag_name_over_30_characters,
    tags(&format!("    - name: {}\n", "t".repeat(31))),
    "4:13"
);

warns!(
    tag_name_over_30_bytes_only_in_utf8,
    tags("    - name: 一二三四五六七八九十一\n"),
    "4:13"
);

rejects!(
    tag_names_are_unique,
    tags("    - name: VIP\n    - name: VIP\n"),
    "5:13"
);

rejects!(
    the_system_tag_is_reserved,
    tags("    - name: 星标组\n"),
    "4:13"
);

rejects!(
    a_previous_name_is_not_a_current_name,
    tags("    - name: VIP\n    - name: 内测用户\n      previously: [beta, VIP]\n"),
    "6:26"
);

rejects!(
    a_previous_name_belongs_to_one_tag,
    tags("    - name: a\n      previously: [old]\n    - name: b\n      previously: [old]\n"),
    "7:20"
);

rejects!(
    at_most_100_tags,
    tags(
        &(1..=101)
            .map(|i| format!("    - name: t{i}\n"))
            .collect::<String>()
    ),
    "104:7"
);

fn templates(body: &str) -> String {
    format!("version: 1\ntemplates:\n{body}")
}

const ORDER_PAID: &str = "    - { name: order_paid, short_id: TM00015, title: 订单支付成功, keywords: [订单号, 金额] }\n";

rejects!(
    industry_codes_are_1_to_41,
    templates("  industry: { primary: 1, secondary: 42 }\n"),
    "3:38"
);

warns!(
    the_same_industry_twice,
    templates("  industry: { primary: 4, secondary: 4 }\n"),
    "3:38"
);

rejects!(
    template_names_are_unique,
    templates(&format!(
        "  items:\n{ORDER_PAID}    - {{ name: order_paid, short_id: TM00016, title: 发货, keywords: [单号] }}\n"
    )),
    "5:15"
);

rejects!(
    templates_with_one_title_and_keywords_are_indistinguishable,
    templates(&format!(
        "  items:\n{ORDER_PAID}    - {{ name: again, short_id: TM00099, title: 订单支付成功, keywords: [订单号, 金额] }}\n"
    )),
    "5:48"
);

rejects!(
    at_most_25_templates,
    templates(&format!(
        "  items:\n{}",
        (1..=26)
            .map(|i| format!("    - {{ name: t{i}, short_id: TM{i}, title: 标题{i} }}\n"))
            .collect::<String>()
    )),
    "29:7"
);

fn subscribe(items: &str) -> String {
    format!("version: 1\nsubscribe_templates:\n  items:\n{items}")
}

fn item(name: &str, kids: &str, keywords: &str) -> String {
    format!(
        "    - {{ name: {name}, tid: 401, kid_list: {kids}, scene_desc: 发货, title: 发货通知, keywords: {keywords} }}\n"
    )
}

rejects!(
    kid_list_has_at_least_2_ids,
    subscribe(&item("a", "[1]", "[单号]")),
    "4:38"
);

#[test]
fn kid_list_has_at_most_5_ids() {
    let run = validate_yaml(subscribe(&item(
        "a",
        "[1, 2, 3, 4, 5, 6]",
        "[a, b, c, d, e, f]",
    )));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    contains(
        &run.stderr,
        "error: kid_list has 6 keyword ids; WeChat needs 2–5\n --> wxform.yaml:4:38\n",
    );
}

warns!(
    a_keyword_id_listed_twice,
    subscribe(&item("a", "[1, 1]", "[单号, 单号]")),
    "4:42"
);

rejects!(
    one_keyword_label_per_id,
    subscribe(&item("a", "[1, 2]", "[单号]")),
    "4:85"
);

rejects!(
    scene_desc_is_at_most_15_characters,
    subscribe(
        "    - name: a\n      tid: 401\n      kid_list: [1, 2]\n      scene_desc: 一二三四五六七八九十一二三四五六\n      title: 发货通知\n      keywords: [单号, 时间]\n"
    ),
    "7:19"
);

rejects!(
    subscribe_template_names_are_unique,
    subscribe(&format!(
        "{}{}",
        item("a", "[1, 2]", "[单号, 时间]"),
        item("a", "[1, 3]", "[单号, 地点]")
    )),
    "5:15"
);

rejects!(
    at_most_25_subscribe_templates,
    subscribe(
        &(1..=26)
            .map(|i| item(&format!("s{i}"), "[1, 2]", &format!("[a{i}, b]")))
            .collect::<String>()
    ),
    "29:7"
);

#[test]
fn scene_desc_counts_characters_not_bytes() {
    // 15 CJK characters are 45 bytes and still fit.
    let run = validate_yaml(subscribe(
        "    - name: a\n      tid: 401\n      kid_list: [1, 2]\n      scene_desc: 一二三四五六七八九十一二三四五\n      title: 发货通知\n      keywords: [单号, 时间]\n",
    ));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

/// The confirmation says what the file will do: a managed section without items is not
/// "nothing managed", and `unmanaged: delete` deletes what the file does not list.
#[test]
fn the_confirmation_names_empty_sections_and_deletes() {
    let run = validate_yaml(
        "version: 1\nconditional_menus: []\ntags: { unmanaged: delete }\ntemplates: {}\n",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wxform.yaml is valid: 0 conditional menus, 0 tags (others deleted), 0 templates\n"
    );
    let run = validate_yaml(
        "version: 1\ntags: { unmanaged: keep, items: [{ name: VIP }] }\nsubscribe_templates: { unmanaged: delete, items: [] }\n",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wxform.yaml is valid: 1 tag, 0 subscribe templates (others deleted)\n"
    );
}
