"""Flows a clinic and a sales office walk through (issue 10 §1), read from a real SMTP
sink: languages of request and host mails, cancellations of requested bookings, the
re-adjust message, the visited company, the Declined tray, signed request links and the
calendar SEQUENCE. Each test failed before its fix."""
import datetime
import re
import urllib.parse

from test_mail_flows import MailServer, future_slot, iso, text_of

KEY = "mail-owner-key"


def ics_of(m):
    for part in m.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_content()
    return ""


def link(m, purpose):
    found = re.search(r"https?://\S+/v1/links/%s\.\S+" % purpose, text_of(m))
    assert found, text_of(m)
    u = urllib.parse.urlparse(found.group(0))
    return u.path + ("?" + u.query if u.query else "")


class RequestMails(MailServer):
    def request(self, uids, recipients):
        r = self.owner("POST", "/v1/admin/confirmation-requests",
                       {"bookings": uids, "recipients": recipients, "allow_decline": True})
        assert r.status == 201, r
        return r.json

    def send_held(self):
        self.advance(10 * 60 + 5)
        self.tick()

    def test_request_mails_follow_each_recipients_language(self):
        self.make_page("lang", "de", auto_approve=True)
        b1 = self.book("lang", future_slot(5, 9), language="de", mail="jurgen@example.com")
        b2 = self.book("lang", future_slot(5, 11), language="ja", mail="hanako@example.com")
        self.tick()
        self.new_mail()
        self.request([b1["uid"]], ["jurgen@example.com", "office@example.com"])
        self.request([b2["uid"]], ["hanako@example.com"])
        self.send_held()
        by_to = {str(m["To"]).strip("<>"): m for m in self.new_mail()}
        self.assertEqual(by_to["jurgen@example.com"]["Subject"], "Bitte bestätigen Sie Ihren Termin")
        self.assertEqual(by_to["office@example.com"]["Subject"], "Bitte bestätigen Sie Ihren Termin")  # the page's
        self.assertEqual(by_to["hanako@example.com"]["Subject"], "【ご確認のお願い】アポイントメントの日時について")

    def test_deleting_a_requested_booking_mails_the_real_cancellation(self):
        self.make_page("del", "en", auto_approve=True)
        start = future_slot(6, 10)
        sent = self.book("del", start, mail="sent@example.com")
        accepted = self.book("del", future_slot(6, 13), mail="acc@example.com")
        self.tick()
        self.new_mail()
        self.request([sent["uid"]], ["sent@example.com"])
        req2 = self.request([accepted["uid"]], ["acc@example.com"])
        self.send_held()
        mails = {str(m["To"]).strip("<>"): m for m in self.new_mail()}
        accept = link(mails["acc@example.com"], "accept")
        opened = self.call("GET", accept)
        token = urllib.parse.parse_qs(urllib.parse.urlparse(opened.header("Location")).query)["request"][0]
        self.assertEqual(self.call("POST", "/v1/requests/%s/accept" % urllib.parse.quote(token), {}).status, 200)
        self.tick()
        self.new_mail()
        for b in (sent, accepted):
            self.assertEqual(self.owner("DELETE", "/v1/admin/bookings/" + b["uid"]).status, 204)
        self.tick()
        got = {str(m["To"]).strip("<>"): m for m in self.new_mail()}
        self.assertIn("sent@example.com", got)
        self.assertIn("acc@example.com", got, "the accepted request's recipient hears of the deletion too")
        day = datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
        for m in got.values():
            self.assertEqual(m["Subject"], "Your appointment has been cancelled")
            self.assertNotIn("1970", text_of(m))
            self.assertIn(str(day.year), text_of(m))
        self.assertIn(day.strftime("%B"), text_of(got["sent@example.com"]))
        self.assertEqual(req2["id"][:3], "cr_")

    def test_a_link_without_a_named_recipient_cannot_answer(self):
        self.make_page("who", "en", auto_approve=True)
        b = self.book("who", future_slot(7, 10), mail="who@example.com")
        r = self.request([b["uid"]], ["who@example.com", "boss@example.com"])
        self.send_held()
        self.new_mail()
        # The owner's plain token does not say who answers: the core's recipient check.
        no_one = self.call("POST", "/v1/requests/%s/accept" % r["token"], {})
        self.assertEqual(no_one.status, 403, no_one)
        self.assertEqual(no_one.json["code"], "forbidden")
        ok = self.call("POST", "/v1/requests/%s/accept" % r["token"], {"email": "boss@example.com"})
        self.assertEqual(ok.status, 200, ok)
        self.assertEqual(ok.json["responded_by"], "boss@example.com")

    def test_declined_booking_leaves_the_calendar_for_the_declined_tray(self):
        self.make_page("decl", "en", auto_approve=True, notifications={"reminders_minutes": [60]})
        start = future_slot(8, 10)
        b = self.book("decl", start, mail="decl@example.com")
        self.tick()
        self.new_mail()
        self.request([b["uid"]], ["decl@example.com"])
        self.send_held()
        mail = [m for m in self.new_mail() if "decl@example.com" in str(m["To"])][0]
        opened = self.call("GET", link(mail, "decline"))
        token = urllib.parse.parse_qs(urllib.parse.urlparse(opened.header("Location")).query)["request"][0]
        r = self.call("POST", "/v1/requests/%s/decline" % urllib.parse.quote(token), {"reason": "Ill"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["responded_by"], "decl@example.com")
        view = self.owner("GET", "/v1/admin/bookings/" + b["uid"]).json
        self.assertEqual(view["tray"], "declined")
        self.assertEqual(view["status"], "cancelled")
        self.assertEqual(view["request"]["state"], "declined")
        tray = self.owner("GET", "/v1/admin/bookings?tray=declined").json["items"]
        self.assertEqual([x["uid"] for x in tray], [b["uid"]])
        self.assertEqual(self.owner("GET", "/v1/admin/bookings?tray=elsewhere").status, 422)
        box = self.owner("GET", "/v1/admin/outbox?booking=" + b["uid"]).json["messages"]
        reminders = [m for m in box if m["key"].startswith("reminder:")]
        self.assertTrue(reminders)
        self.assertTrue(all(m["state"] == "cancelled" for m in reminders), reminders)
        again = self.book("decl", start, mail="next@example.com")  # the time is free again
        self.assertEqual(again["start"], start)


class SingleUseLinks(MailServer):
    def test_a_used_link_says_so_and_a_mailed_accept_link_acts_on_post(self):
        self.make_page("links", "en")
        b = self.book("links", future_slot(4, 9), mail="links@example.com")
        self.tick()
        host_mail = [m for m in self.new_mail() if "host-links@" in str(m["To"])][0]
        approve = link(host_mail, "approve")
        self.assertEqual(self.call("POST", approve).status, 200)
        used = self.call("GET", approve)
        self.assertEqual(used.status, 410)
        self.assertIn(b"already been used", used.raw)
        r = self.owner("POST", "/v1/admin/confirmation-requests",
                       {"bookings": [b["uid"]], "recipients": ["links@example.com"], "allow_decline": True})
        self.assertEqual(r.status, 201, r)
        self.advance(10 * 60 + 5)
        self.tick()
        req_mail = [m for m in self.new_mail() if "/v1/links/accept." in text_of(m)][0]
        accept = link(req_mail, "accept")
        done = self.call("POST", accept)
        self.assertEqual(done.status, 200, done)
        view = self.owner("GET", "/v1/admin/bookings/" + b["uid"]).json
        self.assertEqual(view["request"]["state"], "accepted")
        self.assertEqual(self.call("POST", accept).status, 410)


class HostLanguage(MailServer):
    def test_host_mails_and_link_pages_use_the_hosts_language(self):
        host = self.make_page("hl", "en")
        r = self.owner("PUT", "/v1/admin/hosts/" + host, {"language": "de", "phone": "+49 30 1234567",
                                                          "sms_reminders": True})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["language"], "de")
        self.assertEqual(self.owner("PUT", "/v1/admin/hosts/" + host, {"language": "xx"}).status, 422)
        self.book("hl", future_slot(4, 9), name="Emma Brown", mail="emma@example.com")
        self.tick()
        by_to = {str(m["To"]).strip("<>"): m for m in self.new_mail()}
        self.assertEqual(by_to["emma@example.com"]["Subject"], "We have received your booking request: Visit en")
        host_mail = by_to["host-hl@clinic.test"]
        self.assertEqual(host_mail["Subject"], "Neue Terminanfrage: Emma Brown")
        page = self.call("GET", link(host_mail, "approve"))
        self.assertEqual(page.status, 200)
        self.assertIn("Termin bestätigen", page.raw.decode())


class ProposalFlows(MailServer):
    def test_readjust_message_is_quoted_and_kept_and_completion_names_the_account(self):
        self.assertEqual(self.owner("PUT", "/v1/admin/account", {"name": "Visited Co"}).status, 200)
        host = self.make_page("prop", "en", company="Room booking page")
        start = datetime.datetime.strptime(future_slot(6, 9), "%Y-%m-%dT%H:%M:%SZ")
        cands = [{"start": iso(start + datetime.timedelta(hours=k)),
                  "end": iso(start + datetime.timedelta(hours=k, minutes=30))} for k in range(2)]
        p = self.owner("POST", "/v1/admin/proposals",
                       {"page": "prop", "event_type": "visit", "host": host, "candidates": cands[:1],
                        "guests": [{"name": "Jiro Yamada", "company": "Other KK", "email": "jiro@example.com"}],
                        "send_mail": True})
        self.assertEqual(p.status, 201, p)
        r = self.call("POST", "/v1/proposals/%s/readjust" % p.json["token"], {"message": "Next week please"})
        self.assertEqual(r.status, 200, r)
        self.tick()
        warn = [m for m in self.new_mail() if "host-prop@" in str(m["To"])]
        self.assertEqual(len(warn), 1)
        self.assertIn("Next week please", text_of(warn[0]))
        view = self.call("GET", "/v1/proposals/" + p.json["token"]).json
        self.assertEqual(view["readjust_message"], "Next week please")

        p2 = self.owner("POST", "/v1/admin/proposals",
                        {"page": "prop", "event_type": "visit", "host": host, "candidates": cands[1:],
                         "guests": [{"name": "Hanako Mita", "company": "Test Inc", "email": "hanako@example.com"}],
                         "send_mail": False})
        self.assertEqual(p2.status, 201, p2)
        self.assertEqual(self.call("POST", "/v1/proposals/%s/choose" % p2.json["token"],
                                   {"start": cands[1]["start"]}).status, 201)
        self.tick()
        guest = [m for m in self.new_mail() if "hanako@example.com" in str(m["To"])]
        self.assertEqual([str(m["Subject"]) for m in guest], ["[Visited Co] Your appointment has been confirmed"])


class VisitedCompany(MailServer):
    def test_completion_subject_names_the_location_when_the_visit_is_at_one(self):
        self.assertEqual(self.owner("PUT", "/v1/admin/account", {"name": "Visited Co"}).status, 200)
        loc = self.owner("POST", "/v1/admin/locations", {"name": {"en": "Osaka branch", "ja": "大阪支店"},
                                                         "address": "Umeda 1-1"})
        self.assertEqual(loc.status, 201, loc)
        host = self.make_page("atloc", "en")
        page = self.owner("GET", "/v1/admin/pages/atloc").json
        page["event_types"][0]["location"] = loc.json["id"]
        self.assertEqual(self.owner("PUT", "/v1/admin/pages/atloc",
                                    {k: page[k] for k in ("name", "hosts", "event_types")}).status, 200)
        start = datetime.datetime.strptime(future_slot(7, 9), "%Y-%m-%dT%H:%M:%SZ")
        subjects = {}
        for lang, mail in (("en", "ken@example.com"), ("ja", "hanako@example.jp")):
            cand = {"start": iso(start), "end": iso(start + datetime.timedelta(minutes=30))}
            start += datetime.timedelta(hours=2)
            p = self.owner("POST", "/v1/admin/proposals",
                           {"page": "atloc", "event_type": "visit", "host": host, "candidates": [cand],
                            "location": loc.json["id"], "send_mail": False,
                            "guests": [{"name": "Guest", "email": mail, "language": lang}]})
            self.assertEqual(p.status, 201, p)
            self.assertEqual(self.call("POST", "/v1/proposals/%s/choose" % p.json["token"],
                                       {"start": cand["start"]}).status, 201)
            self.tick()
            subjects[lang] = [str(m["Subject"]) for m in self.new_mail() if mail in str(m["To"])]
        self.assertEqual(subjects["en"], ["[Osaka branch] Your appointment has been confirmed"])
        self.assertEqual(subjects["ja"], ["[大阪支店]アポイントメントの日程が確定しました"])

class CalendarSequence(MailServer):
    def test_sequence_grows_with_every_change_even_within_one_second(self):
        self.make_page("seq", "en", auto_approve=True)
        b = self.book("seq", future_slot(9, 9), mail="seq@example.com")
        uid = b["uid"]
        seqs = []

        def collect():
            self.tick()
            for m in self.new_mail():
                found = re.search(r"SEQUENCE:(\d+)", ics_of(m))
                if "seq@example.com" in str(m["To"]) and found:
                    seqs.append(int(found.group(1)))

        collect()
        for hour in (10, 11):
            r = self.owner("PATCH", "/v1/admin/bookings/" + uid, {"start": future_slot(9, hour), "notify": True})
            self.assertEqual(r.status, 200, r)
            collect()
        self.assertEqual(len(seqs), 3, seqs)
        self.assertEqual(seqs, sorted(set(seqs)), "each change supersedes the one before")
        self.assertLess(seqs[-1], 1000, "a counter, not a clock")
        view = self.owner("GET", "/v1/admin/bookings/" + uid).json
        self.assertEqual(view["sequence"], 2)


if __name__ == "__main__":
    import unittest
    unittest.main()
