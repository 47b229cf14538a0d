#!/usr/bin/env bash
# Runs the Node.js benchmarks with one command:
#   bench/node/run.sh [bench.js options, e.g. --sessions=200000 or --quick]
# Builds the addon if needed, builds the C baseline (the same workload on
# the C ABI, linked against the addon's own static libraries), then runs
# bench.js, which prints the binding's figures and its ratio to the C ABI.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
binding="$root/bindings/node"
if [ ! -f "$binding/build/Release/presence.node" ]; then
  (cd "$binding" && npm install --no-audit --no-fund)
fi
baseline="$binding/build/c_baseline"
g++ -std=c++17 -O3 -DNDEBUG -DPE_STATIC -I"$root/capi/include" \
  "$root/bench/node/c_baseline.cpp" \
  "$binding/build/presence/capi/libpresence_static.a" \
  "$binding/build/presence/core/libpresence_core.a" -lpthread -o "$baseline"
exec node --expose-gc "$root/bench/node/bench.js" --c-baseline="$baseline" "$@"
