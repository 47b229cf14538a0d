#!/usr/bin/env bash
# Installs what the example needs from npm and builds the Node package it
# depends on (file:../../bindings/node, a link, so the addon is built in
# place). Needs Node.js 20+ with npm, cmake and a C++17 compiler
# (tests/install-deps.sh). Runs from any directory; idempotent.
#   install.sh        skips npm installs whose package-lock.json did not change
#   install.sh --ci   always installs afresh from the lock files (npm ci)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
package="$root/bindings/node"
fresh=0
if [ "${1:-}" = "--ci" ]; then fresh=1; fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "example: Node.js 20 or newer with npm is required (https://nodejs.org)" >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "example: Node.js 20 or newer is required, found $(node --version)" >&2
  exit 1
fi

# npm ci in $1 unless the lock file is the one last installed there.
install() {
  local dir="$1" stamp="$1/node_modules/.installed-lock.json"
  if [ "$fresh" -eq 0 ] && cmp -s "$dir/package-lock.json" "$stamp"; then return; fi
  echo "example: npm ci in ${dir#"$root/"}"
  # Install scripts stay off: the only one (the addon's build) runs below.
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

install "$package"
# The machine may be shared: two build jobs at most, at low priority. The
# build is incremental; options already in its cache (PE_WERROR) are kept.
echo "example: building the presence-engine addon"
(cd "$package" && CMAKE_BUILD_PARALLEL_LEVEL=2 nice npx cmake-js compile --log-level warn >/dev/null)
install "$here"
