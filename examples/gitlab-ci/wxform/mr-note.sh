#!/usr/bin/env bash
# Posts BODY_FILE as the merge request's wxform note, editing the previous one in place. The
# note is found by its author and its first line: among the notes written by the user that
# WXFORM_GITLAB_TOKEN belongs to (asked of GitLab's /user), the one starting with the marker of
# wxform's Markdown plan. A note by anyone else that copies the marker is never edited. Needs
# WXFORM_GITLAB_TOKEN (api scope), CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, curl, jq.
set -euo pipefail

body="${1:?usage: mr-note.sh BODY_FILE}"
api="${CI_API_V4_URL:?}/projects/${CI_PROJECT_ID:?}/merge_requests/${CI_MERGE_REQUEST_IID:?}/notes"
token="${WXFORM_GITLAB_TOKEN:?set WXFORM_GITLAB_TOKEN to a project access token with the api scope}"
# The token goes to curl in a header file only this user can read, removed on exit, never on
# a command line (anyone on the machine can read /proc/PID/cmdline).
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
chmod 600 "$headers"
printf 'PRIVATE-TOKEN: %s\n' "$token" > "$headers"
auth="@$headers"

marker="$(head -n 1 "$body")"
case "$marker" in
  "<!-- wxform:plan"*" -->") ;;
  *) echo "error: $body does not start with a wxform plan marker" >&2; exit 1 ;;
esac

me="$(curl -fsS --max-filesize 1048576 --header "$auth" "$CI_API_V4_URL/user" | jq -r '.id // empty')"
if ! [[ "$me" =~ ^[0-9]+$ ]]; then
  echo "error: GitLab did not say whose token WXFORM_GITLAB_TOKEN is" >&2
  exit 1
fi

# The notes, oldest first, a page of 100 at a time (at most 20 pages), until the note is found.
existing=""
for page in $(seq 1 20); do
  read -r count existing < <(curl -fsS --max-filesize 16777216 --header "$auth" \
    "$api?per_page=100&page=$page&sort=asc&order_by=created_at" |
    jq -r --arg marker "$marker" --argjson me "$me" \
      '"\(length) \([.[] | select(.author.id == $me and (.body | startswith($marker)))][0].id // "")"') ||
    true
  # (A failed request leaves `count` empty: stop rather than post a second note.)
  if ! [[ "${count:-}" =~ ^[0-9]+$ ]] || ! [[ "${existing:-0}" =~ ^[0-9]+$ ]]; then
    echo "error: cannot list the merge request's notes (page $page)" >&2
    exit 1
  fi
  if [ -n "$existing" ] || [ "$count" -lt 100 ]; then
    break
  fi
done

if [ -n "$existing" ]; then
  curl -fsS -X PUT --header "$auth" --data-urlencode "body@$body" "$api/$existing" > /dev/null
  echo "Updated the plan note $existing."
else
  curl -fsS -X POST --header "$auth" --data-urlencode "body@$body" "$api" > /dev/null
  echo "Posted the plan note."
fi
