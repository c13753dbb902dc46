"""Migration 0005 (issue 10 §3: "a migration for the stored documents"): a booking
document stored before wire/ became the one mapping names its proposal "proposal_id";
today's server renames it to "proposal" on start, leaves other documents alone, and
reads the booking back through wire/ with its proposal."""
import glob
import json
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
import fixture  # noqa: E402

MIGRATIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "server", "store", "migrations")
FUTURE = 4102444800  # 2100-01-01: the completion sweep leaves these bookings alone


class Migration0005(unittest.TestCase):
    def test_stored_proposal_id_becomes_proposal_and_reads_back(self):
        d = tempfile.mkdtemp(prefix="kairos-mig5-")
        self.addCleanup(shutil.rmtree, d, True)
        db = os.path.join(d, "k.db")
        con = sqlite3.connect(db)
        # The schema as it was before 0005.
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
        for f in sorted(glob.glob(os.path.join(MIGRATIONS, "000[1-4]_*.sql"))):
            with open(f) as sql:
                con.executescript(sql.read())
            con.execute("INSERT INTO schema_migrations VALUES (?, 0)", (int(os.path.basename(f)[:4]),))
        con.execute("INSERT INTO accounts(id, name, created_at) VALUES ('acc_m', 'M', 0)")
        old = {"uid": "bk_old", "status": "approved", "proposal_id": "prop_1"}
        for uid, doc in (("bk_old", old), ("bk_plain", {"uid": "bk_plain", "status": "approved"})):
            con.execute("INSERT INTO bookings(uid, account_id, page_id, event_type, host_id, start_s, end_s, status,"
                        " token_hash, doc, created_at, updated_at) VALUES (?, 'acc_m', 'p', 'e', 'h1', ?, ?,"
                        " 'approved', ?, ?, 0, 0)", (uid, FUTURE, FUTURE + 1800, "t-" + uid, json.dumps(doc)))
        con.commit()
        con.close()

        proc, _ = fixture.spawn(os.environ["KAIROS_BIN"], db, ["--log-level", "error"])
        self.assertIsNotNone(proc, "the server starts on the old database")
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)

        con = sqlite3.connect(db)
        docs = {uid: json.loads(doc) for uid, doc in con.execute("SELECT uid, doc FROM bookings")}
        versions = [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY version")]
        con.close()
        self.assertIn(5, versions)
        self.assertEqual(docs["bk_old"].get("proposal"), "prop_1")
        self.assertNotIn("proposal_id", docs["bk_old"])
        self.assertNotIn("proposal", docs["bk_plain"])


if __name__ == "__main__":
    unittest.main()
