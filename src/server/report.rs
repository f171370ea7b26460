//! What the server checks found: the handshake, each push with the reply in words and its time,
//! each reply check. Data only: `render::server_checks` shows it, `wxform test --format json`
//! prints it.

use super::config::Mode;
use super::judge::Shown;
use super::push::Push;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// Failed where the follower sees nothing of it (a `view` push's reply): no exit 1.
    Warn,
    Skip,
}

/// The URL handshake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandshakeResult {
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub ms: u64,
}

/// One push and what the server answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PushResult {
    #[serde(flatten)]
    pub push: Push,
    pub status: Status,
    /// The reply the follower sees; absent for no reply and for a failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<Shown>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub ms: u64,
}

/// One reply check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyCheckResult {
    pub name: String,
    pub status: Status,
    /// What came instead, when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A whole run against one server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerReport {
    pub url: String,
    pub mode: Mode,
    pub openid: String,
    pub handshake: HandshakeResult,
    pub pushes: Vec<PushResult>,
    pub reply_checks: Vec<ReplyCheckResult>,
}

/// The server checks of a `wxform test`: run, or skipped and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerOutcome {
    Checked(ServerReport),
    Skipped(String),
}

/// Counts of a run: passed, failed, warned, skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub warned: usize,
    pub skipped: usize,
}

impl Tally {
    fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.passed += 1,
            Status::Fail => self.failed += 1,
            Status::Warn => self.warned += 1,
            Status::Skip => self.skipped += 1,
        }
    }
}

impl ServerOutcome {
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        match self {
            ServerOutcome::Skipped(_) => tally.add(Status::Skip),
            ServerOutcome::Checked(report) => {
                tally.add(report.handshake.status);
                report.pushes.iter().for_each(|push| tally.add(push.status));
                report
                    .reply_checks
                    .iter()
                    .for_each(|check| tally.add(check.status));
            }
        }
        tally
    }

    pub fn failed(&self) -> bool {
        self.tally().failed > 0
    }
}
