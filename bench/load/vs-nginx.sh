#!/usr/bin/env bash
# Slot answers against the machine's limit (issue 16): kairos-server --demo answering
# a month of demo slots, and nginx (one worker, keep-alive) serving the very same bytes
# as a static file, driven in turns by the same wrk in one run. Prints per round the
# requests/s, p99, the ratio kairos/nginx, and each server's CPU time per request
# (from /proc: user + system of the whole process), which projects to other machines.
# Usage: bench/load/vs-nginx.sh [seconds] [connections] [rounds]   (default 8 64 3)
# THREADS (server threads, default 2), LOG_LEVEL (default warn) and SERVER_ARGS pass through to common.sh.
# ENCODING=br or gzip: both are asked for that coding (Accept-Encoding); nginx serves
# kairos's own compressed bytes as a static file with the same Content-Encoding.
# PIN: wrk shares the cores with the server, so unpinned figures depend on how the
# scheduler mixes them. PIN=1 runs wrk on CPU $CLIENT_CPU (default 0) and the server
# under test (all its threads; nginx's worker) on CPU $SERVER_CPU (default 1), the same
# for both sides; PIN=0 leaves them unpinned; PIN=both (default) measures each round
# both ways. PERF=file records the server's profile (perf record -g) during its first
# pinned run (or its first run when unpinned): perf report -i file.
# RATE=N: offer about N requests/s in all instead of as many as the server takes
# (bench/load/paced.lua: each connection pauses connections/N s on average between an
# answer and its next request), to see the latency of a server that is not saturated.
source "$(dirname "$0")/common.sh"
secs="${1:-8}"; conns="${2:-64}"; rounds="${3:-3}"
from="$(date -u -d '+2 days' +%F)"; to="$(date -u -d '+32 days' +%F)"
path="/v1/pages/demo/slots?event_type=intro&from=$from&to=$to&tz=Europe%2FBerlin"
mkdir -p "$WORK/www" "$WORK/nginx"
enc="${ENCODING:-}"
curl -fs "$URL$path" > "$WORK/www/slots.json"
plain_bytes="$(wc -c < "$WORK/www/slots.json")"
if [ -n "$enc" ]; then
  curl -fs -H "Accept-Encoding: $enc" "$URL$path" > "$WORK/www/slots.json.enc"
  mv "$WORK/www/slots.json.enc" "$WORK/www/slots.json"
fi
hdr=(); [ -z "$enc" ] || hdr=(-H "Accept-Encoding: $enc")
paced=(); [ -z "${RATE:-}" ] || paced=(-s "$(dirname "$0")/paced.lua")
pause=(); [ -z "${RATE:-}" ] || pause=(-- "$(( conns * 1000 / RATE ))")
chmod a+rx "$WORK" "$WORK/www"; chmod a+r "$WORK/www/slots.json"  # the nginx worker runs as nobody
nport="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  types { application/json json; }
  server {
    listen 127.0.0.1:$nport;
    root $WORK/www;
    location = /slots { default_type application/json; ${enc:+add_header Content-Encoding $enc; add_header Vary Accept-Encoding;} try_files /slots.json =404; }
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
trap 'kill $NGINX_PID $SERVER_PID 2>/dev/null; wait $NGINX_PID $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$nport/slots" > /dev/null 2>&1 && break; sleep 0.05; done
# (The server's answer may change by a slot while the run goes on: `now` moves the notice limit.)
[ "$(curl -fs "http://127.0.0.1:$nport/slots" | wc -c)" -gt 500 ] || { echo "nginx does not serve the answer"; cat "$WORK/nginx/error.log"; exit 1; }
echo "body: $(wc -c < "$WORK/www/slots.json") bytes${enc:+ $enc} ($plain_bytes plain), $(curl -fs "$URL$path" | grep -o '"start"' | wc -l) slots; wrk -t1 -c$conns -d${secs}s${RATE:+ paced at about $RATE req/s}; server threads ${THREADS:-2}, log level ${LOG_LEVEL:-warn}; pinned: wrk on CPU ${CLIENT_CPU:-0}, servers on CPU ${SERVER_CPU:-1}"

cpu_ticks() {  # user + system ticks of a process and its threads
  awk '{print $14 + $15}' "/proc/$1/stat"
}
# The nginx master forks its one worker: measure the worker.
worker="$(pgrep -P $NGINX_PID | head -1)"; worker="${worker:-$NGINX_PID}"
hz="$(getconf CLK_TCK)"
pin="${PIN:-both}"; client_cpu="${CLIENT_CPU:-0}"; server_cpu="${SERVER_CPU:-1}"
all_cpus="0-$(( $(nproc) - 1 ))"
place() {  # pinned|free: moves every thread of both servers
  local cpus="$all_cpus"; [ "$1" = free ] || cpus="$server_cpu"
  for p in "$SERVER_PID" "$worker"; do taskset -a -p -c "$cpus" "$p" > /dev/null; done
}
perf_left="${PERF:-}"
run() {  # name url pid mode -> "req/s p99_ms cpu_us_per_request"
  local c0 c1 out rps p99 n perf_pid=
  local client=(); [ "$4" = free ] || client=(taskset -c "$client_cpu")
  if [ "$1" = kairos ] && [ -n "$perf_left" ] && { [ "$4" = pinned ] || [ "$pin" = 0 ]; }; then
    perf record -q -F 999 -g -p "$3" -o "$perf_left" -- sleep "$secs" 2>/dev/null &
    perf_pid=$!; perf_left=
  fi
  c0=$(cpu_ticks "$3")
  out="$("${client[@]}" wrk -t1 -c"$conns" -d"${secs}s" --latency "${hdr[@]}" "${paced[@]}" "$2" "${pause[@]}")"
  c1=$(cpu_ticks "$3")
  [ -z "$perf_pid" ] || wait "$perf_pid"
  rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$out")
  n=$(awk '/requests in/ {print $1}' <<< "$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<< "$out")
  echo "$rps $p99 $(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$n" 'BEGIN {printf "%.1f", d / hz * 1e6 / n}')"
}
case "$pin" in both) modes="free pinned" ;; 0) modes=free ;; *) modes=pinned ;; esac
printf '%-6s %-7s %-6s %11s %7s %14s %10s %7s %14s %6s\n' round mode load kairos_rps p99_ms cpu_us_per_req nginx_rps p99_ms cpu_us_per_req ratio
for r in $(seq "$rounds"); do
  for mode in $modes; do
    place "$mode"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    read -r krps kp99 kcpu <<< "$(run kairos "$URL$path" "$SERVER_PID" "$mode")"
    read -r nrps np99 ncpu <<< "$(run nginx "http://127.0.0.1:$nport/slots" "$worker" "$mode")"
    printf '%-6s %-7s %-6s %11s %7s %14s %10s %7s %14s %6s\n' "$r" "$mode" "$load" "$krps" "$kp99" "$kcpu" "$nrps" "$np99" "$ncpu" \
      "$(awk -v a="$krps" -v b="$nrps" 'BEGIN {printf "%.2f", a / b}')"
  done
done
