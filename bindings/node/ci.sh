#!/usr/bin/env bash
# CI for the Node.js package: installs its npm packages, builds the addon
# with -Werror, lints (tsc --strict, ESLint, Prettier, clang-format), runs
# every test, then packs the npm tarball and smoke-tests it installed into a
# fresh temporary project. Runs from any directory; idempotent.
#
# Needs what tests/install-deps.sh installs (cmake, a C++17 compiler,
# clang-format) and Node.js 20 or newer with npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

step() { printf '\n== node: %s\n' "$*"; }

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "node ci: Node.js 20 or newer is required, found $(node --version)" >&2
  exit 1
fi

# The machine is shared: two build jobs at most, at low priority.
export CMAKE_BUILD_PARALLEL_LEVEL=2

step "npm ci (packages from package-lock.json; the addon is built next)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

step "build the addon (-Werror)"
nice npx cmake-js compile --CDPE_WERROR=ON --log-level warn

step "lint"
npm run --silent lint
clang-format --dry-run --Werror src/*.cc src/*.h
npx prettier --config .prettierrc.json --check "$root/bench/node/bench.js" \
  "$root/tests/scenarios/runners/node"
node --check "$root/bench/node/bench.js"
for f in "$root"/tests/scenarios/runners/node/*.mjs; do node --check "$f"; done

# Test output is kept to print one closing summary line for the whole run.
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT
count() { awk -v key="$2" '$1 == "#" && $2 == key { n += $3 } END { print n + 0 }' "$1"/*.tap; }

step "tests"
npm test | tee "$log/unit.tap"

step "cross-runtime scenarios (build tree; the smoke test runs them on the tarball)"
scenarios=(--expect-failures "$root/tests/scenarios/malformed/expected-failures.json" "$root/tests/scenarios")
node "$root/tests/scenarios/runners/node/run-scenarios.mjs" "${scenarios[@]}" | grep -v '^PASS '

step "bench (quick run: the benchmarks still work)"
node "$root/bench/node/bench.js" --quick >/dev/null

step "pack the tarball and smoke-test it in a fresh project"
tarball="$(bash "$root/packaging/node/build-tarball.sh" "$log")"
nice bash "$root/packaging/node/smoke-test.sh" "$tarball" | tee "$log/smoke.tap"

echo "node: $(count "$log" pass) passed, $(count "$log" fail) failed"
