#!/usr/bin/env bash
# Packs one release archive: OUTDIR/wxform-vVERSION-TARGET.tar.gz (.zip for Windows), holding a
# directory of the same name with the binary, README.md and the licence files. action/install.sh
# reads exactly this layout; the tests install an archive made by this script.
set -euo pipefail

version="${1:?usage: pack.sh VERSION TARGET BINARY OUTDIR}"
target="${2:?}"
binary="${3:?}"
outdir="${4:?}"
version="${version#v}"
name="wxform-v$version-$target"
exe=wxform
if [[ "$target" == *-windows-* ]]; then
  exe=wxform.exe
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$outdir"
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
root="$(cd "$(dirname "$0")/../.." && pwd)"
for doc in README.md LICENSE-MIT LICENSE-APACHE; do
  if [ -f "$root/$doc" ]; then
    cp "$root/$doc" "$stage/$name/"
  fi
done

outdir="$(cd "$outdir" && pwd)"
if [ "$exe" = wxform.exe ]; then
  (cd "$stage" && 7z a -tzip -bd "$outdir/$name.zip" "$name" > /dev/null)
  echo "$outdir/$name.zip"
else
  tar -C "$stage" -czf "$outdir/$name.tar.gz" "$name"
  echo "$outdir/$name.tar.gz"
fi
