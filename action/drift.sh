#!/usr/bin/env bash
# Drift detection: plans against the live account. With changes (exit 2) the plan goes into the
# open issue labelled wxform-drift (created when there is none); without changes that issue is
# closed. A failed plan fails the job, so the run's failure is notified. Exits with wxform's
# status: 0 no drift, 2 drift (reported in the issue), anything else a failure.
# Needs GH_TOKEN (issues: write), GITHUB_REPOSITORY and the WeChat credentials.
set -euo pipefail

read -r -d '' -a configs <<< "${WXFORM_CONFIG:-wxform.yaml}" || true
config="${configs[*]}"
label="${DRIFT_LABEL:-wxform-drift}"
repo="${GITHUB_REPOSITORY:?}"

# The issue's body, in the action's own directory (never the checkout).
report="${WXFORM_OUT_DIR:?set by main.sh}/wxform.drift.md"

status=0
wxform plan "${configs[@]}" --format markdown --detailed-exitcode > "$report" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  echo "::error::wxform plan failed (exit $status); see the log above"
  exit "$status"
fi

issue="$(gh issue list --repo "$repo" --label "$label" --state open --limit 1 \
  --json number --jq '.[0].number // empty')"

if [ "$status" -eq 2 ]; then
  if [ -n "$issue" ]; then
    gh issue edit "$issue" --repo "$repo" --body-file "$report" > /dev/null
    echo "::warning::the live account still differs from $config; updated #$issue"
  else
    gh label create "$label" --repo "$repo" --color D93F0B --force \
      --description "The live WeChat account differs from the configuration" > /dev/null
    gh issue create --repo "$repo" --label "$label" --body-file "$report" \
      --title "wxform: the live WeChat account differs from $config" > /dev/null
    echo "::warning::the live account differs from $config; opened an issue labelled $label"
  fi
elif [ -n "$issue" ]; then
  gh issue close "$issue" --repo "$repo" \
    --comment "No drift any more: the live account matches $config." > /dev/null
  echo "No drift; closed #$issue."
else
  echo "No drift: the live account matches $config."
fi
exit "$status"
