#!/usr/bin/env bash
# The main job: who's online, live. Installs what it needs (system packages,
# then npm packages and the Node addon), then starts the Socket.IO example
# server (examples/socketio) with a simulated crowd, and prints the URL.
# Runs until interrupted.
#   PORT=3000 (default)  HOST=127.0.0.1 (default; 0.0.0.0 to share it)
#   SIMULATE=24 (simulated users; 0 for none)
# Extra arguments go to the server (try --help).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tests/install-deps.sh"
"$root/examples/socketio/install.sh"
exec node "$root/examples/socketio/server.js" \
  --port "${PORT:-3000}" --host "${HOST:-127.0.0.1}" --simulate "${SIMULATE:-24}" "$@"
