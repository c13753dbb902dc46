"""The front office with three kairos-server instances on one PostgreSQL database
(front.pg.shared): their scheduled work runs at the same moment on all three, and still
an awaiting inquiry becomes unconverted once, the daily report goes out once, and
every mail (the acknowledgement, the reply) arrives once. Only under KAIROS_PG_DIR."""
import collections
import datetime
import os
import shutil
import sys
import tempfile
import threading
import unittest
import uuid

import fixture
import kairos_http as kh
from front_base import ALL_DAY, BIN, KEY, Sink, iso, parse  # noqa: F401

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import pgcluster  # noqa: E402

PG_DIR = os.environ.get("KAIROS_PG_DIR")


@unittest.skipUnless(PG_DIR, "needs the PostgreSQL fixture (KAIROS_PG_DIR)")
class ThreeInstances(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kairos-front-shared-")
        cls.sink = Sink(os.path.join(cls.tmp, "mail"))
        db = pgcluster.attach(PG_DIR).create_db("front_shared_" + uuid.uuid4().hex[:8])
        cls.servers, cls.bases = [], []
        for i in range(3):
            log = open(os.path.join(cls.tmp, "server-%d.log" % i), "w")
            proc, base = fixture.spawn(BIN, db, [
                "--admin-key", KEY, "--test-clock", "--smtp", "smtp://127.0.0.1:%d" % cls.sink.port,
                "--booking-rate", "0", "--delivery-seconds", "3600", "--scheduler-seconds", "3600",
                "--feed-seconds", "3600", "--mail-from", "bookings@clinic.test", "--log-level", "warn"], log=log)
            assert proc, open(os.path.join(cls.tmp, "server-%d.log" % i)).read()
            cls.servers.append(proc)
            cls.bases.append(base)

    @classmethod
    def tearDownClass(cls):
        for p in cls.servers:
            p.terminate()
        for p in cls.servers:
            p.wait(timeout=20)
        cls.sink.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def call(self, i, method, path, body=None, key=KEY):
        return kh.call(method, path, body, key=key, base=self.bases[i])

    def ok(self, r, status=200):
        self.assertEqual(r.status, status, r)
        return r.json

    def set_clocks(self, when):
        for i in range(3):
            now = parse(self.ok(self.call(i, "POST", "/v1/test/clock", {"advance_seconds": 0}))["now"])
            self.ok(self.call(i, "POST", "/v1/test/clock", {"advance_seconds": int((when - now).total_seconds())}))

    def tick_all(self):
        out = [None] * 3

        def run(i):
            out[i] = kh.call("POST", "/v1/test/tick", {}, base=self.bases[i], timeout=60)

        ts = [threading.Thread(target=run, args=(i,)) for i in range(3)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        for r in out:
            self.assertEqual(r.status, 200, r)

    def mails_to(self, address):
        return [m for m in self.sink.messages() if address in str(m["To"])]

    def test_expiry_report_and_mails_happen_once_with_three_instances(self):
        self.set_clocks(datetime.datetime(2027, 3, 10, 9, 0))  # a Wednesday
        host = self.ok(self.call(0, "POST", "/v1/admin/hosts", {"name": "Desk", "email": "desk@clinic.test",
                                                                "timezone": "UTC", "weekly_hours": ALL_DAY}), 201)["id"]
        self.ok(self.call(1, "POST", "/v1/admin/pages", {"id": "shared", "name": "Clinic", "hosts": [host],
                                                         "event_types": [{"id": "visit", "name": "Visit",
                                                                          "duration_minutes": 30}]}), 201)
        self.ok(self.call(2, "PUT", "/v1/admin/reports/settings",
                          {"report_time": "08:00", "timezone": "UTC", "subscribers": ["leader@clinic.test"]}))
        inq = self.ok(self.call(0, "POST", "/v1/inquiries", {
            "page": "shared", "kind": "question", "guest": {"name": "Liisa", "email": "liisa@example.fi"},
            "message": "Parking?"}, key=None), 201)
        self.ok(self.call(1, "POST", "/v1/admin/inquiries/%s/reply" % inq["id"], {"message": "Yes, behind the house."}))
        for _ in range(2):
            self.tick_all()

        # Thursday 08:30: Wednesday's report, once; the inquiry still awaits the guest.
        self.set_clocks(datetime.datetime(2027, 3, 11, 8, 30))
        for _ in range(2):
            self.tick_all()
        # (Tuesday's came on Wednesday at 09:00, already past the report time.)
        subjects = sorted(str(m["Subject"]) for m in self.mails_to("leader@clinic.test"))
        self.assertEqual([x[:10] for x in subjects], ["2027-03-09", "2027-03-10"], subjects)
        # Friday 00:30: the day after the next has begun → unconverted, by one instance.
        self.set_clocks(datetime.datetime(2027, 3, 12, 0, 30))
        for _ in range(2):
            self.tick_all()
        got = self.ok(self.call(2, "GET", "/v1/admin/inquiries/" + inq["id"]))
        self.assertEqual(got["state"], "unconverted")
        self.assertEqual([h["event"] for h in got["history"]].count("unconverted"), 1, got["history"])

        # Every mail once: the acknowledgement and the reply to the guest, the report.
        ids = collections.Counter(m["Message-ID"] for m in self.sink.messages())
        self.assertEqual([k for k, n in ids.items() if n > 1], [])
        self.assertEqual(len(self.mails_to("liisa@example.fi")), 2)
        self.assertEqual(len(self.mails_to("leader@clinic.test")), 2)  # Thursday's is due at 08:00


if __name__ == "__main__":
    unittest.main()
