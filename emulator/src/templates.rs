//! Template messages: the industry (40102/40103, the monthly rule 43100, deleting the old
//! industry's templates), adding from the library (not idempotent; 45026, 45027, 40246),
//! listing without library ids (industries named and content laid out as the options say),
//! deleting (40037).

use serde::Serialize;
use serde_json::Value;

use super::library::{self, LibraryTemplate};
use super::options::{ContentLayout, IndustryNames};
use super::state::{Industry, Template};
use super::wire::{Answer, ApiError, action_ok, finish, json, object};
use super::world::{Request, World, json_body, string_or_number};

/// "Once per month", as the emulator measures it.
const MONTH_SECS: u64 = 30 * 24 * 3600;

fn industry_code(value: Option<&Value>) -> Result<u32, ApiError> {
    let code = string_or_number(value).and_then(|text| text.parse::<u32>().ok());
    code.filter(|&code| library::industry(code).is_some())
        .ok_or(ApiError::from(40102))
}

/// `POST /cgi-bin/template/api_set_industry` `{"industry_id1":"1","industry_id2":"4"}`.
pub fn set_industry(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let primary = industry_code(body.get("industry_id1"))?;
    let secondary = industry_code(body.get("industry_id2"))?;
    if primary == secondary {
        return Err(40103.into());
    }
    let now = world.now_secs();
    let current = world.state.industry;
    if current.is_some_and(|i| i.primary == primary && i.secondary == secondary) {
        return action_ok();
    }
    let changed_recently = current
        .and_then(|i| i.changed_at)
        .is_some_and(|at| now < at + MONTH_SECS);
    if world.options.enforce_industry_monthly && changed_recently {
        return Err(43100.into());
    }
    // Templates of an industry the account no longer has are deleted.
    if world.options.industry_change_deletes_templates {
        let unclassified = world.options.industry_change_deletes_unclassified;
        world.state.templates.retain(|t| match t.industry {
            Some(code) => code == primary || code == secondary,
            None => !unclassified,
        });
    }
    world.state.industry = Some(Industry {
        primary,
        secondary,
        changed_at: Some(now),
    });
    action_ok()
}

/// The names of industry `code` as the account's `industry_names` say; empty for none.
fn classes(code: Option<u32>, names: IndustryNames) -> (&'static str, &'static str) {
    code.and_then(|code| library::industry_named(code, names))
        .unwrap_or(("", ""))
}

/// A stored content (a line per keyword, `\n`-separated) as the account's `content_layout`
/// lists it.
pub fn lay_out(content: &str, layout: ContentLayout) -> String {
    match layout {
        ContentLayout::Lines => content.to_string(),
        ContentLayout::Crlf => content.replace('\n', "\r\n"),
        ContentLayout::OneLine => content
            .lines()
            .filter(|line| !line.is_empty())
            .map(|line| line.replacen(":{{", "：{{", 1))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// `GET /cgi-bin/template/get_industry`; with no industry set, both classes are empty.
pub fn get_industry(world: &mut World, _request: &Request) -> Answer {
    let industry = world.state.industry;
    let names = world.options.industry_names;
    let class = |code: Option<u32>| {
        let (first, second) = classes(code, names);
        object(vec![
            ("first_class", json(first)),
            ("second_class", json(second)),
        ])
    };
    Ok(finish(object(vec![
        ("primary_industry", class(industry.map(|i| i.primary))),
        ("secondary_industry", class(industry.map(|i| i.secondary))),
    ])))
}

/// The content and example of a template made from `entry` with the chosen keywords.
fn render(entry: &LibraryTemplate, chosen: &[usize]) -> (String, String) {
    let mut content = Vec::new();
    let mut example = Vec::new();
    if entry.classic {
        content.push("{{first.DATA}}".to_string());
        example.push(format!("您好，{}", entry.title));
    }
    for (position, &index) in chosen.iter().enumerate() {
        let keyword = &entry.keywords[index];
        let placeholder = if entry.classic {
            format!("keyword{}", position + 1)
        } else {
            format!("{}{}", keyword.rule, index + 1)
        };
        content.push(format!("{}:{{{{{placeholder}.DATA}}}}", keyword.name));
        example.push(format!("{}:{}", keyword.name, keyword.example));
    }
    if entry.classic {
        content.push("{{remark.DATA}}".to_string());
        example.push("感谢您的使用".to_string());
    }
    (content.join("\n"), example.join("\n"))
}

/// The library positions of the requested keyword names: 40246 for an unknown or repeated
/// name, or for none at all on a category template (classic ones default to every keyword).
fn chosen_keywords(entry: &LibraryTemplate, names: Option<&Value>) -> Result<Vec<usize>, ApiError> {
    let names: Vec<&str> = match names.and_then(Value::as_array) {
        Some(names) => names.iter().filter_map(Value::as_str).collect(),
        None => Vec::new(),
    };
    if names.is_empty() {
        return if entry.classic {
            Ok((0..entry.keywords.len()).collect())
        } else {
            Err(40246.into())
        };
    }
    let mut chosen = Vec::new();
    for name in names {
        let index = entry.keywords.iter().position(|k| k.name == name);
        match index {
            Some(index) if !chosen.contains(&index) => chosen.push(index),
            _ => return Err(40246.into()),
        }
    }
    Ok(chosen)
}

/// `POST /cgi-bin/template/api_add_template`: a new copy on every call.
pub fn add(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let short_id = string_or_number(body.get("template_id_short")).unwrap_or_default();
    let entry = library::template(&short_id).ok_or(ApiError::from(40037))?;
    let industry = world.state.industry;
    if !industry.is_some_and(|i| i.primary == entry.industry || i.secondary == entry.industry) {
        return Err(45027.into());
    }
    let mut chosen = chosen_keywords(entry, body.get("keyword_name_list"))?;
    if entry.classic && world.options.classic_keywords_fixed {
        // The list is checked, then ignored: a classic template keeps its library keywords.
        chosen = (0..entry.keywords.len()).collect();
    }
    if world.state.templates.len() >= world.options.template_cap {
        return Err(45026.into());
    }
    let (content, example) = render(entry, &chosen);
    let template_id = world.random_id(43);
    world.state.templates.push(Template {
        template_id: template_id.clone(),
        title: entry.title.to_string(),
        content,
        example,
        industry: Some(entry.industry),
    });
    world.state.counters.template_adds += 1;
    Ok(finish(object(vec![
        ("errcode", json(&0)),
        ("errmsg", json("ok")),
        ("template_id", json(&template_id)),
    ])))
}

#[derive(Serialize)]
struct Listed<'a> {
    template_id: &'a str,
    title: &'a str,
    primary_industry: &'a str,
    deputy_industry: &'a str,
    content: String,
    example: &'a str,
}

/// `GET /cgi-bin/template/get_all_private_template`: no library id, no keyword list.
pub fn list(world: &mut World, _request: &Request) -> Answer {
    let options = &world.options;
    let listed: Vec<Listed> = world
        .state
        .templates
        .iter()
        .map(|t| {
            let (primary, deputy) = classes(t.industry, options.industry_names);
            Listed {
                template_id: &t.template_id,
                title: &t.title,
                primary_industry: primary,
                deputy_industry: deputy,
                content: lay_out(&t.content, options.content_layout),
                example: &t.example,
            }
        })
        .collect();
    Ok(finish(object(vec![("template_list", json(&listed))])))
}

/// `POST /cgi-bin/template/del_private_template` `{"template_id":"…"}`.
pub fn delete(world: &mut World, request: &Request) -> Answer {
    let body = json_body(request)?;
    let id = body
        .get("template_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let templates = &mut world.state.templates;
    let index = templates
        .iter()
        .position(|t| t.template_id == id)
        .ok_or(ApiError::from(40037))?;
    templates.remove(index);
    action_ok()
}
