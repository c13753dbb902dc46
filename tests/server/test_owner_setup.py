"""Owner configuration over the API: hosts, rooms, pages, embed snippet; account
isolation (another account's ids are 404, never 403); invalid input is 4xx and changes
nothing."""
import unittest
import uuid

from kairos_http import DEMO_KEY, OWNER_KEY, ServerTest, call, owner


def new_host(**over):
    body = {"name": "Hanna Berg", "email": "hanna@example.com", "timezone": "Europe/Berlin"}
    body.update(over)
    r = owner("POST", "/v1/admin/hosts", body)
    assert r.status == 201, r
    return r.json["id"]


class Hosts(ServerTest):
    def test_create_host_with_defaults(self):
        r = owner("POST", "/v1/admin/hosts", {"name": "Ken", "email": "ken@example.com", "timezone": "Asia/Tokyo"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["weekly_hours"]["mon"], [["09:00", "17:00"]])
        self.assertNotIn("sat", r.json["weekly_hours"])
        got = owner("GET", "/v1/admin/hosts/" + r.json["id"])
        self.assertStatus(got, 200)
        self.assertEqual(got.json["timezone"], "Asia/Tokyo")

    def test_update_host_hours_and_overrides(self):
        hid = new_host()
        r = owner("PUT", "/v1/admin/hosts/" + hid, {"weekly_hours": {"sat": [["22:00", "02:00"]], "sun": [["10:00", "24:00"]]},
                                                   "overrides": [{"date": "2026-12-24", "hours": []}],
                                                   "busy": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z"}]})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["weekly_hours"], {"sat": [["22:00", "02:00"]], "sun": [["10:00", "24:00"]]})
        self.assertEqual(r.json["overrides"], [{"date": "2026-12-24", "hours": []}])
        self.assertEqual(r.json["name"], "Hanna Berg")

    def test_invalid_host_fields_are_422_with_the_field(self):
        before = owner("GET", "/v1/admin/hosts").json["hosts"]
        cases = [({"email": "x@example.com", "timezone": "Europe/Berlin"}, "name"),
                 ({"name": "A", "email": "not-an-email", "timezone": "Europe/Berlin"}, "email"),
                 ({"name": "A", "email": "a@example.com", "timezone": "Europe/Atlantis"}, "timezone"),
                 ({"name": 42, "email": "a@example.com", "timezone": "Europe/Berlin"}, "name"),
                 ({"name": "A", "email": "a@example.com", "timezone": "Europe/Berlin",
                   "weekly_hours": {"mon": [["25:00", "26:00"]]}}, "weekly_hours.mon[0]"),
                 ({"name": "A", "email": "a@example.com", "timezone": "Europe/Berlin",
                   "weekly_hours": {"funday": []}}, "weekly_hours.funday"),
                 ({"name": "A", "email": "a@example.com", "timezone": "Europe/Berlin",
                   "overrides": [{"date": "2026-13-01"}]}, "overrides[0].date")]
        for body, field in cases:
            r = owner("POST", "/v1/admin/hosts", body)
            self.assertProblem(r, 422)
            self.assertEqual(r.json.get("field"), field, r)
        self.assertEqual(owner("GET", "/v1/admin/hosts").json["hosts"], before)

    def test_unknown_host_is_404(self):
        self.assertProblem(owner("GET", "/v1/admin/hosts/h_nope"), 404, "not_found")


class Pages(ServerTest):
    def page_body(self, pid, hosts, **over):
        body = {"id": pid, "name": "Clinic", "hosts": hosts, "host_mode": "any",
                "event_types": [{"id": "checkup", "name": "Check-up", "duration_minutes": 30}]}
        body.update(over)
        return body

    def test_create_read_update_delete_page(self):
        hid = new_host()
        room = owner("POST", "/v1/admin/rooms", {"name": "Room 1"})
        self.assertStatus(room, 201)
        pid = "clinic-" + uuid.uuid4().hex[:8]
        body = self.page_body(pid, [hid])
        body["event_types"][0].update({"rooms": [room.json["id"]], "buffer_before_minutes": 15,
                                       "window": {"rolling_days": 30}, "limits": {"per_day": 3}})
        r = owner("POST", "/v1/admin/pages", body)
        self.assertStatus(r, 201)
        self.assertEqual(r.json["id"], pid)
        pub = call("GET", "/v1/pages/" + pid)
        self.assertStatus(pub, 200)
        self.assertEqual(pub.json["event_types"][0]["duration_minutes"], 30)
        self.assertNotIn("hanna@example.com", pub.raw.decode())  # guests never see host e-mails
        self.assertProblem(owner("POST", "/v1/admin/pages", body), 409, "already_exists")
        upd = owner("PUT", "/v1/admin/pages/" + pid, self.page_body(pid, [hid], name="Clinic 2"))
        self.assertStatus(upd, 200)
        self.assertEqual(call("GET", "/v1/pages/" + pid).json["name"], "Clinic 2")
        emb = owner("GET", "/v1/admin/pages/%s/embed?mode=popup" % pid)
        self.assertStatus(emb, 200)
        self.assertIn('<script src="', emb.json["snippet"])
        self.assertIn('/embed.js" async></script>', emb.json["snippet"])
        self.assertIn('data-kairos-page="%s"' % pid, emb.json["snippet"])
        self.assertIn('data-kairos-mode="popup"', emb.json["snippet"])
        self.assertStatus(owner("DELETE", "/v1/admin/pages/" + pid), 204)
        self.assertProblem(call("GET", "/v1/pages/" + pid), 404, "page_not_found")
        self.assertProblem(owner("DELETE", "/v1/admin/pages/" + pid), 404)

    def test_invalid_pages_are_422_and_change_nothing(self):
        hid = new_host()
        before = owner("GET", "/v1/admin/pages").json["pages"]
        cases = [
            (self.page_body("bad-1", []), "hosts"),
            (self.page_body("bad-2", ["h_missing"]), "hosts[0]"),
            (self.page_body("bad-3", [hid], host_mode="some"), "host_mode"),
            (self.page_body("bad-4", [hid], event_types=[{"id": "x", "name": "X", "duration_minutes": "30"}]),
             "event_types[0].duration_minutes"),
            (self.page_body("bad-5", [hid], event_types=[{"id": "x", "name": "X", "duration_minutes": 0}]),
             "event_types[0].duration_minutes"),
            (self.page_body("bad/6", [hid]), "id"),
            (self.page_body("bad-7", [hid], event_types=[{"id": "x", "name": "X", "duration_minutes": 30,
                                                           "rooms": ["r_missing"]}]), "event_types[0].rooms[0]"),
        ]
        for body, field in cases:
            r = owner("POST", "/v1/admin/pages", body)
            self.assertProblem(r, 422)
            self.assertEqual(r.json.get("field"), field, r)
        self.assertEqual(owner("GET", "/v1/admin/pages").json["pages"], before)


class Isolation(ServerTest):
    def test_another_accounts_ids_are_not_found(self):
        hid = new_host()
        for key in (DEMO_KEY,):
            self.assertProblem(owner("GET", "/v1/admin/hosts/" + hid, key=key), 404, "not_found")
            self.assertProblem(owner("PUT", "/v1/admin/hosts/" + hid, {"name": "Mine now"}, key=key), 404)
            self.assertProblem(owner("GET", "/v1/admin/pages/demo"), 404)
            self.assertProblem(owner("DELETE", "/v1/admin/pages/demo"), 404)
            self.assertNotIn(hid, owner("GET", "/v1/admin/hosts", key=key).raw.decode())
        self.assertEqual(owner("GET", "/v1/admin/hosts/" + hid).json["name"], "Hanna Berg")
        self.assertStatus(call("GET", "/v1/pages/demo"), 200)

    def test_a_page_cannot_use_another_accounts_host(self):
        r = owner("POST", "/v1/admin/pages", {"name": "Steal", "hosts": ["h_demo_tokyo"],
                                             "event_types": [{"id": "a", "name": "A", "duration_minutes": 30}]})
        self.assertProblem(r, 422, "unknown_host")


if __name__ == "__main__":
    unittest.main()
