//! WeChat's template-message industries: the 41 codes `api_set_industry` takes and the names
//! WeChat answers with. One table serves the planner and the client: codes → names for display,
//! and names → codes when reading, since `get_industry` and every template of the listing name
//! an industry rather than give its code. The names drift (`互联网|电子商务` vs
//! `互联网/电子商务`, `房地产|建筑` for 建筑, `证券|基金|理财|信托` and `基金理财信托` for
//! 基金|理财|信托, `其他` vs `其它`, `医疗护理` vs `医药护理`), so matching ignores
//! punctuation, matches a second class on the parts it shares with the table, and knows those
//! first-class variants.

/// WeChat's industry codes: (code, primary class, secondary class).
pub const INDUSTRIES: [(u8, &str, &str); 41] = [
    (1, "IT科技", "互联网/电子商务"),
    (2, "IT科技", "IT软件与服务"),
    (3, "IT科技", "IT硬件与设备"),
    (4, "IT科技", "电子技术"),
    (5, "IT科技", "通信与运营商"),
    (6, "IT科技", "网络游戏"),
    (7, "金融业", "银行"),
    (8, "金融业", "基金|理财|信托"),
    (9, "金融业", "保险"),
    (10, "餐饮", "餐饮"),
    (11, "酒店旅游", "酒店"),
    (12, "酒店旅游", "旅游"),
    (13, "运输与仓储", "快递"),
    (14, "运输与仓储", "物流"),
    (15, "运输与仓储", "仓储"),
    (16, "教育", "培训"),
    (17, "教育", "院校"),
    (18, "政府与公共事业", "学术科研"),
    (19, "政府与公共事业", "交警"),
    (20, "政府与公共事业", "博物馆"),
    (21, "政府与公共事业", "公共事业|非盈利机构"),
    (22, "医药护理", "医药医疗"),
    (23, "医药护理", "护理美容"),
    (24, "医药护理", "保健与卫生"),
    (25, "交通工具", "汽车相关"),
    (26, "交通工具", "摩托车相关"),
    (27, "交通工具", "火车相关"),
    (28, "交通工具", "飞机相关"),
    (29, "房地产", "建筑"),
    (30, "房地产", "物业"),
    (31, "消费品", "消费品"),
    (32, "商业服务", "法律"),
    (33, "商业服务", "会展"),
    (34, "商业服务", "中介服务"),
    (35, "商业服务", "认证"),
    (36, "商业服务", "审计"),
    (37, "文体娱乐", "传媒"),
    (38, "文体娱乐", "体育"),
    (39, "文体娱乐", "娱乐休闲"),
    (40, "印刷", "印刷"),
    (41, "其它", "其它"),
];

/// `IT科技/互联网/电子商务` for code 1.
pub fn industry_name(code: u8) -> Option<String> {
    INDUSTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, first, second)| format!("{first}/{second}"))
}

/// Letters and digits only, lowercase, with the known spelling variants of first classes
/// unified (`其他` for `其它`, `医疗护理` for `医药护理`).
fn fold(name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    plain
        .replace("其他", "其它")
        .replace("医疗护理", "医药护理")
}

/// The parts of a name WeChat joins with `|` or `/` (`证券|基金|理财|信托`), each folded.
fn parts(name: &str) -> Vec<String> {
    name.split(['|', '/', '｜', '／', '、'])
        .map(fold)
        .filter(|part| !part.is_empty())
        .collect()
}

/// Whether WeChat's second class `read` names the table's `second`: every part of the table's
/// name is one of its parts (`房地产|建筑` names `建筑`, `证券|基金|理财|信托` names
/// `基金|理财|信托`), or, written without separators, it holds the table's name
/// (`基金理财信托`, `广告会展`).
fn read_names(read: &str, second: &str) -> bool {
    let read_parts = parts(read);
    parts(second).iter().all(|part| read_parts.contains(part)) || fold(read).contains(&fold(second))
}

/// The code of an industry named `first_class` / `second_class`, if one code answers to it.
///
/// WeChat's `get_industry` and template listing name industries in their own way, not the
/// table's: `房地产|建筑` for 建筑, `证券|基金|理财|信托` for 基金|理财|信托, `医疗护理` for
/// 医药护理, `其他` for 其它. So the second class is matched on the parts it shares with the
/// table; the first class decides between several candidates, and is not needed when the
/// second class names one industry only. Names that fit no code, or several, have none:
/// wxform never guesses an industry.
pub fn code(first_class: &str, second_class: &str) -> Option<u8> {
    let (first, second) = (fold(first_class), fold(second_class));
    if second.is_empty() {
        return None;
    }
    let exact = INDUSTRIES
        .iter()
        .find(|(_, p, s)| fold(p) == first && fold(s) == second);
    if let Some((code, _, _)) = exact {
        return Some(*code);
    }
    // One copy of the table names 17 `教育/教育`.
    if first == "教育" && second == "教育" {
        return Some(17);
    }
    let candidates: Vec<&(u8, &str, &str)> = INDUSTRIES
        .iter()
        .filter(|(_, _, s)| read_names(second_class, s))
        .collect();
    let same_first: Vec<&&(u8, &str, &str)> = candidates
        .iter()
        .filter(|(_, p, _)| fold(p) == first)
        .collect();
    match (same_first.as_slice(), candidates.as_slice()) {
        ([(code, _, _)], _) | ([], [(code, _, _)]) => Some(*code),
        _ => None,
    }
}

/// How an industry reads in messages: `13 (运输与仓储/快递)` when its names map to a code,
/// else WeChat's own names, both of them, saying so: `火星/殖民 (no industry code wxform
/// knows)`. Never a bare `?`: an industry wxform cannot map stays visible as itself.
pub fn describe(code: Option<u8>, first_class: &str, second_class: &str) -> String {
    let names = format!("{first_class}/{second_class}");
    match code {
        Some(code) => format!("{code} ({names})"),
        None => format!("{names} (no industry code wxform knows)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_entry_maps_to_its_code() {
        for (expected, primary, secondary) in INDUSTRIES {
            assert_eq!(
                code(primary, secondary),
                Some(expected),
                "{primary}/{secondary}"
            );
        }
    }

    #[test]
    fn punctuation_case_and_first_class_variants_are_ignored() {
        assert_eq!(code("IT科技", "互联网|电子商务"), Some(1));
        assert_eq!(code("金融业", "基金/理财/信托"), Some(8));
        assert_eq!(code("医疗护理", "医药医疗"), Some(22));
        assert_eq!(code("其他", "其他"), Some(41));
        assert_eq!(code("政府与公共事业", "公共事业/非盈利机构"), Some(21));
        assert_eq!(code("教育", "教育"), Some(17));
        assert_eq!(code(" it科技 ", "IT 软件与服务"), Some(2));
    }

    /// WeChat's own names for the industries whose second class it writes otherwise than the
    /// code table: each maps to its code.
    #[test]
    fn second_classes_as_wechat_writes_them_map_on_the_part_the_table_names() {
        let written = [
            ("房地产", "房地产|建筑", 29),
            ("金融业", "证券|基金|理财|信托", 8),
            ("金融业", "基金理财信托", 8),
            ("政府与公共事业", "政府|公共事业|非盈利机构", 21),
            ("商业服务", "广告|会展", 33),
            ("商业服务", "广告会展", 33),
            ("商业服务", "检测|认证", 35),
            ("商业服务", "会计|审计", 36),
            ("文体娱乐", "文化|传媒", 37),
            ("印刷", "打印|印刷", 40),
        ];
        for (first, second, expected) in written {
            assert_eq!(code(first, second), Some(expected), "{first}/{second}");
        }
    }

    #[test]
    fn a_second_class_is_enough_when_it_names_one_industry() {
        assert_eq!(code("地产", "房地产|建筑"), Some(29));
        assert_eq!(code("", "证券|基金|理财|信托"), Some(8));
    }

    /// Names that fit no code, or several, are never guessed.
    #[test]
    fn unknown_or_ambiguous_names_have_no_code() {
        assert_eq!(code("火星", "殖民"), None);
        assert_eq!(code("", ""), None);
        assert_eq!(code("IT科技", ""), None);
        // Both 11 (酒店) and 12 (旅游), under a first class that is neither's.
        assert_eq!(code("出行", "酒店|旅游"), None);
    }

    #[test]
    fn the_first_class_decides_between_candidates() {
        // 10 is 餐饮/餐饮, 31 is 消费品/消费品.
        assert_eq!(code("餐饮", "餐饮|消费品"), Some(10));
        assert_eq!(code("消费品", "餐饮|消费品"), Some(31));
        // 11 and 12 share their first class: it cannot decide.
        assert_eq!(code("酒店旅游", "酒店|旅游"), None);
        assert_eq!(code("酒店旅游", "酒店"), Some(11));
    }

    #[test]
    fn an_industry_is_described_by_its_code_or_by_both_its_names() {
        assert_eq!(
            describe(Some(13), "运输与仓储", "快递"),
            "13 (运输与仓储/快递)"
        );
        assert_eq!(
            describe(None, "火星", "殖民"),
            "火星/殖民 (no industry code wxform knows)"
        );
    }
}
