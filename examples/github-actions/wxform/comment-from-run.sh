#!/usr/bin/env bash
# Comments the plan of a fork's pull-request run (artifact directory DIR, from wxform-comment.yml).
# The artifact is the fork's output, so it is checked: wxform.pr must be a number, and that pull
# request's head must be the commit the run planned (RUN_HEAD_SHA).
set -euo pipefail

dir="${1:?usage: comment-from-run.sh DIR}"
repo="${GITHUB_REPOSITORY:?}"

pr="$(head -c 32 "$dir/wxform.pr" | tr -d '[:space:]')"
if ! [[ "$pr" =~ ^[0-9]+$ ]]; then
  echo "::error::the artifact names no pull request"
  exit 1
fi
head_sha="$(gh api "repos/$repo/pulls/$pr" --jq .head.sha)"
if [ "$head_sha" != "${RUN_HEAD_SHA:?}" ]; then
  echo "::error::pull request #$pr is at $head_sha, but the run planned $RUN_HEAD_SHA; not commenting"
  exit 1
fi
PR_NUMBER="$pr" bash "$(dirname "$0")/comment.sh" "$dir/wxform.plan.md"
