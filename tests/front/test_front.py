"""Front office over real HTTP and real SMTP (issue 14): locations, labels, inquiries
(reply → awaiting reply → unconverted the day after next, on the test clock), the
unconverted report and its daily mail at the chosen local hour across a DST change,
finding a guest (full-width names, differently written phones), manual mail, staff SMS
reminders and the reception check-in API."""
import datetime
import re
import unittest

from front_base import FrontServer, iso, parse, text_of


def calendar_of(m):
    for part in m.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_content()
    return ""


class LocationsAndLabels(FrontServer):
    def test_locations_crud_and_their_use_on_hosts_and_rooms(self):
        loc = self.ok(self.owner("POST", "/v1/admin/locations",
                                 {"name": {"en": "Shibuya office", "ja": "渋谷オフィス"}, "address": "Shibuya 1-2-3, Tokyo",
                                  "phone": "+81 3-1234-5678", "timezone": "Asia/Tokyo"}), 201)
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/locations/" + loc["id"]))["name"]["ja"], "渋谷オフィス")
        put = self.ok(self.owner("PUT", "/v1/admin/locations/" + loc["id"], {"address": "Shibuya 2-3-4, Tokyo"}))
        self.assertEqual(put["address"], "Shibuya 2-3-4, Tokyo")
        self.assertEqual(put["name"]["en"], "Shibuya office")
        self.problem(self.owner("POST", "/v1/admin/locations", {"address": "x"}), 422, "missing_field", "name")
        self.problem(self.owner("POST", "/v1/admin/locations", {"name": "x", "address": "y", "timezone": "Mars/Base"}),
                     422, "unknown_zone", "timezone")
        other = self.location("Helsinki office", "Mannerheimintie 1")
        h1 = self.host("Yui", "yui@clinic.test", location=loc["id"], phone="+81 90-0000-0000", sms_reminders=True)
        self.host("Aino", "aino@clinic.test", location=other)
        self.problem(self.owner("POST", "/v1/admin/hosts", {"name": "X", "email": "x@clinic.test", "timezone": "UTC",
                                                            "location": "loc_nope"}), 422, "unknown_location", "location")
        hosts = self.ok(self.owner("GET", "/v1/admin/hosts?location=" + loc["id"]))["hosts"]
        self.assertEqual([h["id"] for h in hosts], [h1])
        self.assertEqual(hosts[0]["phone"], "+81 90-0000-0000")
        self.assertTrue(hosts[0]["sms_reminders"])
        room = self.ok(self.owner("POST", "/v1/admin/rooms", {"name": "Room A", "location": loc["id"]}), 201)
        self.ok(self.owner("POST", "/v1/admin/rooms", {"name": "Sauna", "location": other}), 201)
        rooms = self.ok(self.owner("GET", "/v1/admin/rooms?location=" + loc["id"]))["rooms"]
        self.assertEqual([r["id"] for r in rooms], [room["id"]])
        listed = self.ok(self.owner("GET", "/v1/admin/locations"))
        self.assertEqual(len(listed["items"]), 2)
        self.assertIsNone(listed["next_cursor"])
        self.assertEqual(self.owner("DELETE", "/v1/admin/locations/" + other).status, 204)
        self.problem(self.owner("GET", "/v1/admin/locations/" + other), 404, "not_found")
        # Another account does not see them.
        self.problem(self.call("GET", "/v1/admin/locations/" + loc["id"], key="someone-else"), 403, "forbidden")

    def test_labels_on_bookings_and_the_label_filter(self):
        staff = self.ok(self.owner("POST", "/v1/admin/labels", {"name": "対応スタッフ/河内", "kind": "staff"}), 201)
        vendor = self.ok(self.owner("POST", "/v1/admin/labels", {"name": "業者", "kind": "custom", "color": "#aa3300"}), 201)
        check = self.ok(self.owner("POST", "/v1/admin/labels", {"name": "確認", "kind": "custom"}), 201)
        self.problem(self.owner("POST", "/v1/admin/labels", {"name": "x", "kind": "mood"}), 422, "invalid_kind", "kind")
        self.problem(self.owner("POST", "/v1/admin/labels", {"name": "x", "kind": "custom", "color": "red"}), 422,
                     "invalid_color", "color")
        renamed = self.ok(self.owner("PUT", "/v1/admin/labels/" + check["id"], {"name": "確認（リーダー）", "color": "#0055aa"}))
        self.assertEqual((renamed["name"], renamed["color"], renamed["kind"]), ("確認（リーダー）", "#0055aa", "custom"))
        self.problem(self.owner("PUT", "/v1/admin/labels/" + check["id"], {"kind": "staff"}), 422, "immutable_field", "kind")
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/labels/" + check["id"]))["name"], "確認（リーダー）")
        kinds = self.ok(self.owner("GET", "/v1/admin/labels?kind=custom"))["items"]
        self.assertEqual({l["name"] for l in kinds}, {"業者", "確認（リーダー）"})
        h = self.host("Label Host", "label-host@clinic.test")
        self.page("labels", [h])
        b1 = self.book("labels", self.slot(48), mail="l1@example.com")
        b2 = self.book("labels", self.slot(50), mail="l2@example.com")
        r = self.ok(self.owner("PATCH", "/v1/admin/bookings/" + b1["uid"], {"labels": [staff["id"], vendor["id"]]}))
        self.assertEqual(r["labels"], [staff["id"], vendor["id"]])
        self.ok(self.owner("PATCH", "/v1/admin/bookings/" + b2["uid"], {"labels": [check["id"]]}))
        self.problem(self.owner("PATCH", "/v1/admin/bookings/" + b2["uid"], {"labels": ["lab_nope"]}), 422,
                     "unknown_label", "labels[0]")
        got = self.ok(self.owner("GET", "/v1/admin/bookings?label=" + vendor["id"]))["items"]
        self.assertEqual([b["uid"] for b in got], [b1["uid"]])
        # Deleting a label keeps the bookings; the label is gone from the list.
        self.assertEqual(self.owner("DELETE", "/v1/admin/labels/" + check["id"]).status, 204)
        self.assertNotIn(check["id"], [l["id"] for l in self.ok(self.owner("GET", "/v1/admin/labels"))["items"]])


class OfficeInMails(FrontServer):
    def test_mail_and_ics_carry_office_address_and_room_and_staff_can_move_the_visit(self):
        shibuya = self.location("Shibuya office", "Shibuya 1-2-3, Tokyo")
        shinjuku = self.location("Shinjuku office", "Nishi-Shinjuku 2-8-1, Tokyo")
        h = self.host("Office Host", "office-host@clinic.test")
        room = self.ok(self.owner("POST", "/v1/admin/rooms", {"name": "Room Sakura", "location": shibuya}), 201)["id"]
        self.page("office", [h], location=shibuya, rooms=[room])
        public = self.ok(self.call("GET", "/v1/pages/office"))
        self.assertEqual(public["event_types"][0]["location"]["address"], "Shibuya 1-2-3, Tokyo")
        b = self.book("office", self.slot(30), mail="visitor@example.com")
        self.tick()
        guest = self.mail_to("visitor@example.com", self.new_mail())
        self.assertEqual(len(guest), 1)
        body = text_of(guest[0])
        self.assertIn("Shibuya office, Shibuya 1-2-3, Tokyo · Room Sakura", body)
        self.assertIn("LOCATION:Shibuya office\\, Shibuya 1-2-3\\, Tokyo · Room Sakura", calendar_of(guest[0]).replace("\r\n", "\n").replace("\n ", ""))
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/bookings?location=" + shibuya))["items"][0]["uid"], b["uid"])
        # Staff move the visit to another office and mail the guest (seed 000's "office" edit).
        self.problem(self.owner("PATCH", "/v1/admin/bookings/" + b["uid"], {"location": "loc_nope", "notify": True}), 422,
                     "unknown_location", "location")
        moved = self.ok(self.owner("PATCH", "/v1/admin/bookings/" + b["uid"], {"location": shinjuku, "notify": True}))
        self.assertEqual(moved["location"], shinjuku)
        self.tick()
        update = self.mail_to("visitor@example.com", self.new_mail())
        self.assertEqual(len(update), 1)
        self.assertIn("Shinjuku office, Nishi-Shinjuku 2-8-1, Tokyo", text_of(update[0]))
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/bookings?location=" + shibuya))["items"], [])


class Inquiries(FrontServer):
    @classmethod
    def before_server(cls):
        pass

    def setUp(self):
        if not hasattr(type(self), "loc"):
            cls = type(self)
            cls.loc = cls.location("Kallio clinic", "Helsinginkatu 1, Helsinki", zone="Europe/Helsinki",
                                   phone="+358 9 123 456")
            cls.staff = cls.host("Reception Kallio", "kallio@clinic.test", zone="Europe/Helsinki", location=cls.loc)
            cls.page("kallio", [cls.staff], location=cls.loc, language="fi")

    def inquire(self, **over):
        body = {"page": "kallio", "kind": "question", "guest": {"name": "Matti Meikäläinen", "email": "matti@example.fi"},
                "message": "Onko teillä parkkipaikkoja?", "language": "fi"}
        body.update(over)
        return self.call("POST", "/v1/inquiries", body)

    def test_bad_input_gets_the_core_codes_and_changes_nothing(self):
        before = len(self.ok(self.owner("GET", "/v1/admin/inquiries"))["items"])
        r = self.inquire(guest={"name": "Taro", "email": "taro@gmail.con"})
        self.assertEqual(r.status, 201)  # a likely typo is only suggested, never refused
        r = self.inquire(guest={"name": "Taro", "email": "taro@.au.com"})
        self.problem(r, 422, "invalid_email", "guest.email")
        self.assertIn("taro@au.com", r.json["detail"])
        self.problem(self.inquire(kind="booking_request"), 422, "missing_field", "wished_times")
        self.problem(self.inquire(kind="complaint"), 422, "invalid_kind", "kind")
        self.problem(self.inquire(message="   "), 422, "missing_field", "message")
        self.problem(self.inquire(guest={"name": "", "email": "a@example.com"}), 422, "missing_field", "guest.name")
        self.problem(self.inquire(page="nope"), 404, "page_not_found")
        self.problem(self.inquire(kind="booking_request", wished_times=[{"start": "2020-01-01T10:00:00Z",
                                                                         "end": "2020-01-01T11:00:00Z"}]),
                     422, "in_past", "wished_times[0]")
        self.problem(self.call("POST", "/v1/inquiries", None, headers={"Content-Type": "application/json"}), 400,
                     "invalid_json")
        self.assertEqual(len(self.ok(self.owner("GET", "/v1/admin/inquiries"))["items"]), before + 1)

    def test_acknowledged_announced_listed_labelled_replied_converted(self):
        self.new_mail()
        store = self.ok(self.owner("POST", "/v1/admin/labels", {"name": "ヘルシンキ/カッリオ", "kind": "location",
                                                              "location": self.loc}), 201)["id"]
        start = (self.now() + datetime.timedelta(days=3)).replace(minute=0, second=0)
        r = self.ok(self.inquire(kind="booking_request", guest={"name": "三田花子", "email": "hanako@example.jp",
                                                                  "phone": "090-1111-2222"},
                                 message="来週の火曜日の午後は空いていますか?\n二人で伺います。", language="ja",
                                 wished_times=[{"start": iso(start), "end": iso(start + datetime.timedelta(hours=2))}]), 201)
        self.assertEqual(r["state"], "new")
        # Seed 004: the web form's inquiry carries its store's label from the start.
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/inquiries/" + r["id"]))["labels"], [store])
        self.tick()
        mails = self.new_mail()
        ack = self.mail_to("hanako@example.jp", mails)
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack[0]["Subject"], "【お問い合わせ受付】Kallio clinic")
        self.assertIn("> 来週の火曜日の午後は空いていますか?\n> 二人で伺います。", text_of(ack[0]))
        self.assertIn("(Europe/Helsinki)", text_of(ack[0]))
        staff = self.mail_to("kallio@clinic.test", mails)
        self.assertEqual(len(staff), 1)
        self.assertIn("三田花子", staff[0]["Subject"])
        # Labels and filters.
        vendor = self.ok(self.owner("POST", "/v1/admin/labels", {"name": "業者", "kind": "custom"}), 201)["id"]
        self.ok(self.owner("PATCH", "/v1/admin/inquiries/" + r["id"], {"labels": [vendor], "staff": self.staff}))
        self.assertEqual([i["id"] for i in self.ok(self.owner("GET", "/v1/admin/inquiries?label=" + vendor))["items"]], [r["id"]])
        self.assertIn(r["id"], [i["id"] for i in self.ok(self.owner("GET", "/v1/admin/inquiries?location=" + self.loc))["items"]])
        self.assertEqual([i["id"] for i in self.ok(self.owner("GET", "/v1/admin/inquiries?q=%E4%B8%89%E7%94%B0"))["items"]], [r["id"]])
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/inquiries?location=loc_other"))["items"], [])
        self.problem(self.owner("GET", "/v1/admin/inquiries?state=lost"), 422, "invalid_state", "state")
        self.problem(self.owner("PATCH", "/v1/admin/inquiries/" + r["id"], {"state": "converted"}), 409, "illegal_transition")
        # Reply: the mail quotes the guest, the inquiry awaits the guest's answer.
        rep = self.ok(self.owner("POST", "/v1/admin/inquiries/%s/reply" % r["id"], {"message": "火曜日14時はいかがでしょうか。"}))
        self.assertEqual(rep["state"], "awaiting_reply")
        self.tick()
        reply = self.mail_to("hanako@example.jp", self.new_mail())
        self.assertEqual(len(reply), 1)
        self.assertTrue(reply[0]["Subject"].startswith("Re:"))
        self.assertIn("火曜日14時はいかがでしょうか。", text_of(reply[0]))
        self.assertIn("> 二人で伺います。", text_of(reply[0]))
        # The guest answers and books: convert with the guest's data (booking_draft).
        got = self.ok(self.owner("GET", "/v1/admin/inquiries/" + r["id"]))
        self.assertEqual(got["booking_draft"]["guest"]["email"], "hanako@example.jp")
        self.assertEqual(got["booking_draft"]["start"], iso(start))
        b = self.book("kallio", iso(start), name="三田花子", mail="hanako@example.jp")
        self.problem(self.owner("POST", "/v1/admin/inquiries/%s/convert" % r["id"], {"booking": "b_nope"}), 422,
                     "unknown_booking")
        conv = self.ok(self.owner("POST", "/v1/admin/inquiries/%s/convert" % r["id"], {"booking": b["uid"]}))
        self.assertEqual((conv["state"], conv["booking"]), ("converted", b["uid"]))
        self.problem(self.owner("POST", "/v1/admin/inquiries/%s/reply" % r["id"], {"message": "x"}), 409, "illegal_transition")
        self.problem(self.owner("GET", "/v1/admin/inquiries/inq_nope"), 404, "not_found")


class UnconvertedNextDayAcrossDst(FrontServer):
    """Europe/Helsinki moves to summer time on Sunday 2027-03-28 (03:00 → 04:00): the
    report mail at 08:00 local is due at 05:00 UTC that day, not at 06:00."""

    def test_awaiting_reply_becomes_unconverted_and_is_reported_at_the_local_hour(self):
        loc = self.location("Kallio clinic", "Helsinginkatu 1", zone="Europe/Helsinki")
        h = self.host("Evening shift", "evening@clinic.test", zone="Europe/Helsinki", location=loc)
        self.page("dst", [h], location=loc)
        self.set_clock(datetime.datetime(2027, 3, 26, 9, 0))  # Friday 11:00 in Helsinki
        self.ok(self.owner("PUT", "/v1/admin/reports/settings",
                           {"report_time": "08:00", "timezone": "Europe/Helsinki", "subscribers": ["leader@clinic.test"]}))
        self.problem(self.owner("PUT", "/v1/admin/reports/settings", {"report_time": "25:00"}), 422, "invalid_time")
        wish = datetime.datetime(2027, 3, 30, 10, 0)
        inq = self.ok(self.call("POST", "/v1/inquiries", {
            "page": "dst", "kind": "booking_request", "guest": {"name": "Liisa", "email": "liisa@example.fi"},
            "message": "Sopiiko tiistai?", "wished_times": [{"start": iso(wish), "end": iso(wish + datetime.timedelta(hours=1))}]}), 201)
        question = self.ok(self.call("POST", "/v1/inquiries", {
            "page": "dst", "kind": "question", "guest": {"name": "Pekka", "email": "pekka@example.fi"},
            "message": "Hinnasto?"}), 201)
        self.ok(self.owner("POST", "/v1/admin/inquiries/%s/reply" % inq["id"], {"message": "Tiistai klo 13 sopii."}))
        self.tick()
        self.new_mail()
        # Saturday: the next day, still awaiting the guest.
        self.set_clock(datetime.datetime(2027, 3, 27, 20, 0))
        self.tick()
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/inquiries/" + inq["id"]))["state"], "awaiting_reply")
        # Saturday's report (mailed at 08:00 on Saturday) lists Friday's unanswered question.
        rep = self.ok(self.owner("GET", "/v1/admin/reports/unconverted?date=2027-03-26&location=" + loc))
        self.assertEqual([i["id"] for i in rep["items"]], [question["id"]])
        sat = [m for m in self.new_mail() if "leader@clinic.test" in str(m["To"])]
        self.assertEqual(len(sat), 1)
        self.assertIn("2027-03-26", sat[0]["Subject"])
        self.assertIn("Pekka", text_of(sat[0]))
        # Sunday after midnight: the day after the next has begun → unconverted under Saturday.
        self.set_clock(datetime.datetime(2027, 3, 27, 22, 30))  # 00:30 EET, Sunday
        self.tick()
        got = self.ok(self.owner("GET", "/v1/admin/inquiries/" + inq["id"]))
        self.assertEqual(got["state"], "unconverted")
        self.assertEqual(got["unconverted_on"], "2027-03-27")
        rep = self.ok(self.owner("GET", "/v1/admin/reports/unconverted?date=2027-03-27"))
        self.assertEqual([i["id"] for i in rep["items"]], [inq["id"]])
        self.assertEqual([i["id"] for i in self.ok(self.owner("GET", "/v1/admin/inquiries?state=unconverted"))["items"]],
                         [inq["id"]])
        self.assertEqual(self.mail_to("leader@clinic.test", self.new_mail()), [])
        # 04:59 UTC is 07:59 summer time: not yet. 05:01 UTC is 08:01: the report goes out.
        self.set_clock(datetime.datetime(2027, 3, 28, 4, 59))
        self.tick()
        self.assertEqual(self.mail_to("leader@clinic.test", self.new_mail()), [])
        self.set_clock(datetime.datetime(2027, 3, 28, 5, 1))
        self.tick()
        sun = self.mail_to("leader@clinic.test", self.new_mail())
        self.assertEqual(len(sun), 1)
        self.assertEqual(sun[0]["Subject"], "2027-03-27 inquiries that did not lead to a booking (1)")
        self.assertIn("Liisa <liisa@example.fi>", text_of(sun[0]))
        # Once a day only.
        self.set_clock(datetime.datetime(2027, 3, 28, 18, 0))
        self.tick()
        self.assertEqual(self.mail_to("leader@clinic.test", self.new_mail()), [])


class FindingAGuest(FrontServer):
    def test_full_width_names_and_differently_written_phones_across_bookings_and_inquiries(self):
        h = self.host("Search Host", "search@clinic.test")
        self.page("search", [h])
        b1 = self.book("search", self.slot(40), name="ﾔﾏﾀﾞ ﾀﾛｳ", mail="taro@example.jp", phone="+81 90-1234-5678",
                       company="Ａｃｍｅ 株式会社", notes="駐車場を利用")
        b2 = self.book("search", self.slot(42), name="Jürgen GROSS", mail="jg@example.de", phone="0171 555 0101")
        inq = self.ok(self.call("POST", "/v1/inquiries", {"page": "search", "kind": "question",
                                                            "guest": {"name": "ＹＡＭＡＤＡ Hanako", "email": "hanako@example.jp",
                                                                      "phone": "080-9876-5432"},
                                                            "message": "予約の変更について"}), 201)

        def find(q):
            import urllib.parse
            r = self.ok(self.owner("GET", "/v1/admin/search?q=" + urllib.parse.quote(q)))
            return sorted([b["uid"] for b in r["bookings"]]), [i["id"] for i in r["inquiries"]]

        self.assertEqual(find("ヤマダ"), ([b1["uid"]], []))
        self.assertEqual(find("yamada"), ([], [inq["id"]]))
        self.assertEqual(find("Ｊürgen gross"), ([b2["uid"]], []))
        self.assertEqual(find("090-1234-5678"), ([b1["uid"]], []))
        self.assertEqual(find("09012345678"), ([b1["uid"]], []))
        self.assertEqual(find("+81 80 9876 5432"), ([], [inq["id"]]))
        self.assertEqual(find("+49 171 5550101"), ([b2["uid"]], []))
        self.assertEqual(find("acme"), ([b1["uid"]], []))
        self.assertEqual(find("駐車場"), ([b1["uid"]], []))
        self.assertEqual(find("HANAKO@EXAMPLE.JP"), ([], [inq["id"]]))
        self.assertEqual(find("nobody-here"), ([], []))
        self.problem(self.owner("GET", "/v1/admin/search"), 422, "missing_field", "q")


class ManualMailAndStaffSms(FrontServer):
    def test_manual_mail_to_chosen_bookers_goes_through_the_outbox(self):
        h = self.host("Manual Host", "manual@clinic.test")
        self.page("manual", [h])
        a = self.book("manual", self.slot(30), mail="a@example.com")
        b = self.book("manual", self.slot(31), mail="b@example.com")
        self.book("manual", self.slot(32), mail="not-chosen@example.com")
        self.tick()
        self.new_mail()
        self.problem(self.owner("POST", "/v1/admin/messages", {"bookings": ["b_nope"], "subject": "x", "text": "y"}), 422,
                     "unknown_booking", "bookings[0]")
        self.problem(self.owner("POST", "/v1/admin/messages", {"bookings": [a["uid"]], "subject": "a\nb", "text": "y"}), 422,
                     "invalid_text", "subject")
        r = self.ok(self.owner("POST", "/v1/admin/messages", {"bookings": [a["uid"], b["uid"]], "subject": "Parking closed",
                                                              "text": "The car park is closed on Friday."}), 202)
        self.assertEqual([m["recipient"] for m in r["messages"]], ["a@example.com", "b@example.com"])
        outbox = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + a["uid"]))["messages"]
        self.assertIn("manual.guest", [m["template"] for m in outbox])
        self.tick()
        got = [m for m in self.new_mail() if m["Subject"] == "Parking closed"]
        self.assertEqual(sorted(str(m["To"]) for m in got), ["a@example.com", "b@example.com"])
        self.assertIn("The car park is closed on Friday.", text_of(got[0]))

    def test_hosts_who_want_them_get_reminders_by_sms(self):
        sms = self.host("Sms Host", "sms-host@clinic.test", phone="+358 40 123 4567", sms_reminders=True)
        quiet = self.host("Quiet Host", "quiet-host@clinic.test", phone="+358 40 765 4321")
        self.page("sms1", [sms], notifications={"host_reminders": True, "reminders_minutes": [60]})
        self.page("sms2", [quiet], notifications={"host_reminders": True, "reminders_minutes": [60]})
        b1 = self.book("sms1", self.slot(30))
        b2 = self.book("sms2", self.slot(30))
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b1["uid"]))["messages"]
        texts = [m for m in rows if m["channel"] == "sms" and m["recipient"] == "+358 40 123 4567"]
        self.assertEqual(len(texts), 1, rows)
        self.assertEqual(texts[0]["template"], "booking.reminder_sms.host")
        start = parse(b1["start"])
        self.assertEqual(parse(texts[0]["send_at"]), start - datetime.timedelta(minutes=60))
        rows2 = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b2["uid"]))["messages"]
        self.assertEqual([m for m in rows2 if m["channel"] == "sms" and "765" in m["recipient"]], [])
        # Cancelling the booking cancels the host's SMS with the mail reminder.
        self.ok(self.owner("POST", "/v1/admin/bookings/%s/cancel" % b1["uid"]))
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b1["uid"]))["messages"]
        self.assertEqual([m["state"] for m in rows if m["template"] == "booking.reminder_sms.host"], ["cancelled"])


class ReceptionCheckin(FrontServer):
    def test_right_code_inside_the_window_marks_arrived_and_mails_the_host(self):
        loc = self.location("Shibuya office", "Shibuya 1-2-3")
        h = self.host("Kiosk Host", "kiosk-host@clinic.test", phone="+81 90-2222-3333", location=loc)
        room = self.ok(self.owner("POST", "/v1/admin/rooms", {"name": "Room Fuji"}), 201)["id"]
        self.page("kiosk", [h], location=loc, rooms=[room])
        soon = self.book("kiosk", self.slot(3), name="Suzuki Ichiro", company="Example KK", mail="suzuki@example.jp")
        later = self.book("kiosk", self.slot(30), mail="later@example.jp")
        self.tick()
        self.new_mail()
        looked = self.ok(self.call("GET", "/v1/checkin/" + soon["checkin_code"].lower()))
        self.assertNotIn("guest", looked)
        r = self.ok(self.call("POST", "/v1/checkin/" + soon["checkin_code"].lower()))
        self.assertEqual(r["status"], "arrived")
        self.assertEqual(r["room"], "Room Fuji")
        self.assertEqual(r["hosts"], ["Kiosk Host"])
        self.assertFalse(r["already"])
        for private in ("guest", "uid", "email", "company"):
            self.assertNotIn(private, r)
        self.assertNotIn("Suzuki", str(r))
        self.tick()
        host_mail = self.mail_to("kiosk-host@clinic.test", self.new_mail())
        self.assertEqual(len(host_mail), 1)
        self.assertIn("Suzuki Ichiro", host_mail[0]["Subject"])
        self.assertIn("Room Fuji", text_of(host_mail[0]))
        sms = [m for m in self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + soon["uid"]))["messages"]
               if m["channel"] == "sms"]
        self.assertEqual([m["recipient"] for m in sms], ["+81 90-2222-3333"])
        self.assertIn("arrived_at", self.ok(self.owner("GET", "/v1/admin/bookings/" + soon["uid"])))
        again = self.ok(self.call("POST", "/v1/checkin/" + soon["checkin_code"]))
        self.assertTrue(again["already"])
        self.tick()
        self.assertEqual(self.mail_to("kiosk-host@clinic.test", self.new_mail()), [])
        early = self.call("POST", "/v1/checkin/" + later["checkin_code"])
        self.problem(early, 409, "checkin_too_early")
        self.assertIsNotNone(early.header("X-Checkin-Opens"))

    def test_wrong_guesses_are_slowed_down(self):
        statuses = [self.call("POST", "/v1/checkin/ZZZZZ%d" % (i % 10)).status for i in range(20)]
        self.assertEqual(statuses[0], 404)
        self.assertIn(429, statuses)
        self.assertEqual(statuses[-1], 429)
        self.assertLessEqual(statuses.index(429), 12)


if __name__ == "__main__":
    unittest.main()
