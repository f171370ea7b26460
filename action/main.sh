#!/usr/bin/env bash
# The action's entry point: runs WXFORM_COMMAND (validate | fmt | plan | apply | drift | test |
# propose-snapshot) as the pull-request workflow needs it, and writes the step outputs
# `exitcode` (wxform's: 0, 2 for changes or drift, 1 for an error), `has-changes`, `plan-file`,
# `preview-file` (the phone preview drawn with the plan when the input preview is true) and
# `snapshot-file` (the snapshot apply exported). The step fails on an error only: changes are a
# result, not a failure.
#
# Everything the action produces goes into a fresh directory of its own under WXFORM_TEMP (the
# runner's temporary directory), given as the step output `dir`; nothing is written in the
# checked-out tree, where a merged pull request could have planted symlinks named like those
# files, and the upload steps read that directory only.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
command="${WXFORM_COMMAND:?}"
output="${GITHUB_OUTPUT:-/dev/null}"
temp="${WXFORM_TEMP:?the runner temporary directory}"
mkdir -p "$temp"
WXFORM_OUT_DIR="$(mktemp -d "$temp/wxform-out.XXXXXXXX")"
export WXFORM_OUT_DIR
out="$WXFORM_OUT_DIR"
echo "dir=$out" >> "$output"
read -r -d '' -a configs <<< "${WXFORM_CONFIG:-wxform.yaml}" || true
if [ "${#configs[@]}" -eq 0 ]; then
  echo "::error::the input config names no configuration"
  exit 1
fi

# `true`/`false` inputs, spelt as GitHub's boolean inputs are.
flag() {
  case "$2" in
    true | false) printf '%s' "$2" ;;
    *) echo "::error::input $1 must be true or false, not '$2'" >&2; exit 1 ;;
  esac
}

# `wxform test`'s server: the input server-url, else the configuration's own.
server=()
if [ -n "${WXFORM_SERVER_URL:-}" ]; then
  server=(--server-url "$WXFORM_SERVER_URL")
fi

plan_file=""
preview_file=""
snapshot_file=""
status=0
case "$command" in
  validate)
    for config in "${configs[@]}"; do
      GITHUB_ACTIONS=true wxform validate "$config" || status=$?
    done
    ;;
  fmt)
    # Checks only: the diff goes to the log, an annotation to the first line that would change.
    for config in "${configs[@]}"; do
      GITHUB_ACTIONS=true wxform fmt --check "$config" || status=$?
    done
    ;;
  plan)
    comment="$(flag comment "${WXFORM_COMMENT:-true}")"
    WXFORM_PREVIEW="$(flag preview "${WXFORM_PREVIEW:-false}")"
    export WXFORM_PREVIEW
    plan_file="$out/wxform.plan.json"
    preview_file="$out/wxform.preview.html"
    if [ "${GITHUB_EVENT_NAME:-}" = workflow_run ]; then
      bash "$here/replan-fork.sh" || status=$?
    else
      bash "$here/plan.sh" || status=$?
      # A fork's token cannot comment: the trusted workflow_run workflow posts its plan.
      if [ "$comment" = true ] && [ -n "${PR_NUMBER:-}" ] && [ -f "$out/wxform.plan.md" ] &&
        [ "${PR_HEAD_REPOSITORY:-}" = "${GITHUB_REPOSITORY:-}" ]; then
        bash "$here/comment.sh" "$out/wxform.plan.md" || { [ "$status" -ne 0 ] || status=1; }
      fi
    fi
    ;;
  apply)
    if [ "${#configs[@]}" -ne 1 ]; then
      echo "::error::apply takes one configuration file; run the action once per account"
      exit 1
    fi
    destroy=()
    allow="${WXFORM_ALLOW_DESTROY:-label}"
    case "$allow" in
      true) destroy=(--allow-destroy) ;;
      false | label) ;;
      *) echo "::error::input allow-destroy must be true, false or label, not '$allow'"; exit 1 ;;
    esac
    saved="${WXFORM_PLAN:-reviewed}"
    case "$saved" in
      reviewed)
        bash "$here/fetch-reviewed-plan.sh" || status=$?
        plan_file="$out/reviewed/wxform.plan.json"
        if [ "$allow" = label ] && [ "$(cat "$out/reviewed/allow-destroy" 2> /dev/null)" = true ]; then
          destroy=(--allow-destroy)
        fi
        ;;
      new)
        plan_file="$out/wxform.plan.json"
        wxform plan "${configs[@]}" --out "$plan_file" || status=$?
        ;;
      *) plan_file="$saved" ;;
    esac
    if [ "$status" -eq 0 ]; then
      # (The `+` form keeps an empty array valid under `set -u` in macOS's bash 3.2.)
      wxform apply "${configs[@]}" --plan "$plan_file" ${destroy[@]+"${destroy[@]}"} || status=$?
    fi
    # Smoke test of what was applied: every menu check (which menu each audience sees) must
    # still hold on the changed account, and every tap be answered by its server.
    if [ "$status" -eq 0 ]; then
      wxform test "${configs[0]}" ${server[@]+"${server[@]}"} || {
        echo "::error::the account was changed, but its menu checks or server checks fail (wxform test above)"
        status=1
      }
    fi
    # Whatever happened, the account as it is now, for pull requests planned without secrets:
    # uploaded as an artifact, and proposed as the input snapshot by `propose-snapshot`.
    if [ "${#configs[@]}" -eq 1 ] && [ -f "${configs[0]}" ]; then
      if wxform export --format json --out "$out/wxform.live.json"; then
        snapshot_file="$out/wxform.live.json"
      else
        echo "::warning::could not export the live snapshot"
      fi
    fi
    ;;
  propose-snapshot)
    proposed="${WXFORM_SNAPSHOT_FILE:-}"
    if [ -z "$proposed" ] || [ ! -f "$proposed" ]; then
      echo "::error::input snapshot-file names no snapshot: give it the apply step's output snapshot-file"
      exit 1
    fi
    # The apply is done whatever happens here: a failure fails this step only, visibly.
    bash "$here/propose-snapshot.sh" "$proposed" "${WXFORM_SNAPSHOT:-wxform.live.json}" || {
      status=1
      echo "::warning::the apply is done, but proposing its new snapshot failed (see above): pull requests from forks are still planned against the older one; the new one is in the artifact wxform-live-snapshot, and the next apply proposes it again"
    }
    ;;
  drift)
    bash "$here/drift.sh" || status=$?
    ;;
  test)
    for config in "${configs[@]}"; do
      wxform test "$config" ${server[@]+"${server[@]}"} || status=$?
    done
    ;;
  *)
    echo "::error::input command must be validate, fmt, plan, apply, drift, test or propose-snapshot, not '$command'"
    exit 1
    ;;
esac

has_changes=false
if [ "$status" -eq 2 ]; then
  has_changes=true
fi
{
  echo "exitcode=$status"
  echo "has-changes=$has_changes"
  if [ -n "$plan_file" ] && [ -f "$plan_file" ]; then
    echo "plan-file=$plan_file"
  fi
  if [ -n "$preview_file" ] && [ -f "$preview_file" ]; then
    echo "preview-file=$preview_file"
  fi
  if [ -n "$snapshot_file" ]; then
    echo "snapshot-file=$snapshot_file"
  fi
} >> "$output"
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  exit "$status"
fi
