//! Composing an account file with the shared file it extends, through `config::load`: the
//! files are written into a folder under the working folder (`target/`), as `extends` wants.

use crate::config::{FileDiagnostics, LoadError, Loaded, load};
use crate::model::UnmanagedPolicy;
use std::path::{Path, PathBuf};

/// A folder of files under `target/`, inside the folder the tests run in.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new(files: &[(&str, &str)]) -> Tree {
        let dir = tempfile::tempdir_in("target").unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Tree { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn name(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    fn load(&self, name: &str) -> Result<Loaded, LoadError> {
        load(&self.path(name))
    }

    /// Every diagnostic of a configuration that does not load, as `file:line:col: message`
    /// with the tree's folder left out.
    fn problems(&self, name: &str) -> Vec<String> {
        let Err(LoadError::Invalid {
            file,
            diagnostics,
            also,
        }) = self.load(name)
        else {
            panic!("{name} loaded");
        };
        let mut files = vec![FileDiagnostics { file, diagnostics }];
        files.extend(also);
        let prefix = format!("{}/", self.dir.path().display());
        files
            .iter()
            .flat_map(|f| {
                f.diagnostics.iter().map(|d| {
                    let (line, column) =
                        d.span.as_ref().map_or((0, 0), |s| f.file.line_col(s.start));
                    let name = f.file.name.strip_prefix(&prefix).unwrap_or(&f.file.name);
                    format!("{name}:{line}:{column}: {}", d.message)
                })
            })
            .collect()
    }
}

const SHARED: &str = r#"version: 1
menu:
  button:
    - { name: 商城, type: view, url: "${shop_url}" }
    - name: 服务
      sub_button:
        - { name: 小程序, type: miniprogram, url: "https://${host}/m", appid: "${mini_appid}", pagepath: pages/index }
        - { name: 价格, type: click, key: "COST_$${NOT_A_VAR}" }
conditional_menus:
  - name: vip
    matchrule: { tag_id: "${vip_tag}" }
    button: [{ name: 会员, type: view, url: "https://${host}/vip" }]
tags:
  unmanaged: delete
  items: [{ name: VIP }]
templates:
  industry: { primary: 1, secondary: 4 }
  items:
    - { name: paid, title: 订单支付成功, keywords: [订单号] }
"#;

const TEST: &str = r#"version: 1
extends: ../wxform.yaml
account: { appid: wx1111111111111111, appid_env: TEST_APPID, secret_env: TEST_APPSECRET }
vars:
  shop_url: https://test.example.com/
  host: test.example.com
  mini_appid: wx286b93c14bbf93aa
  vip_tag: 101
"#;

#[test]
fn an_account_file_fills_in_the_shared_configuration() {
    let tree = Tree::new(&[("wxform.yaml", SHARED), ("accounts/test.yaml", TEST)]);
    let loaded = tree.load("accounts/test.yaml").unwrap();
    let desired = &loaded.desired;
    let menu = desired.menu.as_ref().unwrap();
    assert_eq!(
        menu.button[0].url.as_deref(),
        Some("https://test.example.com/")
    );
    let mini = &menu.button[1].sub_button[0];
    assert_eq!(mini.url.as_deref(), Some("https://test.example.com/m"));
    assert_eq!(mini.appid.as_deref(), Some("wx286b93c14bbf93aa"));
    assert_eq!(
        menu.button[1].sub_button[1].key.as_deref(),
        Some("COST_${NOT_A_VAR}"),
        "`$${{` is a literal `${{`"
    );
    let vip = &desired.conditional_menus.as_ref().unwrap()[0];
    assert_eq!(vip.matchrule.tag, Some(crate::model::TagRef::Id(101)));
    assert_eq!(desired.appid.as_deref(), Some("wx1111111111111111"));
    assert_eq!(
        desired.credentials_env.secret.as_deref(),
        Some("TEST_APPSECRET")
    );
    assert_eq!(
        desired.config_files,
        [
            tree.name("accounts/test.yaml"),
            tree.name("accounts/../wxform.yaml")
                .replace("accounts/../", "")
        ]
    );
    assert!(
        loaded.warnings.is_empty() && loaded.also.is_empty(),
        "{:?}",
        loaded.also
    );
}

#[test]
fn sections_of_the_account_file_replace_the_shared_ones_mappings_key_by_key() {
    let account = format!(
        "{TEST}menu:\n  button: [{{ name: 测试, type: click, key: TEST }}]\nconditional_menus: []\ntemplates:\n  industry: {{ primary: 2, secondary: 3 }}\ntags:\n  unmanaged: keep\n"
    )
    // The menus that used them are replaced: their vars are unused.
    .replace("  host: test.example.com\n", "")
    .replace("  mini_appid: wx286b93c14bbf93aa\n", "")
    .replace("  vip_tag: 101\n", "");
    let tree = Tree::new(&[("wxform.yaml", SHARED), ("accounts/test.yaml", &account)]);
    let loaded = tree.load("accounts/test.yaml").unwrap();
    let desired = &loaded.desired;
    assert_eq!(desired.menu.as_ref().unwrap().button[0].name, "测试");
    assert_eq!(desired.conditional_menus, Some(Vec::new()));
    let templates = desired.templates.as_ref().unwrap();
    assert_eq!(
        templates.industry.map(|i| (i.primary, i.secondary)),
        Some((2, 3))
    );
    assert_eq!(templates.items[0].name, "paid", "the shared items stay");
    let tags = desired.tags.as_ref().unwrap();
    assert_eq!(
        (tags.unmanaged, tags.items.len()),
        (UnmanagedPolicy::Keep, 1)
    );
    let warnings: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(warnings, ["var `shop_url` is not used"]);
}

#[test]
fn a_rule_broken_by_a_var_is_reported_in_the_shared_file_naming_the_value() {
    let long = format!("https://test.example.com/{}", "x".repeat(1100));
    let account = TEST.replace("https://test.example.com/", &long);
    let tree = Tree::new(&[("wxform.yaml", SHARED), ("accounts/test.yaml", &account)]);
    assert_eq!(
        tree.problems("accounts/test.yaml"),
        ["wxform.yaml:4:36: button url is 1125 bytes; WeChat allows 1024"]
    );
    let Err(LoadError::Invalid { also, .. }) = tree.load("accounts/test.yaml") else {
        panic!("loaded");
    };
    let note = &also[0].diagnostics[0].notes[0];
    assert!(
        note.starts_with("filled in, the value is `https://test.example.com/xxx")
            && note.ends_with(&format!(
                "…` (1125 bytes); `${{shop_url}}` is set at {}:5:13",
                tree.name("accounts/test.yaml")
            )),
        "{note}"
    );
}

#[test]
fn placeholders_are_reported_where_they_are_written() {
    let shared = SHARED
        .replace("${host}/m", "${hots}/m")
        .replace("key: \"COST_$${NOT_A_VAR}\"", "key: \"${shop url}\"")
        .replace("title: 订单支付成功", "title: \"${title}\"");
    let account = TEST.replace(
        "vip_tag: 101",
        "vip_tag: 101\n  app_secret: x\n  unused_var: y",
    );
    let tree = Tree::new(&[("wxform.yaml", &shared), ("accounts/test.yaml", &account)]);
    assert_eq!(
        tree.problems("accounts/test.yaml"),
        [
            "accounts/test.yaml:9:3: a var cannot hold a credential: `app_secret`",
            "accounts/test.yaml:10:3: var `unused_var` is used nowhere",
            "wxform.yaml:7:57: `${hots}` is not set",
            "wxform.yaml:8:42: `${shop url}` is not a placeholder",
            "wxform.yaml:19:28: a placeholder where none is filled in",
        ]
    );
}

#[test]
fn a_shared_file_given_on_its_own_says_what_it_is() {
    let tree = Tree::new(&[("wxform.yaml", SHARED)]);
    assert_eq!(
        tree.problems("wxform.yaml"),
        [format!(
            "{}:4:37: {} has placeholders, and nothing sets them: it extends no file",
            "wxform.yaml",
            tree.name("wxform.yaml")
        )]
    );
}

#[test]
fn one_level_only() {
    let tree = Tree::new(&[
        ("base.yaml", "version: 1\n"),
        ("wxform.yaml", "version: 1\nextends: base.yaml\n"),
        ("loop.yaml", "version: 1\nextends: accounts/loop.yaml\n"),
        (
            "accounts/test.yaml",
            "version: 1\nextends: ../wxform.yaml\n",
        ),
        ("accounts/loop.yaml", "version: 1\nextends: ../loop.yaml\n"),
        ("accounts/self.yaml", "version: 1\nextends: ./self.yaml\n"),
        ("accounts/vars.yaml", "version: 1\nvars: { a: b }\n"),
        ("accounts/shares.yaml", "version: 1\nextends: vars.yaml\n"),
    ]);
    let name = |file: &str| tree.name(file);
    assert_eq!(
        tree.problems("accounts/test.yaml"),
        [format!(
            "wxform.yaml:2:10: {} is extended by {}, so it cannot extend another file",
            name("wxform.yaml"),
            name("accounts/test.yaml")
        )]
    );
    assert_eq!(
        tree.problems("accounts/loop.yaml"),
        [format!(
            "loop.yaml:2:10: {} and {} extend each other",
            name("accounts/loop.yaml"),
            name("loop.yaml")
        )]
    );
    assert_eq!(
        tree.problems("accounts/self.yaml"),
        [format!(
            "accounts/self.yaml:2:10: {} extends itself",
            name("accounts/self.yaml")
        )]
    );
    assert_eq!(
        tree.problems("accounts/vars.yaml"),
        ["accounts/vars.yaml:2:7: `vars` without `extends`: there is nothing for them to fill in"]
    );
    assert_eq!(
        tree.problems("accounts/shares.yaml"),
        [format!(
            "accounts/vars.yaml:2:7: {} is a shared configuration (extended by {}): it sets no vars",
            name("accounts/vars.yaml"),
            name("accounts/shares.yaml")
        )]
    );
}

#[test]
fn a_shared_file_that_cannot_be_read_or_parsed_is_reported_in_its_place() {
    let tree = Tree::new(&[
        ("broken.yaml", "version: 1\nmenu:\n  button: {\n"),
        ("other.yaml", "token: abc\n"),
        (
            "accounts/broken.yaml",
            "version: 1\nextends: ../broken.yaml\n",
        ),
        (
            "accounts/missing.yaml",
            "version: 1\nextends: ../nothere.yaml\n",
        ),
        (
            "accounts/other.yaml",
            "version: 1\nextends: ../other.yaml\n",
        ),
    ]);
    assert_eq!(
        tree.problems("accounts/broken.yaml"),
        ["broken.yaml:3:11: this `{` is never closed"]
    );
    let missing = tree.problems("accounts/missing.yaml");
    assert_eq!(
        missing,
        [format!(
            "accounts/missing.yaml:2:10: cannot read {}: No such file or directory (os error 2)",
            Path::new(&tree.name("nothere.yaml")).display()
        )]
    );
    assert_eq!(
        tree.problems("accounts/other.yaml"),
        [
            "other.yaml:0:0: this is not a wxform configuration: its top level is a mapping without `version`"
        ]
    );
}

#[test]
fn what_vars_add_is_bounded() {
    let buttons: String = (0..300)
        .map(|i| format!("    - {{ name: b{i}, type: view, url: \"https://${{a}}\" }}\n"))
        .collect();
    let shared = format!("version: 1\nmenu:\n  button:\n{buttons}");
    let account = format!(
        "version: 1\nextends: wxform.yaml\nvars:\n  a: {}\n",
        "x".repeat(4000)
    );
    let twice =
        "version: 1\nmenu:\n  button: [{ name: b, type: view, url: \"https://${a}${a}\" }]\n";
    let tree = Tree::new(&[
        ("wxform.yaml", &shared),
        ("test.yaml", &account),
        ("twice/wxform.yaml", twice),
        ("twice/test.yaml", &account),
    ]);
    let problems = tree.problems("test.yaml");
    // 1 MiB holds 262 values of 4,008 bytes more than written: each is over WeChat's limit,
    // then the next stops filling in, and the values after it are left alone.
    let too_long = "button url is 4008 bytes; WeChat allows 1024";
    assert_eq!(
        problems.iter().filter(|p| p.ends_with(too_long)).count(),
        262
    );
    assert_eq!(
        problems.last().map(String::as_str),
        Some(
            "wxform.yaml:266:38: the vars make the configuration more than 1 MiB larger; wxform stops here"
        ),
    );
    assert!(
        problems.contains(
            &"wxform.yaml:7:15: the menu has 300 top-level buttons; WeChat allows 1–3".into()
        ),
        "{:?}",
        problems.iter().find(|p| p.contains("top-level"))
    );
    assert_eq!(problems.len(), 264, "nothing about the values left alone");
    assert_eq!(
        tree.problems("twice/test.yaml"),
        [
            "twice/wxform.yaml:3:40: with its vars filled in this value is 8008 bytes; wxform stops at 4096"
        ]
    );
}

/// A shared file that is an account's own configuration, whose token comes from a command.
const SHARED_WITH_COMMAND: &str = "version: 1
account:
  appid: wx2222222222222222
  token_command: [./bin/platform-token, wx2222222222222222]
menu:
  button: [{ name: 商城, type: click, key: SHOP }]
";

#[test]
fn an_account_file_takes_the_credentials_it_names_whole_never_one_from_each_file() {
    let tree = Tree::new(&[
        ("wxform.yaml", SHARED_WITH_COMMAND),
        (
            "accounts/variables.yaml",
            "version: 1\nextends: ../wxform.yaml\naccount: { appid: wx1111111111111111, secret_env: TEST_SECRET }\n",
        ),
        (
            "accounts/command.yaml",
            "version: 1\nextends: ../wxform.yaml\naccount: { appid: wx1111111111111111, token_command: [./token, test] }\n",
        ),
    ]);
    let names = tree
        .load("accounts/variables.yaml")
        .unwrap()
        .desired
        .credentials_env;
    assert_eq!(names.secret.as_deref(), Some("TEST_SECRET"));
    assert_eq!(names.token_command, None, "the shared command is not taken");
    let names = tree
        .load("accounts/command.yaml")
        .unwrap()
        .desired
        .credentials_env;
    let command = names.token_command.unwrap();
    assert_eq!(command.argv, ["./token", "test"]);
    assert_eq!(command.config, tree.path("accounts/command.yaml"));

    let shared = "version: 1\naccount: { secret_env: PROD_SECRET, token_env: PROD_TOKEN }\nmenu:\n  button: [{ name: 商城, type: click, key: SHOP }]\n";
    let tree = Tree::new(&[
        ("wxform.yaml", shared),
        (
            "accounts/command.yaml",
            "version: 1\nextends: ../wxform.yaml\naccount: { token_command: [./token] }\n",
        ),
    ]);
    let names = tree
        .load("accounts/command.yaml")
        .unwrap()
        .desired
        .credentials_env;
    assert_eq!(
        (names.secret, names.token),
        (None, None),
        "the shared variables are not taken beside the account file's command"
    );
}

#[test]
fn an_account_file_naming_no_credentials_never_runs_the_shared_file_s_command() {
    for account in [
        "version: 1\nextends: ../wxform.yaml\naccount: { appid: wx1111111111111111 }\n",
        "version: 1\nextends: ../wxform.yaml\n",
    ] {
        let tree = Tree::new(&[
            ("wxform.yaml", SHARED_WITH_COMMAND),
            ("accounts/test.yaml", account),
        ]);
        assert_eq!(
            tree.problems("accounts/test.yaml"),
            [format!(
                "wxform.yaml:4:18: {} names no credentials of its own, so it would run the token command of {}",
                tree.name("accounts/test.yaml"),
                tree.name("wxform.yaml")
            )]
        );
    }
}
