#!/usr/bin/env bash
# The Java binding's heartbeat benchmark (not a unit test), with the same
# workload run straight on the C ABI first, so the binding's cost is a ratio
# measured in one run:
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
cc -O2 -DPE_STATIC -I"$root/capi/include" "$here/native_baseline.c" \
  "$native/capi/libpresence_static.a" "$native/core/libpresence_core.a" \
  -lstdc++ -lpthread -lm -o "$baseline"

"$baseline" "$@"
java -Xms2g -Xmx4g -cp "$jar" "$here/HeartbeatBench.java" "$@"
