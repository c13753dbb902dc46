"""Staff logins and the owner console's sessions: roles, cookies, same-origin changes,
account isolation, API keys, the slow-down of wrong passwords, and invitations and
password resets through a real SMTP sink (a server of its own with --test-clock)."""
import email
import email.policy
import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest
import urllib.parse

import fixture
import kairos_http as kh
from kairos_http import OWNER_KEY, ServerTest

SINK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "smtp_sink.py")


def cookie_of(reply):
    """The session cookie's value from Set-Cookie, and the header itself."""
    h = reply.header("Set-Cookie") or ""
    m = re.match(r"kairos_session=([^;]*)", h)
    return (m.group(1) if m else None), h


class Browser:
    """A signed-in console: sends the cookie and, for changes, the page's own Origin."""

    def __init__(self, base, cookie):
        self.base = base
        self.cookie = cookie

    def call(self, method, path, body=None, origin=None, headers=None):
        h = {"Cookie": "kairos_session=" + self.cookie}
        if method not in ("GET", "HEAD"):
            h["Origin"] = origin or self.base
        h.update(headers or {})
        return kh.call(method, path, body, headers=h, base=self.base)


def sign_in(base, email_addr, password, headers=None):
    return kh.call("POST", "/v1/session", {"email": email_addr, "password": password}, base=base, headers=headers)


class StaffSessions(ServerTest):
    base = None

    @classmethod
    def setUpClass(cls):
        cls.base = kh.base_url()
        n = os.getpid()
        cls.staff_email = "reception%d@clinic.test" % n
        r = kh.owner("POST", "/v1/admin/staff", {"name": "Reception", "email": cls.staff_email, "role": "staff",
                                                  "language": "fi", "password": "front-desk-1"})
        assert r.status == 201, r
        cls.staff_id = r.json["id"]
        cls.owner_email = "boss%d@clinic.test" % n
        r = kh.owner("POST", "/v1/admin/staff", {"name": "Boss", "email": cls.owner_email, "role": "owner",
                                                  "password": "owner-pass-1"})
        assert r.status == 201, r
        cls.owner_id = r.json["id"]

    def browser(self, email_addr, password):
        r = sign_in(self.base, email_addr, password)
        self.assertStatus(r, 204)
        value, _ = cookie_of(r)
        self.assertTrue(value)
        return Browser(self.base, value)

    def test_sign_in_sets_an_httponly_strict_cookie_and_session_names_the_staff_member(self):
        r = sign_in(self.base, self.staff_email.upper(), "front-desk-1")  # e-mail is case-insensitive
        self.assertStatus(r, 204)
        value, header = cookie_of(r)
        self.assertTrue(value and len(value) >= 32, header)
        self.assertIn("HttpOnly", header)
        self.assertIn("SameSite=Strict", header)
        self.assertIn("Path=/", header)
        self.assertNotIn("Secure", header)  # plain http here
        me = Browser(self.base, value).call("GET", "/v1/session")
        self.assertStatus(me, 200)
        self.assertEqual(me.json["staff"], self.staff_id)
        self.assertEqual(me.json["role"], "staff")
        self.assertEqual(me.json["language"], "fi")
        self.assertEqual(me.json["name"], "Reception")
        self.assertTrue(me.json["account"])

    def test_cookie_is_secure_behind_an_https_proxy(self):
        r = sign_in(self.base, self.staff_email, "front-desk-1", headers={"X-Forwarded-Proto": "https"})
        self.assertStatus(r, 204)
        self.assertIn("Secure", cookie_of(r)[1])

    def test_wrong_password_is_bad_credentials_and_unknown_login_alike(self):
        self.assertProblem(sign_in(self.base, self.staff_email, "nope-nope-nope"), 401, "bad_credentials")
        self.assertProblem(sign_in(self.base, "nobody@clinic.test", "nope-nope-nope"), 401, "bad_credentials")

    def test_admin_routes_accept_the_cookie_and_refuse_without_credentials(self):
        b = self.browser(self.owner_email, "owner-pass-1")
        self.assertStatus(b.call("GET", "/v1/admin/hosts"), 200)
        self.assertProblem(kh.call("GET", "/v1/admin/hosts"), 401, "unauthorized")
        self.assertProblem(kh.call("GET", "/v1/admin/hosts", headers={"Cookie": "kairos_session=forged"}), 401,
                           "unauthorized")

    def test_staff_role_acts_on_bookings_but_not_on_settings_staff_or_keys(self):
        b = self.browser(self.staff_email, "front-desk-1")
        self.assertStatus(b.call("GET", "/v1/admin/bookings"), 200)
        self.assertStatus(b.call("GET", "/v1/admin/hosts"), 200)  # the calendar needs the hosts
        self.assertProblem(b.call("POST", "/v1/admin/rooms", {"name": "Nope"}), 403, "forbidden")
        self.assertProblem(b.call("PUT", "/v1/admin/account", {"name": "Nope"}), 403, "forbidden")
        self.assertProblem(b.call("POST", "/v1/admin/staff", {"name": "X", "email": "x@clinic.test", "role": "owner"}),
                           403, "forbidden")
        self.assertProblem(b.call("GET", "/v1/admin/api-keys"), 403, "forbidden")
        self.assertProblem(b.call("POST", "/v1/admin/api-keys", {"name": "mine"}), 403, "forbidden")

    def test_a_change_with_the_cookie_from_another_origin_is_refused(self):
        b = self.browser(self.owner_email, "owner-pass-1")
        before = kh.owner("GET", "/v1/admin/rooms").json["rooms"]
        self.assertProblem(b.call("POST", "/v1/admin/rooms", {"name": "Evil"}, origin="http://evil.example"), 403,
                           "cross_origin")
        self.assertProblem(b.call("POST", "/v1/admin/rooms", {"name": "Evil"}, origin="null"), 403, "cross_origin")
        r = kh.call("POST", "/v1/admin/rooms", {"name": "Evil"},
                    headers={"Cookie": "kairos_session=" + b.cookie, "Sec-Fetch-Site": "same-site"}, base=self.base)
        self.assertProblem(r, 403, "cross_origin")
        self.assertEqual(kh.owner("GET", "/v1/admin/rooms").json["rooms"], before)  # nothing changed
        r = b.call("POST", "/v1/admin/rooms", {"name": "Console room"})  # the server's own origin
        self.assertStatus(r, 201)
        # A sign-in form posted from another origin is refused as well.
        self.assertProblem(sign_in(self.base, self.owner_email, "owner-pass-1", headers={"Origin": "http://evil.example"}),
                           403, "cross_origin")

    def test_a_session_of_one_account_never_reads_another(self):
        host = kh.owner("POST", "/v1/admin/hosts", {"name": "A's host", "email": "a@clinic.test",
                                                     "timezone": "Europe/Helsinki"}).json["id"]
        demo = self.browser("owner@demo.kairos", "kairos-demo")  # the --demo account's printed login
        self.assertProblem(demo.call("GET", "/v1/admin/hosts/" + host), 404)
        ids = [h["id"] for h in demo.call("GET", "/v1/admin/hosts").json["hosts"]]
        self.assertNotIn(host, ids)
        emails = [s["email"] for s in demo.call("GET", "/v1/admin/staff").json["items"]]
        self.assertEqual(emails, ["owner@demo.kairos"])
        self.assertProblem(demo.call("PUT", "/v1/admin/staff/" + self.staff_id, {"name": "Hijack"}), 404)
        self.assertProblem(demo.call("DELETE", "/v1/admin/staff/" + self.staff_id), 404)

    def test_demo_login_is_printed_beside_the_api_key(self):
        log = open(os.path.join(os.environ["KAIROS_STATE"], "main", "server.log")).read()
        self.assertIn("owner API key", log)
        self.assertIn("owner@demo.kairos / kairos-demo", log)

    def test_sign_out_ends_the_session(self):
        b = self.browser(self.staff_email, "front-desk-1")
        r = b.call("DELETE", "/v1/session")
        self.assertStatus(r, 204)
        self.assertIn("Max-Age=0", r.header("Set-Cookie"))
        self.assertProblem(b.call("GET", "/v1/session"), 401, "unauthorized")

    def test_staff_crud_validates_and_keeps_an_owner(self):
        self.assertProblem(kh.owner("POST", "/v1/admin/staff", {"name": "Dup", "email": self.staff_email, "role": "staff",
                                                                 "password": "abcdefgh1"}), 409, "already_exists")
        self.assertProblem(kh.owner("POST", "/v1/admin/staff", {"name": "R", "email": "r@clinic.test", "role": "king"}),
                           422, "invalid_role")
        self.assertProblem(kh.owner("POST", "/v1/admin/staff", {"name": "R", "email": "r@clinic", "role": "staff"}),
                           422, "invalid_email")
        self.assertProblem(kh.owner("POST", "/v1/admin/staff", {"name": "R", "email": "r2@clinic.test", "role": "staff",
                                                                 "password": "short"}), 422, "weak_password")
        self.assertProblem(kh.owner("POST", "/v1/admin/staff", {"name": "R", "email": "r3@clinic.test", "role": "staff",
                                                                 "host": "h_nope"}), 422, "unknown_host")
        host = kh.owner("POST", "/v1/admin/hosts", {"name": "Dr. K", "email": "k@clinic.test",
                                                     "timezone": "Europe/Helsinki"}).json["id"]
        r = kh.owner("PUT", "/v1/admin/staff/" + self.staff_id, {"host": host, "language": "ja"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["host"], r.json["language"], r.json["role"]), (host, "ja", "staff"))
        listed = {s["id"]: s for s in kh.owner("GET", "/v1/admin/staff").json["items"]}
        self.assertEqual(listed[self.staff_id]["host"], host)
        self.assertNotIn("password_hash", listed[self.staff_id])
        # The account's owners: this one may go only while another owner stays.
        self.assertProblem(kh.owner("PUT", "/v1/admin/staff/" + self.owner_id, {"role": "staff"}), 409, "last_owner")
        self.assertProblem(kh.owner("DELETE", "/v1/admin/staff/" + self.owner_id), 409, "last_owner")
        temp = kh.owner("POST", "/v1/admin/staff", {"name": "Temp", "email": "temp%d@clinic.test" % os.getpid(),
                                                     "role": "staff", "password": "temporary-1"}).json["id"]
        b = self.browser("temp%d@clinic.test" % os.getpid(), "temporary-1")
        self.assertStatus(kh.owner("DELETE", "/v1/admin/staff/" + temp), 204)
        self.assertProblem(b.call("GET", "/v1/session"), 401, "unauthorized")  # its sessions went with it

    def test_api_keys_are_shown_once_listed_by_name_and_revocable(self):
        r = kh.owner("POST", "/v1/admin/api-keys", {"name": "Zapier"})
        self.assertStatus(r, 201)
        key, kid = r.json["key"], r.json["id"]
        self.assertStatus(kh.owner("GET", "/v1/admin/hosts", key=key), 200)
        listed = kh.owner("GET", "/v1/admin/api-keys").json["items"]
        mine = [k for k in listed if k["id"] == kid]
        self.assertEqual(mine[0]["name"], "Zapier")
        self.assertNotIn(key, r.raw.decode().replace(key, "", 1))  # only once in the creation answer
        self.assertNotIn("key", mine[0])
        self.assertProblem(kh.owner("POST", "/v1/admin/api-keys", {"name": ""}), 422, "invalid_name")
        self.assertProblem(kh.owner("DELETE", "/v1/admin/api-keys/" + kid, key=kh.DEMO_KEY), 404)  # not demo's
        self.assertStatus(kh.owner("DELETE", "/v1/admin/api-keys/" + kid), 204)
        self.assertProblem(kh.owner("GET", "/v1/admin/hosts", key=key), 403, "forbidden")
        # An owner's console session manages keys too.
        b = self.browser(self.owner_email, "owner-pass-1")
        self.assertStatus(b.call("POST", "/v1/admin/api-keys", {"name": "From the console"}), 201)


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.port = fixture.free_port()
        self.proc = subprocess.Popen(["/usr/bin/python3", SINK, "--port", str(self.port), "--dir", directory],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("READY"), line

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)

    def messages(self):
        return [email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
                for f in sorted(glob.glob(os.path.join(self.dir, "*.eml")))]


def text_of(m):
    for part in m.walk():
        if part.get_content_type() == "text/plain":
            return part.get_content()
    return ""


class MailedLinksAndSlowDown(ServerTest):
    """A server of its own: real SMTP for invitations and resets, a test clock for the
    slow-down of wrong passwords."""

    KEY = "staff-mail-key"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kairos-staff-")
        cls.sink = Sink(os.path.join(cls.tmp, "mail"))
        cls.server, cls.base = fixture.spawn(
            os.environ["KAIROS_BIN"], os.path.join(cls.tmp, "k.db"),
            ["--admin-key", cls.KEY, "--test-clock", "--smtp", "smtp://127.0.0.1:%d" % cls.sink.port,
             "--delivery-seconds", "3600", "--scheduler-seconds", "3600", "--log-level", "warn"],
            log=open(os.path.join(cls.tmp, "server.log"), "w"))
        assert cls.server, open(os.path.join(cls.tmp, "server.log")).read()

    @classmethod
    def tearDownClass(cls):
        cls.server.send_signal(signal.SIGTERM)
        cls.server.wait(timeout=15)
        cls.sink.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def owner(self, method, path, body=None):
        return kh.call(method, path, body, key=self.KEY, base=self.base)

    def deliver(self):
        self.assertStatus(kh.call("POST", "/v1/test/tick", {}, base=self.base), 200)

    def mail_to(self, addr):
        return [m for m in self.sink.messages() if addr in str(m["To"])]

    def link_in(self, m):
        found = re.search(r"(http://\S+/v1/links/password/\S+)", text_of(m))
        self.assertTrue(found, text_of(m))
        return urllib.parse.urlparse(found.group(1)).path

    def test_invitation_mail_sets_the_password_once(self):
        r = self.owner("POST", "/v1/admin/staff", {"name": "Aino", "email": "aino@clinic.test", "role": "staff",
                                                    "language": "de"})
        self.assertStatus(r, 201)
        self.assertTrue(r.json["invited"])
        self.deliver()
        mails = self.mail_to("aino@clinic.test")
        self.assertEqual(len(mails), 1)
        self.assertIn("Einladung", str(mails[0]["Subject"]))  # the staff member's language
        path = self.link_in(mails[0])
        page = kh.call("GET", path, base=self.base)
        self.assertStatus(page, 200)
        self.assertIn(b'type="password"', page.raw)
        self.assertProblem(sign_in(self.base, "aino@clinic.test", "whatever-1"), 401, "bad_credentials")
        short = kh.call("POST", path, raw=b"password=short", headers={"Content-Type": "application/x-www-form-urlencoded"},
                        base=self.base)
        self.assertStatus(short, 422)  # the form again, with the reason
        done = kh.call("POST", path, raw=b"password=Aino%27s+secret", base=self.base,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertStatus(done, 200)
        self.assertStatus(sign_in(self.base, "aino@clinic.test", "Aino's secret"), 204)
        again = kh.call("POST", path, {"password": "another-one"}, base=self.base)
        self.assertProblem(again, 410, "link_used")
        listed = {s["email"]: s for s in self.owner("GET", "/v1/admin/staff").json["items"]}
        self.assertFalse(listed["aino@clinic.test"]["invited"])

    def test_password_reset_by_mail_link(self):
        self.assertStatus(self.owner("POST", "/v1/admin/staff", {"name": "Mika", "email": "mika@clinic.test",
                                                                  "role": "owner", "password": "old-password"}), 201)
        r = kh.call("POST", "/v1/password-reset", {"email": "mika@clinic.test"}, base=self.base)
        self.assertStatus(r, 202)
        unknown = kh.call("POST", "/v1/password-reset", {"email": "ghost@clinic.test"}, base=self.base)
        self.assertStatus(unknown, 202)  # the same answer: addresses cannot be probed
        self.deliver()
        self.assertEqual(self.mail_to("ghost@clinic.test"), [])
        mails = self.mail_to("mika@clinic.test")
        self.assertEqual(len(mails), 1)
        self.assertIn("Reset", str(mails[0]["Subject"]))
        path = self.link_in(mails[0])
        self.assertProblem(kh.call("POST", path, {"password": "x"}, base=self.base), 422, "weak_password")
        self.assertStatus(kh.call("POST", path, {"password": "new-password"}, base=self.base), 204)
        self.assertProblem(sign_in(self.base, "mika@clinic.test", "old-password"), 401, "bad_credentials")
        self.assertStatus(sign_in(self.base, "mika@clinic.test", "new-password"), 204)
        tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
        self.assertStatus(kh.call("GET", tampered, base=self.base), 400)

    def test_the_tenth_wrong_password_is_slowed_down(self):
        self.assertStatus(self.owner("POST", "/v1/admin/staff", {"name": "Target", "email": "target@clinic.test",
                                                                  "role": "staff", "password": "right-password"}), 201)
        for _ in range(9):
            self.assertProblem(sign_in(self.base, "target@clinic.test", "wrong-password"), 401, "bad_credentials")
        tenth = sign_in(self.base, "target@clinic.test", "wrong-password")
        self.assertProblem(tenth, 429, "too_many_attempts")
        retry = int(tenth.header("Retry-After"))
        self.assertGreater(retry, 0)
        # While slowed down even the right password waits (nothing to learn from answers).
        self.assertProblem(sign_in(self.base, "target@clinic.test", "right-password"), 429, "too_many_attempts")
        kh.call("POST", "/v1/test/clock", {"advance_seconds": retry}, base=self.base)
        self.assertProblem(sign_in(self.base, "target@clinic.test", "wrong-password"), 401, "bad_credentials")
        again = sign_in(self.base, "target@clinic.test", "wrong-password")
        self.assertProblem(again, 429, "too_many_attempts")
        self.assertGreater(int(again.header("Retry-After")), retry)  # progressively longer
        kh.call("POST", "/v1/test/clock", {"advance_seconds": 2 * retry + 1}, base=self.base)
        self.assertStatus(sign_in(self.base, "target@clinic.test", "right-password"), 204)


if __name__ == "__main__":
    unittest.main()
