"""Mail flows end to end: the real kairos-server (with --test-clock, so time moves by
request instead of sleeps) delivers over SMTP to a real aiosmtpd server on 127.0.0.1,
and the tests read what arrived. Debian's python3, standard library only."""
import datetime
import email
import email.policy
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.parse

import fixture
import kairos_http as kh

SINK = os.path.join(os.environ["KAIROS_SOURCE_DIR"], "tests", "support", "smtp_sink.py")
BIN = os.environ["KAIROS_BIN"]
KEY = "mail-owner-key"
# Every server here runs on the test clock, pinned to this instant at start, so the
# fixed dates below (the 2027 DST change) stay in the future whatever the real date is.
EPOCH = datetime.datetime(2027, 1, 4, 8, 0, 0)


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.port = fixture.free_port()
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", SINK, "--port", str(self.port), "--dir", self.dir],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("READY"), line

    def stop(self):
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=10)
            self.proc = None

    def messages(self):
        out = []
        for f in sorted(glob.glob(os.path.join(self.dir, "*.eml"))):
            m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
            out.append(m)
        return out


def text_of(m):
    for part in m.walk():
        if part.get_content_type() == "text/plain":
            return part.get_content()
    return ""


class MailServer(kh.TestClockCalls, unittest.TestCase):
    """One server and one SMTP sink per test class."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kairos-mail-")
        cls.sink = Sink(os.path.join(cls.tmp, "mail"))
        cls.server, cls.base = fixture.spawn(
            BIN, os.path.join(cls.tmp, "k.db"),
            ["--admin-key", KEY, "--test-clock", "--smtp", "smtp://127.0.0.1:%d" % cls.sink.port, "--booking-rate", "0",
             "--delivery-seconds", "3600", "--scheduler-seconds", "3600", "--mail-from", "bookings@clinic.test",
             "--log-level", "warn"],
            log=open(os.path.join(cls.tmp, "server.log"), "w"))
        assert cls.server, open(os.path.join(cls.tmp, "server.log")).read()
        cls.seen = 0
        cls.advance((EPOCH - cls.now()).total_seconds())

    @classmethod
    def tearDownClass(cls):
        cls.server.send_signal(signal.SIGTERM)
        cls.server.wait(timeout=15)
        cls.sink.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def call(cls, method, path, body=None, key=None, raw=None):
        return kh.call(method, path, body, key=key, raw=raw, base=cls.base)

    @classmethod
    def owner(cls, method, path, body=None):
        return cls.call(method, path, body, key=KEY)

    @classmethod
    def now(cls):
        return datetime.datetime.strptime(cls.advance(0), "%Y-%m-%dT%H:%M:%SZ")

    def new_mail(self):
        """Messages that arrived since the last call."""
        msgs = self.sink.messages()
        fresh = msgs[type(self).seen:]
        type(self).seen = len(msgs)
        return fresh

    @classmethod
    def make_page(cls, page_id, language, zone="Europe/Helsinki", auto_approve=False, notifications=None,
                  company=None):
        h = cls.owner("POST", "/v1/admin/hosts", {"name": "Host " + page_id, "email": "host-%s@clinic.test" % page_id,
                                                   "timezone": zone,
                                                   "weekly_hours": {d: [["00:00", "24:00"]] for d in
                                                                    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}})
        assert h.status == 201, h
        page = {"id": page_id, "name": company or ("Clinic " + page_id), "language": language, "hosts": [h.json["id"]],
                "host_mode": "any",
                "event_types": [{"id": "visit", "name": "Visit " + language, "duration_minutes": 30,
                                 "auto_approve": auto_approve}]}
        if notifications is not None:
            page["notifications"] = notifications
        r = cls.owner("POST", "/v1/admin/pages", page)
        assert r.status == 201, r
        return h.json["id"]

    @classmethod
    def book(cls, page_id, start, language="en", name="Guest", mail="guest@example.com", zone=None):
        guest = {"name": name, "email": mail, "language": language}
        if zone:
            guest["timezone"] = zone
        r = cls.call("POST", "/v1/bookings", {"page": page_id, "event_type": "visit", "start": start, "guest": guest})
        assert r.status == 201, r
        return r.json


def future_slot(days, hour=10):
    """A start `days` after the pinned test clock (EPOCH), on the hour."""
    d = EPOCH.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)
    return iso(d.replace(hour=hour))


class BookingMails(MailServer):
    PENDING = {
        "en": ("We have received your booking request: Visit en", "New booking request: {guest}"),
        "ja": ("【ご予約リクエスト受付】Visit ja", "【承認待ち】{guest}様から予約リクエストが届きました"),
        "fi": ("Ajanvarauspyyntösi on vastaanotettu: Visit fi", "Uusi ajanvaraus odottaa hyväksyntää: {guest}"),
        "de": ("Ihre Terminanfrage ist eingegangen: Visit de", "Neue Terminanfrage: {guest}"),
        "hu": ("Megkaptuk foglalási kérését: Visit hu", "Új foglalási kérés: {guest}"),
    }

    def test_account_name_is_the_sender_name(self):
        self.assertEqual(self.owner("PUT", "/v1/admin/account", {"name": "Line\nbreak"}).status, 422)
        self.assertEqual(self.owner("PUT", "/v1/admin/account", {"name": ""}).status, 422)
        r = self.owner("PUT", "/v1/admin/account", {"name": "Klinikka Aurora Oy"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.owner("GET", "/v1/admin/account").json["name"], "Klinikka Aurora Oy")
        self.make_page("sender", "fi")
        self.book("sender", future_slot(9, 9), language="fi", mail="sender@example.com")
        self.tick()
        got = [m for m in self.new_mail() if "sender@example.com" in str(m["To"])]
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0]["From"].addresses[0].display_name, "Klinikka Aurora Oy")
        self.assertEqual(got[0]["From"].addresses[0].addr_spec, "bookings@clinic.test")

    def test_the_accounts_template_text_is_what_the_guest_reads(self):
        r = self.owner("PUT", "/v1/admin/templates/booking.pending.guest/de",
                       {"subject": "Anfrage erhalten, {guest_name}", "body": "Wir melden uns.\n{when}"})
        self.assertEqual(r.status, 200, r)
        self.make_page("tplde", "de")
        self.book("tplde", future_slot(12), language="de", name="Jana Vogel", mail="tpl-de@example.com")
        self.tick()
        got = [m for m in self.new_mail() if "tpl-de@example.com" in str(m["To"])]
        self.assertEqual([m["Subject"] for m in got], ["Anfrage erhalten, Jana Vogel"])
        self.assertIn("Wir melden uns.", text_of(got[0]))
        self.assertEqual(self.owner("DELETE", "/v1/admin/templates/booking.pending.guest/de").status, 204)

    def test_pending_booking_mails_in_five_languages(self):
        self.new_mail()
        guests = {"en": "Emma Brown", "ja": "三田花子", "fi": "Matti Meikäläinen", "de": "Jürgen Groß", "hu": "Kovács Éva"}
        for i, lang in enumerate(self.PENDING):
            self.make_page("p" + lang, lang)
            self.book("p" + lang, future_slot(3 + i), language=lang, name=guests[lang], mail="g-%s@example.com" % lang)
        self.assertEqual(self.tick()["sent"], 10)
        by_to = {str(m["To"]).strip("<>"): m for m in self.new_mail()}
        for lang, (guest_subject, host_subject) in self.PENDING.items():
            self.assertEqual(by_to["g-%s@example.com" % lang]["Subject"], guest_subject)
            self.assertEqual(by_to["host-p%s@clinic.test" % lang]["Subject"], host_subject.format(guest=guests[lang]))
            self.assertIn("/v1/links/approve.", text_of(by_to["host-p%s@clinic.test" % lang]))
            self.assertIn("/v1/links/cancel.", text_of(by_to["g-%s@example.com" % lang]))

    def test_approve_link_from_host_mail_approves_and_mails_guest(self):
        self.make_page("approve", "en")
        b = self.book("approve", future_slot(4, 9), name="Anna Approve", mail="anna@example.com")
        self.tick()
        host_mail = [m for m in self.new_mail() if "host-approve@" in str(m["To"])][0]
        link = re.search(r"https?://\S+/v1/links/approve\.\S+", text_of(host_mail)).group(0)
        path = urllib.parse.urlparse(link).path
        # A GET only shows what will happen (mail scanners prefetch links).
        page = self.call("GET", path)
        self.assertEqual(page.status, 200)
        self.assertIn(b"Anna Approve", page.raw)
        self.assertEqual(self.owner("GET", "/v1/admin/bookings/" + b["uid"]).json["status"], "pending")
        done = self.call("POST", path)
        self.assertEqual(done.status, 200, done)
        self.assertEqual(self.owner("GET", "/v1/admin/bookings/" + b["uid"]).json["status"], "approved")
        self.tick()
        fresh = self.new_mail()
        guest = [m for m in fresh if "anna@example.com" in str(m["To"])]
        self.assertEqual(len(guest), 1)
        self.assertEqual(guest[0]["Subject"], "Your booking is confirmed: Visit en")
        ics = [p for p in guest[0].walk() if p.get_content_type() == "text/calendar"]
        self.assertTrue(ics and "METHOD:REQUEST" in ics[0].get_content())
        # Single use, and a tampered link is refused with a page, not a dump.
        self.assertEqual(self.call("POST", path).status, 410)
        tampered = path.replace("approve.", "reject.", 1)
        r = self.call("POST", tampered)
        self.assertEqual(r.status, 400)
        self.assertIn(b"not valid", r.raw)
        self.assertEqual(self.owner("GET", "/v1/admin/bookings/" + b["uid"]).json["status"], "approved")

    def test_confirmation_request_is_held_ten_minutes(self):
        self.make_page("hold", "de", auto_approve=True)
        kept = self.book("hold", future_slot(5, 9), language="de", mail="kept@example.com")
        dropped = self.book("hold", future_slot(5, 12), language="de", mail="dropped@example.com")
        gone = self.book("hold", future_slot(5, 14), language="de", mail="gone@example.com")
        self.tick()
        self.new_mail()
        r1 = self.owner("POST", "/v1/admin/confirmation-requests",
                        {"bookings": [kept["uid"]], "recipients": ["kept@example.com"], "allow_decline": True})
        r2 = self.owner("POST", "/v1/admin/confirmation-requests",
                        {"bookings": [dropped["uid"]], "recipients": ["dropped@example.com"], "allow_decline": False})
        r3 = self.owner("POST", "/v1/admin/confirmation-requests",
                        {"bookings": [gone["uid"]], "recipients": ["gone@example.com"], "allow_decline": True})
        for r in (r1, r2, r3):
            self.assertEqual(r.status, 201, r)
        self.advance(5 * 60)
        self.tick()
        self.assertEqual(self.new_mail(), [], "nothing leaves inside the hold")
        self.assertIn(self.owner("DELETE", "/v1/admin/confirmation-requests/" + r2.json["id"]).status, (200, 204))
        self.assertIn(self.owner("DELETE", "/v1/admin/bookings/" + gone["uid"]).status, (200, 204))
        self.advance(5 * 60 + 5)
        self.tick()
        self.tick()
        fresh = self.new_mail()
        to = [str(m["To"]) for m in fresh]
        self.assertEqual(sum("kept@example.com" in t for t in to), 1, to)
        self.assertFalse(any("dropped@" in t for t in to), to)
        self.assertFalse(any("gone@" in t for t in to), to)
        req = [m for m in fresh if "kept@example.com" in str(m["To"])][0]
        self.assertIn("/v1/links/accept.", text_of(req))
        self.assertIn("/v1/links/decline.", text_of(req))
        # The accept link opens the widget on the request, and the request API takes it.
        link = urllib.parse.urlparse(re.search(r"https?://\S+/v1/links/accept\.\S+", text_of(req)).group(0)).path
        opened = self.call("GET", link)
        self.assertEqual(opened.status, 302)
        token = urllib.parse.parse_qs(urllib.parse.urlparse(opened.header("Location")).query)["request"][0]
        self.assertEqual(self.call("GET", "/v1/requests/" + urllib.parse.quote(token)).status, 200)


class ProposalMails(MailServer):
    def test_choice_sends_completion_to_both_and_readjust_warns_host(self):
        host = self.make_page("visit", "en", company="Sample Corp")
        start = datetime.datetime.strptime(future_slot(6, 9), "%Y-%m-%dT%H:%M:%SZ")
        cands = [{"start": iso(start + datetime.timedelta(hours=k)), "end": iso(start + datetime.timedelta(hours=k, minutes=30))}
                 for k in range(3)]
        p = self.owner("POST", "/v1/admin/proposals",
                       {"page": "visit", "event_type": "visit", "host": host, "candidates": cands,
                        "guests": [{"name": "Hanako Mita", "company": "Test Inc", "email": "hanako@example.com"}],
                        "message": "Please come to the 3rd floor.", "send_mail": False, "visibility": "public"})
        self.assertEqual(p.status, 201, p)
        self.tick()
        self.assertEqual(self.new_mail(), [], "no scheduling mail in this mode")
        chosen = self.call("POST", "/v1/proposals/%s/choose" % p.json["token"], {"start": cands[1]["start"]})
        self.assertEqual(chosen.status, 201 if chosen.status == 201 else 200, chosen)
        self.tick()
        fresh = self.new_mail()
        subjects = sorted(str(m["Subject"]) for m in fresh)
        self.assertEqual(len(fresh), 2, subjects)
        self.assertIn("[Sample Corp] Your appointment has been confirmed", subjects)
        host_subject = [s for s in subjects if "Visit:" in s]
        self.assertEqual(len(host_subject), 1, subjects)
        self.assertRegex(host_subject[0], r"^\[[A-Z0-9]+\] Visit: Test Inc: Hanako Mita")

        p2 = self.owner("POST", "/v1/admin/proposals",
                        {"page": "visit", "event_type": "visit", "host": host, "candidates": cands[2:],
                         "guests": [{"name": "Jiro Yamada", "company": "Other KK", "email": "jiro@example.com"}],
                         "send_mail": True, "visibility": "private"})
        self.assertEqual(p2.status, 201, p2)
        self.tick()
        invite = [m for m in self.new_mail() if "jiro@example.com" in str(m["To"])]
        self.assertEqual(len(invite), 1)
        self.assertIn("/v1/links/choose.", text_of(invite[0]))
        r = self.call("POST", "/v1/proposals/%s/readjust" % p2.json["token"], {"message": "Next week please"})
        self.assertIn(r.status, (200, 204), r)
        self.tick()
        warn = [m for m in self.new_mail() if "host-visit@" in str(m["To"])]
        self.assertEqual(len(warn), 1)
        self.assertEqual(warn[0]["Importance"], "high")
        self.assertIn("Jiro Yamada", str(warn[0]["Subject"]))


class ReminderAcrossDst(MailServer):
    def test_reminder_is_sent_at_start_minus_offset_in_utc(self):
        # 2027-03-15 09:00 in New York is 13:00Z (EDT); DST began on 2027-03-14 at 07:00Z,
        # so "one day before" is 2027-03-14T13:00Z, not 14:00Z.
        self.make_page("ny", "en", zone="America/New_York", auto_approve=True,
                       notifications={"reminders_minutes": [1440], "host_reminders": False})
        b = self.book("ny", "2027-03-15T13:00:00Z", mail="remind@example.com", zone="America/New_York")
        box = self.owner("GET", "/v1/admin/outbox?booking=" + b["uid"]).json
        rows = box if isinstance(box, list) else box.get("messages", box.get("items", []))
        reminder = [m for m in rows if "reminder" in m.get("key", m.get("template", ""))]
        self.assertEqual(len(reminder), 1, rows)
        self.assertEqual(reminder[0]["send_at"], "2027-03-14T13:00:00Z")
        self.tick()
        self.new_mail()
        target = datetime.datetime(2027, 3, 14, 12, 59, 0)
        self.advance((target - self.now()).total_seconds())
        self.tick()
        self.assertEqual([m for m in self.new_mail() if "Reminder" in str(m["Subject"])], [])
        self.advance(90)
        self.tick()
        got = [m for m in self.new_mail() if "Reminder" in str(m["Subject"])]
        self.assertEqual(len(got), 1)
        self.assertIn("9:00 AM", text_of(got[0]))


class SmtpOutage(MailServer):
    def test_every_message_arrives_once_after_the_outage(self):
        self.make_page("out", "fi", auto_approve=True)
        self.tick()
        self.new_mail()
        self.sink.stop()
        uids = [self.book("out", future_slot(7, 8 + k), language="fi", mail="o%d@example.com" % k)["uid"] for k in range(4)]
        first = self.tick()
        self.assertEqual(first["sent"], 0)
        self.assertEqual(first["retried"], 8)
        box = self.owner("GET", "/v1/admin/outbox?booking=" + uids[0]).json
        rows = box if isinstance(box, list) else box.get("messages", box.get("items", []))
        self.assertTrue(all(r["state"] == "scheduled" for r in rows), rows)
        self.assertTrue(any(r.get("attempts", 0) >= 1 and r.get("last_error") for r in rows), rows)
        self.advance(30)
        self.assertEqual(self.tick()["retried"], 8)  # still down
        self.sink.start()
        self.advance(30)
        self.assertEqual(self.tick()["sent"], 0, "the next attempt is due 60 s after the second failure")
        self.advance(30)
        self.assertEqual(self.tick()["sent"], 8)
        self.advance(3600)
        self.tick()
        fresh = self.new_mail()
        for k in range(4):
            self.assertEqual(sum("o%d@example.com" % k in str(m["To"]) for m in fresh), 1)
        self.assertEqual(len(fresh), 8)
        box = self.owner("GET", "/v1/admin/outbox?booking=" + uids[0]).json
        rows = box if isinstance(box, list) else box.get("messages", box.get("items", []))
        due = [r for r in rows if not r["key"].startswith("reminder:")]
        self.assertEqual(len(due), 2, rows)
        self.assertTrue(all(r["state"] == "sent" for r in due), rows)


if __name__ == "__main__":
    unittest.main()
