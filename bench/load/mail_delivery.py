#!/usr/bin/python3
"""Mail delivery throughput: a kairos-server with --test-clock delivers the mails of N
bookings (a guest and a host mail each) to a real SMTP server (aiosmtpd) on 127.0.0.1 in
one POST /v1/test/tick, and the time of that pass is reported.

usage: bench/load/mail_delivery.py [BOOKINGS]   (default 200; server from build/native)
"""
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVER = os.environ.get("KAIROS_SERVER", os.path.join(ROOT, "build/native/server/kairos-server"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    tmp = tempfile.mkdtemp(prefix="kairos-mailbench-")
    smtp_port, http_port = free_port(), free_port()
    sink = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests/support/smtp_sink.py"), "--port",
                             str(smtp_port), "--dir", os.path.join(tmp, "mail")], stdout=subprocess.PIPE, text=True)
    sink.stdout.readline()
    server = subprocess.Popen([SERVER, "--db", os.path.join(tmp, "k.db"), "--port", str(http_port), "--admin-key", "k1",
                               "--test-clock", "--smtp", "smtp://127.0.0.1:%d" % smtp_port, "--booking-rate", "0",
                               "--delivery-seconds", "3600", "--log-level", "warn"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % http_port

    def call(method, path, body=None, key=None):
        req = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
        req.add_header("Content-Type", "application/json")
        if key:
            req.add_header("Authorization", "Bearer " + key)
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read() or b"null")

    try:
        for _ in range(100):
            try:
                call("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.05)
        week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        h = call("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "UTC",
                                             "weekly_hours": {d: [["00:00", "24:00"]] for d in week}}, "k1")
        call("POST", "/v1/admin/pages", {"id": "p", "name": "P", "hosts": [h["id"]], "event_types": [
            {"id": "e", "name": "E", "duration_minutes": 15, "buffer_before_minutes": 0, "buffer_after_minutes": 0}]}, "k1")
        start = datetime.datetime.utcnow().replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
        for i in range(n):
            call("POST", "/v1/bookings", {"page": "p", "event_type": "e",
                                          "start": (start + datetime.timedelta(minutes=15 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                          "guest": {"name": "G%d" % i, "email": "g%d@example.com" % i}})
        t = time.time()
        r = call("POST", "/v1/test/tick")
        dt = time.time() - t
        print("%d mails sent, %d retried, %d failed in %.2f s: %.0f mails/s" % (r["sent"], r["retried"], r["failed"],
                                                                             dt, r["sent"] / dt))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=15)


if __name__ == "__main__":
    main()
