#!/usr/bin/env bash
# CI for the Java who's-online service: the Java binding installed into ~/.m2
# (rebuilt only when the engine or binding sources changed), the format check
# the binding uses (google-java-format), then build and JUnit tests with Maven.
# Works from any directory and can be run again; exits non-zero on failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${PRESENCE_SERVICE_WORK:-$repo/build/java-service}"
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
step() { printf '\n== java-service: %s\n' "$*"; }

# Offline first, as the shared machine's ~/.m2 is usually warm; online when
# something is missing from it.
maven() {
  nice mvn -B -q -o "$@" || {
    echo "java-service: offline Maven failed; trying again online" >&2
    nice mvn -B -q "$@"
  }
}

step "the Java binding (dev.presence:presence-engine) in $m2"
# Building the native library takes minutes on a shared machine, so it is
# redone only when what goes into the jar changed since the last install.
mkdir -p "$work"
stamp="$work/presence-engine.sources"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$repo/bindings/java/pom.xml" | head -n1)"
jar="$m2/dev/presence/presence-engine/$version/presence-engine-$version.jar"
sources="$(
  cd "$repo"
  find CMakeLists.txt core capi bindings/java/pom.xml bindings/java/native bindings/java/src/main \
    -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum
)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$sources" ] || [ ! -f "$jar" ]; then
  maven -f "$repo/bindings/java/pom.xml" -DskipTests -Dmaven.javadoc.skip=true install
  printf '%s\n' "$sources" >"$stamp"
else
  echo "up to date"
fi

step "format: google-java-format (as bindings/java/format.sh)"
gjf_version=1.28.0 # the newest release that runs on Java 17
gjf="$m2/com/google/googlejavaformat/google-java-format/$gjf_version/google-java-format-$gjf_version-all-deps.jar"
if [ ! -f "$gjf" ]; then
  nice mvn -B -q -f "$here/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="com.google.googlejavaformat:google-java-format:$gjf_version:jar:all-deps"
fi
mapfile -t files < <(find "$here/src" -name '*.java' | sort)
opens=()
for package in api code file parser tree util; do
  opens+=("--add-exports=jdk.compiler/com.sun.tools.javac.$package=ALL-UNNAMED")
done
if ! unformatted="$(java "${opens[@]}" -jar "$gjf" --dry-run --set-exit-if-changed "${files[@]}")"; then
  echo "java-service: not formatted (google-java-format --replace these):" >&2
  echo "$unformatted" >&2
  exit 1
fi
echo "${#files[@]} files formatted"

step "build and tests (javac -Werror, JUnit; no tests found fails)"
maven -f "$here/pom.xml" verify

step "all checks passed"
