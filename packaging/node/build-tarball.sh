#!/usr/bin/env bash
# Builds the presence-engine npm tarball: a self-contained package that
# carries the core and C ABI sources it compiles at install time.
#
#   packaging/node/build-tarball.sh [OUT_DIR]   (default: dist/node)
#
# The package is staged in a temporary directory: bindings/node as it is in
# the working tree, plus the C/C++ sources under vendor/presence (the addon's
# CMakeLists.txt uses that copy when it exists). Prints the tarball's path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/dist/node}" && cd "${1:-$root/dist/node}" && pwd)"
binding="$root/bindings/node"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# The binding: exactly what package.json "files" publishes.
cp -R "$binding/package.json" "$binding/README.md" "$binding/CMakeLists.txt" \
  "$binding/index.d.ts" "$binding/lib" "$binding/src" "$stage/"
cp "$root/LICENSE" "$stage/LICENSE"

# The native sources. The top-level CMakeLists.txt always enters packaging/,
# which returns at once when the shared library is not built (the addon
# links the static one), so its CMakeLists.txt is all that is needed there.
vendor="$stage/vendor/presence"
mkdir -p "$vendor/packaging"
cp "$root/CMakeLists.txt" "$root/LICENSE" "$vendor/"
cp -R "$root/core" "$root/capi" "$vendor/"
cp "$root/packaging/CMakeLists.txt" "$vendor/packaging/"

(cd "$stage" && npm pack --silent --pack-destination "$out" >/dev/null)
version="$(node -p "require('$stage/package.json').version")"
echo "$out/presence-engine-$version.tgz"
