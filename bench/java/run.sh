#!/usr/bin/env bash
# The Java binding's benchmarks (not unit tests), each with the same workload
# run straight on the C ABI first, so the binding's cost is a ratio measured
# in one run: heartbeats (HeartbeatBench.java, native_baseline.c), then rooms
# (RoomsBench.java, bench/core/rooms_bench.cpp) with the same session count.
#
#   bench/java/run.sh [sessions] [users] [rounds]     # default 1000000 250000 5
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$("$root/packaging/java/build-jar.sh" | tail -n1)"

# The C baseline links the same static engine the jar's library was built from.
native="$root/bindings/java/target/cmake/presence"
baseline="$root/bindings/java/target/bench/native_baseline"
mkdir -p "$(dirname "$baseline")"
libraries=("$native/capi/libpresence_static.a" "$native/core/libpresence_core.a")
cc -O2 -DPE_STATIC -I"$root/capi/include" "$here/native_baseline.c" "${libraries[@]}" \
  -lstdc++ -lpthread -lm -o "$baseline"
rooms_baseline="$root/bindings/java/target/bench/rooms_bench"
c++ -O2 -std=c++17 -DPE_STATIC -I"$root/capi/include" "$root/bench/core/rooms_bench.cpp" \
  "${libraries[@]}" -lpthread -o "$rooms_baseline"

"$baseline" "$@"
java -Xms2g -Xmx4g -cp "$jar" "$here/HeartbeatBench.java" "$@"
sessions="${1:-1000000}"
"$rooms_baseline" "$sessions" "$((sessions / 10))" "$((sessions / 20))"
java -Xms2g -Xmx4g -cp "$jar" "$here/RoomsBench.java" "$sessions"
