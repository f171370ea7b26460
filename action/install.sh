#!/usr/bin/env bash
# Installs a released wxform for this runner: picks the archive for RUNNER_OS/RUNNER_ARCH,
# downloads it and the release's SHA256SUMS from WXFORM_DOWNLOAD_URL/vVERSION/, refuses an
# archive whose sha256 is not the one listed, unpacks the binary into WXFORM_INSTALL_DIR and
# adds that directory to GITHUB_PATH.
#
# With --resolve it only writes the step outputs `version`, `target` and `archive` (for the
# cache key) and downloads nothing. An archive already in WXFORM_ARCHIVE_DIR (restored by
# actions/cache) is checked against a freshly downloaded SHA256SUMS like a new one, so a
# tampered cache fails the same way a tampered download does; anything there that is not a
# regular file (a planted symlink) is removed, and downloads go to a fresh directory of this
# script's own (mktemp -d), never to a name in the cache that something could already hold.
set -euo pipefail

# The release this copy of the action ships with; `version` chooses another.
default_version=0.1.0
version="${WXFORM_VERSION:-}"
version="${version#v}"
version="${version:-$default_version}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
  echo "::error::version must be a wxform release such as $default_version, not '$version'"
  exit 1
fi

os="${RUNNER_OS:?}"
arch="${RUNNER_ARCH:?}"
case "$os/$arch" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *)
    echo "::error::wxform publishes no binary for $os/$arch; build it with \`cargo install --locked wxform\` instead"
    exit 1
    ;;
esac
ext=tar.gz
exe=wxform
if [ "$os" = Windows ]; then
  ext=zip
  exe=wxform.exe
fi
archive="wxform-v$version-$target.$ext"

output="${GITHUB_OUTPUT:-/dev/null}"
if [ "${1:-}" = --resolve ]; then
  {
    echo "version=$version"
    echo "target=$target"
    echo "archive=$archive"
  } >> "$output"
  exit 0
fi

base="${WXFORM_DOWNLOAD_URL:-https://github.com/wxform/wxform/releases/download}/v$version"
archives="${WXFORM_ARCHIVE_DIR:?}"
install_dir="${WXFORM_INSTALL_DIR:?}"
mkdir -p "$archives" "$install_dir"

# Bounded downloads: a release asset is a few MiB; anything far larger is not ours.
fetch() {
  curl --fail --silent --show-error --location --retry 3 --max-filesize 67108864 \
    --output "$2" "$1"
}

sha256() {
  if command -v sha256sum > /dev/null; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sums="$work/SHA256SUMS"
if ! fetch "$base/SHA256SUMS" "$sums"; then
  echo "::error::cannot download $base/SHA256SUMS: is $version a wxform release?"
  exit 1
fi
# A line is `<64 hex>  <name>` (sha256sum's format, `*` before the name in binary mode).
expected="$(awk -v name="$archive" '($2 == name || $2 == "*" name) && length($1) == 64 && $1 ~ /^[0-9a-f]+$/ { print $1; exit }' "$sums")"
if [ -z "$expected" ]; then
  echo "::error::release $version has no $archive (no line for it in SHA256SUMS): wxform $version publishes no binary for $os/$arch"
  exit 1
fi

file="$archives/$archive"
# The restored cache holds what an earlier job left: only a regular file is taken as an archive.
if [ -L "$file" ] || { [ -e "$file" ] && [ ! -f "$file" ]; }; then
  echo "::warning::the cached $archive is not a regular file; downloading it again"
  rm -rf "$file"
fi
if [ -f "$file" ] && [ "$(sha256 "$file")" != "$expected" ]; then
  echo "::warning::the cached $archive does not match SHA256SUMS; downloading it again"
  rm -f "$file"
fi
if [ ! -f "$file" ]; then
  part="$work/$archive"
  if ! fetch "$base/$archive" "$part"; then
    echo "::error::cannot download $base/$archive"
    exit 1
  fi
  actual="$(sha256 "$part")"
  if [ "$actual" != "$expected" ]; then
    echo "::error::checksum mismatch for $archive: SHA256SUMS lists $expected, the download is $actual; not installing it"
    exit 1
  fi
  mv "$part" "$file"
fi

unpacked="$work/unpacked"
mkdir "$unpacked"
case "$ext" in
  tar.gz) tar -xzf "$file" -C "$unpacked" ;;
  zip) unzip -q "$file" -d "$unpacked" ;;
esac
# The archive holds one directory named like itself, with the binary at its top.
binary="$unpacked/${archive%."$ext"}/$exe"
if [ ! -f "$binary" ]; then
  echo "::error::$archive holds no ${archive%."$ext"}/$exe"
  exit 1
fi
cp "$binary" "$install_dir/$exe"
chmod 755 "$install_dir/$exe"

installed="$("$install_dir/$exe" --version)"
if [ "$installed" != "wxform $version" ]; then
  echo "::error::$archive holds '$installed', not wxform $version"
  exit 1
fi
echo "$install_dir" >> "${GITHUB_PATH:-/dev/null}"
echo "Installed $installed ($target, sha256 $expected)."
