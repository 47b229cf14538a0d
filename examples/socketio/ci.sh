#!/usr/bin/env bash
# CI for the Socket.IO example: installs its npm packages afresh (npm ci,
# from package-lock.json), builds the Node package it depends on, lints
# (ESLint, tsc --checkJs over the server, Prettier, bash -n on the scripts),
# and runs every test: HTTP and wire tests, and the page in headless
# Chromium. Runs from any directory; idempotent; kills what it starts.
#
# Needs what tests/install-deps.sh installs (cmake, a C++17 compiler,
# chromium) and Node.js 20 or newer with npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

step() { printf '\n== example: %s\n' "$*"; }

step "install (npm ci) and build the addon"
./install.sh --ci

step "lint"
npm run --silent lint
for script in install.sh ci.sh ../run.sh; do bash -n "$script"; done

step "tests"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
nice npm test | tee "$log"
pass="$(awk '$1 == "#" && $2 == "pass" { print $3 }' "$log")"
fail="$(awk '$1 == "#" && $2 == "fail" { print $3 }' "$log")"
echo "example: ${pass:-0} passed, ${fail:-0} failed"
