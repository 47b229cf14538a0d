#!/usr/bin/env bash
# Instructions per heartbeat, counted by valgrind's callgrind: a figure that
# does not depend on how busy the machine is (unlike seconds), for the binding
# and for the native engine on the same workload. Each mode runs twice, with 1
# and with 3 passes over every session; the difference divided by 2 * SESSIONS
# leaves out start-up and setup. Cache misses are not counted, so this is the
# work each path does, not its speed. Slow (valgrind): use ~100,000 sessions.
#
# Usage: bench/python/instructions.sh [SESSIONS [USERS]]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sessions="${1:-100000}" users="${2:-25000}" batch=10000
python="${PYTHON:-$repo/build/python-ci/venv/bin/python}"
[ -x "$python" ] || python=python3

build="$repo/build/python-bench"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
nice cmake --build "$build" -j2 >/dev/null

instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/Collected/ { print $NF }'
}

per_heartbeat() {  # label, then the command with "PASSES" where the pass count goes
  local label="$1"
  shift
  local one three
  one="$(instructions "${@/PASSES/1}")"
  three="$(instructions "${@/PASSES/3}")"
  printf '%-44s %8.0f instructions/heartbeat\n' "$label" "$(((three - one) / (2 * sessions)))"
}

bench=("$python" "$here/bench_heartbeats.py" --sessions "$sessions" --users "$users"
  --batch-size "$batch" --repeat PASSES --mode)
per_heartbeat "Python heartbeat(id, ACTIVE, now_ms=t)" "${bench[@]}" single
per_heartbeat "Python heartbeat(id)  [engine clock]" "${bench[@]}" clock
per_heartbeat "Python heartbeat_many, batches of $batch" "${bench[@]}" batch
per_heartbeat "native pe_session_heartbeat" \
  "$build/native_heartbeats" "$sessions" "$users" "$batch" PASSES single
per_heartbeat "native pe_session_heartbeat_batch of $batch" \
  "$build/native_heartbeats" "$sessions" "$users" "$batch" PASSES batch
