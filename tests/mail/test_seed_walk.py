"""The walk of issue 10's "Done when", repeatable: per seed, a site owner configures the
page in the seed's language through the owner API and a guest (and the other recipients)
walk its flows — book, reschedule, cancel, choose or ask for other times, accept and
decline a confirmation request, follow the mails' links, check in at the front desk,
reminders and follow-ups by moving the test clock. Every mail that reaches the SMTP sink
is read: subject and body in the recipient's own language (no English leaking into a
Japanese, Finnish, German or Hungarian mail), the appointment's date and time in the
recipient's zone and language, the names (visited company, hosts, page), no "1970", no
unfilled placeholder, its links open a page in that language, and its .ics.

Set KAIROS_WALK_DUMP=FILE to write every mail read to FILE (what a person reads)."""
import datetime
import os
import re
import urllib.parse
import zoneinfo

from test_mail_flows import MailServer, iso, text_of

EPOCH = datetime.datetime(2027, 1, 4, 8, 0, 0)  # MailServer's pinned clock (a Monday, UTC)

# Words of our English texts that must not appear in another language's mail (names
# and addresses given by people are removed before the check).
ENGLISH = re.compile(r"\b(Your|your|You|you|appointment|Appointment|booking|Booking|Cancel|Book again|Approve|"
                     r"Reject|Reminder|confirmed|cancelled|rejected|Hello|Dear|Thank|Visit|request|Request|"
                     r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                     r"June|July|August|September|October|November|December|AM|PM|Status|host|Host|guest|Guest|"
                     r"Where|When|Time|Room|Message|Notes|Reason|Reception code|the|and|with|has been|from|to)\b")
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

WEEKDAY = {
    "ja": "月火水木金土日",
    "fi": ["maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "hu": ["hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTH = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "hu": ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember",
           "október", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}


def when_text(start, end, zone, lang):
    """The appointment's time as the recipient reads it (core::format_when, same-day
    appointments away from a DST change): start and end are naive UTC datetimes."""
    z = zoneinfo.ZoneInfo(zone)
    s = start.replace(tzinfo=datetime.timezone.utc).astimezone(z)
    e = end.replace(tzinfo=datetime.timezone.utc).astimezone(z)
    wd = s.weekday()
    if lang == "ja":
        return "%d年%d月%d日(%s) %d:%02d〜%d:%02d" % (s.year, s.month, s.day, WEEKDAY["ja"][wd], s.hour, s.minute,
                                                  e.hour, e.minute)
    if lang == "fi":
        return "%s %d.%d.%d klo %d.%02d–%d.%02d" % (WEEKDAY["fi"][wd], s.day, s.month, s.year, s.hour, s.minute,
                                                   e.hour, e.minute)
    if lang == "de":
        return "%s, %d. %s %d, %02d:%02d–%02d:%02d Uhr" % (WEEKDAY["de"][wd], s.day, MONTH["de"][s.month - 1], s.year,
                                                         s.hour, s.minute, e.hour, e.minute)
    if lang == "hu":
        return "%d. %s %d., %s %d:%02d–%d:%02d" % (s.year, MONTH["hu"][s.month - 1], s.day, WEEKDAY["hu"][wd], s.hour,
                                                  s.minute, e.hour, e.minute)

    def t(x):
        return "%d:%02d %s" % ((x.hour + 11) % 12 + 1, x.minute, "AM" if x.hour < 12 else "PM")
    return "%s, %s %d, %d, %s – %s" % (WEEKDAY["en"][wd], MONTH["en"][s.month - 1], s.day, s.year, t(s), t(e))


def at(days, hour, minute=0):
    """An instant `days` after the pinned clock's day, at hour:minute UTC (naive)."""
    return EPOCH.replace(hour=hour, minute=minute) + datetime.timedelta(days=days)


def parse(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


def ics_of(m):
    for part in m.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_content()
    return ""


def html_of(m):
    for part in m.walk():
        if part.get_content_type() == "text/html":
            return part.get_content()
    return ""


def links_of(m):
    return [urllib.parse.urlparse(u) for u in re.findall(r"https?://\S+/v1/links/[^\s\"<>]+", text_of(m))]


def link_path(m, purpose):
    if purpose == "book_again":
        found = re.search(r"https?://\S+/widget/\?page=[^\s\"<>]+", text_of(m))
        assert found, "no Book again link in %r" % text_of(m)
        u = urllib.parse.urlparse(found.group(0))
        return u.path + "?" + u.query
    for u in links_of(m):
        if u.path.startswith("/v1/links/%s." % purpose):
            return u.path + ("?" + u.query if u.query else "")
    raise AssertionError("no %s link in %r" % (purpose, text_of(m)))


class Walk(MailServer):
    """Reads mails the way a recipient does. `people` maps each address to its language
    and zone, and names given by people are not "English leaking"."""
    people = {}
    names = []
    account = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.people = {}
        cls.names = []

    def person(self, address, lang, zone):
        type(self).people[address] = (lang, zone)

    def name(self, *names):
        type(self).names.extend(names)

    def dump(self, m):
        path = os.environ.get("KAIROS_WALK_DUMP")
        if not path:
            return
        with open(path, "a") as f:
            f.write("=" * 78 + "\n[%s] To: %s\nSubject: %s\n\n%s\n" % (type(self).__name__, m["To"], m["Subject"],
                                                                       text_of(m)))
            ics = ics_of(m)
            if ics:
                f.write("--- ics\n" + ics + "\n")

    def read(self, m):
        """Every check a careful reader makes on any mail; returns (lang, subject, text)."""
        self.dump(m)
        to = str(m["To"]).strip("<>")
        to = re.sub(r"^.*<(.*)>$", r"\1", to)
        self.assertIn(to, self.people, "a mail to someone nobody in this walk is: %s %s" % (to, m["Subject"]))
        lang, _zone = self.people[to]
        subject, text, html = str(m["Subject"]), text_of(m), html_of(m)
        whole = subject + "\n" + text
        self.assertNotIn("1970", whole + ics_of(m), subject)
        self.assertIsNone(re.search(r"\{[a-z_]+\}", whole), "unfilled placeholder: " + whole)
        self.assertNotIn("[]", whole)
        self.assertNotIn("[...]", whole)
        self.assertIsNone(re.search(r"\[\s*\]|\(\s*\)|:\s*$", subject), "empty part in the subject: " + subject)
        self.assertTrue(text.strip(), subject)
        if self.account:  # the sender is the business, by its name
            self.assertEqual(m["From"].addresses[0].display_name, self.account, subject)
        bare = re.sub(r"https?://\S+", "", whole)
        self.assertIsNone(re.search(r"\b(undefined|null|None|nan)\b", bare), bare)
        if lang != "en":
            readable = re.sub(r"https?://\S+", "", whole)
            for n in sorted(self.names, key=len, reverse=True):
                readable = readable.replace(n, "")
            leak = ENGLISH.search(readable)
            self.assertIsNone(leak, "English in a %s mail to %s: %r in\n%s" % (lang, to, leak and leak.group(0), whole))
        if lang == "ja":
            self.assertRegex(subject, KANA_KANJI)
        return lang, subject, text

    def mails(self, expected=None):
        """Runs the due work, reads everything that arrived; {address: [mail…]}."""
        self.tick()
        got = {}
        for m in self.new_mail():
            self.read(m)
            to = re.sub(r"^.*<(.*)>$", r"\1", str(m["To"]).strip("<>"))
            got.setdefault(to, []).append(m)
        if expected is not None:
            self.assertEqual(sorted(got), sorted(expected), [str(m["Subject"]) for v in got.values() for m in v])
        return got

    def one(self, got, address):
        self.assertEqual(len(got.get(address, [])), 1, got.get(address))
        return got[address][0]

    def says_when(self, m, start, end):
        to = re.sub(r"^.*<(.*)>$", r"\1", str(m["To"]).strip("<>"))
        lang, zone = self.people[to]
        self.assertIn(when_text(start, end, zone, lang), text_of(m), "the time in %s's zone (%s, %s)" % (to, zone, lang))

    def opens(self, m, purpose, lang, status=200):
        """Follows a mail's link (GET, as a mail client would): the page answers in the
        mail's language."""
        path = link_path(m, purpose)
        r = self.call("GET", path)
        self.assertEqual(r.status, status, r)
        return path, r

    def setup_account(self, name, language):
        r = self.owner("PUT", "/v1/admin/account", {"name": name, "language": language})
        self.assertEqual(r.status, 200, r)
        self.name(name)
        type(self).account = name

    def host(self, name, email, lang, zone, **extra):
        body = {"name": name, "email": email, "timezone": zone, "language": lang}
        body.update(extra)
        r = self.owner("POST", "/v1/admin/hosts", body)
        self.assertEqual(r.status, 201, r)
        self.person(email, lang, zone)
        self.name(name)
        return r.json["id"]

    def page(self, body):
        r = self.owner("POST", "/v1/admin/pages", body)
        self.assertEqual(r.status, 201, r)
        return r.json

    def guest_books(self, page, event_type, start, name, email, lang, zone, **extra):
        guest = {"name": name, "email": email, "language": lang, "timezone": zone}
        guest.update(extra.pop("guest", {}))
        body = {"page": page, "event_type": event_type, "start": iso(start), "guest": guest}
        body.update(extra)
        r = self.call("POST", "/v1/bookings", body)
        self.assertEqual(r.status, 201, r)
        self.person(email, lang, zone)
        self.name(name)
        return r.json


WORKDAYS = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}


class Seed001Finnish(Walk):
    """Seed 001 (FI): the states and their notifications. A clinic in Helsinki without
    auto-approval; the guest books, the staff member approves from the mail, reminders,
    the guest reschedules, the follow-up; another booking cancelled by the guest from the
    mail, one rejected by staff, one marked no-show."""

    def test_states_and_their_mails(self):
        self.setup_account("Klinikka Aurora Oy", "fi")
        mika = self.host("Mika Laine", "mika@aurora.fi", "fi", "Europe/Helsinki", weekly_hours=WORKDAYS)
        self.page({"id": "aurora", "name": {"fi": "Aurora-klinikka"}, "language": "fi", "hosts": [mika],
                   "event_types": [{"id": "hieronta", "name": {"fi": "Hieronta", "en": "Massage"},
                                    "duration_minutes": 45, "slot_interval_minutes": 15, "auto_approve": False,
                                    "buffer_before_minutes": 0, "buffer_after_minutes": 0}],
                   "notifications": {"reminders_minutes": [1440], "host_reminders": True,
                                     "follow_up_minutes": 120, "no_show_mail": True}})
        self.name("Aurora-klinikka", "Hieronta")
        start = at(3, 8)  # Thursday 10:00 in Helsinki
        b = self.guest_books("aurora", "hieronta", start, "Matti Meikäläinen", "matti@example.fi", "fi",
                             "Europe/Helsinki", notes="Selkä jumissa")
        self.assertEqual(b["status"], "pending")
        end = start + datetime.timedelta(minutes=45)
        got = self.mails(["matti@example.fi", "mika@aurora.fi"])
        guest, host = self.one(got, "matti@example.fi"), self.one(got, "mika@aurora.fi")
        self.says_when(guest, start, end)
        self.says_when(host, start, end)
        link_path(guest, "cancel")
        self.assertTrue(link_path(guest, "book_again").endswith("page=aurora&lang=fi"), "the widget in Finnish")
        approve, page = self.opens(host, "approve", "fi")
        self.assertIn("Hyväksy ajanvaraus", page.raw.decode())
        self.assertIn("Tila: Odottaa", page.raw.decode(), "the state in Finnish, not 'Status: pending'")
        self.assertIn('lang="fi"', page.raw.decode())
        self.assertIn("klo 10.00–10.45 (Europe/Helsinki)", page.raw.decode(), "the host's zone")
        link_path(host, "reject")
        done = self.call("POST", approve)
        self.assertEqual(done.status, 200)
        self.assertIn("Hyväksytty", done.raw.decode())
        self.assertNotIn("Everyone concerned", done.raw.decode())
        used = self.call("GET", approve)
        self.assertEqual(used.status, 410)
        self.assertIn("Tätä linkkiä on jo käytetty", used.raw.decode())
        got = self.mails(["matti@example.fi", "mika@aurora.fi"])
        guest, host = self.one(got, "matti@example.fi"), self.one(got, "mika@aurora.fi")
        self.says_when(guest, start, end)
        link_path(guest, "cancel"), link_path(guest, "book_again")
        link_path(host, "reject")
        self.assertIn("METHOD:REQUEST", ics_of(guest))

        # The guest moves it a day later (Friday 11:00 Helsinki).
        new_start = at(4, 9)
        r = self.call("POST", "/v1/bookings/%s/reschedule" % b["uid"], {"start": iso(new_start)},
                      key=b["token"])
        self.assertEqual(r.status, 200, r)
        new_end = new_start + datetime.timedelta(minutes=45)
        got = self.mails(["matti@example.fi", "mika@aurora.fi"])
        for m in (self.one(got, "matti@example.fi"), self.one(got, "mika@aurora.fi")):
            self.says_when(m, new_start, new_end)

        # Reminders a day before, then the follow-up two hours after the end.
        self.advance((new_start - datetime.timedelta(days=1) - self.now()).total_seconds() + 30)
        got = self.mails(["matti@example.fi", "mika@aurora.fi"])
        for m in got.values():
            self.says_when(m[0], new_start, new_end)
        self.advance((new_end + datetime.timedelta(minutes=121) - self.now()).total_seconds())
        self.tick()
        got = self.mails(["matti@example.fi"])
        link_path(self.one(got, "matti@example.fi"), "book_again")

        # Another booking: the guest cancels it from the mail.
        s2 = at(8, 7)
        b2 = self.guest_books("aurora", "hieronta", s2, "Liisa Virtanen", "liisa@example.fi", "fi", "Europe/Helsinki")
        got = self.mails(["liisa@example.fi", "mika@aurora.fi"])
        cancel, page = self.opens(self.one(got, "liisa@example.fi"), "cancel", "fi")
        self.assertIn("Peruuta ajanvaraus", page.raw.decode())
        done = self.call("POST", cancel)
        self.assertEqual(done.status, 200, done)
        got = self.mails(["liisa@example.fi", "mika@aurora.fi"])
        link_path(self.one(got, "liisa@example.fi"), "book_again")
        self.assertIn("METHOD:CANCEL", ics_of(self.one(got, "liisa@example.fi")))
        self.assertEqual(self.owner("GET", "/v1/admin/bookings/" + b2["uid"]).json["status"], "cancelled")

        # A third: staff reject it from the mail.
        s3 = at(8, 10)
        self.guest_books("aurora", "hieronta", s3, "Pekka Korhonen", "pekka@example.fi", "fi", "Europe/Helsinki")
        got = self.mails(["pekka@example.fi", "mika@aurora.fi"])
        reject, _ = self.opens(self.one(got, "mika@aurora.fi"), "reject", "fi")
        self.assertEqual(self.call("POST", reject).status, 200)
        got = self.mails(["pekka@example.fi", "mika@aurora.fi"])
        link_path(self.one(got, "pekka@example.fi"), "book_again")
        self.says_when(self.one(got, "pekka@example.fi"), s3, s3 + datetime.timedelta(minutes=45))

        # A fourth: approved, completed, marked no-show.
        s4 = at(9, 12)
        b4 = self.guest_books("aurora", "hieronta", s4, "Anna Nieminen", "anna@example.fi", "fi", "Europe/Helsinki")
        self.mails()
        self.assertEqual(self.owner("POST", "/v1/admin/bookings/%s/approve" % b4["uid"]).status, 200)
        self.mails()
        self.advance((s4 + datetime.timedelta(minutes=50) - self.now()).total_seconds())
        self.mails()
        r = self.owner("POST", "/v1/admin/bookings/%s/no-show" % b4["uid"])
        self.assertEqual(r.status, 200, r)
        got = self.mails(["anna@example.fi"])
        link_path(self.one(got, "anna@example.fi"), "book_again")


class Seed000Japanese(Walk):
    """Seed 000 (JA, RECEPTIONIST): a visit coordinated by proposal. The owner proposes
    three times with two rooms; the guest chooses from the mail; completion mails to guest
    and host; the owner edits the visit (time, an added host who reads English, guidance);
    the guest checks in at the kiosk; a second guest asks for other times; deletion."""

    def test_coordinated_visit(self):
        self.setup_account("株式会社サンプル", "ja")
        tanaka = self.host("田中一郎", "tanaka@sample.co.jp", "ja", "Asia/Tokyo", weekly_hours=WORKDAYS)
        smith = self.host("John Smith", "smith@sample.co.jp", "en", "Asia/Tokyo", weekly_hours=WORKDAYS)
        rooms = []
        for n in ("会議室A", "会議室B"):
            r = self.owner("POST", "/v1/admin/rooms", {"name": n})
            self.assertEqual(r.status, 201, r)
            rooms.append(r.json["id"])
        self.name("会議室A", "会議室B")
        self.page({"id": "reception", "name": "来訪受付", "language": "ja", "hosts": [tanaka, smith],
                   "event_types": [{"id": "visit", "name": {"ja": "ご来訪", "en": "Visit"}, "duration_minutes": 60,
                                    "rooms": rooms, "buffer_before_minutes": 0, "buffer_after_minutes": 0}]})
        self.name("来訪受付", "ご来訪")
        # Tuesday to Thursday, 10:00, 13:00 and 15:00 in Tokyo.
        cands = [at(1, 1), at(2, 4), at(3, 6)]
        p = self.owner("POST", "/v1/admin/proposals", {
            "page": "reception", "event_type": "visit", "host": tanaka, "rooms": rooms, "send_mail": True,
            "visibility": "public", "message": "当日は3階受付にお越しください。",
            "candidates": [{"start": iso(c), "end": iso(c + datetime.timedelta(hours=1))} for c in cands],
            "guests": [{"name": "三田花子", "company": "株式会社テスト", "email": "hanako@test.co.jp", "language": "ja",
                        "timezone": "Asia/Tokyo"}]})
        self.assertEqual(p.status, 201, p)
        self.person("hanako@test.co.jp", "ja", "Asia/Tokyo")
        self.name("三田花子", "株式会社テスト", "当日は3階受付にお越しください。")
        got = self.mails(["hanako@test.co.jp"])
        invite = self.one(got, "hanako@test.co.jp")
        for c in cands:
            self.says_when(invite, c, c + datetime.timedelta(hours=1))
        choose, opened = self.opens(invite, "choose", "ja", status=302)
        self.assertIn("lang=ja", opened.header("Location"))
        link_path(invite, "ask_other_times")
        token = urllib.parse.parse_qs(urllib.parse.urlparse(opened.header("Location")).query)["proposal"][0]
        chosen = self.call("POST", "/v1/proposals/%s/choose" % urllib.parse.quote(token), {"start": iso(cands[1])})
        self.assertEqual(chosen.status, 201, chosen)
        code, uid = chosen.json["checkin_code"], chosen.json["uid"]
        start, end = cands[1], cands[1] + datetime.timedelta(hours=1)
        got = self.mails(["hanako@test.co.jp", "tanaka@sample.co.jp"])
        guest, host = self.one(got, "hanako@test.co.jp"), self.one(got, "tanaka@sample.co.jp")
        self.assertEqual(guest["Subject"], "[株式会社サンプル]アポイントメントの日程が確定しました")
        self.assertEqual(host["Subject"], "[%s]来訪:株式会社テスト:三田花子様" % code)
        for m in (guest, host):
            self.says_when(m, start, end)
            self.assertIn("SUMMARY:来訪: 株式会社テスト:三田花子 様", ics_of(m))
        self.assertIn("当日は3階受付にお越しください。", text_of(guest))
        self.assertIn(code, text_of(guest))

        # The owner moves the visit an hour later, adds John Smith and changes the guidance.
        moved = start + datetime.timedelta(hours=1)
        r = self.owner("PATCH", "/v1/admin/bookings/" + uid, {"start": iso(moved), "hosts": [tanaka, smith],
                                                              "guidance": "2階の応接室へお越しください。", "notify": True})
        self.assertEqual(r.status, 200, r)
        self.name("2階の応接室へお越しください。")
        mend = moved + datetime.timedelta(hours=1)
        got = self.mails(["hanako@test.co.jp", "tanaka@sample.co.jp", "smith@sample.co.jp"])
        for a in got:
            self.says_when(self.one(got, a), moved, mend)
            self.assertIn("SEQUENCE:1", ics_of(self.one(got, a)))
        self.assertIn("2階の応接室へお越しください。", text_of(self.one(got, "hanako@test.co.jp")))
        # The guest learns of the added host; every calendar copy keeps the visit's title.
        self.assertIn("担当者: 田中一郎、John Smith", text_of(self.one(got, "hanako@test.co.jp")))
        self.assertIn("SUMMARY:来訪: 株式会社テスト:三田花子 様", ics_of(self.one(got, "hanako@test.co.jp")))
        self.assertIn("SUMMARY:Visit: 株式会社テスト: 三田花子", ics_of(self.one(got, "smith@sample.co.jp")))
        # John is taken off again: he is told, in English.
        r = self.owner("PATCH", "/v1/admin/bookings/" + uid, {"hosts": [tanaka], "notify": False})
        self.assertEqual(r.status, 200, r)
        got = self.mails(["tanaka@sample.co.jp", "smith@sample.co.jp"])
        self.assertIn("METHOD:CANCEL", ics_of(self.one(got, "smith@sample.co.jp")))

        # The guest arrives: the kiosk takes the reception code, the host hears at once.
        self.advance((moved - datetime.timedelta(minutes=10) - self.now()).total_seconds())
        self.mails()
        r = self.call("POST", "/v1/checkin/" + code)
        self.assertEqual(r.status, 200, r)
        got = self.mails(["tanaka@sample.co.jp"])
        self.says_when(self.one(got, "tanaka@sample.co.jp"), moved, mend)

        # A second visitor asks for other times, with a message.
        later = at(8, 2)
        p2 = self.owner("POST", "/v1/admin/proposals", {
            "page": "reception", "event_type": "visit", "host": tanaka, "send_mail": True, "visibility": "private",
            "candidates": [{"start": iso(later), "end": iso(later + datetime.timedelta(hours=1))}],
            "guests": [{"name": "山田二郎", "company": "山田商事", "email": "jiro@yamada.jp", "language": "ja"}]})
        self.assertEqual(p2.status, 201, p2)
        self.person("jiro@yamada.jp", "ja", "Asia/Tokyo")
        self.name("山田二郎", "山田商事", "来週でお願いします")
        got = self.mails(["jiro@yamada.jp"])
        other, opened = self.opens(self.one(got, "jiro@yamada.jp"), "ask_other_times", "ja", status=302)
        token = urllib.parse.parse_qs(urllib.parse.urlparse(opened.header("Location")).query)["proposal"][0]
        r = self.call("POST", "/v1/proposals/%s/readjust" % urllib.parse.quote(token), {"message": "来週でお願いします"})
        self.assertEqual(r.status, 200, r)
        got = self.mails(["tanaka@sample.co.jp"])
        warn = self.one(got, "tanaka@sample.co.jp")
        self.assertIn("山田二郎", warn["Subject"])
        self.assertTrue(warn["Subject"].startswith("【重要】"), warn["Subject"])
        self.assertIn("来週でお願いします", text_of(warn))

        # A visit booked on the page, cancelled by the owner: both hear of it, in Japanese.
        s3 = at(9, 1)
        b3 = self.guest_books("reception", "visit", s3, "三田花子", "hanako@test.co.jp", "ja", "Asia/Tokyo")
        self.mails(["hanako@test.co.jp", "tanaka@sample.co.jp"])
        r = self.owner("POST", "/v1/admin/bookings/%s/cancel" % b3["uid"], {"reason": "担当者の急用のため"})
        self.assertEqual(r.status, 200, r)
        self.name("担当者の急用のため")
        got = self.mails(["hanako@test.co.jp", "tanaka@sample.co.jp"])
        for a in got:
            self.says_when(self.one(got, a), s3, s3 + datetime.timedelta(hours=1))
            self.assertIn("METHOD:CANCEL", ics_of(self.one(got, a)))


class Seed002German(Walk):
    """Seed 002 (DE, levatis): confirmation requests for existing appointments. Two
    appointments of one customer in a week; the request to the customer and the office,
    held 10 minutes; the customer accepts from the mail; a change after sending mails an
    update; a second request is declined into the Declined tray; a deletion after sending
    mails a cancellation."""

    def test_confirmation_requests(self):
        self.setup_account("Levatis Service GmbH", "de")
        weber = self.host("Jürgen Weber", "weber@levatis.de", "de", "Europe/Berlin", weekly_hours=WORKDAYS)
        self.page({"id": "service", "name": "Kundendienst", "language": "de", "hosts": [weber],
                   "event_types": [{"id": "wartung", "name": {"de": "Wartung", "en": "Maintenance"},
                                    "duration_minutes": 60, "buffer_before_minutes": 0, "buffer_after_minutes": 0}]})
        self.name("Kundendienst", "Wartung")
        s1, s2 = at(1, 8), at(3, 12)  # Tuesday 09:00 and Thursday 13:00 in Berlin
        b1 = self.guest_books("service", "wartung", s1, "Anna Schmidt", "anna@kunde.de", "de", "Europe/Berlin")
        b2 = self.guest_books("service", "wartung", s2, "Anna Schmidt", "anna@kunde.de", "de", "Europe/Berlin")
        self.mails(["anna@kunde.de", "weber@levatis.de"])
        rel = self.owner("GET", "/v1/admin/bookings/%s/related" % b1["uid"])
        self.assertEqual(rel.status, 200, rel)
        self.person("buero@kunde.de", "de", "Europe/Berlin")
        r = self.owner("POST", "/v1/admin/confirmation-requests",
                       {"bookings": [b1["uid"], b2["uid"]], "recipients": ["anna@kunde.de", "buero@kunde.de"],
                        "allow_decline": True, "message": "Bitte bringen Sie den Schlüssel mit."})
        self.assertEqual(r.status, 201, r)
        self.name("Bitte bringen Sie den Schlüssel mit.")
        self.advance(5 * 60)
        self.assertEqual(self.mails(), {}, "held for 10 minutes")
        self.advance(5 * 60 + 5)
        got = self.mails(["anna@kunde.de", "buero@kunde.de"])
        for a in got:
            m = self.one(got, a)
            self.says_when(m, s1, s1 + datetime.timedelta(hours=1))
            self.says_when(m, s2, s2 + datetime.timedelta(hours=1))
            self.assertIn("Bitte bringen Sie den Schlüssel mit.", text_of(m))
        self.assertTrue(text_of(self.one(got, "anna@kunde.de")).startswith("Guten Tag Anna Schmidt,"))
        # The office is not greeted as the customer.
        self.assertTrue(text_of(self.one(got, "buero@kunde.de")).startswith("Bitte bestätigen Sie"),
                        text_of(self.one(got, "buero@kunde.de")))
        accept, opened = self.opens(self.one(got, "anna@kunde.de"), "accept", "de", status=302)
        self.assertIn("lang=de", opened.header("Location"))
        done = self.call("POST", accept)
        self.assertEqual(done.status, 200, done)
        self.assertIn("lang=\"de\"", done.raw.decode())
        view = self.owner("GET", "/v1/admin/bookings/" + b1["uid"]).json
        self.assertEqual(view["request"]["state"], "accepted")
        self.mails()

        # The appointment changes after the mail went out: an update (in German).
        moved = s1 + datetime.timedelta(hours=2)
        r = self.owner("PATCH", "/v1/admin/bookings/" + b1["uid"], {"start": iso(moved), "notify": True})
        self.assertEqual(r.status, 200, r)
        got = self.mails()
        self.assertIn("anna@kunde.de", got)
        for a in got:
            self.says_when(got[a][0], moved, moved + datetime.timedelta(hours=1))

        # A second request, declined by the office: the Declined tray.
        s3 = at(7, 8)
        b3 = self.guest_books("service", "wartung", s3, "Anna Schmidt", "anna@kunde.de", "de", "Europe/Berlin")
        self.mails()
        r = self.owner("POST", "/v1/admin/confirmation-requests",
                       {"bookings": [b3["uid"]], "recipients": ["buero@kunde.de"], "allow_decline": True})
        self.assertEqual(r.status, 201, r)
        self.advance(10 * 60 + 5)
        got = self.mails(["buero@kunde.de"])
        decline, opened = self.opens(self.one(got, "buero@kunde.de"), "decline", "de", status=302)
        self.assertEqual(self.call("POST", decline).status, 200)
        tray = self.owner("GET", "/v1/admin/bookings?tray=declined").json["items"]
        self.assertEqual([x["uid"] for x in tray], [b3["uid"]])
        self.mails()

        # A request without the right to decline: one link only; deleting afterwards
        # mails the cancellation.
        r = self.owner("POST", "/v1/admin/confirmation-requests",
                       {"bookings": [b2["uid"]], "recipients": ["anna@kunde.de"], "allow_decline": False})
        self.assertEqual(r.status, 201, r)
        self.advance(10 * 60 + 5)
        got = self.mails(["anna@kunde.de"])
        m = self.one(got, "anna@kunde.de")
        self.assertEqual([u.path.split(".")[0] for u in links_of(m)], ["/v1/links/accept"])
        self.assertEqual(self.owner("DELETE", "/v1/admin/bookings/" + b2["uid"]).status, 204)
        got = self.mails()
        self.assertIn("anna@kunde.de", got)
        for m in got["anna@kunde.de"]:
            self.says_when(m, s2, s2 + datetime.timedelta(hours=1))  # Berlin, not UTC
            self.assertIn("SUMMARY:Wartung", ics_of(m))


class Seed003Hungarian(Walk):
    """Seed 003 (HU, MiniCRM): a booking page with two hosts who all attend ("ÉS"), the
    default 15-minute buffers and the responsible host's zone; a guest in another zone
    reads the time in hers; cancel from the mail; a disabled page refuses bookings."""

    def test_booking_page_with_all_hosts(self):
        self.setup_account("MiniCRM Kft.", "hu")
        kovacs = self.host("Kovács Péter", "kovacs@minicrm.hu", "hu", "Europe/Budapest")
        nagy = self.host("Nagy Anna", "nagy@minicrm.hu", "hu", "Europe/Budapest")
        self.page({"id": "idopont", "name": "Időpontfoglaló", "language": "hu", "hosts": [kovacs, nagy],
                   "host_mode": "all",
                   "event_types": [{"id": "bemutato", "name": {"hu": "Termékbemutató", "en": "Product demo"},
                                    "duration_minutes": 30}]})
        self.name("Időpontfoglaló", "Termékbemutató")
        start = at(1, 9)  # Tuesday 10:00 in Budapest
        b = self.guest_books("idopont", "bemutato", start, "Szabó Éva", "eva@pelda.hu", "hu", "Europe/Budapest")
        self.assertEqual(sorted(b["hosts"]), sorted([kovacs, nagy]))
        end = start + datetime.timedelta(minutes=30)
        got = self.mails(["eva@pelda.hu", "kovacs@minicrm.hu", "nagy@minicrm.hu"])
        for a in got:
            self.says_when(self.one(got, a), start, end)
        # The buffers: 10:30 is not offered, 10:45 (start + 30 + 15) is... with the grid.
        self.assertEqual(self.call("POST", "/v1/bookings", {
            "page": "idopont", "event_type": "bemutato", "start": iso(end),
            "guest": {"name": "X", "email": "x@pelda.hu"}}).status, 409)
        # A guest in London reads London time, in Hungarian.
        s2 = at(2, 12)
        self.guest_books("idopont", "bemutato", s2, "Tóth Gábor", "gabor@pelda.hu", "hu", "Europe/London")
        got = self.mails(["gabor@pelda.hu", "kovacs@minicrm.hu", "nagy@minicrm.hu"])
        for a in got:
            self.says_when(self.one(got, a), s2, s2 + datetime.timedelta(minutes=30))
        cancel, page = self.opens(self.one(got, "gabor@pelda.hu"), "cancel", "hu")
        self.assertIn("Foglalás lemondása", page.raw.decode())
        self.assertEqual(self.call("POST", cancel).status, 200)
        got = self.mails(["gabor@pelda.hu", "kovacs@minicrm.hu", "nagy@minicrm.hu"])
        link_path(self.one(got, "gabor@pelda.hu"), "book_again")
        # The page in the bin: a clear refusal, nothing stored, no mail.
        page = self.owner("GET", "/v1/admin/pages/idopont").json
        page["enabled"] = False
        r = self.owner("PUT", "/v1/admin/pages/idopont", {k: page[k] for k in ("name", "hosts", "event_types",
                                                                                  "language", "host_mode", "enabled")})
        self.assertEqual(r.status, 200, r)
        r = self.call("POST", "/v1/bookings", {"page": "idopont", "event_type": "bemutato", "start": iso(at(3, 9)),
                                               "guest": {"name": "Y", "email": "y@pelda.hu", "language": "hu"}})
        self.assertEqual(r.status, 409, r)
        self.assertEqual(r.json["code"], "page_disabled")
        self.assertEqual(self.mails(), {})


class Seed004Clinic(Walk):
    """Seed 004 (JA, a clinic's mail manual): inquiries — a plain question and a wish for
    a time — acknowledged to the guest and announced to the store's staff, a typo in the
    address caught when typed, staff's reply, the daily report of unconverted inquiries."""

    def test_inquiries_and_the_daily_report(self):
        self.setup_account("はり灸サロン", "ja")
        loc = self.owner("POST", "/v1/admin/locations", {"name": {"ja": "渋谷店", "en": "Shibuya"},
                                                         "address": "東京都渋谷区1-2-3", "timezone": "Asia/Tokyo"})
        self.assertEqual(loc.status, 201, loc)
        self.name("渋谷店", "東京都渋谷区1-2-3")
        kawachi = self.host("河内奈美", "kawachi@salon.jp", "ja", "Asia/Tokyo", location=loc.json["id"])
        self.page({"id": "salon", "name": "はり灸サロン 予約", "language": "ja", "hosts": [kawachi],
                   "event_types": [{"id": "hari", "name": "ひ鍼", "duration_minutes": 60, "location": loc.json["id"],
                                    "buffer_before_minutes": 0, "buffer_after_minutes": 0}]})
        self.name("はり灸サロン 予約", "ひ鍼")
        # "@gmail.con": the widget suggests gmail.com as it is typed (R-INQ-3, core email
        # check, mail.units); the guest may ignore it, so the server does not refuse it.
        self.person("mai@gmail.com", "ja", "Asia/Tokyo")
        self.name("川村麻衣", "駐車場はありますか?")
        q = self.call("POST", "/v1/inquiries", {"page": "salon", "kind": "question", "message": "駐車場はありますか?",
                                                "language": "ja", "location": loc.json["id"],
                                                "guest": {"name": "川村麻衣", "email": "mai@gmail.com"}})
        self.assertEqual(q.status, 201, q)
        got = self.mails(["mai@gmail.com", "kawachi@salon.jp"])
        self.assertIn("駐車場はありますか?", text_of(self.one(got, "mai@gmail.com")))
        wish = at(2, 1)
        self.person("ken@au.com", "ja", "Asia/Tokyo")
        self.name("佐藤健", "水曜の午前は空いていますか")
        w = self.call("POST", "/v1/inquiries", {
            "page": "salon", "kind": "booking_request", "message": "水曜の午前は空いていますか", "language": "ja",
            "wished_times": [{"start": iso(wish), "end": iso(wish + datetime.timedelta(hours=1))}],
            "guest": {"name": "佐藤健", "email": "ken@au.com", "phone": "090-1234-5678"}})
        self.assertEqual(w.status, 201, w)
        got = self.mails(["ken@au.com", "kawachi@salon.jp"])
        self.says_when(self.one(got, "kawachi@salon.jp"), wish, wish + datetime.timedelta(hours=1))
        self.name("10時からご案内できます。")
        r = self.owner("POST", "/v1/admin/inquiries/%s/reply" % w.json["id"], {"message": "10時からご案内できます。"})
        self.assertEqual(r.status, 200, r)
        got = self.mails(["ken@au.com"])
        self.assertIn("10時からご案内できます。", text_of(self.one(got, "ken@au.com")))
        # The report of inquiries that led to no booking, mailed each morning.
        self.person("leader@salon.jp", "ja", "Asia/Tokyo")
        r = self.owner("PUT", "/v1/admin/reports/settings", {"report_time": "08:30", "timezone": "Asia/Tokyo",
                                                              "language": "ja", "subscribers": ["leader@salon.jp"]})
        self.assertEqual(r.status, 200, r)
        self.advance(3 * 86400)
        got = self.mails()
        self.assertIn("leader@salon.jp", got)
        # A guest books; the store is named in the mail.
        s = at(4, 1)
        self.guest_books("salon", "hari", s, "川村麻衣", "mai@gmail.com", "ja", "Asia/Tokyo")
        got = self.mails(["mai@gmail.com", "kawachi@salon.jp"])
        m = self.one(got, "mai@gmail.com")
        self.says_when(m, s, s + datetime.timedelta(hours=1))
        self.assertIn("渋谷店", text_of(m))
        # A visitor from abroad books in English from Sydney: her mail is English, in
        # Sydney time, naming the store in English; the staff's stays Japanese, Tokyo time.
        s5 = at(4, 3)
        self.guest_books("salon", "hari", s5, "Emma Brown", "emma@example.com", "en", "Australia/Sydney")
        got = self.mails(["emma@example.com", "kawachi@salon.jp"])
        for a in got:
            self.says_when(self.one(got, a), s5, s5 + datetime.timedelta(hours=1))
        self.assertIn("Shibuya", text_of(self.one(got, "emma@example.com")))
        self.assertIn("渋谷店", text_of(self.one(got, "kawachi@salon.jp")))


if __name__ == "__main__":
    import unittest
    unittest.main()
