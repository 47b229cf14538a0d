#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehavior-
# Sanitizer) and runs each for a bounded time from its committed seed corpus.
# Fails on any crash, sanitizer report, leak, timeout or out-of-memory.
#
# Usage: tests/fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR]
#        (defaults: 20 seconds, build-fuzz under the repository)
# A failing input is left in BUILD_DIR/artifacts/<target>/; replay it with
#   BUILD_DIR/tests/fuzz/fuzz_<target> BUILD_DIR/artifacts/<target>/crash-...
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
build=${2:-$root/build-fuzz}
jobs=2  # the machine is shared
corpus="$root/tests/fuzz/corpus"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPE_SANITIZE="address;undefined" -DPE_BUILD_FUZZ=ON -DPE_BUILD_TESTS=OFF \
  -DPE_BUILD_BENCH=OFF -DPE_BUILD_TOOLS=OFF -DPE_BUILD_SHARED=OFF -DPE_BUILD_CLUSTER=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target fuzz_capi_calls fuzz_snapshot_loader fuzz_scenario_parser

# target, then more flags and seed folders (read only: new inputs go to the
# build tree, the first folder named)
run() {
  local target=$1
  shift
  local work="$build/corpus/$target" artifacts="$build/artifacts/$target" log="$build/$target.log"
  mkdir -p "$work" "$artifacts"
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$corpus/$target" "$@" \
    >"$log" 2>&1; then
    tail -n 80 "$log"
    # libFuzzer names the failing input crash-, leak-, timeout- or oom-<sha1>.
    local input
    input=$(ls -t "$artifacts" | head -n 1)
    echo "fuzz: $target FAILED (log: $log)" >&2
    echo "fuzz: reproduce with: $build/tests/fuzz/fuzz_$target $artifacts/$input" >&2
    return 1
  fi
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz: $target: ${runs:-?} executions in ${seconds}s, no failure"
}

run capi_calls
run snapshot_loader
# The committed scenarios are seeds too: they are valid by construction.
run scenario_parser -dict="$root/tests/fuzz/scenario.dict" "$root/tests/scenarios"
