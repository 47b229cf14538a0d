#!/usr/bin/env bash
# CI for the Java binding: lint, build (native library through CMake, Java with
# -Werror), every JUnit test under -Xcheck:jni, Javadoc with doclint, the JNI
# library's exported symbols, and a smoke test of the packaged jar used from a
# separate plain-javac program in a fresh temporary folder.
#
# Needs the system packages of tests/install-deps.sh; Maven fetches the Java
# packages into ~/.m2. Works from any directory; safe to run again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mvn=(nice mvn -B -f "$here/pom.xml")
step() { printf '\n== java: %s\n' "$*"; }

step "lint: clang-format (C), google-java-format (Java)"
clang-format --dry-run --Werror "$here"/native/*.c "$here"/native/*.h "$root"/bench/java/*.c
"$here/format.sh" --check

step "build, unit tests, javadoc (doclint), package"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"${mvn[@]}" verify 2>&1 | tee "$log"
# -Xcheck:jni reports JNI misuse as warnings; here they fail the build.
if grep -q "WARNING in native method" "$log"; then
  echo "java: -Xcheck:jni reported misuse of JNI (see above)" >&2
  exit 1
fi

step "exported symbols of the JNI library"
library="$(find "$here/target/classes/native" -name 'libpresence_jni.*' | head -n1)"
unexpected="$(nm -D --defined-only "$library" | awk '{print $3}' |
  grep -Ev '^(Java_dev_presence_.*|JNI_OnLoad|JNI_OnUnload)$' || true)"
if [ -n "$unexpected" ]; then
  echo "java: $library exports more than JNI entry points:" >&2
  echo "$unexpected" >&2
  exit 1
fi
echo "only Java_* and JNI_OnLoad/JNI_OnUnload are exported"

step "smoke test of the packaged jar in a fresh folder"
jar="$(MVN_ARGS="-o" "$root/packaging/java/build-jar.sh" | tail -n1)"
work="$(mktemp -d)"
trap 'rm -f "$log"; rm -rf "$work"' EXIT
cp "$jar" "$work/"
cp "$here/smoke/Smoke.java" "$here"/examples/*.java "$work/"
(
  cd "$work"
  javac -Werror -Xlint:all -d classes -cp "$(basename "$jar")" Smoke.java Quickstart.java \
    Coordination.java
  java -Xcheck:jni -cp "$(basename "$jar"):classes" Smoke
  step "the README's examples, against the packaged jar"
  java -cp "$(basename "$jar"):classes" Quickstart
  java -cp "$(basename "$jar"):classes" Coordination
)
