"""Hostile input found by the attack on the server: zone ids that name folders or the
tz database's helper files, duplicate JSON keys, control characters in names and notes,
and a database the server cannot write. Each is refused with a stable code and changes
nothing; none is a 5xx."""
import datetime
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

import fixture
from booking_helpers import book, flat, make_page, slots, today
from kairos_http import ServerTest, call, owner

NOT_ZONES = ["Europe", "Asia", "America/Argentina", "localtime", "posixrules", "Factory", "right/Europe/Berlin",
             "posix/Europe/Berlin", "zone.tab", "tzdata.zi", "right", "posix"]


def q(s):
    return urllib.parse.quote(s, safe="")


class ZoneIds(ServerTest):
    def test_only_real_iana_zone_ids_are_zones(self):
        for zone in NOT_ZONES:
            self.assertProblem(call("GET", "/v1/zones?zone=" + q(zone)), 422, "unknown_zone")
        for zone in ["Europe/Berlin", "US/Eastern", "UTC", "Asia/Calcutta"]:
            self.assertStatus(call("GET", "/v1/zones?zone=" + q(zone)), 200)

    def test_a_folder_as_slot_zone_is_422_not_500(self):
        pid, _, _ = make_page()
        d = today().isoformat()
        for zone in ["Europe", "localtime", "right/Europe/Berlin"]:
            r = call("GET", "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s&tz=%s" % (pid, d, d, q(zone)))
            self.assertProblem(r, 422, "unknown_zone")

    def test_a_folder_as_host_zone_is_422(self):
        r = owner("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "Europe",
                                              "weekly_hours": {}})
        self.assertProblem(r, 422, "unknown_zone")


class JsonBodies(ServerTest):
    def test_duplicate_keys_are_400_duplicate_key(self):
        r = owner("POST", "/v1/admin/rooms", raw=b'{"name": "Room A", "name": "Room B"}',
                  headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, "duplicate_key")
        self.assertEqual(r.json["field"], "name")
        names = [room["name"] for room in owner("GET", "/v1/admin/rooms").json["rooms"]]
        self.assertNotIn("Room A", names)
        self.assertNotIn("Room B", names)

    def test_duplicate_keys_in_a_nested_object_are_refused_too(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, today() + datetime.timedelta(days=2), today() + datetime.timedelta(days=3)))[0]["start"]
        raw = ('{"page": "%s", "event_type": "meet", "start": "%s", '
               '"guest": {"name": "A", "email": "a@example.com", "email": "b@example.com"}}' % (pid, start))
        r = call("POST", "/v1/bookings", raw=raw.encode(), headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, "duplicate_key")
        self.assertEqual(r.json["field"], "guest.email")

    def test_deeply_nested_bodies_are_400(self):
        r = owner("POST", "/v1/admin/rooms", raw=b"[" * 5000 + b"]" * 5000)
        self.assertProblem(r, 400, "invalid_json")


class ControlCharacters(ServerTest):
    def test_nul_in_the_account_name_is_refused_and_nothing_changes(self):
        before = owner("GET", "/v1/admin/account").json["name"]
        for bad in ["Evil\u0000Corp", "Evil\u001bCorp", "Evil\r\nBcc: x@example.com"]:
            r = owner("PUT", "/v1/admin/account", {"name": bad})
            self.assertProblem(r, 422)
            self.assertIn(r.json["code"], ("control_character", "invalid_name"))
        self.assertEqual(owner("GET", "/v1/admin/account").json["name"], before)

    def test_control_characters_in_a_guest_name_or_notes_are_422(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, today() + datetime.timedelta(days=2), today() + datetime.timedelta(days=3)))[0]["start"]
        for guest_name, notes, field in [("Eve\u0000", None, "guest.name"), ("Eve\nMallory", None, "guest.name"),
                                         ("Eve", "hi\u0000there", "notes")]:
            extra = {"notes": notes} if notes is not None else {}
            r = book(pid, start, name=guest_name, **extra)
            self.assertProblem(r, 422, "control_character")
            self.assertEqual(r.json["field"], field)
        self.assertStatus(book(pid, start, name="Eve", notes="line 1\nline 2\ttab"), 201)

    def test_control_characters_in_host_and_room_names_are_422(self):
        r = owner("POST", "/v1/admin/hosts", {"name": "Bob\u0000", "email": "bob@example.com", "timezone": "Etc/UTC",
                                              "weekly_hours": {}})
        self.assertProblem(r, 422, "control_character")
        r = owner("POST", "/v1/admin/hosts", {"name": "Bob\nSmith", "email": "bob@example.com", "timezone": "Etc/UTC",
                                              "weekly_hours": {}})
        self.assertProblem(r, 422, "control_character")
        self.assertProblem(owner("POST", "/v1/admin/rooms", {"name": "R\u0007"}), 422, "control_character")


@unittest.skipIf(os.environ.get("KAIROS_PG_DIR"), "a write-protected SQLite file; the PostgreSQL run has no such file")
class ReadOnlyDatabase(unittest.TestCase):
    def test_a_read_only_database_is_a_clear_message_and_exit_1(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d, True)
        db = os.path.join(d, "k.db")
        # A real database first (migrated), then write-protected together with its folder.
        proc, url = fixture.spawn(os.environ["KAIROS_BIN"], db, ["--log-level", "error"])
        self.assertIsNotNone(proc)
        proc.terminate()
        proc.wait(15)
        for f in os.listdir(d):
            os.chmod(os.path.join(d, f), 0o444)
        os.chmod(d, 0o555)
        self.addCleanup(os.chmod, d, 0o755)
        cmd = [os.environ["KAIROS_BIN"], "--db", db, "--port", "0"]
        if os.geteuid() == 0:  # root writes anywhere: run as nobody, as a real deployment would
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
            os.chmod(os.path.dirname(d), os.stat(os.path.dirname(d)).st_mode | 0o011)
        r = subprocess.run(cmd, capture_output=True, timeout=30, text=True)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("read-only", r.stderr)
        self.assertNotIn("terminate called", r.stderr)


if __name__ == "__main__":
    unittest.main()
