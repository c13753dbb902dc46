"""The public page document (GET /v1/pages/{page}) the widget starts from: hosts carry the
ids a slot's assignment names (the widget shows the host a chosen time goes to), a page
without a logo shows the account's, and the demo page's description is in five languages."""
import uuid

from kairos_http import ServerTest, call, owner


def new_host(name, zone):
    r = owner("POST", "/v1/admin/hosts", {"name": name, "email": uuid.uuid4().hex[:8] + "@example.com", "timezone": zone})
    assert r.status == 201, r
    return r.json["id"]


class PublicPage(ServerTest):
    @classmethod
    def setUpClass(cls):
        cls.hosts = [new_host("Yui Tanaka", "Asia/Tokyo"), new_host("Aino Virtanen", "Europe/Helsinki")]

    def create(self, **over):
        pid = "pub-" + uuid.uuid4().hex[:8]
        body = {"id": pid, "name": "Clinic", "hosts": self.hosts, "host_mode": "any",
                "event_types": [{"id": "intro", "name": "Intro", "duration_minutes": 30}]}
        body.update(over)
        self.assertStatus(owner("POST", "/v1/admin/pages", body), 201)
        return pid

    def test_hosts_carry_the_ids_the_availability_answer_assigns(self):
        pid = self.create()
        page = call("GET", "/v1/pages/" + pid)
        self.assertStatus(page, 200)
        self.assertEqual([(h["id"], h["name"]) for h in page.json["hosts"]],
                         [(self.hosts[0], "Yui Tanaka"), (self.hosts[1], "Aino Virtanen")])
        avail = call("GET", "/v1/pages/%s/availability?event_type=intro&from=2026-12-01&to=2026-12-07" % pid)
        self.assertStatus(avail, 200)
        self.assertEqual(sorted(h["id"] for h in avail.json["hosts"]), sorted(self.hosts))

    def test_a_page_without_a_logo_shows_the_accounts(self):
        account = owner("GET", "/v1/admin/account").json
        with_logo = self.create(logo="https://brand.example/page.png")
        without = self.create()
        self.assertNotIn("logo", call("GET", "/v1/pages/" + without).json)
        try:
            self.assertStatus(owner("PUT", "/v1/admin/account", {"name": account["name"], "logo": "https://brand.example/account.png"}), 200)
            self.assertEqual(call("GET", "/v1/pages/" + without).json["logo"], "https://brand.example/account.png")
            self.assertEqual(call("GET", "/v1/pages/%s?language=ja" % without).json["logo"], "https://brand.example/account.png")
            # The page's own logo wins.
            self.assertEqual(call("GET", "/v1/pages/" + with_logo).json["logo"], "https://brand.example/page.png")
            # Another account's pages never show it.
            self.assertNotEqual(call("GET", "/v1/pages/demo").json.get("logo"), "https://brand.example/account.png")
        finally:
            owner("PUT", "/v1/admin/account", {"name": account["name"], "logo": account.get("logo", "")})
        self.assertNotIn("logo", call("GET", "/v1/pages/" + without).json)

    def test_the_demo_page_describes_itself_in_five_languages(self):
        texts = {}
        for lang in ("en", "ja", "fi", "de", "hu"):
            r = call("GET", "/v1/pages/demo?language=" + lang)
            self.assertStatus(r, 200)
            texts[lang] = r.json["description"]
            self.assertTrue(texts[lang], lang)
        self.assertEqual(len(set(texts.values())), 5, texts)
        self.assertIn("Tokyo", texts["en"])
        self.assertIn("東京", texts["ja"])
        # Without a language the widget gets the whole map and picks.
        self.assertEqual(sorted(call("GET", "/v1/pages/demo").json["description"]), ["de", "en", "fi", "hu", "ja"])
