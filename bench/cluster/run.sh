#!/bin/sh
# Runs the cluster benchmark against a redis-server of its own (no
# persistence, a free loopback port, stopped on exit).
#   bench/cluster/run.sh [build-dir] [heartbeats|lag|bootstrap|all] [sessions]
set -eu
build=${1:-build}
which=${2:-all}
sessions=${3:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cmake --build "$root/$build" --target cluster_bench >/dev/null
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
# Shut the server down and wait for it before removing its directory (it
# writes its log until it exits).
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1; while [ -e "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; do sleep 0.1; done; rm -rf "$dir"' EXIT INT TERM
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
"$root/$build/bench/cluster_bench" "redis://127.0.0.1:$port" "$which" "$sessions"
echo "redis used_memory: $(redis-cli -p "$port" info memory | grep '^used_memory_human' | cut -d: -f2)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
