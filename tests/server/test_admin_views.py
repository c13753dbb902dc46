"""The owner's configuration views read the stored documents through wire/ (one JSON
mapping): a host or page answers exactly as it was stored, PUT of a host keeps what the
body leaves out, and a stored host or page that does not read back answers 500
corrupt_document on the admin views too (they used to echo the damaged JSON as it was,
and DELETE of a room skipped a damaged page instead of saying so).

The damaged-store tests stop their own server, edit the SQLite file and start it again
(test_corrupt_documents.DamagedStore)."""
import unittest

import fixture
from kairos_http import owner
from test_corrupt_documents import DamagedStore


class AdminViewsEchoTheStoredDocument(unittest.TestCase):
    def owner(self, method, path, body=None):
        return owner(method, path, body)

    def test_a_host_answers_as_stored_and_put_keeps_what_the_body_leaves_out(self):
        created = self.owner("POST", "/v1/admin/hosts",
                             {"name": "Aino", "email": "aino@example.com", "timezone": "Europe/Helsinki",
                              "language": "fi", "phone": "+358 40 123", "weekly_hours": {"mon": [["08:00", "12:00"]]}})
        self.assertEqual(created.status, 201, created)
        hid = created.json["id"]
        got = self.owner("GET", "/v1/admin/hosts/" + hid)
        self.assertEqual(got.json, created.json)
        listed = [h for h in self.owner("GET", "/v1/admin/hosts").json["hosts"] if h["id"] == hid]
        self.assertEqual(listed, [created.json])
        moved = self.owner("PUT", "/v1/admin/hosts/" + hid, {"timezone": "Asia/Tokyo"})
        self.assertEqual(moved.status, 200, moved)
        self.assertEqual(moved.json["timezone"], "Asia/Tokyo")
        for kept in ("name", "email", "language", "phone", "weekly_hours"):
            self.assertEqual(moved.json[kept], created.json[kept], kept)
        self.assertEqual(self.owner("GET", "/v1/admin/hosts/" + hid).json, moved.json)
        # The merged document is checked as a whole: nothing changes on a bad field.
        bad = self.owner("PUT", "/v1/admin/hosts/" + hid, {"timezone": "Europe"})
        self.assertEqual((bad.status, bad.json["code"]), (422, "unknown_zone"), bad)
        self.assertEqual(self.owner("GET", "/v1/admin/hosts/" + hid).json, moved.json)

    def test_a_page_answers_as_stored(self):
        h = self.owner("POST", "/v1/admin/hosts", {"name": "Eve", "email": "eve@example.com", "timezone": "UTC"})
        room = self.owner("POST", "/v1/admin/rooms", {"name": "Views room"})
        self.assertEqual(room.status, 201, room)
        self.assertEqual(room.json, {"id": room.json["id"], "name": "Views room", "location": ""})
        created = self.owner("POST", "/v1/admin/pages",
                             {"name": {"en": "Views", "fi": "Näkymät"}, "hosts": [h.json["id"]],
                              "event_types": [{"id": "talk", "name": "Talk", "duration_minutes": 45,
                                               "rooms": [room.json["id"]], "window": {"rolling_days": 30}}]})
        self.assertEqual(created.status, 201, created)
        got = self.owner("GET", "/v1/admin/pages/" + created.json["id"])
        self.assertEqual(got.json, created.json)
        self.assertNotIn("buffer_before_minutes", got.json["event_types"][0])  # left out stays out
        # The room is offered by the page's event type (read typed), so it stays.
        r = self.owner("DELETE", "/v1/admin/rooms/" + room.json["id"])
        self.assertEqual((r.status, r.json["code"]), (409, "room_in_use"), r)
        self.assertEqual(self.owner("DELETE", "/v1/admin/pages/" + created.json["id"]).status, 204)
        self.assertEqual(self.owner("DELETE", "/v1/admin/rooms/" + room.json["id"]).status, 204)

    def test_a_room_is_renamed_to_one_line_only(self):
        room = self.owner("POST", "/v1/admin/rooms", {"name": "Line room"})
        r = self.owner("PUT", "/v1/admin/rooms/" + room.json["id"], {"name": "Line\nroom"})
        self.assertEqual((r.status, r.json["code"]), (422, "control_character"), r)
        r = self.owner("PUT", "/v1/admin/rooms/" + room.json["id"], {"name": "Row room"})
        self.assertEqual(r.json, {"id": room.json["id"], "name": "Row room"})

    def test_the_account_answers_its_name_and_settings(self):
        before = self.owner("GET", "/v1/admin/account")
        self.assertEqual(before.status, 200, before)
        self.assertEqual(set(before.json), {"id", "name", "sender_name", "logo", "language"})
        r = self.owner("PUT", "/v1/admin/account", {"name": before.json["name"] or "Owner", "sender_name": " Desk "})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["sender_name"], "Desk")
        self.assertEqual(self.owner("GET", "/v1/admin/account").json, r.json)
        self.owner("PUT", "/v1/admin/account", {"name": before.json["name"] or "Owner",
                                                "sender_name": before.json["sender_name"]})


@unittest.skipIf(fixture.pg_dir(), "edits the SQLite file directly")
class DamagedConfigurationFailsLoudlyOnTheAdminViews(DamagedStore):
    def setUp(self):
        super().setUp()
        h = self.call("POST", "/v1/admin/hosts", {"name": "Yui", "email": "yui@example.com", "timezone": "Asia/Tokyo"})
        self.assertEqual(h.status, 201, h)
        self.host = h.json["id"]
        self.room = self.call("POST", "/v1/admin/rooms", {"name": "R"}).json["id"]
        p = self.call("POST", "/v1/admin/pages", {"id": "views", "name": "V", "hosts": [self.host],
                                                  "event_types": [{"id": "t", "name": "T", "duration_minutes": 30}]})
        self.assertEqual(p.status, 201, p)

    def test_a_damaged_host_is_not_echoed(self):
        self.damage("UPDATE hosts SET doc = json_set(doc, '$.name', 7) WHERE id = ?", self.host)
        self.assertCorrupt(self.call("GET", "/v1/admin/hosts/" + self.host))
        self.assertCorrupt(self.call("GET", "/v1/admin/hosts"))
        self.assertCorrupt(self.call("PUT", "/v1/admin/hosts/" + self.host, {"name": "Fixed?"}))
        self.assertIn("corrupt document host " + self.host, self.server_log())

    def test_a_damaged_page_is_not_echoed_nor_skipped(self):
        self.damage("UPDATE pages SET doc = '[]' WHERE id = 'views'")
        self.assertCorrupt(self.call("GET", "/v1/admin/pages/views"))
        self.assertCorrupt(self.call("GET", "/v1/admin/pages"))
        # Whether the page offers the room cannot be known: the room stays.
        self.assertCorrupt(self.call("DELETE", "/v1/admin/rooms/" + self.room))
        self.assertIn("corrupt document page views: page views document: not a JSON object", self.server_log())


if __name__ == "__main__":
    unittest.main()
