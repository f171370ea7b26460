//! The combined report of a multi-account plan (`wxform plan a.yaml b.yaml`): each account's
//! plan under its file name, in the order given, in text, Markdown or JSON, with a warning for
//! two files that are one account.

use super::plan_markdown::{MAX_CHARS, render_markdown};
use super::plan_text::{summary_line, write_text};
use crate::inert;

use crate::plan::{FORMAT_VERSION, Plan, PlanDocument};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::{self, Write};

/// First line of the Markdown report: CI finds its comment by it, as for one account.
pub const MARKER: &str = "<!-- wxform:plans:all -->";
/// Room kept under GitHub's comment limit for the closing lines.
const RESERVE: usize = 1_000;

/// One account of the report: its configuration file and its plan, or why there is none.
#[derive(Debug, Clone)]
pub struct AccountPlan {
    pub file: String,
    pub result: Result<Plan, String>,
}

/// Two files of the report that are one account: applying both, each would replace what the
/// other made, the menu first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameAccount {
    pub first: String,
    pub second: String,
    pub why: Sameness,
}

/// What two files share that makes them one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sameness {
    /// The same `account.appid`.
    Appid(String),
    /// The same credential variables (AppID, AppSecret, access token), neither naming an appid
    /// the other contradicts.
    Variables([String; 3]),
    /// The same `account.token_command` (program and arguments, shown here), run in the same
    /// folder, neither naming an appid the other contradicts.
    TokenCommand(String),
}

impl SameAccount {
    /// The warning in words; `name` writes each name from the files (a file's, an appid, a
    /// variable's) as the output needs it: inert text, a Markdown code span.
    pub fn sentence(&self, name: impl Fn(&str) -> String) -> String {
        let why = match &self.why {
            Sameness::Appid(appid) => format!("both have account.appid {}", name(appid)),
            Sameness::Variables([appid, secret, token]) => format!(
                "both read their credentials from {}, {} and {}",
                name(appid),
                name(secret),
                name(token)
            ),
            Sameness::TokenCommand(command) => {
                format!("both run the token command {}", name(command))
            }
        };
        format!(
            "{} and {} are the same account ({why}): applying both, one would replace the other's menu",
            name(&self.first),
            name(&self.second)
        )
    }
}

impl AccountPlan {
    fn failed(&self) -> bool {
        self.result.as_ref().map_or(true, Plan::has_errors)
    }
}

/// Counts for the closing line.
fn tally(accounts: &[AccountPlan]) -> (usize, usize, usize) {
    let failed = accounts.iter().filter(|a| a.result.is_err()).count();
    let changes = accounts
        .iter()
        .filter(|a| a.result.as_ref().is_ok_and(Plan::has_changes))
        .count();
    (accounts.len(), changes, failed)
}

fn closing_line(accounts: &[AccountPlan]) -> String {
    let (total, changes, failed) = tally(accounts);
    format!(
        "Accounts: {total} — {changes} with changes, {} without, {failed} not planned.",
        total - changes - failed
    )
}

/// Text: each plan under a `==> FILE <==` header (as `tail` heads several files), then the
/// warnings about files that are one account.
pub fn write_text_report(
    accounts: &[AccountPlan],
    same: &[SameAccount],
    out: &mut dyn Write,
) -> io::Result<()> {
    for (index, account) in accounts.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "==> {} <==", inert::text(&account.file))?;
        match &account.result {
            Ok(plan) => write_text(plan, out)?,
            Err(_) => writeln!(out, "Not planned: the error is on stderr.")?,
        }
    }
    if !same.is_empty() {
        writeln!(out)?;
        writeln!(out, "Warnings:")?;
        for warning in same {
            writeln!(out, "  - {}", warning.sentence(inert::text))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", closing_line(accounts))
}

/// Plain text, for tests.
pub fn render_text_report(accounts: &[AccountPlan], same: &[SameAccount]) -> String {
    let mut out = Vec::new();
    let _ = write_text_report(accounts, same, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Markdown for one pull-request comment: a table of the accounts, then each account's
/// Markdown plan. A section that would pass GitHub's 65,536-character limit is replaced by a
/// line saying how to see it.
pub fn render_markdown_report(accounts: &[AccountPlan], same: &[SameAccount]) -> String {
    let mut text = format!(
        "{MARKER}\n### wxform plans for {} accounts\n\n**{}**\n\n",
        accounts.len(),
        closing_line(accounts)
    );
    for warning in same {
        let _ = writeln!(
            text,
            "> [!WARNING]\n> {}\n",
            warning.sentence(inert::code_span)
        );
    }
    text.push_str("| file | account | plan |\n|---|---|---|\n");
    for account in accounts {
        let (appid, outcome) = match &account.result {
            Ok(plan) => (
                plan.appid
                    .as_deref()
                    .map_or(String::new(), inert::code_span),
                if plan.has_errors() {
                    "cannot be applied".to_string()
                } else {
                    summary_line(plan.summary())
                },
            ),
            Err(_) => (String::new(), "**not planned**".to_string()),
        };
        let _ = writeln!(
            text,
            "| {} | {appid} | {outcome} |",
            inert::code_span(&account.file)
        );
    }
    for account in accounts {
        let mut section = format!("\n---\n\n**{}**\n\n", inert::code_span(&account.file));
        match &account.result {
            // The account's own marker is left out: the report has one.
            Ok(plan) => {
                let markdown = render_markdown(plan);
                section.push_str(markdown.split_once('\n').map_or("", |(_, rest)| rest));
            }
            Err(error) => {
                let _ = writeln!(
                    section,
                    "> [!CAUTION]\n> Not planned: {}",
                    crate::inert::code_span(error)
                );
            }
        }
        if text.chars().count() + section.chars().count() + RESERVE > MAX_CHARS {
            section = format!(
                "\n---\n\n**{}**: this plan does not fit in the comment; run {} to see it.\n",
                inert::code_span(&account.file),
                inert::code_span(&format!("wxform plan {}", account.file))
            );
        }
        text.push_str(&section);
    }
    text
}

/// JSON: `{"format_version": 2, "accounts": [{"file", "plan" | "error"}], "summary",
/// "warnings": [{"files", "message"}]}`, each plan the single-account [`PlanDocument`].
pub fn render_json_report(accounts: &[AccountPlan], same: &[SameAccount]) -> String {
    let (total, changes, failed) = tally(accounts);
    let list: Vec<Value> = accounts
        .iter()
        .map(|account| match &account.result {
            Ok(plan) => json!({"file": account.file, "plan": PlanDocument::from_plan(plan)}),
            Err(error) => json!({"file": account.file, "error": error}),
        })
        .collect();
    let document = json!({
        "format_version": FORMAT_VERSION,
        "accounts": list,
        "summary": {
            "accounts": total,
            "with_changes": changes,
            "failed": failed,
            "cannot_apply": accounts.iter().filter(|a| a.failed()).count() - failed,
        },
        "warnings": same
            .iter()
            .map(|warning| json!({
                "files": [warning.first, warning.second],
                "message": warning.sentence(str::to_string),
            }))
            .collect::<Vec<Value>>(),
    });
    let text = serde_json::to_string_pretty(&document).expect("JSON values serialise");
    let mut text = crate::inert::json(&text);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Button, Desired, Live, Menu};
    use crate::plan::plan;

    /// A plan creating a full menu with 1,000-byte URLs: about 16 KB of Markdown.
    fn big_plan() -> Plan {
        let leaf = |i: usize| Button {
            name: format!("b{i}"),
            kind: Some("view".into()),
            url: Some(format!("https://example.com/{}", "x".repeat(1000))),
            ..Button::default()
        };
        let folder = |i: usize| Button {
            name: format!("f{i}"),
            sub_button: (0..5).map(leaf).collect(),
            ..Button::default()
        };
        let desired = Desired {
            menu: Some(Menu {
                button: (0..3).map(folder).collect(),
            }),
            ..Desired::default()
        };
        plan(&desired, &Live::default())
    }

    fn account(file: &str, result: Result<Plan, String>) -> AccountPlan {
        AccountPlan {
            file: file.into(),
            result,
        }
    }

    #[test]
    fn markdown_stays_under_the_comment_limit_and_says_what_it_left_out() {
        let accounts: Vec<AccountPlan> = (0..8)
            .map(|i| account(&format!("a{i}.yaml"), Ok(big_plan())))
            .collect();
        let markdown = render_markdown_report(&accounts, &[]);
        assert!(markdown.chars().count() <= MAX_CHARS);
        assert!(
            markdown.contains("**`a0.yaml`**\n\n### wxform plan"),
            "the first fits"
        );
        assert!(
            markdown.contains("**`a7.yaml`**: this plan does not fit in the comment; run `wxform plan a7.yaml` to see it."),
            "{markdown}"
        );
        assert_eq!(
            markdown.matches("| `a").count(),
            8,
            "every account in the table"
        );
    }

    #[test]
    fn failed_accounts_are_listed_with_their_error_made_inert() {
        let accounts = [
            account("ok.yaml", Ok(Plan::default())),
            account("bad|<b>.yaml", Err("cannot read <script> `x`\nmore".into())),
        ];
        let markdown = render_markdown_report(&accounts, &[]);
        assert!(markdown.starts_with("<!-- wxform:plans:all -->\n"));
        assert!(
            markdown.contains("| `bad\\|<b>.yaml` |  | **not planned** |"),
            "{markdown}"
        );
        assert!(
            markdown.contains("> Not planned: ``cannot read <script> `x`\\nmore``"),
            "{markdown}"
        );
        let text = render_text_report(&accounts, &[]);
        assert!(text.starts_with("==> ok.yaml <==\n"), "{text}");
        assert!(
            text.contains("\n\n==> bad|<b>.yaml <==\nNot planned: the error is on stderr.\n"),
            "{text}"
        );
        assert!(
            text.ends_with("Accounts: 2 — 0 with changes, 1 without, 1 not planned.\n"),
            "{text}"
        );
        let json: Value = serde_json::from_str(&render_json_report(&accounts, &[])).unwrap();
        assert_eq!(
            json["accounts"][1]["error"],
            "cannot read <script> `x`\nmore"
        );
        assert_eq!(json["summary"]["failed"], 1);
        // One plan document, one format version, inside the report and outside it.
        assert_eq!(json["format_version"], 2);
        let plan: PlanDocument =
            serde_json::from_value(json["accounts"][0]["plan"].clone()).unwrap();
        assert_eq!(plan, PlanDocument::from_plan(&Plan::default()));
    }

    #[test]
    fn two_files_of_one_account_are_warned_about_in_every_form_with_names_made_inert() {
        let accounts = [
            account("a.yaml", Ok(Plan::default())),
            account("b|`x`.yaml", Ok(Plan::default())),
        ];
        let same = [SameAccount {
            first: "a.yaml".into(),
            second: "b|`x`.yaml".into(),
            why: Sameness::Variables(["A\u{1b}[31m".into(), "S".into(), "T".into()]),
        }];
        let text = render_text_report(&accounts, &same);
        assert!(
            text.ends_with("\nWarnings:\n  - a.yaml and b|`x`.yaml are the same account (both read their credentials from A\\u{1b}[31m, S and T): applying both, one would replace the other's menu\n\nAccounts: 2 — 0 with changes, 2 without, 0 not planned.\n"),
            "{text}"
        );
        let markdown = render_markdown_report(&accounts, &same);
        assert!(
            markdown.contains("> [!WARNING]\n> `a.yaml` and ``b\\|`x`.yaml`` are the same account"),
            "{markdown}"
        );
        let json: Value = serde_json::from_str(&render_json_report(&accounts, &same)).unwrap();
        assert_eq!(json["warnings"][0]["files"][1], "b|`x`.yaml");
        assert!(
            json["warnings"][0]["message"]
                .as_str()
                .unwrap()
                .contains("A\u{1b}[31m")
        );
        assert_eq!(
            render_json_report(&accounts, &[])
                .matches("\"warnings\": []")
                .count(),
            1
        );
    }
}
