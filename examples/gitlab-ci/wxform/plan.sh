#!/usr/bin/env bash
# Plans a merge request's configuration into wxform.plan.md (the note; its first line is the
# marker) and wxform.plan.json (the saved plan). Without credentials — protected variables do
# not reach merge-request pipelines of unprotected branches — the snapshot WXFORM_SNAPSHOT as it
# is on the target branch is planned against (never the merge request's own copy), and the note
# names it and its age.
set -euo pipefail

config="${WXFORM_CONFIG:-wxform.yaml}"
snapshot="${WXFORM_SNAPSHOT:-wxform.live.json}"

args=(plan "$config" --format markdown --out wxform.plan.json)
note=""
if [ -z "${WECHAT_APPSECRET:-}" ] && [ -z "${WECHAT_ACCESS_TOKEN:-}" ]; then
  if [ -n "${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}" ]; then
    source_note="$(bash "$(dirname "$0")/target-snapshot.sh" "$snapshot" wxform.target.json)"
    args+=(--live wxform.target.json)
  else
    if [ ! -f "$snapshot" ]; then
      echo "error: no WeChat credentials in this pipeline and no snapshot $snapshot; commit one made with \`wxform export --format json --out $snapshot\`" >&2
      exit 1
    fi
    source_note="the committed snapshot \`$snapshot\`"
    args+=(--live "$snapshot")
  fi
  note="> [!note]
> Planned against $source_note, not the live account: the WeChat credentials are protected variables, which this pipeline does not receive. The apply job on $CI_DEFAULT_BRANCH plans against the live account again."
fi

wxform "${args[@]}" > wxform.plan.body
if [ -n "$note" ]; then
  { head -n 1 wxform.plan.body; printf '\n%s\n' "$note"; tail -n +2 wxform.plan.body; } > wxform.plan.md
  rm -f wxform.plan.body
else
  mv wxform.plan.body wxform.plan.md
fi
cat wxform.plan.md
