#!/usr/bin/env bash
# Proposes NEW (the snapshot the apply job just exported) as SNAPSHOT on the branch the
# pipeline runs on (CI_COMMIT_BRANCH, the default branch): one merge request from the branch
# wxform/snapshot, opened when there is none and updated when there is.
#
# Nothing is written when the snapshot on that branch, or the one the open merge request
# already proposes, says the same: snapshots are compared without their `exported_at`. An open
# proposal that the branch has caught up with is closed, so that an outdated snapshot is never
# merged later.
#
# Everything goes through GitLab's API, no git push: the commits API makes one commit on top of
# the branch's head and moves wxform/snapshot to it (creating the branch, or resetting it: the
# branch is this script's own). WXFORM_GITLAB_TOKEN must be a project access token with the api
# scope and the Developer role (it writes that branch and the merge request); it goes to curl in
# a header file only this user can read, removed on exit, never on a command line. The branch,
# title and commit message are fixed here; SNAPSHOT is checked to be a plain relative path.
# Needs CI_API_V4_URL, CI_PROJECT_ID, CI_COMMIT_BRANCH, curl, jq.
set -euo pipefail

new="${1:?usage: propose-snapshot.sh NEW SNAPSHOT}"
snapshot="${2:?}"
base="${CI_COMMIT_BRANCH:?}"
project="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}"
token="${WXFORM_GITLAB_TOKEN:?set WXFORM_GITLAB_TOKEN to a project access token with the api scope and the Developer role}"
branch=wxform/snapshot
# A snapshot is a few hundred KiB at most; a larger file is not one.
cap=8388608

if ! [[ "$snapshot" =~ ^[A-Za-z0-9_.][A-Za-z0-9_./-]*$ ]] || [[ "$snapshot" == *..* ]]; then
  echo "error: the snapshot path must be a plain relative path, not '$snapshot'" >&2
  exit 1
fi

# The token goes to curl in a header file only this user can read, removed on exit, never on
# a command line (anyone on the machine can read /proc/PID/cmdline).
headers="$(mktemp)"
work="$(mktemp -d)"
trap 'rm -rf "$headers" "$work"' EXIT
chmod 600 "$headers"
printf 'PRIVATE-TOKEN: %s\n' "$token" > "$headers"
auth="@$headers"

encode() { jq -rn --arg value "$1" '$value | @uri'; }

# SNAPSHOT as it is on the branch $1, into the file $2; no file when the branch does not hold it.
read_on() {
  local code
  code="$(curl -sS --max-filesize "$cap" --header "$auth" --output "$2" --write-out '%{http_code}' \
    "$project/repository/files/$(encode "$snapshot")/raw?ref=$(encode "$1")")" || return 1
  case "$code" in
    200) ;;
    404) rm -f "$2" ;;
    *)
      echo "error: GitLab answered HTTP $code for $snapshot on $1" >&2
      return 1
      ;;
  esac
}

# Two snapshots say the same when they differ at most in when they were exported.
same() {
  local left right
  [ -f "$2" ] || return 1
  left="$(jq -S 'del(.exported_at)' "$1" 2> /dev/null)" || return 1
  right="$(jq -S 'del(.exported_at)' "$2" 2> /dev/null)" || return 1
  [ "$left" = "$right" ]
}

mr="$(curl -fsS --max-filesize 1048576 --header "$auth" \
  "$project/merge_requests?state=opened&source_branch=$(encode "$branch")&target_branch=$(encode "$base")" |
  jq -r '.[0].iid // empty')"
if ! [[ "$mr" =~ ^[0-9]*$ ]]; then
  echo "error: GitLab named no merge request number for $branch: $mr" >&2
  exit 1
fi

read_on "$base" "$work/base.json"
if same "$new" "$work/base.json"; then
  if [ -n "$mr" ]; then
    curl -fsS -X PUT --header "$auth" --data "state_event=close" \
      "$project/merge_requests/$mr" > /dev/null
    echo "The snapshot $snapshot on $base is current; closed the outdated proposal !$mr."
  else
    echo "The snapshot $snapshot on $base is current; nothing to propose."
  fi
  exit 0
fi
if [ -n "$mr" ]; then
  read_on "$branch" "$work/proposed.json"
  if same "$new" "$work/proposed.json"; then
    echo "Merge request !$mr already proposes this snapshot."
    exit 0
  fi
fi

# One commit on top of the branch's head that changes SNAPSHOT only.
action=update
if [ ! -f "$work/base.json" ]; then
  action=create
fi
jq -n --arg branch "$branch" --arg start "$base" --arg path "$snapshot" --arg action "$action" \
  --arg message "Refresh the wxform snapshot $snapshot" --rawfile content "$new" \
  '{branch: $branch, start_branch: $start, force: true, commit_message: $message,
    actions: [{action: $action, file_path: $path, content: $content}]}' > "$work/commit.json"
curl -fsS -X POST --header "$auth" --header "Content-Type: application/json" \
  --data-binary "@$work/commit.json" "$project/repository/commits" > /dev/null

exported="$(jq -r '.exported_at // "an unknown time"' "$new")"
if ! [[ "$exported" =~ ^[0-9T:.Z-]+$ ]]; then
  exported="an unknown time"
fi
cat > "$work/description.md" << EOF
The live WeChat account as \`wxform export --format json\` read it at $exported, after [the apply of this pipeline](${CI_PIPELINE_URL:-}).

Merge requests planned without the WeChat credentials are planned against \`$snapshot\` as it is on \`$base\`; merging this keeps their plans true to the account. Only \`$snapshot\` changes. Later applies update this merge request, and close it when \`$base\` has caught up.
EOF
if [ -n "$mr" ]; then
  curl -fsS -X PUT --header "$auth" --data-urlencode "description@$work/description.md" \
    "$project/merge_requests/$mr" > /dev/null
  echo "Updated the snapshot proposed in !$mr."
else
  mr="$(curl -fsS --max-filesize 1048576 -X POST --header "$auth" \
    --data-urlencode "source_branch=$branch" --data-urlencode "target_branch=$base" \
    --data-urlencode "title=wxform: refresh the snapshot $snapshot" \
    --data-urlencode "description@$work/description.md" --data "remove_source_branch=true" \
    "$project/merge_requests" | jq -r '.iid // empty')"
  if ! [[ "$mr" =~ ^[0-9]+$ ]]; then
    echo "error: GitLab named no merge request for the snapshot" >&2
    exit 1
  fi
  echo "Proposed the new snapshot in !$mr."
fi
