#!/usr/bin/env bash
# Posts BODY_FILE as the pull request's wxform comment, editing the previous one in place.
#
# The comment is found by its first line, the marker wxform writes at the top of a Markdown plan
# (`<!-- wxform:plan:APPID -->`), among the comments of COMMENT_AUTHOR (github-actions[bot]).
# Needs GH_TOKEN (pull-requests: write), GITHUB_REPOSITORY and PR_NUMBER.
set -euo pipefail

body="${1:?usage: comment.sh BODY_FILE}"
repo="${GITHUB_REPOSITORY:?}"
pr="${PR_NUMBER:?}"
author="${COMMENT_AUTHOR:-github-actions[bot]}"

if ! [[ "$pr" =~ ^[0-9]+$ ]]; then
  echo "::error::PR_NUMBER is not a number: $pr"
  exit 1
fi
marker="$(head -n 1 "$body")"
# The marker goes into a jq filter: accept only what wxform writes.
if ! [[ "$marker" =~ ^'<!-- wxform:plan'[a-z]*':'[A-Za-z0-9_.-]+' -->'$ ]]; then
  echo "::error::$body does not start with a wxform plan marker"
  exit 1
fi

existing="$(gh api --paginate "repos/$repo/issues/$pr/comments" \
  --jq ".[] | select(.user.login == \"$author\" and (.body | startswith(\"$marker\"))) | .id" |
  head -n 1)"

if [ -n "$existing" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$existing" -F "body=@$body" > /dev/null
  echo "Updated the plan comment $existing on #$pr."
else
  gh api --method POST "repos/$repo/issues/$pr/comments" -F "body=@$body" > /dev/null
  echo "Posted the plan comment on #$pr."
fi
