#!/usr/bin/env bash
# The main job: builds the engine and runs presence-sim, a live simulation of
# a crowd (tabs, devices, idle, background tabs, reconnect storms) showing
# who's online and the event stream. Extra arguments go to presence-sim
# (try --help); by default it runs until interrupted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tests/install-deps.sh"
cmake -S "$root" -B "$root/build-run" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPE_BUILD_TESTS=OFF -DPE_BUILD_BENCH=OFF >/dev/null
cmake --build "$root/build-run" --target presence-sim
if [ $# -eq 0 ]; then set -- --duration 0; fi
exec "$root/build-run/tools/presence-sim" "$@"
