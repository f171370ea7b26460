#!/usr/bin/env bash
# Plans a merge request's configuration into wxform.plan.md (the note; its first line is the
# marker) and wxform.plan.json (the saved plan). Without credentials — protected variables do
# not reach merge-request pipelines of unprotected branches — the committed snapshot
# WXFORM_SNAPSHOT is planned against, and the note says so.
set -euo pipefail

config="${WXFORM_CONFIG:-wxform.yaml}"
snapshot="${WXFORM_SNAPSHOT:-wxform.live.json}"

args=(plan "$config" --format markdown --out wxform.plan.json)
note=""
if [ -z "${WECHAT_APPSECRET:-}" ] && [ -z "${WECHAT_ACCESS_TOKEN:-}" ]; then
  if [ ! -f "$snapshot" ]; then
    echo "error: no WeChat credentials in this pipeline and no snapshot $snapshot; commit one made with \`wxform export --format json --out $snapshot\`" >&2
    exit 1
  fi
  args+=(--live "$snapshot")
  note="> [!note]
> Planned against the committed snapshot \`$snapshot\`, not the live account: the WeChat credentials are protected variables, which this pipeline does not receive. The apply job on $CI_DEFAULT_BRANCH plans against the live account again."
fi

wxform "${args[@]}" > wxform.plan.body
if [ -n "$note" ]; then
  { head -n 1 wxform.plan.body; printf '\n%s\n' "$note"; tail -n +2 wxform.plan.body; } > wxform.plan.md
  rm -f wxform.plan.body
else
  mv wxform.plan.body wxform.plan.md
fi
cat wxform.plan.md
