#!/usr/bin/env bash
# Installs a presence-engine tarball into a fresh temporary project, as a
# user would (the addon compiles from the sources the tarball carries), and
# runs bindings/node/test/smoke/ and the cross-runtime scenarios
# (tests/scenarios/runners/node) against the installed package.
#
#   packaging/node/smoke-test.sh PATH/TO/presence-engine-X.Y.Z.tgz
set -euo pipefail

tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
cd "$project"
npm init -y >/dev/null
# Only npm packages are downloaded; the native code is the tarball's own.
npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
cp "$root"/bindings/node/test/smoke/* "$project/"

# Nothing from the source tree may leak in: the package must stand alone.
test -f node_modules/presence-engine/vendor/presence/core/engine/engine.cpp
test -f node_modules/presence-engine/build/Release/presence.node
node --test smoke.test.mjs smoke.test.cjs

# The cross-runtime scenarios, played through the installed package.
PRESENCE_ENGINE_PACKAGE="$project/node_modules/presence-engine" \
  node "$root/tests/scenarios/runners/node/run-scenarios.mjs" \
  --expect-failures "$root/tests/scenarios/malformed/expected-failures.json" \
  "$root/tests/scenarios" | grep -v '^PASS '

