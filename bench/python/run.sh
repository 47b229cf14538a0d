#!/usr/bin/env bash
# The Python benchmark in one command: the binding (bench_heartbeats.py) and
# the native engine measured the same way (native_heartbeats.cpp), alternated
# round by round so that their ratio holds on a noisy, shared machine.
#
# Usage: bench/python/run.sh [SESSIONS [USERS [BATCH [ROUNDS]]]]
#   defaults: 1,000,000 sessions of 250,000 users, batches of 10,000, 3 rounds
# Environment: PYTHON, an interpreter with presence installed (default: the
# venv that bindings/python/ci.sh made, else python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sessions="${1:-1000000}" users="${2:-250000}" batch="${3:-10000}" rounds="${4:-3}"
python="${PYTHON:-$repo/build/python-ci/venv/bin/python}"
[ -x "$python" ] || python=python3

build="$repo/build/python-bench"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
nice cmake --build "$build" -j2 >/dev/null

for round in $(seq 1 "$rounds"); do
  echo "== round $round: Python binding"
  "$python" "$here/bench_heartbeats.py" --sessions "$sessions" --users "$users" \
    --batch-size "$batch" --repeat 1
  echo "== round $round: native engine (C ABI, same workload)"
  "$build/native_heartbeats" "$sessions" "$users" "$batch" 1
done
