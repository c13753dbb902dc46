#!/usr/bin/python3
"""Calendars and webhooks under load (docs/BENCHMARKS.md "Calendar feeds and webhooks").

1. Slot answers with and without subscribed calendars: two hosts with the same hours
   and pages, one with 10 calendars of 500 events (5 recurring series each); 300 slot
   requests for distinct 31-day windows (each a cache miss) per page, interleaved, on
   one keep-alive connection. Reports min, median and p95 latency.
2. Webhook deliveries per second: N bookings each queue a booking.created event for a
   webhook whose receiver (a threaded Python HTTP server on 127.0.0.1) answers 204; one
   POST /v1/test/tick delivers them all, and its time is reported.

usage: bench/load/integrations.py [WEBHOOK_EVENTS]   (default 500; server from build/native)
       KAIROS_BENCH_DB=postgresql://…/db bench/load/integrations.py …   (on PostgreSQL;
       an empty database, e.g. `tests/support/pgcluster.py start DIR` then `createdb`)
"""
import datetime
import http.client
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVER = os.environ.get("KAIROS_SERVER", os.path.join(ROOT, "build/native/server/kairos-server"))
KEY = "bench-key"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None, key=KEY):
        h = {"Content-Type": "application/json"}
        if key:
            h["Authorization"] = "Bearer " + key
        self.conn.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data and data[:1] in b"{[" else data)


def feed_text(n_events, n_series, seed):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    base = datetime.date.today() + datetime.timedelta(days=1)
    for i in range(n_events - n_series):
        d = base + datetime.timedelta(days=(i * 3 + seed) % 180)
        hh = 8 + (i * 5 + seed) % 9
        lines += ["BEGIN:VEVENT", "UID:e%d-%d@bench" % (seed, i), "DTSTAMP:20261101T000000Z",
                  "DTSTART;TZID=Europe/Berlin:%s" % d.strftime("%Y%m%dT") + "%02d0000" % hh,
                  "DTEND;TZID=Europe/Berlin:%s" % d.strftime("%Y%m%dT") + "%02d3000" % hh,
                  "SUMMARY:busy", "END:VEVENT"]
    for k in range(n_series):
        lines += ["BEGIN:VEVENT", "UID:s%d-%d@bench" % (seed, k), "DTSTAMP:20261101T000000Z",
                  "DTSTART;TZID=Europe/Berlin:20260105T%02d0000" % (9 + (k + seed) % 7),
                  "DTEND;TZID=Europe/Berlin:20260105T%02d4500" % (9 + (k + seed) % 7),
                  "RRULE:FREQ=WEEKLY;BYDAY=%s" % ["MO", "TU", "WE", "TH", "FR"][(k + seed) % 5],
                  "SUMMARY:series", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def main():
    n_hooks = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    tmp = tempfile.mkdtemp(prefix="kairos-integbench-")
    port = free_port()
    db = os.environ.get("KAIROS_BENCH_DB") or os.path.join(tmp, "k.db")
    server = subprocess.Popen([SERVER, "--db", db, "--port", str(port), "--admin-key", KEY,
                               "--test-clock", "--booking-rate", "0", "--delivery-seconds", "3600",
                               "--scheduler-seconds", "3600", "--feed-seconds", "3600", "--allow-private-targets", "--body-limit", "4000000",
                               "--log-level", "warn"])
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append(1)
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.daemon_threads = True
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        c = Client(port)
        weekdays = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
        pages = []
        for name in ("plain", "feeds"):
            st, h = c.call("POST", "/v1/admin/hosts", {"name": name, "email": "h@example.com",
                                                       "timezone": "Europe/Berlin", "weekly_hours": weekdays})
            c.call("POST", "/v1/admin/pages", {"id": name, "name": name, "hosts": [h["id"]], "event_types": [
                {"id": "meet", "name": "M", "duration_minutes": 30, "buffer_before_minutes": 0,
                 "buffer_after_minutes": 0}]})
            pages.append((name, h["id"]))
        t0 = time.perf_counter()
        for k in range(10):
            st, _ = c.call("POST", "/v1/admin/hosts/%s/calendars" % pages[1][1],
                           {"name": "feed %d" % k, "ics": feed_text(500, 5, k), "busy": True})
            assert st == 201, st
        upload_ms = (time.perf_counter() - t0) * 1000 / 10
        start = datetime.date.today() + datetime.timedelta(days=1)
        windows = [((start + datetime.timedelta(days=i)).isoformat(),
                    (start + datetime.timedelta(days=i + 30)).isoformat()) for i in range(300)]
        # Interleaved (plain, feeds) on the same windows, so a busy machine slows both
        # alike; every request is a cache miss (each window once per page).
        lat = {"plain": [], "feeds": []}
        for frm, to in windows:
            for name, _h in pages:
                t0 = time.perf_counter()
                st, _ = c.call("GET", "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s&tz=Europe/Berlin"
                               % (name, frm, to), key=None)
                lat[name].append((time.perf_counter() - t0) * 1000)
                assert st == 200, st
        print("slots, 31-day window, cache misses, 300 requests per page, interleaved:")
        for name, label in (("plain", "without calendars"), ("feeds", "with 10 calendars x 500 events")):
            v = sorted(lat[name])
            print("  %-32s min %.2f ms, median %.2f ms, p95 %.2f ms" % (label + ":", v[0], statistics.median(v),
                                                                        v[int(len(v) * 0.95)]))
        print("  upload + expansion of one 500-event calendar: %.1f ms" % upload_ms)

        # Webhooks: a page open all week in UTC so N bookings fit.
        all_week = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
        st, h2 = c.call("POST", "/v1/admin/hosts", {"name": "W", "email": "w@example.com", "timezone": "Etc/UTC",
                                                    "weekly_hours": all_week})
        c.call("POST", "/v1/admin/pages", {"id": "hooks", "name": "W", "hosts": [h2["id"]], "event_types": [
            {"id": "meet", "name": "M", "duration_minutes": 15, "buffer_before_minutes": 0, "buffer_after_minutes": 0}]})
        st, w = c.call("POST", "/v1/admin/webhooks", {"url": "http://127.0.0.1:%d/hook" % receiver.server_address[1],
                                                      "events": ["booking.created"]})
        assert st == 201, w
        t = datetime.datetime.combine(datetime.date.today() + datetime.timedelta(days=2), datetime.time(0, 0))
        for i in range(n_hooks):
            s = (t + datetime.timedelta(minutes=15 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            st, b = c.call("POST", "/v1/bookings", {"page": "hooks", "event_type": "meet", "start": s,
                                                    "guest": {"name": "G", "email": "g@example.com"}}, key=None)
            assert st == 201, b
        t0 = time.perf_counter()
        st, tick = c.call("POST", "/v1/test/tick", {})
        dt = time.perf_counter() - t0
        assert tick["webhooks"]["sent"] == n_hooks and len(received) == n_hooks, (tick, len(received))
        print("webhooks: %d signed deliveries to a local receiver in %.2f s = %.0f deliveries/s"
              % (n_hooks, dt, n_hooks / dt))
    finally:
        server.terminate()
        server.wait(timeout=20)
        receiver.shutdown()


if __name__ == "__main__":
    main()
