#!/usr/bin/env bash
# Durable POST /v1/bookings with 64 concurrent clients (keep-alive), then proof that no
# host has two overlapping live bookings. Usage: bench/load/bookings.sh [seconds] [connections]
source "$(dirname "$0")/common.sh"
secs="${1:-10}"; conns="${2:-64}"
auth="Authorization: Bearer bench-key"
week='[["00:00","24:00"]]'
hours="{\"mon\":$week,\"tue\":$week,\"wed\":$week,\"thu\":$week,\"fri\":$week,\"sat\":$week,\"sun\":$week}"
host=$(curl -fs -H "$auth" "$URL/v1/admin/hosts" -d "{\"name\":\"Load\",\"email\":\"load@example.com\",\"timezone\":\"Etc/UTC\",\"weekly_hours\":$hours}" \
       | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs -H "$auth" "$URL/v1/admin/pages" -d "{\"id\":\"load\",\"name\":\"Load\",\"hosts\":[\"$host\"],\"event_types\":[{\"id\":\"e\",\"name\":\"E\",\"duration_minutes\":15,\"buffer_before_minutes\":0,\"buffer_after_minutes\":0}]}" > /dev/null
base=$(( ($(date -u +%s) / 86400 + 2) * 86400 ))
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$(dirname "$0")/bookings.lua" "$URL" -- "$base"
curl -fs "$URL/metrics" | grep -E '^kairos_store_(commits|transactions)_total'
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
