# Shared by the load scripts: starts kairos-server on a free port with a fresh database.
# Sets SERVER_PID, URL, WORK. Needs the native build (scripts/build native).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server="${KAIROS_SERVER:-$root/build/native/server/kairos-server}"
WORK="$(mktemp -d)"
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$port"
# THREADS=default and LOG_LEVEL=info run the server's own defaults (4 threads, an access
# log line per request); the figures in docs/BENCHMARKS.md say which was used.
threads_arg=(--threads "${THREADS:-2}"); [ "${THREADS:-}" != default ] || threads_arg=()
"$server" --db "$WORK/kairos.db" --port "$port" "${threads_arg[@]}" --demo --admin-key bench-key \
  --booking-rate 0 --log-level "${LOG_LEVEL:-warn}" ${SERVER_ARGS:-} > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 200); do curl -fs "$URL/healthz" > /dev/null 2>&1 && break; sleep 0.05; done
curl -fs "$URL/healthz" > /dev/null || { cat "$WORK/server.log"; exit 1; }
