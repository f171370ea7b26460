//! The account's server in CI. The action's input `server-url`: the `test` command checks that
//! server, and `plan` adds its section (what did not pass, key by key) to the pull request's
//! comment and fails the step when a tap is not answered; GitLab's merge-request plan does the
//! same with `WXFORM_STAGING_SERVER_URL`.

use super::github::{account, text, values};
use super::repo::{MINIMAL, Repo, action_main};
use crate::support::account::credentials;
use crate::support::account_server::{AccountServer, Behaviour, Mode, Setup, TOKEN};
use crate::support::emulator::Emulator;

const WITH_SERVER: &str = "version: 1
account:
  appid: wx1234567890abcdef
menu:
  button:
    - { name: 官网, type: view, url: \"https://example.com/\" }
    - { name: 联系客服, type: click, key: CONTACT_SERVICE }
server:
  url: https://production.example.com/wechat
  original_id: gh_0123456789ab
  mode: plaintext
";

/// The action run with `inputs`, the emulator's credentials and the server's token.
fn action(repo: &Repo, emulator: &Emulator, inputs: &[(&str, &str)]) -> std::process::Output {
    action_with_token(repo, emulator, inputs, Some(TOKEN))
}

/// [`action`], with the server's token `token` (or none).
fn action_with_token(
    repo: &Repo,
    emulator: &Emulator,
    inputs: &[(&str, &str)],
    token: Option<&str>,
) -> std::process::Output {
    let with = inputs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let owned = values(repo, emulator, true);
    let context: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (script, mut env) = action_main(&with, &context);
    env.insert("WXFORM_API_BASE".into(), emulator.base_url());
    env.extend(credentials(emulator).map(|(k, v)| (k.to_string(), v)));
    if let Some(token) = token {
        env.insert("WECHAT_SERVER_TOKEN".into(), token.into());
    }
    repo.run(&script, &env)
}

fn repo() -> Repo {
    let repo = Repo::new(MINIMAL);
    repo.write("wxform.yaml", WITH_SERVER);
    repo
}

#[test]
fn the_test_command_checks_the_server_the_input_names() {
    let emulator = account(true);
    let repo = repo();
    let server = AccountServer::start(
        Setup::new(Mode::Plaintext).answer("CONTACT_SERVICE", Behaviour::Text("客服在线".into())),
    );
    let url = server.url();
    let output = action(
        &repo,
        &emulator,
        &[("command", "test"), ("server-url", &url)],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("pass  click CONTACT_SERVICE (menu: 联系客服): text \"客服在线\""),
        "{}",
        text(&output)
    );
    assert_eq!(
        server.pushes().len(),
        3,
        "the click, the view and the follow"
    );

    let failing = AccountServer::start(
        Setup::new(Mode::Plaintext).answer("CONTACT_SERVICE", Behaviour::Status500),
    );
    let url = failing.url();
    let output = action(
        &repo,
        &emulator,
        &[("command", "test"), ("server-url", &url)],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert_eq!(repo.outputs()["exitcode"], "1");
}

#[test]
fn the_plan_comment_lists_the_keys_the_server_fails_and_the_step_fails() {
    let emulator = account(true);
    let repo = repo();
    let server = AccountServer::start(
        Setup::new(Mode::Plaintext).answer("CONTACT_SERVICE", Behaviour::NotXml),
    );
    let url = server.url();
    let output = action(
        &repo,
        &emulator,
        &[("command", "plan"), ("server-url", &url)],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("::error::the server checks of http://127.0.0.1:"),
        "{}",
        text(&output)
    );
    let comment = repo.read_out("wxform.plan.md");
    assert!(
        comment.contains("#### Server checks: 3 passed, 1 failed, 0 warned"),
        "{comment}"
    );
    assert!(
        comment.contains("- ❌ `click CONTACT_SERVICE (menu: 联系客服)`: "),
        "{comment}"
    );
    assert_eq!(comment.matches("#### Menu checks").count(), 0, "{comment}");
    assert!(repo.read("step_summary").contains("CONTACT_SERVICE"));
    assert_eq!(
        repo.gh_body(),
        comment,
        "the comment is posted with the section"
    );
}

#[test]
fn a_server_that_cannot_be_checked_is_said_in_the_comment_and_fails_the_step() {
    let emulator = account(true);
    let repo = repo();
    let server = AccountServer::start(Setup::new(Mode::Plaintext));
    let url = server.url();
    let output = action_with_token(
        &repo,
        &emulator,
        &[("command", "plan"), ("server-url", &url)],
        None,
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let comment = repo.read_out("wxform.plan.md");
    assert!(
        comment.contains("#### Server checks\n\nThe server could not be checked: `wxform test` stopped with exit 1 before any push; the job log says why."),
        "{comment}"
    );
    assert!(
        text(&output).contains("WECHAT_SERVER_TOKEN is not set"),
        "{}",
        text(&output)
    );
    assert!(server.received().is_empty(), "nothing was pushed");
    assert_eq!(repo.gh_body(), comment);
}

#[test]
fn without_the_input_the_plan_pushes_nothing() {
    let emulator = account(true);
    let repo = repo();
    let output = action(&repo, &emulator, &[("command", "plan")]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(!repo.read_out("wxform.plan.md").contains("Server checks"));
}

/// GitLab's merge-request plan with `WXFORM_STAGING_SERVER_URL`: the server's section joins
/// the note, which is posted, and the job fails after it.
#[test]
fn gitlab_merge_requests_check_the_staging_server_in_the_note() {
    use super::gitlab::{ME, NOTES, USER, env, job_script};
    use crate::support::canned::Canned;
    let emulator = account(true);
    let repo = repo();
    let server = AccountServer::start(
        Setup::new(Mode::Plaintext).answer("CONTACT_SERVICE", Behaviour::Swapped),
    );
    let gitlab = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let mut variables = env(&repo, &emulator, &gitlab.base_url(), true);
    variables.insert("WXFORM_STAGING_SERVER_URL".into(), server.url());
    variables.insert("WECHAT_SERVER_TOKEN".into(), TOKEN.into());
    let output = repo.run(&job_script("plan:merge-request"), &variables);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("error: the server checks of http://127.0.0.1:"),
        "{}",
        text(&output)
    );
    assert_eq!(gitlab.paths(), [USER, NOTES, NOTES], "the note was posted");
    let note = repo.read("wxform.plan.md");
    assert!(
        note.contains("#### Server checks: 3 passed, 1 failed, 0 warned"),
        "{note}"
    );
    assert!(
        note.contains(
            "- ❌ `click CONTACT_SERVICE (menu: 联系客服)`: ToUserName and FromUserName are swapped"
        ),
        "{note}"
    );
}

#[test]
fn gitlab_says_in_the_note_when_the_server_cannot_be_checked() {
    use super::gitlab::{ME, NOTES, USER, env, job_script};
    use crate::support::canned::Canned;
    let emulator = account(true);
    let repo = repo();
    let server = AccountServer::start(Setup::new(Mode::Plaintext));
    let gitlab = Canned::start(vec![
        (USER, "application/json", ME),
        (NOTES, "application/json", b"[]"),
    ]);
    let mut variables = env(&repo, &emulator, &gitlab.base_url(), true);
    variables.insert("WXFORM_STAGING_SERVER_URL".into(), server.url());
    let output = repo.run(&job_script("plan:merge-request"), &variables);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert_eq!(gitlab.paths(), [USER, NOTES, NOTES], "the note was posted");
    let note = repo.read("wxform.plan.md");
    assert!(
        note.contains("#### Server checks\n\nThe server could not be checked: `wxform test` stopped with exit 1 before any push; the job log says why."),
        "{note}"
    );
    assert!(server.received().is_empty());
}
