#!/usr/bin/env bash
# Durable POST /v1/bookings with 64 concurrent clients (keep-alive), then proof that no
# host has two overlapping live bookings. Usage: bench/load/bookings.sh [seconds] [connections]
# PROPOSALS=N: N open proposals (two held candidates each, on a host of another page)
# exist before the run; every booking check reads the open proposals' holds.
# SLOT_CONNS=N: slot reads of the demo page (a month, as vs-nginx.sh asks) from N more
# connections during the run, and alone for as long just before it: their latency
# (p50/p99) says whether readers wait behind the writer.
# (the slot readers are more connections from the same address: no per-client cap then)
[ -z "${SLOT_CONNS:-}" ] || SERVER_ARGS="${SERVER_ARGS:-} --max-connections-per-client 0"
source "$(dirname "$0")/common.sh"
secs="${1:-10}"; conns="${2:-64}"
auth="Authorization: Bearer bench-key"
week='[["00:00","24:00"]]'
hours="{\"mon\":$week,\"tue\":$week,\"wed\":$week,\"thu\":$week,\"fri\":$week,\"sat\":$week,\"sun\":$week}"
host=$(curl -fs -H "$auth" "$URL/v1/admin/hosts" -d "{\"name\":\"Load\",\"email\":\"load@example.com\",\"timezone\":\"Etc/UTC\",\"weekly_hours\":$hours}" \
       | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs -H "$auth" "$URL/v1/admin/pages" -d "{\"id\":\"load\",\"name\":\"Load\",\"hosts\":[\"$host\"],\"event_types\":[{\"id\":\"e\",\"name\":\"E\",\"duration_minutes\":15,\"buffer_before_minutes\":0,\"buffer_after_minutes\":0}]}" > /dev/null
base=$(( ($(date -u +%s) / 86400 + 2) * 86400 ))
if [ "${PROPOSALS:-0}" -gt 0 ]; then
  /usr/bin/python3 - "$URL" "$hours" "${PROPOSALS}" <<'PY'
import json, sys, time, urllib.request
url, hours, n = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
def post(path, body):
    req = urllib.request.Request(url + path, json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": "Bearer bench-key", "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))
host = post("/v1/admin/hosts", {"name": "Proposer", "email": "proposer@example.com", "timezone": "Etc/UTC",
                                "weekly_hours": hours})["id"]
post("/v1/admin/pages", {"id": "prop", "name": "Proposals", "hosts": [host], "event_types": [
    {"id": "e", "name": "E", "duration_minutes": 60, "buffer_before_minutes": 0, "buffer_after_minutes": 0}]})
day0 = (int(time.time()) // 86400 + 2) * 86400
fmt = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
for i in range(n):
    cands = [{"start": fmt(day0 + (2 * i + k) * 3600), "end": fmt(day0 + (2 * i + k + 1) * 3600)} for k in (0, 1)]
    post("/v1/admin/proposals", {"page": "prop", "event_type": "e", "host": host, "candidates": cands,
                                 "guests": [{"name": "Guest %d" % i, "email": "g%d@example.com" % i}],
                                 "message": "Pick one", "send_mail": False})
PY
  echo "open proposals: $PROPOSALS"
fi
slot_path="/v1/pages/demo/slots?event_type=intro&from=$(date -u -d '+2 days' +%F)&to=$(date -u -d '+32 days' +%F)&tz=Europe%2FBerlin"
slot_latency() {  # wrk output -> "req/s, p50 p99"
  awk '/^Requests\/sec/ {r=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2} END {printf "%s req/s, p50 %s, p99 %s", r, p50, p99}' <<< "$1"
}
if [ -n "${SLOT_CONNS:-}" ]; then
  alone="$(wrk -t1 -c"$SLOT_CONNS" -d"${secs}s" --latency "$URL$slot_path")"
  echo "slot reads alone ($SLOT_CONNS connections): $(slot_latency "$alone")"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
m0="$(curl -fs "$URL/metrics")"
# PERF=file: also record the server's profile during the run (perf report -i file).
perf_pid=
if [ -n "${PERF:-}" ]; then
  perf record -q -F 499 --call-graph dwarf,16384 -p "$SERVER_PID" -o "$PERF" -- sleep "$secs" 2>/dev/null &
  perf_pid=$!
fi
cpu0=$(awk '{print $14 + $15}' /proc/$SERVER_PID/stat)
slots_out="$WORK/slots.out"
if [ -n "${SLOT_CONNS:-}" ]; then
  wrk -t1 -c"$SLOT_CONNS" -d"${secs}s" --latency "$URL$slot_path" > "$slots_out" &
  slots_pid=$!
fi
out="$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$(dirname "$0")/bookings.lua" "$URL" -- "$base")"
cpu1=$(awk '{print $14 + $15}' /proc/$SERVER_PID/stat)
[ -z "$perf_pid" ] || wait "$perf_pid"
# (a slow server still answers the run's queued bookings, holding their connections: retry)
m1="$(for _ in $(seq 600); do curl -fs "$URL/metrics" && break; sleep 0.1; done)"
echo "$out"
if [ -n "${SLOT_CONNS:-}" ]; then
  wait "$slots_pid"
  echo "slot reads during the bookings ($SLOT_CONNS connections): $(slot_latency "$(cat "$slots_out")")"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
metric() { awk -v k="$1" '$1 == k {print $2}' <<< "$2"; }
if [ -n "${SLOT_CONNS:-}" ]; then  # answers the bookings on another page left cached (or not)
  hits=$(( $(metric 'kairos_slot_cache_total{result="hit"}' "$m1") - $(metric 'kairos_slot_cache_total{result="hit"}' "$m0") ))
  misses=$(( $(metric 'kairos_slot_cache_total{result="miss"}' "$m1") - $(metric 'kairos_slot_cache_total{result="miss"}' "$m0") ))
  echo "slot cache during the bookings: $hits hits, $misses misses"
fi
commits=$(( $(metric kairos_store_commits_total "$m1") - $(metric kairos_store_commits_total "$m0") ))
txs=$(( $(metric kairos_store_transactions_total "$m1") - $(metric kairos_store_transactions_total "$m0") ))
created=$(/usr/bin/python3 - "$WORK/kairos.db" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM bookings WHERE page_id = 'load'").fetchone()[0])
PY
)
# The disk's own limit: fsyncs per second from one thread, on the database's file system.
fsyncs=$(/usr/bin/python3 - "$WORK" <<'PY'
import os, sys, time
fd = os.open(os.path.join(sys.argv[1], "fsync.probe"), os.O_WRONLY | os.O_CREAT, 0o600)
n, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < 2:
    os.pwrite(fd, b"x" * 512, 0); os.fsync(fd); n += 1
print(int(n / (time.perf_counter() - t0)))
PY
)
echo "bookings stored: $created in ${secs} s = $(( created / secs ))/s; commits $commits, transactions $txs," \
     "$(awk -v t=$txs -v c=$commits 'BEGIN {printf "%.1f", c ? t / c : 0}') transactions per commit; disk: $fsyncs fsync/s (one thread)"
# Server CPU (user + system) per request answered: what a larger machine's figure scales from.
echo "server CPU${SLOT_CONNS:+ (with the slot reads)}: $(awk -v d=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$txs" 'BEGIN {printf "%.0f", n ? d / hz * 1e6 / n : 0}') us per transaction"
kill -TERM $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
/usr/bin/python3 - "$WORK/kairos.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
live = "status IN ('pending','approved','rescheduled')"
n = db.execute("SELECT count(*) FROM bookings WHERE " + live).fetchone()[0]
starts = db.execute("SELECT count(DISTINCT start_s) FROM bookings WHERE " + live).fetchone()[0]
overlaps = db.execute("""SELECT count(*) FROM booking_hosts a JOIN bookings x ON x.uid = a.booking_uid
  JOIN booking_hosts b ON a.host_id = b.host_id AND a.booking_uid < b.booking_uid
  JOIN bookings y ON y.uid = b.booking_uid
  WHERE x.start_s < y.end_s AND y.start_s < x.end_s
    AND x.status IN ('pending','approved','rescheduled') AND y.status IN ('pending','approved','rescheduled')""").fetchone()[0]
print("bookings stored: %d, distinct starts: %d, overlapping pairs: %d" % (n, starts, overlaps))
sys.exit(1 if overlaps or n != starts else 0)
PY
