#!/usr/bin/env bash
# Prepares the container image's build context from the published release VERSION: downloads
# its Linux archives and SHA256SUMS, checks every archive the image takes against the sums (an
# archive without a line in them, or whose sum differs, stops the build), and unpacks the
# binaries (wxform and wxform-emulator) to dist/linux/amd64/ and dist/linux/arm64/, where the
# Dockerfile takes them. The image so holds exactly the released binaries.
# Needs GH_TOKEN (contents: read) and GITHUB_REPOSITORY.
set -euo pipefail

tag="${VERSION:?}"
repo="${GITHUB_REPOSITORY:?}"
rm -rf release dist/linux
mkdir -p release
gh release download "$tag" --repo "$repo" --dir release \
  --pattern 'wxform-v*-unknown-linux-musl.tar.gz' --pattern SHA256SUMS
# The lines of exactly the archives taken, each required: `--ignore-missing` would let an
# archive the sums do not list through unchecked.
: > release/IMAGE-SHA256SUMS
for pair in amd64:x86_64 arm64:aarch64; do
  name="wxform-$tag-${pair#*:}-unknown-linux-musl.tar.gz"
  if ! awk -v name="$name" '$2 == name || $2 == "*" name { found = 1; print } END { exit !found }' \
    release/SHA256SUMS >> release/IMAGE-SHA256SUMS; then
    echo "error: SHA256SUMS has no line for $name; not building the image from it" >&2
    exit 1
  fi
done
(cd release && sha256sum --check --strict IMAGE-SHA256SUMS)
for pair in amd64:x86_64 arm64:aarch64; do
  arch="${pair%%:*}"
  name="wxform-$tag-${pair#*:}-unknown-linux-musl"
  mkdir -p "dist/linux/$arch"
  tar -xzf "release/$name.tar.gz" -C release
  for binary in wxform wxform-emulator; do
    cp "release/$name/$binary" "dist/linux/$arch/$binary"
  done
done
