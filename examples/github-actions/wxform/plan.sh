#!/usr/bin/env bash
# Plans a pull request's configuration and prepares its comment.
#
# With credentials (WECHAT_APPID + WECHAT_APPSECRET, or WECHAT_ACCESS_TOKEN) the live account
# is read; without them (a pull request from a fork) the committed snapshot WXFORM_SNAPSHOT is
# used instead, and the comment says so. Writes:
#   wxform.plan.md    the comment: wxform's Markdown plan (its first line is the marker), or
#                     a short "plan failed" note with the same marker
#   wxform.plan.json  the saved plan, for `wxform apply --plan` after the merge
#   wxform.pr         the pull request's number (PR_NUMBER), for wxform-comment.yml
# and the step outputs `mode` (live|snapshot), `changes` (true|false) and `marker`.
# wxform itself appends the plan to GITHUB_STEP_SUMMARY.
set -euo pipefail

config="${WXFORM_CONFIG:-wxform.yaml}"
snapshot="${WXFORM_SNAPSHOT:-wxform.live.json}"
output="${GITHUB_OUTPUT:-/dev/null}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"

rm -f wxform.plan.md wxform.plan.json wxform.pr
if [ -n "${PR_NUMBER:-}" ]; then
  printf '%s\n' "$PR_NUMBER" > wxform.pr
fi

args=(plan "$config" --format markdown --out wxform.plan.json --detailed-exitcode)
if [ -n "${WECHAT_APPSECRET:-}" ] || [ -n "${WECHAT_ACCESS_TOKEN:-}" ]; then
  mode=live
else
  mode=snapshot
  if [ ! -f "$snapshot" ]; then
    echo "::error::no WeChat credentials (a pull request from a fork?) and no snapshot $snapshot to plan against; commit one made with \`wxform export --format json --out $snapshot\`"
    exit 1
  fi
  args+=(--live "$snapshot")
  note="> [!NOTE]
> Planned against the committed snapshot \`$snapshot\`, not the live account: this pull request has no access to the WeChat credentials (it comes from a fork). After the merge, the apply job checks the plan against the live account and refuses it if the account differs from the snapshot."
  printf '%s\n\n' "$note" >> "$summary"
fi

status=0
wxform "${args[@]}" > wxform.plan.body || status=$?
case "$status" in
  0) changes=false ;;
  2) changes=true ;;
  *)
    rm -f wxform.plan.body
    # The comment still says what happened, so reviewers never read an outdated plan. Its
    # marker is the one the plan would have had: the account's appid.
    if [ "$mode" = live ]; then
      appid="${WECHAT_APPID:-unknown}"
    else
      appid="$(jq -r '.appid // "unknown"' "$snapshot" 2> /dev/null || echo unknown)"
    fi
    run="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
    printf '<!-- wxform:plan:%s -->\n### wxform plan failed\n\n`wxform plan` exited with %s; nothing was planned. The error is in [the job log](%s).\n' \
      "$appid" "$status" "$run" > wxform.plan.md
    echo "::error::wxform plan failed (exit $status); see the log above"
    exit "$status"
    ;;
esac

marker="$(head -n 1 wxform.plan.body)"
if [ "$mode" = snapshot ]; then
  # The marker stays the first line, so the comment is still found and edited in place.
  { printf '%s\n\n%s\n' "$marker" "$note"; tail -n +2 wxform.plan.body; } > wxform.plan.md
  rm -f wxform.plan.body
  # wxform keeps its plan under GitHub's comment limit; the note may push it over.
  limit="${COMMENT_LIMIT:-65536}"
  if [ "$(LC_ALL=C.UTF-8 wc -m < wxform.plan.md)" -gt "$limit" ]; then
    printf '%s\n\n%s\n\nThe plan is too long for a comment; it is in the job summary of this run.\n' \
      "$marker" "$note" > wxform.plan.md
  fi
else
  mv wxform.plan.body wxform.plan.md
fi

{
  echo "mode=$mode"
  echo "changes=$changes"
  echo "marker=$marker"
} >> "$output"
echo "wxform plan ($mode): changes=$changes"
