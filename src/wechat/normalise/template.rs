//! Templates and subscribe templates → the model, with keyword labels parsed from `content`
//! (the listings carry no library id or keyword list; title + labels are the identity).

use crate::model::{LiveSubscribeTemplate, LiveTag, LiveTemplate, keyword_labels};
use crate::wechat::wire::subscribe_template::SubscribeTemplateIn;
use crate::wechat::wire::tags::TagIn;
use crate::wechat::wire::template::TemplateIn;

pub fn template(wire: TemplateIn) -> LiveTemplate {
    LiveTemplate {
        keywords: keyword_labels(&wire.content),
        template_id: wire.template_id,
        title: wire.title,
        content: wire.content,
        primary_industry: wire.primary_industry,
        deputy_industry: wire.deputy_industry,
        example: wire.example,
    }
}

pub fn subscribe_template(wire: SubscribeTemplateIn) -> LiveSubscribeTemplate {
    LiveSubscribeTemplate {
        keywords: keyword_labels(&wire.content),
        pri_tmpl_id: wire.pri_tmpl_id,
        title: wire.title,
        content: wire.content,
        example: wire.example,
        kind: wire.kind.and_then(|k| u32::try_from(k).ok()).unwrap_or(0),
    }
}

/// Tags, system tags (0–2, e.g. 星标组) included: the planner ignores them itself.
pub fn tag(wire: TagIn) -> LiveTag {
    LiveTag {
        id: wire.id,
        name: wire.name,
        count: wire.count.unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wechat::wire::{
        subscribe_template::SubscribeListResponse, tags::TagsGetResponse,
        template::TemplateListResponse,
    };

    #[test]
    fn template_keywords_come_from_content() {
        let wire: TemplateListResponse = serde_json::from_str(
            r#"{"template_list":[{"template_id":"iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s","title":"领取奖金提醒",
            "primary_industry":"IT科技","deputy_industry":"互联网|电子商务",
            "content":"{{first.DATA}}\n\n领奖金额:{{withdrawMoney.DATA}}\n{{remark.DATA}}",
            "example":"您已提交领奖申请\r\n\r\n领奖金额：xxxx元"}]}"#,
        )
        .unwrap();
        let live = template(wire.template_list.into_iter().next().unwrap());
        assert_eq!(live.keywords, vec!["领奖金额"]);
        assert_eq!(live.deputy_industry, "互联网|电子商务");
    }

    #[test]
    fn test_account_templates_without_industry() {
        let wire: TemplateListResponse = serde_json::from_str(
            r#"{"template_list":[{"template_id":"x","title":"t","content":"a:{{k.DATA}}"}]}"#,
        )
        .unwrap();
        let live = template(wire.template_list.into_iter().next().unwrap());
        assert_eq!(live.primary_industry, "");
        assert_eq!(live.keywords, vec!["a"]);
    }

    fn listed(body: &str) -> Vec<LiveTemplate> {
        let wire: TemplateListResponse = serde_json::from_str(body).unwrap();
        wire.template_list.into_iter().map(template).collect()
    }

    /// A get_all_private_template answer of a test account, recorded in apo-soft/wechat
    /// (`TemplateMessageClientTest.java`, the answer quoted above `testgetTemplateList`): one
    /// template's content is on one line, with full-width colons, a space after one of them
    /// and `IP : ` spaced out.
    #[test]
    fn a_recorded_one_line_content_gives_every_label() {
        let live = listed(
            r#"{"template_list":[{"template_id":"zw9lgptQReQQpJoofaPucstJSFi7bUmJ_26I1rBAgkk","title":"系统故障通知","primary_industry":"","deputy_industry":"","content":"{{first.DATA}} 业务： {{business.DATA}} 系统：{{system.DATA}} IP : {{ip.DATA}} 故障现象：{{performance.DATA}} 故障时间：{{time.DATA}} {{remark.DATA}}","example":""},{"template_id":"GVNDCaelOcnviNrP5NNA9uc4sBMnCC4eRSiDHNotCIM","title":"摘要模板","primary_industry":"","deputy_industry":"","content":"摘要：{{digest.DATA}}","example":""}]}"#,
        );
        assert_eq!(
            live[0].keywords,
            ["业务", "系统", "IP", "故障现象", "故障时间"]
        );
        assert_eq!(live[1].keywords, ["摘要"]);
    }

    /// Content with `\r\n` line ends, as wechat-api.md §12 records (no whole answer was
    /// recorded: this content is OPENTM204987032's as shop systems copy it from WeChat's
    /// library): the same labels as with `\n`.
    #[test]
    fn crlf_content_gives_the_same_labels() {
        let live = listed(
            r#"{"template_list":[{"template_id":"A","title":"订单支付成功通知","primary_industry":"IT科技","deputy_industry":"互联网|电子商务","content":"{{first.DATA}}\r\n订单：{{keyword1.DATA}}\r\n支付状态：{{keyword2.DATA}}\r\n支付日期：{{keyword3.DATA}}\r\n{{remark.DATA}}","example":""}]}"#,
        );
        assert_eq!(live[0].keywords, ["订单", "支付状态", "支付日期"]);
    }

    #[test]
    fn subscribe_templates_normalise() {
        let wire: SubscribeListResponse = serde_json::from_str(
            r#"{"errcode":0,"errmsg":"ok","data":[{"priTmplId":"9Aw5ZV1j9xdWTFEkqCpZ7jWySL7aGN6rQom4gXINfJs","title":"报名结果通知","content":"会议时间:{{date2.DATA}}\n会议地点:{{thing1.DATA}}\n","example":"会议时间:2016年8月8日\n","type":"2"}]}"#,
        )
        .unwrap();
        let live = subscribe_template(wire.data.into_iter().next().unwrap());
        assert_eq!(live.keywords, vec!["会议时间", "会议地点"]);
        assert_eq!(live.kind, 2);
    }

    #[test]
    fn tags_keep_system_tags_and_accept_string_ids() {
        let wire: TagsGetResponse = serde_json::from_str(
            r#"{"tags":[{"id":2,"name":"星标组","count":0},{"id":"100","name":"VIP","count":"7"}]}"#,
        )
        .unwrap();
        let tags: Vec<LiveTag> = wire.tags.into_iter().map(tag).collect();
        assert_eq!(tags[0].id, 2);
        assert_eq!((tags[1].id, tags[1].count), (100, 7));
    }
}
