#!/usr/bin/env bash
# Drift detection for a scheduled pipeline: the plan goes to wxform.drift.md (an artifact) and
# the log; the job fails when the live account differs from the configuration (exit 2) or the
# plan fails (exit 1), so the schedule's owner is notified.
set -euo pipefail

config="${WXFORM_CONFIG:-wxform.yaml}"
status=0
wxform plan "$config" --format markdown --detailed-exitcode > wxform.drift.md || status=$?
cat wxform.drift.md
case "$status" in
  0) echo "No drift: the live account matches $config." ;;
  2) echo "error: the live account differs from $config (plan above)" >&2; exit 2 ;;
  *) echo "error: wxform plan failed (exit $status)" >&2; exit "$status" ;;
esac
