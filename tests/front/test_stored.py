"""Stored front-office records (issue 10: wire/ is the only JSON mapping, corrupt stored
documents fail loudly): an inquiry, location and label written by the server read back
the same after a restart-free round trip, and a stored document broken behind the
server's back answers 500 with the row named in the log instead of a defaulted record.
SQLite only: the test edits the database file directly."""
import os
import sqlite3

from front_base import FrontServer


class StoredRecords(FrontServer):
    def db(self):
        c = sqlite3.connect(os.path.join(self.tmp, "k.db"), timeout=30)
        c.execute("PRAGMA busy_timeout = 30000")
        return c

    def forget(self, *ids):
        with self.db() as c:
            c.execute("DELETE FROM token_docs WHERE id IN (%s)" % ",".join("?" * len(ids)), ids)

    def inquiry(self, page):
        body = {"page": page, "kind": "question", "guest": {"name": "Stored Guest", "email": "stored@example.com"},
                "message": "Is there parking?"}
        return self.ok(self.call("POST", "/v1/inquiries", body), 201)

    def test_a_corrupt_stored_inquiry_answers_500_and_is_logged_not_defaulted(self):
        h = self.host("Stored Host", "stored-host@clinic.test")
        self.page("stored", [h])
        inq = self.inquiry("stored")
        with self.db() as c:
            (doc,) = c.execute("SELECT doc FROM token_docs WHERE kind = 'inquiry' AND id = ?", (inq["id"],)).fetchone()
            c.execute("UPDATE token_docs SET doc = ? WHERE kind = 'inquiry' AND id = ?",
                      (doc.replace('"created":', '"created_was":'), inq["id"]))
        self.problem(self.owner("GET", "/v1/admin/inquiries/" + inq["id"]), 500, "corrupt_document")
        self.problem(self.owner("POST", "/v1/admin/inquiries/%s/reply" % inq["id"], {"message": "Yes."}), 500,
                     "corrupt_document")
        self.log.flush()
        with open(os.path.join(self.tmp, "server.log")) as f:
            log = f.read()
        self.assertIn("corrupt document inquiry %s: " % inq["id"], log)  # the row named
        self.assertIn("created is missing", log)  # and what is wrong with it
        with self.db() as c:  # nothing was written over it
            (after,) = c.execute("SELECT doc FROM token_docs WHERE id = ?", (inq["id"],)).fetchone()
            self.assertIn('"created_was":', after)
            c.execute("UPDATE token_docs SET doc = ? WHERE id = ?", (doc, inq["id"]))
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/inquiries/" + inq["id"]))["guest"]["name"], "Stored Guest")

    def test_a_corrupt_label_or_location_answers_500(self):
        loc = self.ok(self.owner("POST", "/v1/admin/locations", {"name": "Broken office", "address": "Nowhere 1"}), 201)
        lab = self.ok(self.owner("POST", "/v1/admin/labels", {"name": "Broken", "kind": "custom"}), 201)
        with self.db() as c:
            c.execute("UPDATE token_docs SET doc = '{\"name\": 7}' WHERE id = ?", (loc["id"],))
            c.execute("UPDATE token_docs SET doc = '{\"name\": \"x\", \"kind\": \"mood\"}' WHERE id = ?", (lab["id"],))
        self.addCleanup(self.forget, loc["id"], lab["id"])
        self.problem(self.owner("GET", "/v1/admin/locations/" + loc["id"]), 500, "corrupt_document")
        self.problem(self.owner("GET", "/v1/admin/labels/" + lab["id"]), 500, "corrupt_document")

    def test_records_read_back_as_written(self):
        loc = self.ok(self.owner("POST", "/v1/admin/locations",
                                 {"name": {"en": "Kyoto office", "ja": "京都オフィス"}, "address": "Kyoto 1",
                                  "timezone": "Asia/Tokyo"}), 201)
        lab = self.ok(self.owner("POST", "/v1/admin/labels",
                                 {"name": "関西/京都店", "kind": "location", "location": loc["id"], "color": "#112233"}), 201)
        h = self.host("Kyoto Host", "kyoto-host@clinic.test", location=loc["id"])
        self.page("kyoto", [h], location=loc["id"], language="ja")
        inq = self.inquiry("kyoto")
        got = self.ok(self.owner("GET", "/v1/admin/inquiries/" + inq["id"]))
        self.assertEqual(got["labels"], [lab["id"]])  # the location's label, given by itself
        self.assertEqual(got["location_name"], {"en": "Kyoto office", "ja": "京都オフィス"})
        self.assertEqual(got["language"], "ja")
        self.assertEqual([e["event"] for e in got["history"]], ["received"])
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/labels/" + lab["id"])),
                         {"id": lab["id"], "name": "関西/京都店", "kind": "location", "color": "#112233",
                          "location": loc["id"]})
        closed = self.ok(self.owner("PATCH", "/v1/admin/inquiries/" + inq["id"], {"state": "closed"}))
        self.assertEqual(closed["state"], "closed")
        self.assertEqual([e["event"] for e in closed["history"]], ["received", "closed"])
        self.problem(self.owner("PATCH", "/v1/admin/inquiries/" + inq["id"], {"state": "closed"}), 409,
                     "illegal_transition")
