//! Every endpoint wxform calls: its name in messages, path, method, and whether it changes the
//! account (writes are never retried after an ambiguous failure).

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
