#!/usr/bin/env bash
# Finds the plan reviewed on the pull request that GITHUB_SHA merged, and downloads it to
# WXFORM_OUT_DIR/reviewed/wxform.plan.json: the artifact `wxform-plan` of the last successful
# run of PLAN_WORKFLOW (wxform.yml) on the pull request's final commit.
# WXFORM_OUT_DIR/reviewed/allow-destroy (and the step output `allow_destroy`): true when the
# pull request carries the label wxform-allow-destroy.
# Needs GH_TOKEN (pull-requests: read, actions: read), GITHUB_REPOSITORY and GITHUB_SHA.
set -euo pipefail

repo="${GITHUB_REPOSITORY:?}"
sha="${GITHUB_SHA:?}"
workflow="${PLAN_WORKFLOW:-wxform.yml}"
output="${GITHUB_OUTPUT:-/dev/null}"
replan="re-run this workflow with workflow_dispatch and replan: true to plan and apply without review"
reviewed="${WXFORM_OUT_DIR:?set by main.sh}/reviewed"

pr="$(gh api "repos/$repo/commits/$sha/pulls" \
  --jq '[.[] | select(.merged_at != null)][0].number // empty')"
if [ -z "$pr" ]; then
  echo "::error::commit $sha is not the merge of a pull request, so there is no reviewed plan; $replan"
  exit 1
fi
head_sha="$(gh api "repos/$repo/pulls/$pr" --jq .head.sha)"
run="$(gh run list --workflow "$workflow" --commit "$head_sha" --event pull_request \
  --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')"
if [ -z "$run" ]; then
  echo "::error::no successful $workflow run on the last commit ($head_sha) of #$pr; $replan"
  exit 1
fi

if ! bash "$(dirname "$0")/download-plan.sh" "$run" "$reviewed"; then
  echo "::error::the run $run of #$pr left no plan to apply; $replan"
  exit 1
fi
if [ ! -f "$reviewed/wxform.plan.json" ]; then
  echo "::error::the run $run of #$pr saved no plan; $replan"
  exit 1
fi

destroy="$(gh api "repos/$repo/pulls/$pr" \
  --jq '[.labels[].name] | any(. == "wxform-allow-destroy")')"
[ "$destroy" = true ] || destroy=false
# Written after the download, so the artifact cannot supply it.
printf '%s\n' "$destroy" > "$reviewed/allow-destroy"
echo "allow_destroy=$destroy" >> "$output"
echo "Applying the plan reviewed on #$pr (run $run, commit $head_sha); deletes allowed: $destroy."
