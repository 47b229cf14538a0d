#!/usr/bin/env bash
# Builds the Java binding's jar (the JNI library inside, under native/<os>-<arch>/)
# and copies it to dist/java/. Prints the jar's path on the last line of stdout.
#
#   packaging/java/build-jar.sh            # quiet Maven, tests skipped
#   MVN_ARGS="-o" packaging/java/build-jar.sh
#
# Works from any directory; Maven's own output goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/bindings/java"
out="$root/dist/java"

# shellcheck disable=SC2086 # MVN_ARGS is a list of options
nice mvn -B -q -f "$project/pom.xml" ${MVN_ARGS:-} -DskipTests package >&2

version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$project/pom.xml" | head -n1)"
jar="$project/target/presence-engine-$version.jar"
if ! jar tf "$jar" | grep -q "^native/.*/libpresence_jni"; then
  echo "build-jar: $jar carries no native library" >&2
  exit 1
fi
mkdir -p "$out"
cp "$jar" "$out/"
echo "$out/presence-engine-$version.jar"
