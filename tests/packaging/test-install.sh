#!/usr/bin/env bash
# Installs the library from a build tree into a temporary prefix, then builds
# and runs a small C program against it twice: with find_package() and with
# pkg-config. Finally builds the .tar.gz and .deb packages with CPack and checks
# what they contain.
# Usage: tests/packaging/test-install.sh <build-dir>
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" --component runtime >/dev/null
cmake --install "$build" --prefix "$work/prefix" --component development >/dev/null
test -f "$work/prefix/include/presence/presence.h"

# 1. CMake's find_package
cmake -S "$here/consumer" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
LD_LIBRARY_PATH="$work/prefix/lib:${LD_LIBRARY_PATH:-}" "$work/cmake-build/consumer"

# 2. pkg-config
pcdir=$(dirname "$(find "$work/prefix" -name presence.pc | head -1)")
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs presence)
# shellcheck disable=SC2086 # the flags are a list
cc -std=c99 -Wall -Wextra -Werror "$here/consumer/main.c" -o "$work/pc-consumer" $flags
LD_LIBRARY_PATH="$(dirname "$(find "$work/prefix" -name 'libpresence.so.1' | head -1)")" "$work/pc-consumer"

# 3. CPack: a tarball and a Debian package with the library and the header
(cd "$build" && cpack -G "TGZ;DEB" -B "$work/packages" >/dev/null)
tgz=$(ls "$work"/packages/*.tar.gz)
deb=$(ls "$work"/packages/*.deb)
tgz_files=$(tar -tzf "$tgz")
deb_files=$(dpkg-deb -c "$deb")
grep -q "include/presence/presence.h" <<<"$tgz_files"
grep -q "libpresence.so.1" <<<"$tgz_files"
grep -q "libpresence.so.1" <<<"$deb_files"
grep -q "presence.pc" <<<"$deb_files"
echo "packaging: install, find_package, pkg-config, tgz and deb all good"
