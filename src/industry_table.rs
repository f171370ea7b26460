//! WeChat's template-message industries: the 41 codes `api_set_industry` takes and the names
//! WeChat answers with. One table serves the planner and the client: codes → names for display,
//! and names → codes when reading, since `get_industry` and every template of the listing name
//! an industry rather than give its code. The names drift (`互联网|电子商务` vs
//! `互联网/电子商务`, `基金理财信托`, `其他` vs `其它`, `医疗护理` vs `医药护理`), so matching
//! ignores punctuation and knows those variants.

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

/// Letters and digits only, lowercase, with known spelling variants unified.
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

/// The code of an industry named `first_class` / `second_class`, if recognised. Every
/// secondary name is unique, so it decides when the primary name has drifted.
pub fn code(first_class: &str, second_class: &str) -> Option<u8> {
    let (first, second) = (fold(first_class), fold(second_class));
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
    INDUSTRIES
        .iter()
        .find(|(_, _, s)| fold(s) == second)
        .map(|(code, _, _)| *code)
}
