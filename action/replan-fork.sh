#!/usr/bin/env bash
# The trusted half of a fork's pull request, run by the base repository's workflow on the
# `workflow_run` event after the fork's run: plans the pull request's configuration again and
# posts the comment that the fork's read-only token could not. Nothing of the fork is executed
# or believed. Its run's artifact only names the pull request, and that is checked (a number,
# whose head is the commit the run was for); the configuration is read as data at that commit;
# the plan is made here, without credentials, against the base branch's snapshot.
# Needs GH_TOKEN (actions: read, contents: read, pull-requests: write), GITHUB_REPOSITORY,
# GITHUB_EVENT_PATH and WXFORM_OUT_DIR (a fresh directory of the action's own): the fork's run
# and configuration go under its fork/, the plan and its comment into it as plan.sh writes them.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="${GITHUB_REPOSITORY:?}"
event="${GITHUB_EVENT_PATH:?}"
read -r -d '' -a configs <<< "${WXFORM_CONFIG:-wxform.yaml}" || true
# A configuration is a few hundred KiB at most; a larger file is not one.
cap=8388608
out="${WXFORM_OUT_DIR:?set by main.sh}"
fork="$out/fork"

run_id="$(jq -r '.workflow_run.id // empty' "$event")"
head_sha="$(jq -r '.workflow_run.head_sha // empty' "$event")"
if ! [[ "$run_id" =~ ^[0-9]+$ ]] || ! [[ "$head_sha" =~ ^[0-9a-f]{40}$ ]]; then
  echo "::error::this is not the workflow_run event of a pull request's run"
  exit 1
fi

mkdir -p "$fork/config"
if ! bash "$here/download-plan.sh" "$run_id" "$fork/run"; then
  echo "::error::the run $run_id left nothing to comment (it stopped before planning, or its artifact expired)"
  exit 1
fi
pr="$(head -c 32 "$fork/run/wxform.pr" 2> /dev/null | tr -d '[:space:]')"
if ! [[ "$pr" =~ ^[0-9]+$ ]]; then
  echo "::error::the run's artifact names no pull request"
  exit 1
fi
read -r pr_head base < <(gh api "repos/$repo/pulls/$pr" --jq '"\(.head.sha) \(.base.ref)"')
if [ "$pr_head" != "$head_sha" ]; then
  echo "::error::pull request #$pr is at $pr_head, but the run was for $head_sha; not commenting"
  exit 1
fi

for config in "${configs[@]}"; do
  if ! [[ "$config" =~ ^[A-Za-z0-9_.][A-Za-z0-9_./-]*$ ]] || [[ "$config" == *..* ]]; then
    echo "::error::a fork's configuration is fetched by plain relative file paths, not '$config'"
    exit 1
  fi
  mkdir -p "$fork/config/$(dirname "$config")"
  gh api -H "Accept: application/vnd.github.raw+json" "repos/$repo/contents/$config?ref=$head_sha" |
    head -c "$((cap + 1))" > "$fork/config/$config"
  if [ "$(wc -c < "$fork/config/$config")" -gt "$cap" ]; then
    echo "::error::$config at $head_sha is larger than $cap bytes"
    exit 1
  fi
done

status=0
(
  cd "$fork/config"
  env -u WECHAT_APPID -u WECHAT_APPSECRET -u WECHAT_ACCESS_TOKEN \
    PR_NUMBER="$pr" GITHUB_BASE_REF="$base" bash "$here/plan.sh"
) || status=$?
if [ -f "$out/wxform.plan.md" ]; then
  PR_NUMBER="$pr" bash "$here/comment.sh" "$out/wxform.plan.md"
fi
exit "$status"
