"""Owner content in several languages, read from a real SMTP sink: a service named per
language is named in each guest's language in the subject, the body and the calendar
invitation; a guest whose language the owner did not write reads the page's language;
the host reads their own language."""
from test_flow_fixes import ics_of
from test_mail_flows import MailServer, future_slot, text_of

NAMES = {"en": "Intro call", "ja": "初回相談", "fi": "Tutustumispuhelu", "hu": "Bemutatkozó hívás"}


class OwnerContentMails(MailServer):
    def make_multilingual_page(self):
        h = self.owner("POST", "/v1/admin/hosts", {"name": "Yui Tanaka", "email": "yui@clinic.test", "timezone": "Asia/Tokyo",
                                                   "language": "ja",
                                                   "weekly_hours": {d: [["00:00", "24:00"]] for d in
                                                                    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}})
        self.assertEqual(h.status, 201, h)
        # The page speaks Finnish; German is not written, so a German guest reads Finnish.
        r = self.owner("POST", "/v1/admin/pages", {
            "id": "multi", "name": {"en": "Sakura Clinic", "ja": "さくらクリニック"}, "language": "fi",
            "hosts": [h.json["id"]],
            "event_types": [{"id": "visit", "name": NAMES, "duration_minutes": 30, "auto_approve": True,
                             "description": {"en": "A first talk.", "ja": "初めての方向けの相談です。"}}]})
        self.assertEqual(r.status, 201, r)

    def test_guest_mail_and_invitation_name_the_service_in_the_guests_language(self):
        self.make_multilingual_page()
        self.new_mail()
        guests = {"ja": "hanako@example.jp", "en": "emma@example.com", "de": "jurgen@example.de", "hu": "eva@example.hu"}
        for i, (lang, mail) in enumerate(guests.items()):
            r = self.call("POST", "/v1/bookings", {"page": "multi", "event_type": "visit", "start": future_slot(3, 1 + i),
                                                   "guest": {"name": "Guest " + lang, "email": mail, "language": lang}})
            self.assertEqual(r.status, 201, r)
        self.tick()
        got = self.new_mail()
        by_to = {}
        for m in got:
            by_to.setdefault(str(m["To"]).strip("<>"), []).append(m)
        expected = {"ja": "【予約確定】初回相談のご予約が確定しました",
                    "en": "Your booking is confirmed: Intro call",
                    "de": "Ihr Termin ist bestätigt: Tutustumispuhelu",  # not written in German: the page's (fi)
                    "hu": "Foglalását megerősítettük: Bemutatkozó hívás"}
        for lang, mail in guests.items():
            self.assertIn(mail, by_to, sorted(by_to))
            [m] = by_to[mail]
            self.assertEqual(str(m["Subject"]), expected[lang])
            name = NAMES.get(lang, NAMES["fi"])
            self.assertIn(name, text_of(m))
            self.assertIn("SUMMARY:" + name, ics_of(m).replace("\r\n ", ""))
            for other in set(NAMES.values()) - {name}:
                self.assertNotIn(other, text_of(m))
        # The host (Japanese) reads the service's Japanese name in every booking's mail.
        host = by_to["yui@clinic.test"]
        self.assertEqual(len(host), len(guests))
        for m in host:
            self.assertIn("初回相談", text_of(m))
            self.assertNotIn("Intro call", text_of(m))
