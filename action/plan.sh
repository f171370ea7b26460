#!/usr/bin/env bash
# Plans a pull request's configuration (WXFORM_CONFIG: one or more files or directories) and
# prepares its comment.
#
# With credentials (WECHAT_APPID + WECHAT_APPSECRET, or WECHAT_ACCESS_TOKEN) the live account
# is read. Without them (a pull request from a fork) the plan is made against the snapshot
# WXFORM_SNAPSHOT as it is on the base branch (GITHUB_BASE_REF), never the pull request's own
# copy, which its author could have edited; the comment names that snapshot's commit, and the
# plan says how old it is (WXFORM_MAX_SNAPSHOT_AGE sets when it warns).
# Writes into WXFORM_OUT_DIR (a fresh directory of the action's own, never the checkout):
#   wxform.plan.md    the comment: wxform's Markdown plan (its first line is the marker), or
#                     a short "plan failed" note with the same marker
#   wxform.plan.json  the saved plan, for `wxform apply --plan` after the merge (one
#                     configuration file only; several make one report and no saved plan)
#   wxform.pr         the pull request's number (PR_NUMBER), for the fork comment workflow
#   wxform.preview.html  with WXFORM_PREVIEW=true and one configuration file: the phone
#                     preview (`wxform preview`), drawn from the same live side as the plan;
#                     the comment and the job summary link it (the run's artifact
#                     `wxform-preview`). A preview that fails is a warning, not a failed plan.
# and the step output `mode` (live|snapshot). With WXFORM_SERVER_URL the account's server is
# checked too (`wxform test --server-url`), its section appended to the comment, and a failure
# exits 1. Otherwise exits with wxform's status: 0 no changes,
# 2 changes, anything else a failure. wxform itself appends the plan to GITHUB_STEP_SUMMARY.
set -euo pipefail

read -r -d '' -a configs <<< "${WXFORM_CONFIG:-wxform.yaml}" || true
snapshot="${WXFORM_SNAPSHOT:-wxform.live.json}"
output="${GITHUB_OUTPUT:-/dev/null}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
here="$(dirname "$0")"
preview="${WXFORM_PREVIEW:-false}"
run="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
out="${WXFORM_OUT_DIR:?set by main.sh}"

if [ -n "${PR_NUMBER:-}" ]; then
  printf '%s\n' "$PR_NUMBER" > "$out/wxform.pr"
fi

args=(plan "${configs[@]}" --format markdown --detailed-exitcode)
# One account's plan is saved for the apply after the merge; several accounts make one report
# (wxform saves and plans against snapshots one account at a time).
single=false
if [ "${#configs[@]}" -eq 1 ] && [ -f "${configs[0]}" ]; then
  single=true
  args+=(--out "$out/wxform.plan.json")
fi
# The live side of the plan, given to the preview as well: the account, or `--live SNAPSHOT`.
live=()
if [ -n "${WECHAT_APPSECRET:-}" ] || [ -n "${WECHAT_ACCESS_TOKEN:-}" ]; then
  mode=live
else
  mode=snapshot
  if [ "$single" = false ]; then
    echo "::error::several accounts are planned with their credentials only; without them (a pull request from a fork) plan one configuration file per run"
    exit 1
  fi
  if [ -n "${GITHUB_BASE_REF:-}" ]; then
    if ! source_note="$(bash "$here/base-snapshot.sh" "$snapshot" "$GITHUB_BASE_REF" "$out/wxform.base.json")"; then
      exit 1
    fi
    live=(--live "$out/wxform.base.json")
  else
    if [ ! -f "$snapshot" ]; then
      echo "::error::no WeChat credentials and no snapshot $snapshot to plan against; commit one made with \`wxform export --format json --out $snapshot\`"
      exit 1
    fi
    source_note="the committed snapshot \`$snapshot\`"
    live=(--live "$snapshot")
  fi
  args+=("${live[@]}")
  note="> [!NOTE]
> Planned against $source_note, not the live account: this run has no access to the WeChat credentials (a pull request from a fork). After the merge, the apply job checks the plan against the live account and refuses it if the account differs from the snapshot."
  printf '%s\n\n' "$note" >> "$summary"
fi
echo "mode=$mode" >> "$output"

status=0
body="$out/wxform.plan.body"
comment="$out/wxform.plan.md"
wxform "${args[@]}" > "$body" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  rm -f "$body"
  # The comment still says what happened, so reviewers never read an outdated plan. Its
  # marker is the one the plan would have had: the account's appid, when it looks like one.
  if [ "$mode" = live ]; then
    appid="${WECHAT_APPID:-unknown}"
  else
    appid="$(jq -r '.appid // "unknown"' "${args[-1]}" 2> /dev/null || echo unknown)"
  fi
  if ! [[ "$appid" =~ ^wx[0-9a-f]{16}$ ]]; then
    appid=unknown
  fi
  # shellcheck disable=SC2016 # the backticks are Markdown code spans, not commands
  printf '<!-- wxform:plan:%s -->\n### wxform plan failed\n\n`wxform plan` exited with %s; nothing was planned. The error is in [the job log](%s).\n' \
    "$appid" "$status" "$run" > "$comment"
  echo "::error::wxform plan failed (exit $status); see the log above"
  exit "$status"
fi

# The phone preview, for the single configuration the plan was saved for: a paragraph linking
# it (or saying why there is none) goes into the comment and the job summary.
link=""
if [ "$preview" = true ] && [ "$single" = true ]; then
  drawn=0
  wxform preview "${configs[0]}" ${live[@]+"${live[@]}"} --out "$out/wxform.preview.html" || drawn=$?
  if [ "$drawn" -eq 0 ]; then
    link="**Phone preview:** [every audience's menu as the phone shows it, live beside after apply]($run#artifacts) — the artifact \`wxform-preview\` of this run: download it, unzip it and open \`wxform.preview.html\` in a browser."
  else
    rm -f "$out/wxform.preview.html"
    link="**Phone preview:** not drawn (\`wxform preview\` exited with $drawn; the error is in [the job log]($run)). The plan above is complete without it."
    echo "::warning::wxform preview failed (exit $drawn); the plan is not affected"
  fi
  printf '\n%s\n' "$link" >> "$summary"
elif [ "$preview" = true ]; then
  echo "::notice::no phone preview: wxform preview draws one configuration file, and this plan has several"
fi

# The comment: the marker stays the first line, so it is still found and edited in place; the
# snapshot's note and the preview's link come before the plan.
marker="$(head -n 1 "$body")"
head_lines=()
if [ "$mode" = snapshot ]; then
  head_lines+=("$note")
fi
if [ -n "$link" ]; then
  head_lines+=("$link")
fi
top() {
  printf '%s\n' "$marker"
  for line in ${head_lines[@]+"${head_lines[@]}"}; do
    printf '\n%s\n' "$line"
  done
  if [ "${#head_lines[@]}" -gt 0 ]; then
    printf '\n'
  fi
}
{ top; tail -n +2 "$body"; } > "$comment"
rm -f "$body"
# The account's server (WXFORM_SERVER_URL, the input server-url: a staging server), for the
# single configuration: every tap pushed as WeChat pushes it. Its Markdown section (the count,
# then what did not pass, key by key) joins the comment and the job summary; a failure fails
# the step once the comment is written.
server_status=0
if [ -n "${WXFORM_SERVER_URL:-}" ] && [ "$single" = true ]; then
  wxform test "${configs[0]}" --server-url "$WXFORM_SERVER_URL" --format markdown > "$out/wxform.server.md" || server_status=$?
  section="$(awk '/^#### Server checks/ { shown = 1 } shown' "$out/wxform.server.md")"
  rm -f "$out/wxform.server.md"
  if [ -z "$section" ] && [ "$server_status" -ne 0 ]; then
    # An error before any check (a missing token, a bad key): said in the comment, not only the log.
    section="#### Server checks

The server could not be checked: \`wxform test\` stopped with exit $server_status before any push; the job log says why."
  fi
  if [ -n "$section" ]; then
    printf '\n%s\n' "$section" >> "$comment"
    printf '\n%s\n' "$section" >> "$summary"
  fi
  if [ "$server_status" -ne 0 ]; then
    echo "::error::the server checks of $WXFORM_SERVER_URL fail (wxform test exited with $server_status; the comment lists what failed)"
  fi
elif [ -n "${WXFORM_SERVER_URL:-}" ]; then
  echo "::notice::no server checks: they run for one configuration file, and this plan has several"
fi
# wxform keeps its plan under GitHub's comment limit; the note and the link may push it over.
limit="${COMMENT_LIMIT:-65536}"
if [ "$(LC_ALL=C.UTF-8 wc -m < "$comment")" -gt "$limit" ]; then
  { top; printf 'The plan is too long for a comment; it is in the job summary of this run.\n'; } > "$comment"
fi
echo "wxform plan ($mode): exit $status"
if [ "$server_status" -ne 0 ]; then
  exit 1
fi
exit "$status"
