"""A stored document that does not read back is the server's fault and says so: a
proposal, a booking, or an owner's configuration (host, page, template override) whose
stored JSON was damaged (a hand-edited or broken database) answers 500 with the stable
code corrupt_document and is logged, never an empty or defaulted record — a host whose
name is missing no longer shows as a host without a name — and the server keeps
answering everything else.

Each test starts its own server on a SQLite file, stops it, damages rows with Python's
sqlite3 module and starts it again on the same file."""
import datetime
import os
import shutil
import sqlite3
import tempfile
import unittest

import fixture
import kairos_http
from booking_helpers import ALL_WEEK

KEY = "corrupt-key"


def at(days, hour):
    s = datetime.datetime.now(datetime.timezone.utc).replace(hour=hour, minute=0, second=0, microsecond=0)
    s += datetime.timedelta(days=days)
    f = "%Y-%m-%dT%H:%M:%SZ"
    return {"start": s.strftime(f), "end": (s + datetime.timedelta(hours=1)).strftime(f)}


class DamagedStore(unittest.TestCase):
    """A server on a SQLite file of its own that a test can stop, damage and start again."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.db = os.path.join(self.tmp, "kairos.db")
        self.log = open(os.path.join(self.tmp, "server.log"), "ab")
        self.addCleanup(self.log.close)
        self.proc = None
        self.start()
        self.addCleanup(self.stop)

    def start(self):
        self.proc, self.url = fixture.spawn(os.environ["KAIROS_BIN"], self.db,
                                            ["--threads", "2", "--admin-key", KEY, "--log-level", "warn"],
                                            log=self.log)
        if not self.proc:
            self.fail("server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)

    def call(self, method, path, body=None, key=KEY):
        return kairos_http.call(method, path, body, key=key, base=self.url)

    def damage(self, sql, *args):
        # Stopped first: the server caches nothing it could answer from instead, and the
        # file is not written by two processes at once.
        self.stop()
        with sqlite3.connect(self.db) as db:
            self.assertEqual(db.execute(sql, args).rowcount, 1, sql)
        self.start()

    def assertCorrupt(self, r):
        self.assertEqual(r.status, 500, r)
        self.assertEqual(r.json["code"], "corrupt_document", r)
        self.assertNotIn("guests", r.raw.decode())  # the details go to the log, not the caller

    def server_log(self):
        self.log.flush()
        with open(os.path.join(self.tmp, "server.log"), encoding="utf-8", errors="replace") as f:
            return f.read()


@unittest.skipIf(fixture.pg_dir(), "edits the SQLite file directly")
class CorruptBookingsAndProposals(DamagedStore):
    def make_page(self):
        h = self.call("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "Etc/UTC",
                                                  "weekly_hours": ALL_WEEK})
        self.assertEqual(h.status, 201, h)
        p = self.call("POST", "/v1/admin/pages", {"id": "corrupt", "name": "C", "hosts": [h.json["id"]],
                                                  "event_types": [{"id": "meet", "name": "M", "duration_minutes": 60,
                                                                   "buffer_before_minutes": 0,
                                                                   "buffer_after_minutes": 0}]})
        self.assertEqual(p.status, 201, p)
        return h.json["id"]

    def test_a_damaged_proposal_answers_corrupt_document(self):
        host = self.make_page()
        r = self.call("POST", "/v1/admin/proposals", {"page": "corrupt", "event_type": "meet", "host": host,
                                                      "candidates": [at(3, 10)], "send_mail": False,
                                                      "guests": [{"name": "Taro", "email": "t@example.jp"}]})
        self.assertEqual(r.status, 201, r)
        token = r.json["token"]
        self.assertEqual(kairos_http.call("GET", "/v1/proposals/" + token, base=self.url).status, 200)
        self.damage("UPDATE token_docs SET doc = ? WHERE kind = 'proposal' AND id = ?", '{"guests": 5}', r.json["id"])
        self.assertCorrupt(kairos_http.call("GET", "/v1/proposals/" + token, base=self.url))
        self.assertCorrupt(kairos_http.call("POST", "/v1/proposals/%s/choose" % token, at(3, 10), base=self.url))
        # Everything else still answers, the page's times too (the damaged proposal's
        # holds are left out and logged, not every page's slots refused).
        self.assertEqual(self.call("GET", "/v1/admin/pages/corrupt").status, 200)
        day = at(3, 10)["start"][:10]
        slots = kairos_http.call("GET", "/v1/pages/corrupt/slots?event_type=meet&from=%s&to=%s&tz=Etc/UTC" % (day, day),
                                 base=self.url)
        self.assertEqual(slots.status, 200, slots)

    def test_a_damaged_booking_answers_corrupt_document(self):
        self.make_page()
        b = self.call("POST", "/v1/bookings", {"page": "corrupt", "event_type": "meet", "start": at(2, 9)["start"],
                                               "guest": {"name": "G", "email": "g@example.com"}})
        self.assertEqual(b.status, 201, b)
        self.damage("UPDATE bookings SET doc = ? WHERE uid = ?", "not json", b.json["uid"])
        self.assertCorrupt(self.call("GET", "/v1/admin/bookings/" + b.json["uid"]))
        self.assertCorrupt(self.call("GET", "/v1/admin/bookings?from=%s" % at(0, 0)["start"][:10]))


@unittest.skipIf(fixture.pg_dir(), "damages SQLite rows directly")
class CorruptOwnerDocuments(DamagedStore):
    def setUp(self):
        super().setUp()
        h = self.call("POST", "/v1/admin/hosts", {"name": "Yui Tanaka", "email": "yui@example.com", "timezone": "Asia/Tokyo"})
        self.assertEqual(h.status, 201, h)
        self.host = h.json["id"]
        p = self.call("POST", "/v1/admin/pages", {"id": "clinic", "name": "Clinic", "hosts": [self.host],
                                                  "event_types": [{"id": "intro", "name": "Intro", "duration_minutes": 30}]})
        self.assertEqual(p.status, 201, p)

    def test_a_host_without_its_name_is_a_corrupt_document_not_a_nameless_host(self):
        page = self.call("GET", "/v1/pages/clinic", key=None)
        self.assertEqual(page.status, 200, page)
        self.assertEqual(page.json["hosts"][0]["name"], "Yui Tanaka")
        self.damage("UPDATE hosts SET doc = json_remove(doc, '$.name') WHERE id = ?", self.host)
        self.assertCorrupt(self.call("GET", "/v1/pages/clinic", key=None))
        # Logged with the document at fault.
        self.assertIn("corrupt document host " + self.host, self.server_log())

    def test_a_host_whose_name_is_not_text_is_a_corrupt_document(self):
        self.damage("UPDATE hosts SET doc = json_set(doc, '$.name', 7) WHERE id = ?", self.host)
        self.assertCorrupt(self.call("GET", "/v1/pages/clinic", key=None))

    def test_a_page_that_is_no_json_is_a_corrupt_document(self):
        self.damage("UPDATE pages SET doc = '{\"name\": ' WHERE id = 'clinic'")
        self.assertCorrupt(self.call("GET", "/v1/pages/clinic", key=None))

    def test_a_template_override_without_its_key_is_a_corrupt_document(self):
        r = self.call("PUT", "/v1/admin/templates/booking.approved.guest/en", {"subject": "Welcome"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["subject"], "Welcome")
        self.damage("UPDATE token_docs SET doc = '{\"subject\": 3}' WHERE kind = 'template'")
        self.assertCorrupt(self.call("GET", "/v1/admin/templates/booking.approved.guest/en"))
        self.assertCorrupt(self.call("GET", "/v1/admin/templates"))



if __name__ == "__main__":
    unittest.main()
