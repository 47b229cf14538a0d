#!/usr/bin/env bash
# Formats the Java of the Java binding (sources, tests, smoke test, examples,
# benchmark, scenario runner) with google-java-format, or with --check only reports what is not formatted
# and fails. The formatter comes from Maven Central into ~/.m2.
#
#   bindings/java/format.sh           # rewrite files in place
#   bindings/java/format.sh --check   # exit 1 if any file is not formatted
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version=1.28.0 # the newest release that runs on Java 17
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
jar="$repo/com/google/googlejavaformat/google-java-format/$version/google-java-format-$version-all-deps.jar"
if [ ! -f "$jar" ]; then
  nice mvn -B -q -f "$here/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="com.google.googlejavaformat:google-java-format:$version:jar:all-deps" >&2
fi

mapfile -t files < <(find "$here/src" "$here/smoke" "$here/examples" "$root/bench/java" \
  "$root/tests/scenarios/runners/java/src" -name '*.java' | sort)
# google-java-format uses javac's parser, which Java 17 only opens on request.
opens=()
for package in api code file parser tree util; do
  opens+=("--add-exports=jdk.compiler/com.sun.tools.javac.$package=ALL-UNNAMED")
done
if [ "${1:-}" = "--check" ]; then
  if ! unformatted="$(java "${opens[@]}" -jar "$jar" --dry-run --set-exit-if-changed "${files[@]}")"; then
    echo "java: not formatted (run bindings/java/format.sh):" >&2
    echo "$unformatted" >&2
    exit 1
  fi
  echo "google-java-format: ${#files[@]} files formatted"
else
  java "${opens[@]}" -jar "$jar" --replace "${files[@]}"
fi
