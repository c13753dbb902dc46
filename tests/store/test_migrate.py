"""kairos-server migrate: an SQLite installation with bookings, outbox messages and
documents moves into PostgreSQL, verified per table, and a server on PostgreSQL then
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


if __name__ == "__main__":
    unittest.main()
