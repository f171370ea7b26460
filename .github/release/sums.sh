#!/usr/bin/env bash
# Writes DIR/SHA256SUMS for the release archives in DIR, in sha256sum's format
# (`<hex>  <name>`), which action/install.sh checks a download against.
set -euo pipefail

dir="${1:?usage: sums.sh DIR}"
cd "$dir"
shopt -s nullglob
archives=(wxform-v*.tar.gz wxform-v*.zip)
if [ "${#archives[@]}" -eq 0 ]; then
  echo "error: no release archives in $dir" >&2
  exit 1
fi
sha256sum "${archives[@]}" > SHA256SUMS
cat SHA256SUMS
