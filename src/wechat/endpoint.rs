//! Every endpoint wxform calls: its name in messages, path, method, and whether it changes the
//! account (writes are never retried after an ambiguous failure). The writes of each section
//! are listed too: a plan reads their daily quotas.

use crate::model::Section;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Short name used in messages, e.g. `menu/addconditional`.
    pub name: &'static str,
    /// Path below the API base.
    pub path: &'static str,
    pub method: Method,
    /// Whether the call changes the account.
    pub write: bool,
    /// Whether repeating a successful call creates a second object (a conditional menu, a tag,
    /// a template). Such a call is not repeated on `-1` either: WeChat may have done the work
    /// before failing, so the caller re-reads the account first.
    pub creates: bool,
    /// Whether the body is a multipart form (an upload, see [`super::multipart`]) rather than
    /// JSON.
    pub multipart: bool,
}

const fn read(name: &'static str, path: &'static str, method: Method) -> Endpoint {
    Endpoint {
        name,
        path,
        method,
        write: false,
        creates: false,
        multipart: false,
    }
}

const fn write(name: &'static str, path: &'static str) -> Endpoint {
    Endpoint {
        name,
        path,
        method: Method::Post,
        write: true,
        creates: false,
        multipart: false,
    }
}

const fn add(name: &'static str, path: &'static str) -> Endpoint {
    Endpoint {
        creates: true,
        ..write(name, path)
    }
}

use Method::{Get, Post};

// stable_token in normal mode is idempotent (it returns the current token), so it is a read.
pub const STABLE_TOKEN: Endpoint = read("stable_token", "cgi-bin/stable_token", Post);

pub const MENU_CREATE: Endpoint = write("menu/create", "cgi-bin/menu/create");
pub const MENU_GET: Endpoint = read("menu/get", "cgi-bin/menu/get", Get);
pub const MENU_DELETE: Endpoint = Endpoint {
    method: Get,
    ..write("menu/delete", "cgi-bin/menu/delete")
};
pub const MENU_ADD_CONDITIONAL: Endpoint =
    add("menu/addconditional", "cgi-bin/menu/addconditional");
pub const MENU_DEL_CONDITIONAL: Endpoint =
    write("menu/delconditional", "cgi-bin/menu/delconditional");
pub const MENU_TRYMATCH: Endpoint = read("menu/trymatch", "cgi-bin/menu/trymatch", Post);
pub const SELFMENU_INFO: Endpoint = read(
    "get_current_selfmenu_info",
    "cgi-bin/get_current_selfmenu_info",
    Get,
);

pub const TAGS_CREATE: Endpoint = add("tags/create", "cgi-bin/tags/create");
pub const TAGS_GET: Endpoint = read("tags/get", "cgi-bin/tags/get", Get);
pub const TAGS_UPDATE: Endpoint = write("tags/update", "cgi-bin/tags/update");
pub const TAGS_DELETE: Endpoint = write("tags/delete", "cgi-bin/tags/delete");

pub const SET_INDUSTRY: Endpoint = write(
    "template/api_set_industry",
    "cgi-bin/template/api_set_industry",
);
pub const GET_INDUSTRY: Endpoint = read(
    "template/get_industry",
    "cgi-bin/template/get_industry",
    Get,
);
pub const ADD_TEMPLATE: Endpoint = add(
    "template/api_add_template",
    "cgi-bin/template/api_add_template",
);
pub const LIST_TEMPLATES: Endpoint = read(
    "template/get_all_private_template",
    "cgi-bin/template/get_all_private_template",
    Get,
);
pub const DEL_TEMPLATE: Endpoint = write(
    "template/del_private_template",
    "cgi-bin/template/del_private_template",
);

pub const SUB_ADD: Endpoint = add("newtmpl/addtemplate", "wxaapi/newtmpl/addtemplate");
pub const SUB_LIST: Endpoint = read("newtmpl/gettemplate", "wxaapi/newtmpl/gettemplate", Get);
pub const SUB_DEL: Endpoint = write("newtmpl/deltemplate", "wxaapi/newtmpl/deltemplate");

// Permanent material (images a button names by file). An upload creates a material each time.
pub const MATERIAL_ADD: Endpoint = Endpoint {
    multipart: true,
    ..add("material/add_material", "cgi-bin/material/add_material")
};
pub const MATERIAL_LIST: Endpoint = read(
    "material/batchget_material",
    "cgi-bin/material/batchget_material",
    Post,
);

// Reading a quota changes nothing; WeChat counts these calls against a quota of their own.
pub const QUOTA_GET: Endpoint = read("openapi/quota/get", "cgi-bin/openapi/quota/get", Post);

/// Every endpoint above, in this order: `doctor` lists the daily quotas of all but the token's.
/// A test counts the endpoints of this file against it.
pub const ALL: &[Endpoint] = &[
    STABLE_TOKEN,
    MENU_CREATE,
    MENU_GET,
    MENU_DELETE,
    MENU_ADD_CONDITIONAL,
    MENU_DEL_CONDITIONAL,
    MENU_TRYMATCH,
    SELFMENU_INFO,
    TAGS_CREATE,
    TAGS_GET,
    TAGS_UPDATE,
    TAGS_DELETE,
    SET_INDUSTRY,
    GET_INDUSTRY,
    ADD_TEMPLATE,
    LIST_TEMPLATES,
    DEL_TEMPLATE,
    SUB_ADD,
    SUB_LIST,
    SUB_DEL,
    MATERIAL_ADD,
    MATERIAL_LIST,
    QUOTA_GET,
];

impl Endpoint {
    /// The path as `openapi/quota/get` names it: `/cgi-bin/menu/create`.
    pub fn cgi_path(&self) -> String {
        format!("/{}", self.path)
    }
}

/// The endpoints that write a section: those whose daily quotas a plan managing it reads.
fn writes_of(section: Section) -> &'static [Endpoint] {
    match section {
        // `menu/create` may remove the conditional menus; apply then adds them back.
        Section::Menu => &[MENU_CREATE, MENU_DELETE, MENU_ADD_CONDITIONAL],
        Section::ConditionalMenus => &[MENU_ADD_CONDITIONAL, MENU_DEL_CONDITIONAL],
        Section::Tags => &[TAGS_CREATE, TAGS_UPDATE, TAGS_DELETE],
        Section::Templates => &[SET_INDUSTRY, ADD_TEMPLATE, DEL_TEMPLATE],
        Section::SubscribeTemplates => &[SUB_ADD, SUB_DEL],
    }
}

/// The endpoints a plan of the `managed` sections may write with, each once, in [`ALL`]'s
/// order: the quotas it reads.
pub fn writes_for(managed: &BTreeSet<Section>) -> Vec<Endpoint> {
    ALL.iter()
        .filter(|endpoint| {
            managed
                .iter()
                .any(|section| writes_of(*section).contains(endpoint))
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_of_the_file_is_in_the_table_once() {
        let source = include_str!("endpoint.rs");
        let code = source.split("#[cfg(test)]").next().unwrap();
        let declared = code.matches(": Endpoint =").count();
        assert_eq!(declared, ALL.len(), "an endpoint is missing from ALL");
        for (at, endpoint) in ALL.iter().enumerate() {
            assert!(!ALL[..at].contains(endpoint), "{} twice", endpoint.name);
        }
    }

    #[test]
    fn a_plan_reads_the_quotas_of_the_writes_of_what_it_manages() {
        let names = |managed: &[Section]| -> Vec<&str> {
            writes_for(&managed.iter().copied().collect())
                .iter()
                .map(|endpoint| endpoint.name)
                .collect()
        };
        assert_eq!(
            names(&[Section::Menu]),
            ["menu/create", "menu/delete", "menu/addconditional"]
        );
        assert_eq!(
            names(&[Section::ConditionalMenus, Section::Menu]),
            [
                "menu/create",
                "menu/delete",
                "menu/addconditional",
                "menu/delconditional"
            ]
        );
        assert_eq!(
            names(&[Section::Tags]),
            ["tags/create", "tags/update", "tags/delete"]
        );
        assert_eq!(names(&Section::ALL).len(), 12);
        assert!(names(&[]).is_empty());
        assert!(
            writes_for(&Section::ALL.into_iter().collect())
                .iter()
                .all(|e| e.write)
        );
        assert_eq!(QUOTA_GET.cgi_path(), "/cgi-bin/openapi/quota/get");
    }
}
