"""Calendars in and out, and webhooks, end to end: the real kairos-server (--test-clock,
--allow-private-targets so it may reach the local peers) against a local HTTP server
that serves .ics feeds as Google, Outlook and iCloud write them, and a local webhook
receiver that checks signatures. Debian's python3 (standard library, and Debian's
python3-icalendar as an independent parser); the published feeds are parsed back with
libical (kairos_ics_check), with icalendar and with ical.js (npm), and all must read the
same events."""
import datetime
import hashlib
import hmac
import http.server
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import unittest
import uuid
from zoneinfo import ZoneInfo

import fixture
import kairos_http as kh
import feeds_fixtures as ff
import icalendar  # Debian's python3-icalendar: a parser that shares nothing with libical

BIN = os.environ["KAIROS_BIN"]
ICS_CHECK = os.environ["KAIROS_ICS_CHECK"]
ICALJS_CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icaljs_check.js")
KEY = "integ-owner-key"
F = "%Y-%m-%dT%H:%M:%SZ"
WEEKDAYS = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


class Peer:
    """A threaded HTTP server on 127.0.0.1 whose answers the tests script per path."""

    def __init__(self):
        peer = self
        self.routes = {}
        self.requests = []
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def handle_any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                with peer.lock:
                    peer.requests.append((self.command, self.path, dict(self.headers), body))
                    fn = peer.routes.get(self.path)
                if fn is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    fn(self, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = handle_any
            do_POST = handle_any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = "http://127.0.0.1:%d" % self.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def seen(self, path):
        with self.lock:
            return [r for r in self.requests if r[1] == path]


def reply(handler, status, body=b"", headers=None, ctype="text/calendar; charset=utf-8"):
    if isinstance(body, str):
        body = body.encode()
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def ics_route(text, etag=None):
    def fn(h, _body):
        if etag and h.headers.get("If-None-Match") == etag:
            reply(h, 304, b"", {"ETag": etag})
            return
        reply(h, 200, text, {"ETag": etag} if etag else {})
    return fn


class Base(unittest.TestCase):
    extra = []

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kairos-integ-")
        cls.log = os.path.join(cls.tmp, "server.log")
        cls.server, cls.base = fixture.spawn(
            BIN, os.path.join(cls.tmp, "k.db"),
            ["--admin-key", KEY, "--test-clock", "--booking-rate", "0", "--delivery-seconds", "3600",
             "--scheduler-seconds", "3600", "--feed-seconds", "3600", "--feed-max-bytes", "2000000",
             "--feed-timeout-seconds", "2", "--webhook-disable-after", "5", "--log-level", "warn"] + cls.extra,
            log=open(cls.log, "w"))
        assert cls.server, open(cls.log).read()
        cls.peer = Peer()

    @classmethod
    def tearDownClass(cls):
        cls.peer.stop()
        cls.server.terminate()
        cls.server.wait(timeout=20)

    def call(self, method, path, body=None, key=KEY, **kw):
        return kh.call(method, path, body, key=key, base=self.base, **kw)

    def ok(self, r, status=200):
        self.assertEqual(r.status, status, r)
        return r.json

    def tick(self):
        return self.ok(self.call("POST", "/v1/test/tick", {}))

    def advance(self, seconds):
        self.ok(self.call("POST", "/v1/test/clock", {"advance_seconds": seconds}))

    def make_host(self, zone="Europe/Berlin", weekly=WEEKDAYS, email=None):
        r = self.call("POST", "/v1/admin/hosts", {"name": "Dr. Weber", "email": email or "weber@clinic.test",
                                                  "timezone": zone, "weekly_hours": weekly})
        return self.ok(r, 201)["id"]

    def make_page(self, hosts, duration=30, rooms=()):
        et = {"id": "meet", "name": "Consultation", "duration_minutes": duration, "buffer_before_minutes": 0,
              "buffer_after_minutes": 0, "location": "Praxis, Hauptstr. 1"}
        if rooms:
            et["rooms"] = list(rooms)
        pid = "p-" + uuid.uuid4().hex[:10]
        self.ok(self.call("POST", "/v1/admin/pages", {"id": pid, "name": "Praxis", "hosts": hosts,
                                                      "event_types": [et]}), 201)
        return pid

    def slots(self, pid, frm, to, tz="Europe/Berlin"):
        r = kh.call("GET", "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s&tz=%s" % (pid, frm, to, tz),
                    base=self.base)
        j = self.ok(r)
        return [(s["start"], s["end"]) for d in sorted(j["days"]) for s in j["days"][d]]


def utc(s):
    return datetime.datetime.strptime(s, F).replace(tzinfo=datetime.timezone.utc)


class CalendarFeedsIn(Base):
    extra = ["--allow-private-targets"]

    def test_google_outlook_icloud_feeds_block_exactly_their_busy_times(self):
        p = self.peer
        p.routes["/google/basic.ics"] = ics_route(ff.GOOGLE)
        p.routes["/outlook/calendar.ics"] = ics_route(ff.OUTLOOK)
        p.routes["/icloud/home.ics"] = ics_route(ff.ICLOUD, etag='"v1"')
        host = self.make_host()
        pid = self.make_page([host])
        baseline = self.slots(pid, "2027-03-01", "2027-04-09")
        self.assertGreater(len(baseline), 400)

        cals = {}
        for name, path in (("Google", "/google/basic.ics"), ("Outlook", "/outlook/calendar.ics"),
                           ("iCloud", "/icloud/home.ics")):
            r = self.call("POST", "/v1/admin/hosts/%s/calendars" % host,
                          {"name": name, "url": p.base + path, "busy": True, "refresh_minutes": 15})
            cals[name] = self.ok(r, 201)["id"]
            self.assertEqual(r.json["source"], "url")
        self.tick()  # the fetcher runs outside requests; the tick waits for its pass

        for name, cid in cals.items():
            c = self.ok(self.call("GET", "/v1/admin/hosts/%s/calendars/%s" % (host, cid)))
            self.assertIsNone(c["last_error"], c)
            self.assertIsNotNone(c["last_fetched"])
            self.assertFalse(c["stale"])
            self.assertGreater(c["events"], 0)

        busy = ff.expected_busy()

        def free(slot):
            s, e = utc(slot[0]), utc(slot[1])
            return not any(s < be and bs < e for bs, be in busy)

        expected = [s for s in baseline if free(s)]
        got = self.slots(pid, "2027-03-01", "2027-04-09")
        self.assertEqual(got, expected)
        starts = {s for s, _ in got}
        berlin = ZoneInfo("Europe/Berlin")

        def at(m, d, hh, mm=0):
            return datetime.datetime(2027, m, d, hh, mm, tzinfo=berlin).astimezone(datetime.timezone.utc).strftime(F)

        self.assertIn(at(3, 9, 10), starts)     # EXDATE: that Tuesday's meeting does not happen
        self.assertIn(at(3, 16, 10), starts)    # the moved occurrence left its old time…
        self.assertNotIn(at(3, 17, 14), starts)  # …for its new one
        self.assertNotIn(at(3, 23, 10), starts)
        self.assertIn(at(3, 4, 9), starts)      # cancelled
        self.assertIn(at(3, 25, 12), starts)    # transparent
        self.assertFalse([s for s in starts if s.startswith("2027-03-26")] and
                         [s for s in starts if at(3, 26, 9) <= s < at(3, 27, 0)])  # the holiday, whole Berlin day
        self.assertNotIn(at(3, 15, 14), starts)  # NY 09:00 = Berlin 14:00 between the two DST changes
        self.assertIn(at(3, 15, 15), starts)
        self.assertNotIn(at(3, 29, 15), starts)  # and 15:00 again once Europe has changed too

        # Guests see busy time, never what it is.
        av = kh.call("GET", "/v1/pages/%s/availability?event_type=meet&from=2027-03-01&to=2027-03-20" % pid,
                     base=self.base)
        self.assertEqual(av.status, 200)
        self.assertNotIn(b"SECRET-TITLE", av.raw)
        self.assertNotIn(b"Team sync", av.raw)
        self.assertNotIn(b"5k2m1c8t0q", av.raw)

        # A second fetch is conditional: the iCloud feed answers 304 and nothing changes.
        self.ok(self.call("POST", "/v1/admin/hosts/%s/calendars/%s/refresh" % (host, cals["iCloud"])), 202)
        self.tick()
        last = p.seen("/icloud/home.ics")[-1]
        self.assertEqual(last[2].get("If-None-Match"), '"v1"')
        self.assertEqual(self.slots(pid, "2027-03-01", "2027-04-09"), expected)

        # The Google feed goes down: the last good copy stays, staleness shows, slots do not move.
        p.routes["/google/basic.ics"] = lambda h, _b: reply(h, 500, "oops", ctype="text/plain")
        for i in range(3):
            self.ok(self.call("POST", "/v1/admin/hosts/%s/calendars/%s/refresh" % (host, cals["Google"])), 202)
            self.tick()
        c = self.ok(self.call("GET", "/v1/admin/hosts/%s/calendars/%s" % (host, cals["Google"])))
        self.assertTrue(c["stale"])
        self.assertEqual(c["last_error"], "HTTP 500")
        self.assertEqual(c["failures"], 3)
        self.assertGreater(c["events"], 0)
        self.assertEqual(self.slots(pid, "2027-03-01", "2027-04-09"), expected)
        metrics = kh.call("GET", "/metrics", base=self.base).raw.decode()
        self.assertIn('kairos_calendar_feeds{state="stale"} 1', metrics)
        self.assertIn("kairos_calendar_feed_max_age_seconds", metrics)
        # After repeated failures the host is told (a mail in the outbox).
        out = self.ok(self.call("GET", "/v1/admin/outbox"))["messages"]
        notices = [m for m in out if m["template"] == "system.notice" and m["recipient"] == "weber@clinic.test"]
        self.assertEqual(len(notices), 1, out)
        self.assertIn("Google", notices[0]["details"]["subject"])

        # Back up: fresh again.
        p.routes["/google/basic.ics"] = ics_route(ff.GOOGLE)
        self.ok(self.call("POST", "/v1/admin/hosts/%s/calendars/%s/refresh" % (host, cals["Google"])), 202)
        self.tick()
        c = self.ok(self.call("GET", "/v1/admin/hosts/%s/calendars/%s" % (host, cals["Google"])))
        self.assertFalse(c["stale"])
        self.assertIsNone(c["last_error"])

        # Deleting a calendar frees its time at once.
        self.assertEqual(self.call("DELETE", "/v1/admin/hosts/%s/calendars/%s" % (host, cals["Outlook"])).status, 204)
        self.assertIn(at(3, 26, 10), {s for s, _ in self.slots(pid, "2027-03-01", "2027-04-09")})
        listed = self.ok(self.call("GET", "/v1/admin/hosts/%s/calendars" % host))["calendars"]
        self.assertEqual(sorted(c["name"] for c in listed), ["Google", "iCloud"])

    def test_an_uploaded_ics_counts_and_busy_false_does_not(self):
        host = self.make_host()
        pid = self.make_page([host])
        r = self.call("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "Holidays", "ics": ff.OUTLOOK, "busy": True})
        c = self.ok(r, 201)
        self.assertEqual(c["source"], "upload")
        self.assertEqual(c["events"], 3)
        self.assertEqual(self.slots(pid, "2027-03-26", "2027-03-26"), [])
        # No longer counting as busy frees the day at once; counting again blocks it.
        off = self.ok(self.call("PATCH", "/v1/admin/hosts/%s/calendars/%s" % (host, c["id"]), {"busy": False}))
        self.assertFalse(off["busy"])
        self.assertTrue(self.slots(pid, "2027-03-26", "2027-03-26"))
        self.ok(self.call("PATCH", "/v1/admin/hosts/%s/calendars/%s" % (host, c["id"]), {"busy": True, "name": "Feiertage"}))
        self.assertEqual(self.slots(pid, "2027-03-26", "2027-03-26"), [])
        bad = self.call("PATCH", "/v1/admin/hosts/%s/calendars/%s" % (host, c["id"]), {"refresh_minutes": 1})
        self.assertEqual((bad.status, bad.json["code"]), (422, "invalid_refresh"))
        r = self.call("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "Family", "ics": ff.GOOGLE, "busy": False})
        self.ok(r, 201)
        self.assertTrue(self.slots(pid, "2027-03-23", "2027-03-23"))
        starts = {s for s, _ in self.slots(pid, "2027-03-23", "2027-03-23")}
        self.assertIn("2027-03-23T09:00:00Z", starts)  # 10:00 Berlin: the not-busy calendar blocks nothing
        bad = self.call("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "x", "ics": "hello"})
        self.assertEqual(bad.status, 422)
        self.assertEqual(bad.json["code"], "invalid_ics")
        both = self.call("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "x", "ics": ff.GOOGLE, "url": "https://a.example/x.ics"})
        self.assertEqual(both.status, 422)
        ftp = self.call("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "x", "url": "ftp://a.example/x.ics"})
        self.assertEqual(ftp.json["code"], "invalid_url")

    def test_a_huge_or_slow_feed_is_cut_off(self):
        p = self.peer

        def huge(h, _b):
            h.send_response(200)
            h.send_header("Content-Type", "text/calendar")
            h.send_header("Content-Length", str(50 * 1024 * 1024))
            h.end_headers()
            chunk = b"X-FILLER:" + b"x" * 1013 + b"\r\n"
            for _ in range(50 * 1024):
                h.wfile.write(chunk)

        def slow(h, _b):
            h.send_response(200)
            h.send_header("Content-Type", "text/calendar")
            h.end_headers()
            h.wfile.write(b"BEGIN:VCALENDAR\r\n")
            for _ in range(200):
                time.sleep(0.2)
                h.wfile.write(b"X-SLOW:1\r\n")
                h.wfile.flush()

        def huge_unannounced(h, _b):  # no Content-Length: only the running count stops it
            h.send_response(200)
            h.send_header("Content-Type", "text/calendar")
            h.end_headers()
            chunk = b"X-FILLER:" + b"x" * 1013 + b"\r\n"
            for _ in range(50 * 1024):
                h.wfile.write(chunk)

        p.routes["/huge.ics"] = huge
        p.routes["/huge2.ics"] = huge_unannounced
        p.routes["/slow.ics"] = slow
        host = self.make_host()
        ids = {}
        for path in ("/huge.ics", "/huge2.ics", "/slow.ics"):
            ids[path] = self.ok(self.call("POST", "/v1/admin/hosts/%s/calendars" % host,
                                          {"name": path, "url": p.base + path}), 201)["id"]
        self.tick()
        for path, needle in (("/huge.ics", "exceeds"), ("/huge2.ics", "exceeds"), ("/slow.ics", "timed out")):
            c = self.ok(self.call("GET", "/v1/admin/hosts/%s/calendars/%s" % (host, ids[path])))
            self.assertIn(needle, c["last_error"] or "", c)
            self.assertTrue(c["stale"])
            self.assertEqual(c["events"], 0)
        self.assertEqual(kh.call("GET", "/healthz", base=self.base).status, 200)


def verify(secret, headers, body):
    sig = headers.get("Kairos-Signature", "")
    m = re.fullmatch(r"t=(\d+),v1=([0-9a-f]{64})", sig)
    if not m:
        return False
    mac = hmac.new(secret.encode(), m.group(1).encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, m.group(2))


class Webhooks(Base):
    extra = ["--allow-private-targets"]

    def book(self, pid, start):
        r = kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": start,
                                              "guest": {"name": "Anna Schmidt", "email": "anna@example.de"}},
                    base=self.base)
        return self.ok(r, 201)

    def events_at(self, path):
        return [json.loads(r[3]) for r in self.peer.seen(path)]

    def test_signed_events_of_a_bookings_life_arrive_in_order_through_failures(self):
        p = self.peer
        state = {"fail": 0}

        def hook(h, _b):
            if state["fail"] > 0:
                state["fail"] -= 1
                reply(h, 500, "down", ctype="text/plain")
            else:
                reply(h, 204)

        p.routes["/hook"] = hook
        r = self.call("POST", "/v1/admin/webhooks", {"url": p.base + "/hook",
                                                     "events": ["booking.created", "booking.rescheduled",
                                                                "booking.cancelled", "booking.approved"]})
        w = self.ok(r, 201)
        secret = w["secret"]
        self.assertGreaterEqual(len(secret), 16)
        self.assertNotIn("secret", self.ok(self.call("GET", "/v1/admin/webhooks/" + w["id"])))

        host = self.make_host(zone="Etc/UTC", weekly=ALL_WEEK)
        pid = self.make_page([host])
        day = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
        b = self.book(pid, day + "T10:00:00Z")
        r = kh.call("POST", "/v1/bookings/%s/reschedule" % b["uid"], {"start": day + "T11:00:00Z"},
                    headers={"Authorization": "Bearer " + b["token"]}, base=self.base)
        self.ok(r)
        r = kh.call("POST", "/v1/bookings/%s/cancel" % b["uid"], {}, headers={"Authorization": "Bearer " + b["token"]},
                    base=self.base)
        self.ok(r)
        self.tick()
        got = self.peer.seen("/hook")
        self.assertEqual([json.loads(x[3])["type"] for x in got],
                         ["booking.created", "booking.rescheduled", "booking.cancelled"])
        for method, _path, headers, body in got:
            self.assertEqual(method, "POST")
            self.assertTrue(verify(secret, headers, body), headers)
            self.assertFalse(verify("not-the-secret-at-all", headers, body))
            ev = json.loads(body)
            self.assertEqual(set(ev), {"id", "type", "created", "data"})
            self.assertEqual(ev["data"]["uid"], b["uid"])
        self.assertEqual(json.loads(got[1][3])["data"]["start"], day + "T11:00:00Z")

        # A run of 500s: the first event is retried with backoff, the second waits for it.
        state["fail"] = 3
        b2 = self.book(pid, day + "T14:00:00Z")
        self.ok(kh.call("POST", "/v1/bookings/%s/cancel" % b2["uid"], {},
                        headers={"Authorization": "Bearer " + b2["token"]}, base=self.base))
        t = self.tick()
        self.assertEqual(t["webhooks"]["retried"], 1)
        for _ in range(8):
            self.advance(300)
            self.tick()
        mine = [json.loads(x[3]) for x in self.peer.seen("/hook") if json.loads(x[3])["data"].get("uid") == b2["uid"]]
        delivered = [e["type"] for e in mine]
        self.assertEqual(delivered[-2:], ["booking.created", "booking.cancelled"])
        self.assertEqual(delivered.count("booking.cancelled"), 1)  # never before its created
        self.assertEqual(delivered.index("booking.cancelled"), len(delivered) - 1)
        log = self.ok(self.call("GET", "/v1/admin/webhooks/%s/deliveries" % w["id"]))["deliveries"]
        created2 = [d for d in log if d["subject"] == b2["uid"] and d["type"] == "booking.created"][0]
        self.assertEqual(created2["state"], "sent")
        self.assertEqual(created2["attempts"], 4)

        # Redelivery: the same event (same id) once more.
        before = len(self.peer.seen("/hook"))
        r = self.call("POST", "/v1/admin/webhooks/%s/deliveries/%s/redeliver" % (w["id"], created2["id"]))
        self.ok(r, 202)
        self.tick()
        again = self.peer.seen("/hook")[before:]
        self.assertEqual(len(again), 1)
        self.assertEqual(json.loads(again[0][3])["id"], created2["event"])
        self.assertTrue(verify(secret, again[0][2], again[0][3]))
        self.assertEqual(self.call("POST", "/v1/admin/webhooks/%s/deliveries/999999/redeliver" % w["id"]).status, 404)

    def test_a_webhook_failing_for_long_is_disabled_and_its_owner_told(self):
        p = self.peer
        p.routes["/dead"] = lambda h, _b: reply(h, 503, "no", ctype="text/plain")
        w = self.ok(self.call("POST", "/v1/admin/webhooks", {"url": p.base + "/dead", "events": ["booking.created"],
                                                             "secret": "s3cret-s3cret-s3cret",
                                                             "notify_email": "ops@clinic.test"}), 201)
        self.assertEqual(w["secret"], "s3cret-s3cret-s3cret")
        host = self.make_host(zone="Etc/UTC", weekly=ALL_WEEK)
        pid = self.make_page([host])
        day = (datetime.date.today() + datetime.timedelta(days=6)).isoformat()
        self.book(pid, day + "T09:00:00Z")
        self.tick()
        for _ in range(6):
            self.advance(4000)
            self.tick()
        v = self.ok(self.call("GET", "/v1/admin/webhooks/" + w["id"]))
        self.assertFalse(v["enabled"])
        self.assertIn("HTTP 503", v["disabled_reason"])
        self.assertEqual(len(p.seen("/dead")), 5)  # --webhook-disable-after 5
        out = self.ok(self.call("GET", "/v1/admin/outbox"))["messages"]
        self.assertTrue([m for m in out if m["template"] == "system.notice" and m["recipient"] == "ops@clinic.test"])
        metrics = kh.call("GET", "/metrics", base=self.base).raw.decode()
        self.assertIn("kairos_webhooks_disabled 1", metrics)
        # Redelivering tells Kairos the receiver works again.
        p.routes["/dead"] = lambda h, _b: reply(h, 200, "ok", ctype="text/plain")
        d = self.ok(self.call("GET", "/v1/admin/webhooks/%s/deliveries" % w["id"]))["deliveries"][0]
        self.ok(self.call("POST", "/v1/admin/webhooks/%s/deliveries/%s/redeliver" % (w["id"], d["id"])), 202)
        self.tick()
        self.assertTrue(self.ok(self.call("GET", "/v1/admin/webhooks/" + w["id"]))["enabled"])
        off = self.ok(self.call("PATCH", "/v1/admin/webhooks/" + w["id"], {"enabled": False, "events": ["booking.cancelled"]}))
        self.assertEqual((off["enabled"], off["events"]), (False, ["booking.cancelled"]))
        on = self.ok(self.call("PATCH", "/v1/admin/webhooks/" + w["id"], {"enabled": True}))
        self.assertTrue(on["enabled"])
        self.assertEqual(self.call("PATCH", "/v1/admin/webhooks/" + w["id"], {"url": "http://10.0.0.1/"}).status,
                         200)  # this server allows private targets
        self.assertEqual(self.call("DELETE", "/v1/admin/webhooks/" + w["id"]).status, 204)
        self.assertEqual(self.call("GET", "/v1/admin/webhooks/" + w["id"]).status, 404)

    def test_bad_subscriptions_are_refused(self):
        r = self.call("POST", "/v1/admin/webhooks", {"url": "https://example.com/h", "events": ["booking.exploded"]})
        self.assertEqual((r.status, r.json["code"]), (422, "unknown_event"))
        r = self.call("POST", "/v1/admin/webhooks", {"url": "file:///etc/passwd", "events": ["booking.created"]})
        self.assertEqual((r.status, r.json["code"]), (422, "invalid_url"))
        r = self.call("POST", "/v1/admin/webhooks", {"url": "https://example.com/h", "events": []})
        self.assertEqual(r.status, 422)


class PrivateTargets(Base):
    """A server without --allow-private-targets: internal addresses are refused before
    any connection is made."""

    def test_private_and_loopback_targets_are_refused(self):
        for url in ("http://10.0.0.1/hook", "http://[::ffff:10.0.0.1]/hook", "http://127.0.0.1:9/x",
                    "http://169.254.169.254/latest/meta-data", "http://localhost:8080/", "http://2130706433/",
                    "http://[::1]/", "http://192.168.1.1/", "http://[fd00::1]/"):
            r = self.call("POST", "/v1/admin/webhooks", {"url": url, "events": ["booking.created"]})
            self.assertEqual((r.status, r.json["code"]), (422, "private_target"), url)
        host = self.make_host()
        r = self.call("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "x", "url": "http://10.0.0.1/cal.ics"})
        self.assertEqual((r.status, r.json["code"]), (422, "private_target"))
        wh = self.ok(self.call("POST", "/v1/admin/webhooks", {"url": "https://example.com/h", "events": ["*"]}), 201)
        r = self.call("PATCH", "/v1/admin/webhooks/" + wh["id"], {"url": "http://10.0.0.1/hook"})
        self.assertEqual((r.status, r.json["code"]), (422, "private_target"))
        self.assertEqual(self.call("DELETE", "/v1/admin/webhooks/" + wh["id"]).status, 204)

        # A name that resolves to loopback passes the first check and is refused at the
        # connection: the receiver on 127.0.0.1 never hears from the server.
        p = self.peer
        p.routes["/hook"] = lambda h, _b: reply(h, 204)
        name_url = "http://vm:%d/hook" % p.port
        w = self.ok(self.call("POST", "/v1/admin/webhooks", {"url": name_url, "events": ["booking.created"]}), 201)
        cal = self.ok(self.call("POST", "/v1/admin/hosts/%s/calendars" % host,
                                {"name": "sneaky", "url": "http://vm:%d/hook" % p.port}), 201)
        pid = self.make_page([host])
        start = None
        for s, _e in self.slots(pid, (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
                                (datetime.date.today() + datetime.timedelta(days=9)).isoformat()):
            start = s
            break
        self.assertIsNotNone(start)
        r = kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": start,
                                              "guest": {"name": "A", "email": "a@example.com"}}, base=self.base)
        self.ok(r, 201)
        self.tick()
        self.assertEqual(p.seen("/hook"), [])
        d = self.ok(self.call("GET", "/v1/admin/webhooks/%s/deliveries" % w["id"]))["deliveries"]
        self.assertIn("refused", d[0]["last_error"])
        c = self.ok(self.call("GET", "/v1/admin/hosts/%s/calendars/%s" % (host, cal["id"])))
        self.assertIn("refused", c["last_error"])


class FeedsOut(Base):
    extra = ["--allow-private-targets"]

    def feed(self, url):
        path = url[len(self.base):]
        r = kh.call("GET", path, base=self.base)
        return r

    def parsed(self, text):
        f = os.path.join(self.tmp, "feed-%s.ics" % uuid.uuid4().hex[:6])
        open(f, "wb").write(text)
        out = subprocess.run([ICS_CHECK, f], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr + out.stdout)
        events = [json.loads(line) for line in out.stdout.splitlines()]
        # The same feed through python's icalendar: the same events, field for field.
        key = lambda e: (e["uid"], e["start"])  # noqa: E731
        self.assertEqual(sorted(map(key, events)), sorted(map(key, self.parsed_py(text))))
        py = {key(e): e for e in self.parsed_py(text)}
        # And through ical.js (npm, tests/e2e): what web calendars use.
        js = subprocess.run(["node", ICALJS_CHECK, f], capture_output=True, text=True)
        self.assertEqual(js.returncode, 0, js.stderr)
        js = {key(e): e for e in map(json.loads, js.stdout.splitlines())}
        self.assertEqual(sorted(js), sorted(py))
        for k, e in js.items():
            self.assertEqual(e, py[k], k)
        for e in events:
            for field in ("status", "sequence", "end"):
                self.assertEqual(e[field], py[key(e)][field], (field, e))
            self.assertEqual(e["summary"], "1" if py[key(e)]["summary"] else "0")  # kairos_ics_check: present or not
        return events

    def parsed_py(self, text):
        cal = icalendar.Calendar.from_ical(text)
        self.assertEqual(str(cal.get("VERSION")), "2.0")
        self.assertEqual(str(cal.get("METHOD")), "PUBLISH")
        out = []
        for ev in cal.walk("VEVENT"):
            start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
            self.assertIsNotNone(start.tzinfo, ev)  # instants, never floating times
            self.assertIn("DTSTAMP", ev)
            out.append({"uid": str(ev["UID"]), "status": str(ev.get("STATUS", "")),
                        "sequence": int(ev.get("SEQUENCE", 0)), "start": int(start.timestamp()),
                        "end": int(end.timestamp()), "summary": str(ev.get("SUMMARY", ""))})
        return out

    def test_host_feed_has_bookings_and_holds_with_stable_uids(self):
        host = self.make_host(zone="Etc/UTC", weekly=ALL_WEEK)
        room = self.ok(self.call("POST", "/v1/admin/rooms", {"name": "Room 3"}), 201)["id"]
        pid = self.make_page([host], duration=60, rooms=[room])
        f = self.ok(self.call("POST", "/v1/admin/feeds", {"host": host}), 201)
        self.assertTrue(f["url"].endswith(".ics"))
        acc = self.ok(self.call("POST", "/v1/admin/feeds", {"account": True}), 201)
        rf = self.ok(self.call("POST", "/v1/admin/feeds", {"room": room}), 201)
        self.assertEqual(self.call("POST", "/v1/admin/feeds", {"host": host, "account": True}).status, 422)
        self.assertEqual(self.call("POST", "/v1/admin/feeds", {"room": "r_nope"}).status, 422)

        day = (datetime.date.today() + datetime.timedelta(days=4)).isoformat()
        b = kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": day + "T10:00:00Z",
                                              "guest": {"name": "Anna Schmidt", "email": "anna@example.de"}},
                    base=self.base)
        b = self.ok(b, 201)
        r = self.feed(f["url"])
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/calendar"))
        text = r.raw.decode()
        self.assertIn("Anna Schmidt", text)
        self.assertIn("Room 3", text)
        self.assertIn("Praxis", text)
        ev = [e for e in self.parsed(r.raw) if e["uid"].startswith(b["uid"] + "@")]
        self.assertEqual(len(ev), 1)
        self.assertEqual(ev[0]["status"], "CONFIRMED")
        seq1 = ev[0]["sequence"]

        self.advance(120)
        self.ok(kh.call("POST", "/v1/bookings/%s/reschedule" % b["uid"], {"start": day + "T12:00:00Z"},
                        headers={"Authorization": "Bearer " + b["token"]}, base=self.base))
        ev2 = [e for e in self.parsed(self.feed(f["url"]).raw) if e["uid"].startswith(b["uid"] + "@")]
        self.assertEqual(len(ev2), 1)  # the same event, updated, not a second one
        self.assertGreater(ev2[0]["sequence"], seq1)
        self.assertEqual(ev2[0]["start"], int(utc(day + "T12:00:00Z").timestamp()))

        # A proposal's candidates are held (TENTATIVE) until the guest chooses.
        c1 = {"start": day + "T14:00:00Z", "end": day + "T15:00:00Z"}
        c2 = {"start": day + "T16:00:00Z", "end": day + "T17:00:00Z"}
        pr = self.ok(self.call("POST", "/v1/admin/proposals", {
            "page": pid, "event_type": "meet", "host": host, "candidates": [c1, c2], "rooms": [room],
            "guests": [{"name": "Taro Yamada", "company": "Kaisha KK", "email": "taro@example.jp"}],
            "message": "Please pick", "send_mail": True, "visibility": "public"}), 201)
        held = [e for e in self.parsed(self.feed(f["url"]).raw) if e["uid"].startswith("hold-")]
        self.assertEqual(sorted(e["start"] for e in held),
                         [int(utc(c1["start"]).timestamp()), int(utc(c2["start"]).timestamp())])
        self.assertTrue(all(e["status"] == "TENTATIVE" for e in held))
        self.assertEqual(len([e for e in self.parsed(self.feed(rf["url"]).raw) if e["uid"].startswith("hold-")]), 2)
        chosen = self.ok(kh.call("POST", "/v1/proposals/%s/choose" % pr["token"], {"start": c2["start"]},
                                 base=self.base), 201)
        after = self.parsed(self.feed(f["url"]).raw)
        self.assertEqual([e for e in after if e["uid"].startswith("hold-")], [])
        self.assertEqual(len([e for e in after if e["uid"].startswith(chosen["uid"] + "@")]), 1)
        self.assertEqual(len(self.parsed(self.feed(acc["url"]).raw)), 2)

        listed = self.ok(self.call("GET", "/v1/admin/feeds"))["feeds"]
        self.assertEqual(len(listed), 3)
        self.assertEqual(self.call("DELETE", "/v1/admin/feeds/" + f["id"]).status, 204)
        self.assertEqual(self.feed(f["url"]).status, 404)
        self.assertEqual(kh.call("GET", "/v1/feeds/nonsense.ics", base=self.base).status, 404)


class EventsOfProposalsAndMail(Base):
    """Every event type the planner emits outside the booking lifecycle: proposals, and
    a mail that bounces (a real SMTP sink refusing the address with 550)."""

    @classmethod
    def setUpClass(cls):
        tmp = tempfile.mkdtemp(prefix="kairos-integ-smtp-")
        cls.smtp_port = fixture.free_port()
        cls.sink = subprocess.Popen(["/usr/bin/python3", os.path.join(os.environ["KAIROS_SOURCE_DIR"], "tests", "support",
                                                                      "smtp_sink.py"), "--port", str(cls.smtp_port),
                                     "--dir", os.path.join(tmp, "mail")], stdout=subprocess.PIPE, text=True)
        assert cls.sink.stdout.readline().startswith("READY")
        cls.extra = ["--allow-private-targets", "--smtp", "smtp://127.0.0.1:%d" % cls.smtp_port]
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.sink.terminate()
        cls.sink.wait(timeout=10)

    def test_proposal_and_delivery_failure_events(self):
        p = self.peer
        p.routes["/all"] = lambda h, _b: reply(h, 200, "ok", ctype="text/plain")
        w = self.ok(self.call("POST", "/v1/admin/webhooks", {"url": p.base + "/all", "events": ["*"]}), 201)
        host = self.make_host(zone="Etc/UTC", weekly=ALL_WEEK)
        pid = self.make_page([host], duration=60)
        day = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
        c1 = {"start": day + "T09:00:00Z", "end": day + "T10:00:00Z"}
        pr = self.ok(self.call("POST", "/v1/admin/proposals", {
            "page": pid, "event_type": "meet", "host": host, "candidates": [c1],
            "guests": [{"name": "Taro Yamada", "email": "taro@example.jp"}], "send_mail": True,
            "visibility": "public"}), 201)
        chosen = self.ok(kh.call("POST", "/v1/proposals/%s/choose" % pr["token"], {"start": c1["start"]},
                                 base=self.base), 201)
        b = kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": day + "T13:00:00Z",
                                              "guest": {"name": "Nobody", "email": "bounce@example.com"}},
                    base=self.base)
        b = self.ok(b, 201)
        # A booking deleted by the owner, and an inquiry from the page's form.
        gone = self.ok(kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": day + "T15:00:00Z",
                                                         "guest": {"name": "Liisa", "email": "liisa@example.fi"}},
                               base=self.base), 201)
        self.assertEqual(self.call("DELETE", "/v1/admin/bookings/" + gone["uid"]).status, 204)
        inq = self.ok(kh.call("POST", "/v1/inquiries", {"page": pid, "kind": "question",
                                                         "guest": {"name": "Liisa", "email": "liisa@example.fi"},
                                                         "message": "Is there parking?"}, base=self.base), 201)
        self.tick()  # webhooks, then mail (the bounce)
        self.tick()  # the failed mail becomes a delivery.failed event
        evs = [json.loads(r[3]) for r in p.seen("/all")]
        types = [e["type"] for e in evs]
        self.assertLess(types.index("proposal.created"), types.index("proposal.chosen"))
        self.assertIn("booking.created", types)
        chosen_ev = [e for e in evs if e["type"] == "proposal.chosen"][0]
        self.assertEqual(chosen_ev["data"]["proposal"], pr["id"])
        self.assertEqual(chosen_ev["data"]["booking"]["uid"], chosen["uid"])
        of_gone = [e["type"] for e in evs if e["type"].startswith("booking.") and e["data"]["uid"] == gone["uid"]]
        self.assertEqual(of_gone, ["booking.created", "booking.deleted"])
        deleted = [e for e in evs if e["type"] == "booking.deleted"][0]
        self.assertEqual(deleted["data"]["guest"]["name"], "Liisa")
        self.assertEqual(self.call("GET", "/v1/admin/bookings/" + gone["uid"]).status, 404)
        asked = [e for e in evs if e["type"] == "inquiry.created"]
        self.assertEqual(len(asked), 1, types)
        self.assertEqual(asked[0]["data"]["id"], inq["id"])
        self.assertEqual(asked[0]["data"]["state"], "new")
        self.assertEqual(asked[0]["data"]["message"], "Is there parking?")
        failed = [e for e in evs if e["type"] == "delivery.failed"]
        self.assertTrue(failed, types)
        self.assertEqual(failed[0]["data"]["subject"], b["uid"])
        self.assertEqual(failed[0]["data"]["channel"], "mail")
        self.assertIn("550", failed[0]["data"]["error"])
        for r in p.seen("/all"):
            self.assertTrue(verify(w["secret"], r[2], r[3]))


if __name__ == "__main__":
    unittest.main()
