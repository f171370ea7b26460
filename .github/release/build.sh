#!/usr/bin/env bash
# Builds the release binaries for TARGET on a runner of that platform — wxform and
# wxform-emulator, a package of its own in the workspace — and packs them into dist/ (pack.sh). The tag (VERSION, such as v0.1.0) must be the crate's version. Linux targets are
# musl, linked statically, so the binary runs on any distribution and in the container image.
set -euo pipefail

target="${TARGET:?}"
tag="${VERSION:?}"
crate="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
if [ "${tag#v}" != "$crate" ]; then
  echo "::error::the tag $tag is not the crate's version $crate"
  exit 1
fi

if [[ "$target" == *-linux-musl ]]; then
  sudo apt-get update -qq
  sudo apt-get install -y -qq musl-tools
fi
rustup target add "$target"
cargo build --locked --release --target "$target" --package wxform --package wxform-emulator

bash "$(dirname "$0")/pack.sh" "$tag" "$target" "target/$target/release" dist
