"""Integrations with several kairos-server instances on one PostgreSQL database
(integrations.pg.shared): every webhook delivery and every calendar fetch happens once
although all instances run their workers at the same moment (claims with FOR UPDATE
SKIP LOCKED and leases), and a calendar changed through one instance changes the slots
of the others (LISTEN/NOTIFY). Runs only under KAIROS_PG_DIR (the ctest fixture starts
a throw-away PostgreSQL with initdb + pg_ctl)."""
import collections
import datetime
import json
import os
import sys
import threading
import time
import unittest
import uuid

import fixture
import kairos_http as kh
from test_integrations import ALL_WEEK, Peer, ics_route, reply, verify

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import pgcluster  # noqa: E402

BIN = os.environ["KAIROS_BIN"]
KEY = "integ-shared-owner-key"
PG_DIR = os.environ.get("KAIROS_PG_DIR")


def eventually(fn, seconds=20):
    """fn() until it is truthy: another instance acts on a notification, not at once."""
    deadline = time.time() + seconds
    while True:
        v = fn()
        if v or time.time() > deadline:
            return v
        time.sleep(0.05)


@unittest.skipUnless(PG_DIR, "needs the PostgreSQL fixture (KAIROS_PG_DIR)")
class SharedDatabase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pg = pgcluster.attach(PG_DIR)
        cls.db = pg.create_db("integ_shared_" + uuid.uuid4().hex[:8])
        cls.servers, cls.bases, cls.logs = [], [], []
        for i in range(3):
            log = os.path.join(PG_DIR, "..", "shared-%d.log" % i)
            proc, base = fixture.spawn(BIN, cls.db, [
                "--admin-key", KEY, "--test-clock", "--booking-rate", "0", "--delivery-seconds", "3600",
                "--scheduler-seconds", "3600", "--feed-seconds", "3600", "--allow-private-targets",
                "--log-level", "warn"], log=open(log, "w"))
            assert proc, open(log).read()
            cls.servers.append(proc)
            cls.bases.append(base)
        cls.peer = Peer()

    @classmethod
    def tearDownClass(cls):
        cls.peer.stop()
        for p in cls.servers:
            p.terminate()
        for p in cls.servers:
            p.wait(timeout=20)

    def call(self, i, method, path, body=None, key=KEY):
        return kh.call(method, path, body, key=key, base=self.bases[i])

    def ok(self, r, status=200):
        self.assertEqual(r.status, status, r)
        return r.json

    def tick_all(self):
        """POST /v1/test/tick on every instance at once (their workers race for the rows)."""
        out = [None] * len(self.bases)

        def run(i):
            out[i] = kh.call("POST", "/v1/test/tick", {}, base=self.bases[i], timeout=60)

        ts = [threading.Thread(target=run, args=(i,)) for i in range(len(self.bases))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        for r in out:
            self.assertEqual(r.status, 200, r)
        return [r.json for r in out]

    def make_host_and_page(self, i):
        host = self.ok(self.call(i, "POST", "/v1/admin/hosts", {"name": "Dr. Weber", "email": "weber@clinic.test",
                                                                 "timezone": "Etc/UTC", "weekly_hours": ALL_WEEK}), 201)["id"]
        pid = "p-" + uuid.uuid4().hex[:10]
        self.ok(self.call(i, "POST", "/v1/admin/pages", {"id": pid, "name": "Praxis", "hosts": [host], "event_types": [
            {"id": "meet", "name": "Consultation", "duration_minutes": 30, "buffer_before_minutes": 0,
             "buffer_after_minutes": 0}]}), 201)
        return host, pid

    def slot_starts(self, i, pid, day):
        r = kh.call("GET", "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s&tz=Etc/UTC" % (pid, day, day),
                    base=self.bases[i])
        j = self.ok(r)
        return [s["start"] for d in sorted(j["days"]) for s in j["days"][d]]

    def test_each_webhook_delivery_is_sent_once_by_one_of_the_instances(self):
        seen = collections.Counter()
        lock = threading.Lock()

        def hook(h, body):
            time.sleep(0.01)  # keep the instances' passes overlapping
            with lock:
                seen[json.loads(body)["id"]] += 1
            reply(h, 204)

        self.peer.routes["/once"] = hook
        w = self.ok(self.call(0, "POST", "/v1/admin/webhooks", {"url": self.peer.base + "/once", "events": ["*"]}), 201)
        host, pid = self.make_host_and_page(1)
        day = datetime.date.today() + datetime.timedelta(days=3)

        # Instance 2 learns of the webhook made through instance 0 by a notification.
        def booked_and_heard(n=[0]):
            n[0] += 1
            start = "%sT%02d:00:00Z" % (day + datetime.timedelta(days=n[0]), 6)
            b = kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": start,
                                                  "guest": {"name": "Probe", "email": "probe@example.org"}},
                        base=self.bases[2])
            self.assertEqual(b.status, 201, b)
            self.tick_all()
            return any(json.loads(r[3])["data"].get("uid") == b.json["uid"] for r in self.peer.seen("/once"))

        self.assertTrue(eventually(booked_and_heard), "instance 2 never emitted for the new webhook")

        uids = []
        for k in range(12):
            start = "%sT%02d:00:00Z" % (day.isoformat(), 8 + k)
            b = kh.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": start,
                                                  "guest": {"name": "Guest %d" % k, "email": "g%d@example.org" % k}},
                        base=self.bases[k % 3])
            uids.append(self.ok(b, 201)["uid"])
        for k, uid in enumerate(uids[:6]):  # a second event per booking, through another instance
            self.assertEqual(self.call((k + 1) % 3, "POST", "/v1/admin/bookings/%s/cancel" % uid, {}).status, 200)
        for _ in range(3):
            self.tick_all()
        got = [json.loads(r[3]) for r in self.peer.seen("/once")]
        mine = [e for e in got if e["data"].get("uid") in uids]
        self.assertEqual(sorted(collections.Counter(e["type"] for e in mine).items()),
                         [("booking.cancelled", 6), ("booking.created", 12)])
        self.assertEqual([k for k, n in seen.items() if n > 1], [])  # no event twice
        for uid in uids[:6]:  # in order per booking, whichever instance sent them
            self.assertEqual([e["type"] for e in mine if e["data"]["uid"] == uid],
                             ["booking.created", "booking.cancelled"])
        for r in self.peer.seen("/once"):
            self.assertTrue(verify(w["secret"], r[2], r[3]))
        log = self.ok(self.call(2, "GET", "/v1/admin/webhooks/%s/deliveries" % w["id"]))["deliveries"]
        self.assertTrue(all(d["state"] == "sent" and d["attempts"] == 1 for d in log), log)

    def test_a_calendar_feed_is_fetched_once_and_its_busy_time_reaches_every_instance(self):
        host, pid = self.make_host_and_page(0)
        day = (datetime.date.today() + datetime.timedelta(days=4)).isoformat()
        stamp = day.replace("-", "")
        ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:busy-1@test\r\n"
               "DTSTAMP:%sT000000Z\r\nDTSTART:%sT100000Z\r\nDTEND:%sT110000Z\r\nSUMMARY:Dentist\r\n"
               "END:VEVENT\r\nEND:VCALENDAR\r\n") % (stamp, stamp, stamp)
        self.peer.routes["/shared.ics"] = ics_route(ics, etag='"v1"')
        free = self.slot_starts(2, pid, day)
        self.assertIn(day + "T10:00:00Z", free)

        cal = self.ok(self.call(1, "POST", "/v1/admin/hosts/%s/calendars" % host,
                                {"name": "Private", "url": self.peer.base + "/shared.ics"}), 201)
        for _ in range(3):
            self.tick_all()
        self.assertEqual(len(self.peer.seen("/shared.ics")), 1)  # one fetch, by one instance
        for i in range(3):  # and every instance's slots lost the busy hour
            self.assertTrue(eventually(lambda i=i: day + "T10:00:00Z" not in self.slot_starts(i, pid, day)), i)
            self.assertIn(day + "T11:00:00Z", self.slot_starts(i, pid, day))
        view = self.ok(self.call(2, "GET", "/v1/admin/hosts/%s/calendars/%s" % (host, cal["id"])))
        self.assertEqual(view["busy_blocks"], 1)
        self.assertFalse(view["stale"])

        # A refresh asked through one instance: one more fetch (the 304), not three.
        self.assertEqual(self.call(2, "POST", "/v1/admin/hosts/%s/calendars/%s/refresh" % (host, cal["id"])).status, 202)
        for _ in range(3):
            self.tick_all()
        self.assertEqual(len(self.peer.seen("/shared.ics")), 2)

        # Busy no more (PATCH through instance 2): free again everywhere.
        self.ok(self.call(2, "PATCH", "/v1/admin/hosts/%s/calendars/%s" % (host, cal["id"]), {"busy": False}))
        for i in range(3):
            self.assertTrue(eventually(lambda i=i: day + "T10:00:00Z" in self.slot_starts(i, pid, day)), i)

        # A feed out made through one instance is served by the others.
        f = self.ok(self.call(0, "POST", "/v1/admin/feeds", {"host": host}), 201)
        path = f["url"][f["url"].index("/v1/feeds/"):]
        for i in range(3):
            r = kh.call("GET", path, base=self.bases[i])
            self.assertEqual(r.status, 200, r)
            self.assertIn(b"BEGIN:VCALENDAR", r.raw)


if __name__ == "__main__":
    unittest.main()
