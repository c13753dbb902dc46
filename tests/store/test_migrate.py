"""kairos-server migrate: an SQLite installation with bookings, outbox messages,
documents, integrations (calendars, feeds, webhooks) and the front office moves into
PostgreSQL, verified per table, and a server on PostgreSQL then
serves the same data (same booking, same slots gone, same owner key)."""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "server"))
import fixture  # noqa: E402
import pgcluster  # noqa: E402
from kairos_http import call  # noqa: E402

BIN = os.environ["KAIROS_BIN"]
KEY = "migrate-owner-key"


def slots_path():
    d = datetime.date.today()
    return "/v1/pages/demo/slots?event_type=intro&from=%s&to=%s" % (d + datetime.timedelta(days=7),
                                                                    d + datetime.timedelta(days=13))


class Migrate(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kairos-migrate-")
        os.chmod(self.tmp, 0o755)
        self.pg = pgcluster.attach(os.environ["KAIROS_MIGRATE_PG"])

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def serve(self, db):
        # fixture.spawn would map a path to PostgreSQL under KAIROS_PG_DIR; here it must stay SQLite.
        proc, url = fixture.spawn(BIN, db, ["--admin-key", KEY, "--demo", "--booking-rate", "0", "--log-level", "warn"])
        self.assertIsNotNone(proc)
        return proc, url

    def test_sqlite_installation_moves_to_postgresql_verified(self):
        db = os.path.join(self.tmp, "k.db")
        proc, url = self.serve(db)
        try:
            r = call("GET", slots_path(), base=url)
            self.assertEqual(r.status, 200, r)
            starts = [s["start"] for d in sorted(r.json["days"]) for s in r.json["days"][d]]
            uids = []
            for i in range(3):
                b = call("POST", "/v1/bookings", {"page": "demo", "event_type": "intro", "start": starts[i * 3],
                                                  "guest": {"name": "G\"uest %d \\ ä '" % i, "email": "g%d@example.org" % i},
                                                  "notes": "line one\nline two"}, base=url)
                self.assertEqual(b.status, 201, b)
                uids.append(b.json["uid"])
        finally:
            proc.terminate()
            proc.wait()
        target = self.pg.create_db("migrated")
        out = subprocess.run([BIN, "migrate", "--from", db, "--to", target], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        self.assertEqual(out.returncode, 0, out.stdout)
        self.assertIn("migrated and verified", out.stdout)
        self.assertRegex(out.stdout, r"ok +bookings: 3 rows, checksum [0-9a-f]{16}")
        self.assertNotIn("MISMATCH", out.stdout)

        # Into a database that already holds data: refused, nothing changed.
        again = subprocess.run([BIN, "migrate", "--from", db, "--to", target], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        self.assertEqual(again.returncode, 1, again.stdout)

        proc, url = self.serve(target)
        try:
            for uid in uids:
                r = call("GET", "/v1/admin/bookings/%s" % uid, key=KEY, base=url)
                if r.status == 404:  # the demo account owns the demo page
                    r = call("GET", "/v1/admin/bookings/%s" % uid, key="kairos-demo-owner-key", base=url)
                self.assertEqual(r.status, 200, r)
            r = call("GET", slots_path(), base=url)
            after = [s["start"] for d in sorted(r.json["days"]) for s in r.json["days"][d]]
            self.assertNotIn(starts[0], after)
        finally:
            proc.terminate()
            proc.wait()

    def test_integrations_and_front_office_move_too(self):
        """Calendars (with their last copy and busy blocks), feed tokens, webhooks with
        their deliveries and cursor, and the front office (locations, labels, inquiries)
        arrive verified, and a server on PostgreSQL uses them at once."""
        db = os.path.join(self.tmp, "k.db")
        proc, url = self.serve(db)
        day = (datetime.date.today() + datetime.timedelta(days=6))
        stamp = day.strftime("%Y%m%d")
        ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:m1@t\r\nDTSTAMP:%sT000000Z\r\n"
               "DTSTART:%sT100000Z\r\nDTEND:%sT110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") % (stamp, stamp, stamp)
        try:
            own = lambda m, p, b=None: call(m, p, b, key=KEY, base=url)  # noqa: E731
            host = own("POST", "/v1/admin/hosts", {"name": "Dr. M", "email": "m@clinic.test", "timezone": "Etc/UTC",
                                                    "weekly_hours": {d: [["08:00", "18:00"]] for d in
                                                                     ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}})
            self.assertEqual(host.status, 201, host)
            host = host.json["id"]
            page = {"id": "mig", "name": "M", "hosts": [host], "event_types": [
                {"id": "meet", "name": "Meet", "duration_minutes": 60, "buffer_before_minutes": 0,
                 "buffer_after_minutes": 0}]}
            self.assertEqual(own("POST", "/v1/admin/pages", page).status, 201)
            cal = own("POST", "/v1/admin/hosts/%s/calendars" % host, {"name": "Upload", "ics": ics})
            self.assertEqual(cal.status, 201, cal)
            feed = own("POST", "/v1/admin/feeds", {"host": host})
            self.assertEqual(feed.status, 201, feed)
            hook = own("POST", "/v1/admin/webhooks", {"url": "https://hooks.example/k", "events": ["*"]})
            self.assertEqual(hook.status, 201, hook)
            loc = own("POST", "/v1/admin/locations", {"name": "Praxis Mitte", "address": "Hauptstr. 1"})
            self.assertEqual(loc.status, 201, loc)
            lab = own("POST", "/v1/admin/labels", {"name": "VIP", "kind": "custom"})
            self.assertEqual(lab.status, 201, lab)
            inq = call("POST", "/v1/inquiries", {"page": "mig", "kind": "question",
                                                 "guest": {"name": "Liisa", "email": "liisa@example.fi"},
                                                 "message": "Parking?"}, base=url)
            self.assertEqual(inq.status, 201, inq)
            b = call("POST", "/v1/bookings", {"page": "mig", "event_type": "meet", "start": "%sT14:00:00Z" % day,
                                              "guest": {"name": "Anna", "email": "anna@example.de"}}, base=url)
            self.assertEqual(b.status, 201, b)
        finally:
            proc.terminate()
            proc.wait()
        target = self.pg.create_db("migrated_integ")
        out = subprocess.run([BIN, "migrate", "--from", db, "--to", target], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        self.assertEqual(out.returncode, 0, out.stdout)
        for table, rows in (("calendars", 1), ("feeds", 1), ("webhooks", 1), ("integration_cursors", 1)):
            self.assertRegex(out.stdout, r"ok +%s: %d rows, checksum [0-9a-f]{16}" % (table, rows))
        self.assertRegex(out.stdout, r"ok +outbox: \d+ rows")
        self.assertRegex(out.stdout, r"ok +token_docs: \d+ rows")
        self.assertNotIn("MISMATCH", out.stdout)

        proc, url = self.serve(target)
        try:
            own = lambda m, p, b=None: call(m, p, b, key=KEY, base=url)  # noqa: E731
            cals = own("GET", "/v1/admin/hosts/%s/calendars" % host).json["calendars"]
            self.assertEqual([(c["id"], c["busy_blocks"]) for c in cals], [(cal.json["id"], 1)])
            r = call("GET", "/v1/pages/mig/slots?event_type=meet&from=%s&to=%s&tz=Etc/UTC" % (day, day), base=url)
            starts = [s["start"] for d in r.json["days"] for s in r.json["days"][d]]
            self.assertNotIn("%sT10:00:00Z" % day, starts)  # the upload's busy hour still counts
            self.assertNotIn("%sT14:00:00Z" % day, starts)  # and the booking
            self.assertIn("%sT12:00:00Z" % day, starts)
            fu = feed.json["url"]
            r = call("GET", fu[fu.index("/v1/feeds/"):], base=url)
            self.assertEqual(r.status, 200, r)
            self.assertIn(b"Anna", r.raw)
            hooks = own("GET", "/v1/admin/webhooks").json["webhooks"]
            self.assertEqual([h["id"] for h in hooks], [hook.json["id"]])
            dl = own("GET", "/v1/admin/webhooks/%s/deliveries" % hook.json["id"]).json["deliveries"]
            self.assertEqual(sorted(d["type"] for d in dl), ["booking.created", "inquiry.created"])
            self.assertEqual([x["id"] for x in own("GET", "/v1/admin/inquiries").json["items"]], [inq.json["id"]])
            self.assertIn(loc.json["id"], [x["id"] for x in own("GET", "/v1/admin/locations").json["items"]])
            self.assertIn(lab.json["id"], [x["id"] for x in own("GET", "/v1/admin/labels").json["items"]])
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    unittest.main()
