//! The libraries the template endpoints draw from: the industry code table, a small template
//! library (classic `TM…`/`OPENTM…` templates with `first`/`remark`, and numeric category
//! templates with typed keywords), and a small subscribe-notification library.

use super::options::IndustryNames;

/// Industry codes 1–41: (first class, second class as the API names it, with `|`).
pub const INDUSTRIES: [(&str, &str); 41] = [
    ("IT科技", "互联网|电子商务"),
    ("IT科技", "IT软件与服务"),
    ("IT科技", "IT硬件与设备"),
    ("IT科技", "电子技术"),
    ("IT科技", "通信与运营商"),
    ("IT科技", "网络游戏"),
    ("金融业", "银行"),
    ("金融业", "基金理财信托"),
    ("金融业", "保险"),
    ("餐饮", "餐饮"),
    ("酒店旅游", "酒店"),
    ("酒店旅游", "旅游"),
    ("运输与仓储", "快递"),
    ("运输与仓储", "物流"),
    ("运输与仓储", "仓储"),
    ("教育", "培训"),
    ("教育", "院校"),
    ("政府与公共事业", "学术科研"),
    ("政府与公共事业", "交警"),
    ("政府与公共事业", "博物馆"),
    ("政府与公共事业", "公共事业|非盈利机构"),
    ("医药护理", "医药医疗"),
    ("医药护理", "护理美容"),
    ("医药护理", "保健与卫生"),
    ("交通工具", "汽车相关"),
    ("交通工具", "摩托车相关"),
    ("交通工具", "火车相关"),
    ("交通工具", "飞机相关"),
    ("房地产", "建筑"),
    ("房地产", "物业"),
    ("消费品", "消费品"),
    ("商业服务", "法律"),
    ("商业服务", "会展"),
    ("商业服务", "中介服务"),
    ("商业服务", "认证"),
    ("商业服务", "审计"),
    ("文体娱乐", "传媒"),
    ("文体娱乐", "体育"),
    ("文体娱乐", "娱乐休闲"),
    ("印刷", "印刷"),
    ("其它", "其它"),
];

/// The names of industry `code`, if it exists.
pub fn industry(code: u32) -> Option<(&'static str, &'static str)> {
    let index = usize::try_from(code).ok()?.checked_sub(1)?;
    INDUSTRIES.get(index).copied()
}

/// The industries whose names real accounts read back otherwise than [`INDUSTRIES`]: 8 and 29
/// as get_industry answers recorded by SDK tests show them, the rest as a public client's
/// get_industry name table lists them.
const RECORDED: [(u32, &str, &str); 12] = [
    (8, "金融业", "证券|基金|理财|信托"),
    (21, "政府与公共事业", "政府|公共事业|非盈利机构"),
    (22, "医疗护理", "医药医疗"),
    (23, "医疗护理", "护理美容"),
    (24, "医疗护理", "保健与卫生"),
    (29, "房地产", "房地产|建筑"),
    (33, "商业服务", "广告|会展"),
    (35, "商业服务", "检测|认证"),
    (36, "商业服务", "会计|审计"),
    (37, "文体娱乐", "文化|传媒"),
    (40, "印刷", "打印|印刷"),
    (41, "其他", "其他"),
];

/// The names of industry `code` as `names` says WeChat writes them.
pub fn industry_named(code: u32, names: IndustryNames) -> Option<(&'static str, &'static str)> {
    let recorded = RECORDED.iter().find(|(c, _, _)| *c == code);
    match (names, recorded) {
        (IndustryNames::Recorded, Some((_, first, second))) => Some((first, second)),
        _ => industry(code),
    }
}

/// A library keyword: its label, its value rule and an example value.
pub struct Keyword {
    pub name: &'static str,
    pub rule: &'static str,
    pub example: &'static str,
}

const fn kw(name: &'static str, rule: &'static str, example: &'static str) -> Keyword {
    Keyword {
        name,
        rule,
        example,
    }
}

/// A template-message library entry.
pub struct LibraryTemplate {
    /// `template_id_short`: `TM…`/`OPENTM…` (classic) or a number (category template).
    pub short_id: &'static str,
    pub title: &'static str,
    /// The industry code the template belongs to.
    pub industry: u32,
    /// Classic templates open with `{{first.DATA}}` and close with `{{remark.DATA}}`, and
    /// number their keywords `keyword1…`; category templates use typed names (`thing4`).
    pub classic: bool,
    pub keywords: &'static [Keyword],
}

pub const TEMPLATES: &[LibraryTemplate] = &[
    LibraryTemplate {
        short_id: "TM00015",
        title: "订单支付成功",
        industry: 1,
        classic: true,
        keywords: &[
            kw("订单号", "", "20240501123456"),
            kw("支付金额", "", "39.8元"),
            kw("商品信息", "", "巧克力"),
        ],
    },
    LibraryTemplate {
        short_id: "OPENTM405456204",
        title: "订单发货通知",
        industry: 1,
        classic: true,
        keywords: &[
            kw("订单编号", "", "20240501123456"),
            kw("物流公司", "", "顺丰速运"),
            kw("物流单号", "", "SF1234567890"),
        ],
    },
    LibraryTemplate {
        short_id: "OPENTM207940503",
        title: "快递签收通知",
        industry: 13,
        classic: true,
        keywords: &[
            kw("快递单号", "", "SF1234567890"),
            kw("签收时间", "", "2024-05-01 15:01"),
        ],
    },
    LibraryTemplate {
        short_id: "TM00351",
        title: "课程开课提醒",
        industry: 16,
        classic: true,
        keywords: &[
            kw("课程名称", "", "Rust 入门"),
            kw("上课时间", "", "2024-05-01 19:00"),
            kw("上课地点", "", "三号教室"),
        ],
    },
    LibraryTemplate {
        short_id: "47123",
        title: "订单支付成功通知",
        industry: 1,
        classic: false,
        keywords: &[
            kw("订单号", "character_string", "20240501123456"),
            kw("支付金额", "amount", "¥39.80"),
            kw("支付时间", "time", "2024年5月1日 15:01"),
            kw("商品名称", "thing", "巧克力"),
        ],
    },
    LibraryTemplate {
        short_id: "43216",
        title: "发货提醒",
        industry: 1,
        classic: false,
        keywords: &[
            kw("订单编号", "character_string", "20240501123456"),
            kw("快递公司", "thing", "顺丰速运"),
            kw("快递单号", "character_string", "SF1234567890"),
            kw("发货时间", "time", "2024年5月1日 15:01"),
        ],
    },
    LibraryTemplate {
        short_id: "50001",
        title: "快递派送提醒",
        industry: 13,
        classic: false,
        keywords: &[
            kw("运单号", "character_string", "SF1234567890"),
            kw("派送员", "name", "张三"),
            kw("联系电话", "phone_number", "13800138000"),
        ],
    },
];

pub fn template(short_id: &str) -> Option<&'static LibraryTemplate> {
    TEMPLATES.iter().find(|t| t.short_id == short_id)
}

/// A subscribe-notification category.
pub struct Category {
    pub id: u64,
    pub name: &'static str,
}

pub const CATEGORIES: &[Category] = &[
    Category {
        id: 616,
        name: "公交",
    },
    Category {
        id: 763,
        name: "教育信息服务",
    },
    Category {
        id: 425,
        name: "电商平台",
    },
];

/// A public subscribe template: its `tid`, title, type (2 one-time, 3 long-term), category
/// and keywords (their `kid` is the position, from 1).
pub struct Title {
    pub tid: u64,
    pub title: &'static str,
    pub kind: u32,
    pub category: u64,
    pub keywords: &'static [Keyword],
}

pub const TITLES: &[Title] = &[
    Title {
        tid: 99,
        title: "付款成功通知",
        kind: 2,
        category: 616,
        keywords: &[
            kw("物品名称", "thing", "名称"),
            kw("付款金额", "amount", "¥100"),
            kw("付款时间", "time", "2019年10月1日 15:01"),
            kw("订单号", "character_string", "201910010001"),
        ],
    },
    Title {
        tid: 312,
        title: "乘车成功通知",
        kind: 2,
        category: 616,
        keywords: &[
            kw("线路", "thing", "10路"),
            kw("上车站", "thing", "人民广场"),
            kw("乘车时间", "time", "2019年10月1日 08:01"),
        ],
    },
    Title {
        tid: 401,
        title: "报名结果通知",
        kind: 2,
        category: 763,
        keywords: &[
            kw("会议地点", "thing", "TIT会议室"),
            kw("会议时间", "date", "2016年8月8日"),
            kw("报名结果", "phrase", "成功"),
            kw("备注", "thing", "请准时参加"),
        ],
    },
    Title {
        tid: 5032,
        title: "课程更新提醒",
        kind: 3,
        category: 763,
        keywords: &[
            kw("课程名称", "thing", "Rust 入门"),
            kw("更新内容", "thing", "第三章"),
            kw("更新时间", "time", "2024年5月1日 19:00"),
        ],
    },
    Title {
        tid: 1230,
        title: "订单发货通知",
        kind: 2,
        category: 425,
        keywords: &[
            kw("商品名称", "thing", "巧克力"),
            kw("快递公司", "thing", "顺丰速运"),
            kw("快递单号", "character_string", "SF1234567890"),
            kw("发货时间", "time", "2024年5月1日 15:01"),
            kw("收货地址", "thing", "广州市天河区"),
            kw("备注", "thing", "请注意查收"),
        ],
    },
];

pub fn title(tid: u64) -> Option<&'static Title> {
    TITLES.iter().find(|t| t.tid == tid)
}
