#!/usr/bin/env bash
# Big teams (issue 16): a page with N hosts in any mode, each host working Mon–Fri
# 09:00–17:00 in one of four zones with a few bookings; times uncached month answers of
# GET /v1/pages/<page>/slots (every request asks for another range, so none is a cache
# hit) and the server's resident memory before, at the peak and after the burst.
# Usage: bench/load/big_team.sh [hosts...]      (default: 500 3000)
source "$(dirname "$0")/common.sh"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(500 3000)
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER_PID/status"; }
echo "load: $(uptime | sed 's/.*load average: //')"
for n in "${sizes[@]}"; do
  /usr/bin/python3 - "$URL" "$n" "$SERVER_PID" <<'PY'
import datetime, http.client, json, sys, time, urllib.parse
url, n, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
u = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(u.hostname, u.port)
AUTH = {"Authorization": "Bearer bench-key", "Content-Type": "application/json"}

def call(method, path, body=None, headers=AUTH):
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise SystemExit("%s %s: %d %s" % (method, path, r.status, data[:200]))
    return json.loads(data) if data else None

def rss():
    for line in open("/proc/%s/status" % pid):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024

zones = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Etc/UTC"]
work = [["09:00", "17:00"]]
hours = {d: work for d in ("mon", "tue", "wed", "thu", "fri")}
t0 = time.time()
hosts = [call("POST", "/v1/admin/hosts", {"name": "Host %d" % i, "email": "h%d@example.com" % i,
                                          "timezone": zones[i % 4], "weekly_hours": hours})["id"] for i in range(n)]
page = "team%d" % n
call("POST", "/v1/admin/pages", {"id": page, "name": "Team", "hosts": hosts, "host_mode": "any",
                                 "event_types": [{"id": "e", "name": "E", "duration_minutes": 30,
                                                  "buffer_before_minutes": 0, "buffer_after_minutes": 0}]})
# A few bookings (each takes one host for one slot; any mode picks the fairest host).
base = datetime.date.today() + datetime.timedelta(days=3)
q = "/v1/pages/%s/slots?event_type=e&from=%s&to=%s&tz=Etc/UTC" % (page, base, base + datetime.timedelta(days=6))
days = call("GET", q, headers={})["days"]
offered = [s for k in sorted(days) for s in days[k]]
for s in offered[: min(len(offered), 40)]:
    call("POST", "/v1/bookings", {"page": page, "event_type": "e", "start": s["start"],
                                  "guest": {"name": "G", "email": "g@example.com"}}, headers={"Content-Type": "application/json"})
setup = time.time() - t0
before = rss()
times, peak = [], before
for i in range(7):  # a month each, shifted by a day: never the cached answer
    frm = base + datetime.timedelta(days=i)
    path = "/v1/pages/%s/slots?event_type=e&from=%s&to=%s&tz=Europe/Berlin" % (page, frm, frm + datetime.timedelta(days=30))
    t = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    times.append((time.perf_counter() - t) * 1000)
    assert r.status == 200, (r.status, body[:200])
    peak = max(peak, rss())
slots = sum(len(d) for d in json.loads(body)["days"].values())
time.sleep(2)
after = rss()
times.sort()
print("hosts %d: month of slots uncached: median %.1f ms, min %.1f, max %.1f (7 requests, %d slots, %d bytes); "
      "RSS %d MB before, %d MB peak, %d MB 2 s after (set-up %.1f s)"
      % (n, times[3], times[0], times[-1], slots, len(body), before, peak, after, setup))
PY
done
echo "load: $(uptime | sed 's/.*load average: //')"
