#!/usr/bin/env bash
# Plans a merge request's configuration into wxform.plan.md (the note; its first line is the
# marker) and wxform.plan.json (the saved plan). Without credentials — protected variables do
# not reach merge-request pipelines of unprotected branches — the snapshot WXFORM_SNAPSHOT as it
# is on the target branch is planned against (never the merge request's own copy), the note
# names it and its commit, and the plan says how old it is (WXFORM_MAX_SNAPSHOT_AGE sets when it
# warns).
#
# With WXFORM_PREVIEW=true the phone preview (`wxform preview`) is drawn from the same live side
# into wxform.preview.html, an artifact of the job that the note links (CI_JOB_URL) and the
# merge request shows (`artifacts:expose_as`). A preview that fails is a warning in the log and
# a line in the note, not a failed plan.
set -euo pipefail

config="${WXFORM_CONFIG:-wxform.yaml}"
snapshot="${WXFORM_SNAPSHOT:-wxform.live.json}"

rm -f wxform.preview.html
args=(plan "$config" --format markdown --out wxform.plan.json)
# The live side of the plan, given to the preview as well: the account, or `--live SNAPSHOT`.
live=()
note=""
if [ -z "${WECHAT_APPSECRET:-}" ] && [ -z "${WECHAT_ACCESS_TOKEN:-}" ]; then
  if [ -n "${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}" ]; then
    source_note="$(bash "$(dirname "$0")/target-snapshot.sh" "$snapshot" wxform.target.json)"
    live=(--live wxform.target.json)
  else
    if [ ! -f "$snapshot" ]; then
      echo "error: no WeChat credentials in this pipeline and no snapshot $snapshot; commit one made with \`wxform export --format json --out $snapshot\`" >&2
      exit 1
    fi
    source_note="the committed snapshot \`$snapshot\`"
    live=(--live "$snapshot")
  fi
  args+=("${live[@]}")
  note="> [!note]
> Planned against $source_note, not the live account: the WeChat credentials are protected variables, which this pipeline does not receive. The apply job on $CI_DEFAULT_BRANCH plans against the live account again."
fi

wxform "${args[@]}" > wxform.plan.body

link=""
if [ "${WXFORM_PREVIEW:-false}" = true ]; then
  drawn=0
  wxform preview "$config" ${live[@]+"${live[@]}"} --out wxform.preview.html || drawn=$?
  if [ "$drawn" -eq 0 ]; then
    # The job's artifacts are uploaded when its script ends, so the link works from then on.
    link="**Phone preview:** [every audience's menu as the phone shows it, live beside after apply](${CI_JOB_URL:-}/artifacts/file/wxform.preview.html) — also under \"wxform plan and phone preview\" in this merge request's artifacts."
  else
    rm -f wxform.preview.html
    link="**Phone preview:** not drawn (\`wxform preview\` exited with $drawn; the error is in [the job log](${CI_JOB_URL:-})). The plan above is complete without it."
    echo "warning: wxform preview failed (exit $drawn); the plan is not affected" >&2
  fi
fi

# The note: the marker stays the first line; the snapshot's note and the preview's link come
# before the plan.
{
  head -n 1 wxform.plan.body
  for line in "$note" "$link"; do
    if [ -n "$line" ]; then
      printf '\n%s\n' "$line"
    fi
  done
  if [ -n "$note$link" ]; then
    printf '\n'
  fi
  tail -n +2 wxform.plan.body
} > wxform.plan.md
rm -f wxform.plan.body
cat wxform.plan.md
