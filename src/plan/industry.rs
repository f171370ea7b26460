//! The template-message industry: a singleton set by codes, at most once a month, and changing it
//! may delete the templates of the old industry.

use super::Plan;
use super::action::{Action, ActionKind, IndustryCodeView, IndustryView, Resource, Step};
use crate::model::{Desired, IndustryClass, Live};

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

pub(crate) fn plan_industry(desired: &Desired, live: &Live, plan: &mut Plan) {
    let Some(codes) = desired.templates.as_ref().and_then(|t| t.industry) else {
        return;
    };
    let current = live.industry.as_ref();
    if let Some(current) = current {
        if current.primary.code == Some(codes.primary)
            && current.secondary.code == Some(codes.secondary)
        {
            return;
        }
        if current.primary.code.is_none() || current.secondary.code.is_none() {
            plan.notes.push(format!(
                "the live industry ({} / {}) has no known industry code, so it is set again",
                class_name(&current.primary),
                class_name(&current.secondary)
            ));
        }
    }
    let mut warnings = vec!["the industry can be changed once a month".to_string()];
    let destructive = current.is_some() && !live.templates.is_empty();
    if destructive {
        warnings = vec![format!(
            "changing industry may delete templates of the old industry ({} live); allowed once a month",
            live.templates.len()
        )];
    }
    plan.actions.push(Action {
        address: "industry".into(),
        kind: if current.is_some() {
            ActionKind::Update
        } else {
            ActionKind::Create
        },
        before: current.map(|c| {
            Resource::Industry(IndustryView {
                primary: live_code(&c.primary),
                secondary: live_code(&c.secondary),
            })
        }),
        after: Some(Resource::Industry(IndustryView {
            primary: desired_code(codes.primary, current.map(|c| &c.primary)),
            secondary: desired_code(codes.secondary, current.map(|c| &c.secondary)),
        })),
        warnings,
        destructive,
        steps: vec![Step::SetIndustry {
            primary: codes.primary,
            secondary: codes.secondary,
        }],
    });
}

fn class_name(class: &IndustryClass) -> String {
    format!("{}/{}", class.first_class, class.second_class)
}

fn live_code(class: &IndustryClass) -> IndustryCodeView {
    IndustryCodeView {
        code: class.code,
        name: Some(class_name(class)),
    }
}

/// The desired code, named as WeChat names it live when the code is unchanged (so that only
/// real changes show in the diff), else by the code table.
fn desired_code(code: u8, live: Option<&IndustryClass>) -> IndustryCodeView {
    let name = match live {
        Some(class) if class.code == Some(code) => Some(class_name(class)),
        _ => industry_name(code),
    };
    IndustryCodeView {
        code: Some(code),
        name,
    }
}
