#!/usr/bin/env bash
# Packs one release archive: OUTDIR/wxform-vVERSION-TARGET.tar.gz (.zip for Windows), holding a
# directory of the same name with the two binaries found in BINDIR — wxform and wxform-emulator
# (wxform.exe and wxform-emulator.exe for Windows) — README.md and the licence files.
# action/install.sh reads exactly this layout; the tests install an archive made by this script.
set -euo pipefail

version="${1:?usage: pack.sh VERSION TARGET BINDIR OUTDIR}"
target="${2:?}"
bindir="${3:?}"
outdir="${4:?}"
version="${version#v}"
name="wxform-v$version-$target"
suffix=
if [[ "$target" == *-windows-* ]]; then
  suffix=.exe
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$outdir"
for binary in wxform wxform-emulator; do
  if [ ! -f "$bindir/$binary$suffix" ]; then
    echo "error: no $binary$suffix in $bindir" >&2
    exit 1
  fi
  cp "$bindir/$binary$suffix" "$stage/$name/$binary$suffix"
  chmod 755 "$stage/$name/$binary$suffix"
done
root="$(cd "$(dirname "$0")/../.." && pwd)"
for doc in README.md LICENSE-MIT LICENSE-APACHE; do
  if [ -f "$root/$doc" ]; then
    cp "$root/$doc" "$stage/$name/"
  fi
done

outdir="$(cd "$outdir" && pwd)"
if [ -n "$suffix" ]; then
  (cd "$stage" && 7z a -tzip -bd "$outdir/$name.zip" "$name" > /dev/null)
  echo "$outdir/$name.zip"
else
  tar -C "$stage" -czf "$outdir/$name.tar.gz" "$name"
  echo "$outdir/$name.tar.gz"
fi
