#!/usr/bin/env bash
# Publishes the GitHub release of VERSION (the tag) with the archives in dist/ and their
# SHA256SUMS, then moves the action's major tag (v0 for 0.x.y) to the released commit, so
# `uses: wxform/wxform@v0` installs this release. Needs GH_TOKEN (contents: write),
# GITHUB_REPOSITORY and GITHUB_SHA.
set -euo pipefail

tag="${VERSION:?}"
repo="${GITHUB_REPOSITORY:?}"
sha="${GITHUB_SHA:?}"
if ! [[ "$tag" =~ ^v([0-9]+)\.[0-9]+\.[0-9]+$ ]]; then
  echo "::error::$tag is not a release tag (vMAJOR.MINOR.PATCH)"
  exit 1
fi
major="v${BASH_REMATCH[1]}"

bash "$(dirname "$0")/sums.sh" dist
gh release create "$tag" dist/wxform-v* dist/SHA256SUMS --repo "$repo" --verify-tag \
  --title "wxform $tag" --notes "Archives for Linux (static, musl), macOS and Windows; check them against SHA256SUMS. Container image: ghcr.io/wxform/wxform:${tag#v}."

if gh api "repos/$repo/git/refs/tags/$major" > /dev/null 2>&1; then
  gh api --method PATCH "repos/$repo/git/refs/tags/$major" -f sha="$sha" -F force=true > /dev/null
else
  gh api --method POST "repos/$repo/git/refs" -f ref="refs/tags/$major" -f sha="$sha" > /dev/null
fi
echo "Released $tag; $major now points at $sha."
