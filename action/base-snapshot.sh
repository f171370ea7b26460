#!/usr/bin/env bash
# Fetches SNAPSHOT as it is on the branch BASE (not as a pull request has it) into OUT, and
# prints a phrase naming it for the plan comment: its path, branch and commit (the plan itself
# says how old the snapshot is, from when it was exported).
# Needs GH_TOKEN (contents: read) and GITHUB_REPOSITORY.
set -euo pipefail

snapshot="${1:?usage: base-snapshot.sh SNAPSHOT BASE OUT}"
base="${2:?}"
out="${3:?}"
repo="${GITHUB_REPOSITORY:?}"
# A snapshot is a few hundred KiB at most; a larger file is not one.
cap=8388608

if ! [[ "$base" =~ ^[A-Za-z0-9_./-]+$ ]]; then
  echo "::error::the base branch name '$base' is not one this script accepts" >&2
  exit 1
fi
if ! [[ "$snapshot" =~ ^[A-Za-z0-9_.][A-Za-z0-9_./-]*$ ]] || [[ "$snapshot" == *..* ]]; then
  echo "::error::the snapshot path must be a plain relative path, not '$snapshot'" >&2
  exit 1
fi

commit="$(gh api "repos/$repo/commits?sha=$base&path=$snapshot&per_page=1" \
  --jq '.[0] | select(. != null) | "\(.sha) \(.commit.committer.date)"')"
if [ -z "$commit" ]; then
  echo "::error::no snapshot $snapshot on $base to plan against without credentials; commit one made with \`wxform export --format json --out $snapshot\`" >&2
  exit 1
fi
sha="${commit%% *}"
date="${commit#* }"
if ! [[ "$sha" =~ ^[0-9a-f]{40}$ ]]; then
  echo "::error::GitHub named no commit for $snapshot on $base" >&2
  exit 1
fi

# The commit that last changed the file, so the file read is the one that commit dated.
gh api -H "Accept: application/vnd.github.raw+json" "repos/$repo/contents/$snapshot?ref=$sha" |
  head -c "$((cap + 1))" > "$out"
if [ "$(wc -c < "$out")" -gt "$cap" ]; then
  rm -f "$out"
  echo "::error::$snapshot on $base is larger than $cap bytes; not a wxform snapshot" >&2
  exit 1
fi

# shellcheck disable=SC2016 # the backticks are Markdown code spans, not commands
printf 'the snapshot `%s` from `%s` (commit %s of %s)' "$snapshot" "$base" "${sha:0:12}" "$date"
