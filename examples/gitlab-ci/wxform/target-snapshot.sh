#!/usr/bin/env bash
# Fetches SNAPSHOT as it is on the merge request's target branch (not as the merge request has
# it, which its author could have edited) into OUT, and prints a phrase naming it for the note:
# its path, branch and commit (the plan itself says how old the snapshot is, from when it was
# exported). Needs WXFORM_GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID and
# CI_MERGE_REQUEST_TARGET_BRANCH_NAME, curl, jq.
set -euo pipefail

snapshot="${1:?usage: target-snapshot.sh SNAPSHOT OUT}"
out="${2:?}"
branch="${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:?}"
project="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}"
token="${WXFORM_GITLAB_TOKEN:?set WXFORM_GITLAB_TOKEN to read the snapshot of $branch}"
# The token goes to curl in a header file only this user can read, removed on exit, never on
# a command line (anyone on the machine can read /proc/PID/cmdline).
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
chmod 600 "$headers"
printf 'PRIVATE-TOKEN: %s\n' "$token" > "$headers"
auth="@$headers"
# A snapshot is a few hundred KiB at most; a larger file is not one.
cap=8388608

encode() { jq -rn --arg value "$1" '$value | @uri'; }

commit="$(curl -fsS --max-filesize 1048576 --header "$auth" \
  "$project/repository/commits?ref_name=$(encode "$branch")&path=$(encode "$snapshot")&per_page=1" |
  jq -r '.[0] | select(. != null) | "\(.id) \(.committed_date)"')"
if [ -z "$commit" ]; then
  echo "error: no snapshot $snapshot on $branch to plan against without credentials; commit one made with \`wxform export --format json --out $snapshot\`" >&2
  exit 1
fi
sha="${commit%% *}"
date="${commit#* }"
if ! [[ "$sha" =~ ^[0-9a-f]{40}$ ]]; then
  echo "error: GitLab named no commit for $snapshot on $branch" >&2
  exit 1
fi

# The file of the commit that last changed it, so the file read is the one that commit dated.
if ! curl -fsS --max-filesize "$cap" --header "$auth" --output "$out" \
  "$project/repository/files/$(encode "$snapshot")/raw?ref=$sha"; then
  rm -f "$out"
  echo "error: cannot read $snapshot at $sha (larger than $cap bytes, or not there)" >&2
  exit 1
fi

# shellcheck disable=SC2016 # the backticks are Markdown code spans, not commands
printf 'the snapshot `%s` from `%s` (commit %s of %s)' "$snapshot" "$branch" "${sha:0:12}" "$date"
