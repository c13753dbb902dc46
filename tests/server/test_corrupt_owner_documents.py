"""An owner's stored configuration document (host, page, template override) that does not
read back (a hand-edited or damaged database) answers 500 `corrupt_document` and is logged, instead of an answer built from empty fields: a
host whose name is missing no longer shows as a host without a name on the public page,
and a page or a template override that is no JSON is not read as an empty one.

The test starts its own server on a SQLite file, stops it, damages rows with Python's
sqlite3 module and starts it again on the same file."""
import os
import shutil
import sqlite3
import tempfile
import unittest

import fixture
import kairos_http

KEY = "corrupt-owner-documents-key"


@unittest.skipIf(fixture.pg_dir(), "damages SQLite rows directly")
class CorruptDocuments(unittest.TestCase):
    def start(self):
        self.log = open(os.path.join(self.tmp, "server.log"), "ab")
        self.addCleanup(self.log.close)
        proc, url = fixture.spawn(os.environ["KAIROS_BIN"], self.db,
                                  ["--threads", "2", "--admin-key", KEY, "--log-level", "warn"], log=self.log)
        if not proc:
            self.fail("server did not start")
        self.proc, self.url = proc, url
        self.addCleanup(self.stop)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait()

    def call(self, method, path, body=None, key=KEY):
        return kairos_http.call(method, path, body, key=key, base=self.url)

    def damage(self, sql, *args):
        self.stop()
        con = sqlite3.connect(self.db)
        with con:
            n = con.execute(sql, args).rowcount
        con.close()
        self.assertEqual(n, 1, sql)
        self.start()

    def assertCorrupt(self, r):
        self.assertEqual(r.status, 500, r)
        self.assertEqual(r.json["code"], "corrupt_document", r)

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.db = os.path.join(self.tmp, "kairos.db")
        self.proc = None
        self.start()
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
        self.log.flush()
        log = open(os.path.join(self.tmp, "server.log"), encoding="utf-8", errors="replace").read()
        self.assertIn("corrupt document host " + self.host, log)

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
