//! The CI examples (`examples/github-actions`, `examples/gitlab-ci`), the GitHub Action and the
//! release workflow: their structure as a runner reads it, and their shell steps run for real —
//! the built `wxform` on PATH, the emulator as WeChat, a fake `gh` recording what would be sent
//! to GitHub, local servers holding a fake release or GitLab's API, and a fake `curl` recording
//! what the snapshot's proposal would send to GitLab.

mod github;
mod github_apply;
mod github_fork;
mod github_server;
mod github_snapshot;
mod github_symlinks;
mod gitlab;
mod gitlab_snapshot;
mod install;
mod preview;
mod release;
mod repo;
mod structure;
