"""Owner content in several languages (docs/API.md): a page's and its event types' name
and description are a string or a map of language → text. The admin API stores and
returns them as given; the public page view gives the guest's language, else the page's;
bad input is a 422 with a stable code and the field, and changes nothing."""
import uuid

from kairos_http import ServerTest, call, owner

PAGE_NAME = {"en": "Sakura Clinic", "ja": "さくらクリニック", "de": "Sakura-Klinik"}
SERVICE = {"en": "Intro call", "ja": "初回相談", "fi": "Tutustumispuhelu", "de": "Erstgespräch"}
SERVICE_TEXT = {"en": "A first talk.", "ja": "初めての方向けの相談です。", "hu": "Első beszélgetés."}


def new_host():
    r = owner("POST", "/v1/admin/hosts", {"name": "Yui", "email": "yui@example.com", "timezone": "Asia/Tokyo"})
    assert r.status == 201, r
    return r.json["id"]


class OwnerContent(ServerTest):
    @classmethod
    def setUpClass(cls):
        cls.host = new_host()

    def body(self, pid, **over):
        b = {"id": pid, "name": PAGE_NAME, "description": {"en": "Book online.", "ja": "オンライン予約"},
             "language": "fi", "hosts": [self.host],
             "event_types": [{"id": "intro", "name": SERVICE, "description": SERVICE_TEXT, "duration_minutes": 30},
                             {"id": "plain", "name": "Check-up", "description": "Once a year.", "duration_minutes": 20}]}
        b.update(over)
        return b

    def create(self, **over):
        pid = "multi-" + uuid.uuid4().hex[:8]
        r = owner("POST", "/v1/admin/pages", self.body(pid, **over))
        self.assertStatus(r, 201)
        return pid

    def test_admin_get_returns_maps_and_strings_as_stored(self):
        pid = self.create()
        got = owner("GET", "/v1/admin/pages/" + pid)
        self.assertStatus(got, 200)
        self.assertEqual(got.json["name"], PAGE_NAME)
        self.assertEqual(got.json["description"], {"en": "Book online.", "ja": "オンライン予約"})
        self.assertEqual(got.json["event_types"][0]["name"], SERVICE)
        self.assertEqual(got.json["event_types"][0]["description"], SERVICE_TEXT)
        # A plain string stays a plain string (pages written before keep working).
        self.assertEqual(got.json["event_types"][1]["name"], "Check-up")
        self.assertEqual(got.json["event_types"][1]["description"], "Once a year.")
        listed = [p for p in owner("GET", "/v1/admin/pages").json["pages"] if p["id"] == pid]
        self.assertEqual(listed[0]["name"], PAGE_NAME)

    def test_public_view_speaks_the_guests_language_else_the_pages(self):
        pid = self.create()
        # (page name, service name, service description) per guest language; the page's
        # language is Finnish, then English, then any.
        expected = {
            "en": ("Sakura Clinic", "Intro call", "A first talk."),
            "ja": ("さくらクリニック", "初回相談", "初めての方向けの相談です。"),
            "de": ("Sakura-Klinik", "Erstgespräch", "A first talk."),
            "fi": ("Sakura Clinic", "Tutustumispuhelu", "A first talk."),
            "hu": ("Sakura Clinic", "Tutustumispuhelu", "Első beszélgetés."),
        }
        for lang, (page, service, text) in expected.items():
            r = call("GET", "/v1/pages/%s?language=%s" % (pid, lang))
            self.assertStatus(r, 200)
            self.assertEqual(r.json["name"], page, lang)
            self.assertEqual(r.json["event_types"][0]["name"], service, lang)
            self.assertEqual(r.json["event_types"][0]["description"], text, lang)
            self.assertEqual(r.json["event_types"][1]["name"], "Check-up", lang)
            self.assertEqual(r.json["language"], "fi")
        self.assertEqual(call("GET", "/v1/pages/%s?language=ja-JP" % pid).json["event_types"][0]["name"], "初回相談")
        # Without a language the widget gets the maps and picks itself.
        self.assertEqual(call("GET", "/v1/pages/" + pid).json["event_types"][0]["name"], SERVICE)
        self.assertProblem(call("GET", "/v1/pages/%s?language=pt" % pid), 422, "unsupported_language")

    def test_a_location_is_named_in_the_guests_language_in_the_public_view(self):
        loc = owner("POST", "/v1/admin/locations", {"name": {"en": "Shibuya office", "ja": "渋谷オフィス"},
                                                    "address": {"en": "Shibuya 1-2-3", "ja": "渋谷1-2-3"}})
        self.assertStatus(loc, 201)
        body = self.body("x")
        body["event_types"][0]["location"] = loc.json["id"]
        pid = self.create(event_types=body["event_types"])
        ja = call("GET", "/v1/pages/%s?language=ja" % pid).json["event_types"][0]["location"]
        self.assertEqual((ja["name"], ja["address"]), ("渋谷オフィス", "渋谷1-2-3"))
        de = call("GET", "/v1/pages/%s?language=de" % pid).json["event_types"][0]["location"]
        self.assertEqual(de["name"], "Shibuya office")  # neither German nor Finnish: English

    def test_bad_owner_content_is_422_with_a_stable_code_and_changes_nothing(self):
        before = owner("GET", "/v1/admin/pages").json["pages"]

        def service(**over):
            et = {"id": "intro", "name": "Intro", "duration_minutes": 30}
            et.update(over)
            return {"event_types": [et]}

        cases = [
            ({"name": {"en": "Clinic", "xx": "?"}}, "unsupported_language", "name.xx"),
            ({"name": {}}, "missing_field", "name"),
            ({"name": {"en": ""}}, "missing_field", "name.en"),
            ({"name": {"en": 42}}, "invalid_type", "name.en"),
            ({"name": ["Clinic"]}, "invalid_type", "name"),
            ({"name": {"ja": "一行目\n二行目"}}, "control_character", "name.ja"),
            ({"name": "Line\nbreak"}, "control_character", "name"),
            ({"name": {"en": "x" * 501}}, "too_long", "name.en"),
            ({"description": {"de": "x" * 5001}}, "too_long", "description.de"),
            ({"description": {"klingon": "x"}}, "unsupported_language", "description.klingon"),
            (service(name={"fi": "Puhelu", "sv": "Samtal"}), "unsupported_language", "event_types[0].name.sv"),
            (service(name={"ja": "初回\r相談"}), "control_character", "event_types[0].name.ja"),
            (service(name={}), "missing_field", "event_types[0].name"),
            (service(description={"en": "x" * 2001}), "too_long", "event_types[0].description.en"),
            (service(description=7), "invalid_type", "event_types[0].description"),
        ]
        for over, code, field in cases:
            pid = "bad-" + uuid.uuid4().hex[:8]
            r = owner("POST", "/v1/admin/pages", self.body(pid, **over))
            self.assertProblem(r, 422, code)
            self.assertEqual(r.json.get("field"), field, r)
        # A multi-line description is fine; only names are one line.
        ok = self.create(description={"en": "Line one.\nLine two."})
        self.assertEqual(owner("GET", "/v1/admin/pages/" + ok).json["description"], {"en": "Line one.\nLine two."})
        after = [p for p in owner("GET", "/v1/admin/pages").json["pages"] if p["id"] != ok]
        self.assertEqual(after, before)

    def test_a_put_replaces_a_string_name_with_a_map_and_back(self):
        pid = self.create(name="Clinic")
        self.assertStatus(owner("PUT", "/v1/admin/pages/" + pid, self.body(pid, name={"en": "Clinic", "ja": "医院"})), 200)
        self.assertEqual(call("GET", "/v1/pages/%s?language=ja" % pid).json["name"], "医院")
        self.assertStatus(owner("PUT", "/v1/admin/pages/" + pid, self.body(pid, name="Clinic")), 200)
        self.assertEqual(call("GET", "/v1/pages/%s?language=ja" % pid).json["name"], "Clinic")
        self.assertEqual(owner("GET", "/v1/admin/pages/" + pid).json["name"], "Clinic")
