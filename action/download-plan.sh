#!/usr/bin/env bash
# Downloads the `wxform-plan` artifact of the workflow run RUN into DIR. A pull request's run
# may come from a fork whose workflow chose what to upload, so the artifact is downloaded only
# when GitHub lists it at a plan's size (16 MiB at most). Needs GH_TOKEN (actions: read) and
# GITHUB_REPOSITORY.
set -euo pipefail

run="${1:?usage: download-plan.sh RUN DIR}"
dir="${2:?}"
repo="${GITHUB_REPOSITORY:?}"

size="$(gh api "repos/$repo/actions/runs/$run/artifacts" \
  --jq '[.artifacts[] | select(.name == "wxform-plan") | .size_in_bytes][0] // empty')"
if ! [[ "$size" =~ ^[0-9]+$ ]] || [ "$size" -gt 16777216 ]; then
  echo "::error::run $run has no wxform-plan artifact of a plan's size (${size:-none})"
  exit 1
fi
rm -rf "$dir"
gh run download "$run" --name wxform-plan --dir "$dir"
