#!/usr/bin/env bash
# Proposes NEW (the snapshot the apply step just exported) as the repository's SNAPSHOT on the
# branch the workflow ran on (GITHUB_REF_NAME): one pull request from the branch
# wxform/snapshot, opened when there is none and updated when there is.
#
# Nothing is pushed when the snapshot committed at GITHUB_SHA (read from the checkout: a regular
# file of at most 8 MiB), or the one the open pull request already proposes, says the same:
# snapshots are compared without their `exported_at`. An open proposal that the branch has
# caught up with is closed, so that an outdated snapshot is never merged later.
#
# Everything goes through GitHub's API with `gh` (GH_TOKEN): no git, nothing written in the
# checkout. The commit is made on top of GITHUB_SHA and the branch is moved to it (the branch
# is this script's own). The branch, title and commit message are fixed here; SNAPSHOT is
# checked to be a plain relative path. Writes the step output `snapshot-pr`: the pull request's
# number, empty when nothing is proposed.
# Needs GH_TOKEN (contents: write, pull-requests: write), GITHUB_REPOSITORY, GITHUB_REF_NAME,
# GITHUB_SHA, WXFORM_OUT_DIR, and the repository setting "Allow GitHub Actions to create and
# approve pull requests".
set -euo pipefail

new="${1:?usage: propose-snapshot.sh NEW SNAPSHOT}"
snapshot="${2:?}"
repo="${GITHUB_REPOSITORY:?}"
base="${GITHUB_REF_NAME:?}"
sha="${GITHUB_SHA:?}"
work="${WXFORM_OUT_DIR:?set by main.sh}/proposal"
output="${GITHUB_OUTPUT:-/dev/null}"
run="${GITHUB_SERVER_URL:-https://github.com}/$repo/actions/runs/${GITHUB_RUN_ID:-}"
branch=wxform/snapshot
# A snapshot is a few hundred KiB at most; a larger file is not one.
cap=8388608

if ! [[ "$base" =~ ^[A-Za-z0-9_./-]+$ ]]; then
  echo "::error::the branch name '$base' is not one this script accepts"
  exit 1
fi
if ! [[ "$snapshot" =~ ^[A-Za-z0-9_.][A-Za-z0-9_./-]*$ ]] || [[ "$snapshot" == *..* ]]; then
  echo "::error::the snapshot path must be a plain relative path, not '$snapshot'"
  exit 1
fi
if ! [[ "$sha" =~ ^[0-9a-f]{40}$ ]]; then
  echo "::error::GITHUB_SHA is not a commit: $sha"
  exit 1
fi
mkdir -p "$work"

# Two snapshots say the same when they differ at most in when they were exported.
same() {
  local left right
  left="$(jq -S 'del(.exported_at)' "$1" 2> /dev/null)" || return 1
  right="$(jq -S 'del(.exported_at)' "$2" 2> /dev/null)" || return 1
  [ "$left" = "$right" ]
}

pr="$(gh pr list --repo "$repo" --head "$branch" --base "$base" --state open \
  --json number --jq '.[0].number // empty')"
if ! [[ "$pr" =~ ^[0-9]*$ ]]; then
  echo "::error::GitHub named no pull request number for $branch: $pr"
  exit 1
fi

# The committed snapshot, when it is a file (a merged pull request may have planted a link).
committed=""
if [ -f "$snapshot" ] && [ ! -L "$snapshot" ] && [ "$(wc -c < "$snapshot")" -le "$cap" ]; then
  committed="$snapshot"
fi
if [ -n "$committed" ] && same "$new" "$committed"; then
  if [ -n "$pr" ]; then
    gh pr close "$pr" --repo "$repo" --delete-branch \
      --comment "The snapshot \`$snapshot\` on \`$base\` says what this pull request proposes, after [this run]($run): closed as outdated." > /dev/null
    echo "The snapshot $snapshot on $base is current; closed the outdated proposal #$pr."
  else
    echo "The snapshot $snapshot on $base is current; nothing to propose."
  fi
  echo "snapshot-pr=" >> "$output"
  exit 0
fi

if [ -n "$pr" ]; then
  proposed="$work/proposed.json"
  if gh api -H "Accept: application/vnd.github.raw+json" "repos/$repo/contents/$snapshot?ref=$branch" |
    head -c "$((cap + 1))" > "$proposed" && same "$new" "$proposed"; then
    echo "Pull request #$pr already proposes this snapshot."
    echo "snapshot-pr=$pr" >> "$output"
    exit 0
  fi
fi

# One commit on top of GITHUB_SHA that changes SNAPSHOT only.
# (Every id GitHub answers is checked before it goes into the next request.)
object() {
  if ! [[ "$2" =~ ^[0-9a-f]{40}$ ]]; then
    echo "::error::GitHub named no $1 for the snapshot's commit: $2" >&2
    exit 1
  fi
  printf '%s' "$2"
}
tree="$(object tree "$(gh api "repos/$repo/git/commits/$sha" --jq .tree.sha)")"
jq -n --arg base_tree "$tree" --arg path "$snapshot" --rawfile content "$new" \
  '{base_tree: $base_tree, tree: [{path: $path, mode: "100644", type: "blob", content: $content}]}' \
  > "$work/tree.json"
tree="$(object tree "$(gh api --method POST "repos/$repo/git/trees" --input "$work/tree.json" --jq .sha)")"
jq -n --arg tree "$tree" --arg parent "$sha" --arg message "Refresh the wxform snapshot $snapshot" \
  '{message: $message, tree: $tree, parents: [$parent]}' > "$work/commit.json"
commit="$(object commit "$(gh api --method POST "repos/$repo/git/commits" --input "$work/commit.json" --jq .sha)")"
existing="$(gh api "repos/$repo/git/matching-refs/heads/$branch" \
  --jq ".[] | select(.ref == \"refs/heads/$branch\") | .ref")"
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/$repo/git/refs/heads/$branch" -f "sha=$commit" -F force=true > /dev/null
else
  gh api --method POST "repos/$repo/git/refs" -f "ref=refs/heads/$branch" -f "sha=$commit" > /dev/null
fi

exported="$(jq -r '.exported_at // "an unknown time"' "$new")"
if ! [[ "$exported" =~ ^[0-9T:.Z-]+$ ]]; then
  exported="an unknown time"
fi
body="$work/body.md"
cat > "$body" << EOF
The live WeChat account as \`wxform export --format json\` read it at $exported, after [the apply of this run]($run).

Pull requests from forks, and first runs without credentials, are planned against \`$snapshot\` as it is on \`$base\`; merging this keeps their plans true to the account. Only \`$snapshot\` changes. Later applies update this pull request, and close it when \`$base\` has caught up.
EOF
if [ -n "$pr" ]; then
  gh pr edit "$pr" --repo "$repo" --body-file "$body" > /dev/null
  echo "Updated the snapshot proposed in #$pr."
else
  url="$(gh pr create --repo "$repo" --base "$base" --head "$branch" \
    --title "wxform: refresh the snapshot $snapshot" --body-file "$body")"
  pr="${url##*/}"
  if ! [[ "$pr" =~ ^[0-9]+$ ]]; then
    echo "::error::GitHub named no pull request for the snapshot: $url"
    exit 1
  fi
  echo "Proposed the new snapshot in #$pr."
fi
echo "snapshot-pr=$pr" >> "$output"
