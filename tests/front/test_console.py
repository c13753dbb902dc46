"""The console's front-office lists and settings over real HTTP (issues 12 and 14): the
outbox and the bounces filter by location (a reception desk sees its own office's
messages), the outbox filters by state and pages with a cursor; a staff member sets
their own phone and which events text them (GET|PUT /v1/admin/me/sms), and the settings
decide the SMS that are planned; the account's sender name, logo and language (Setup →
Account) are stored and the sender name signs the guests' mail."""
import re
import unittest

from front_base import FrontServer


def cookie_of(reply):
    m = re.match(r"kairos_session=([^;]*)", reply.header("Set-Cookie") or "")
    return m.group(1) if m else None


class OutboxByLocation(FrontServer):
    def test_messages_filter_by_the_office_of_their_booking_or_inquiry(self):
        tokyo = self.location("Tokyo office", "Shibuya 1-2-3", zone="Asia/Tokyo")
        oulu = self.location("Oulu office", "Kauppurienkatu 1")
        ht = self.host("Tokyo Host", "tokyo-host@clinic.test", location=tokyo)
        ho = self.host("Oulu Host", "oulu-host@clinic.test", location=oulu)
        self.page("tokyo", [ht], location=tokyo)
        self.page("oulu", [ho], location=oulu)
        bt = self.book("tokyo", self.slot(30), mail="tokyo-guest@example.com")
        bo = self.book("oulu", self.slot(31), mail="oulu-guest@example.com")
        q = self.ok(self.call("POST", "/v1/inquiries", {"page": "tokyo", "kind": "question", "location": tokyo,
                                                        "guest": {"name": "Asker", "email": "asker@example.com"},
                                                        "message": "Parking?"}), 201)
        everything = self.ok(self.owner("GET", "/v1/admin/outbox"))["messages"]
        owners = {m["booking"] for m in everything}
        self.assertTrue({bt["uid"], bo["uid"], "inquiry:" + q["id"]} <= owners, owners)

        at_tokyo = self.ok(self.owner("GET", "/v1/admin/outbox?location=" + tokyo))["messages"]
        self.assertTrue(at_tokyo)
        self.assertEqual({m["booking"] for m in at_tokyo}, {bt["uid"], "inquiry:" + q["id"]})
        at_oulu = self.ok(self.owner("GET", "/v1/admin/outbox?location=" + oulu))["messages"]
        self.assertEqual({m["booking"] for m in at_oulu}, {bo["uid"]})
        # With the booking filter too, and after staff move the Oulu visit to Tokyo.
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/outbox?location=%s&booking=%s" % (tokyo, bo["uid"])))
                         ["messages"], [])
        self.ok(self.owner("PATCH", "/v1/admin/bookings/" + bo["uid"], {"location": tokyo, "notify": False}))
        moved = self.ok(self.owner("GET", "/v1/admin/outbox?location=" + tokyo))["messages"]
        self.assertIn(bo["uid"], {m["booking"] for m in moved})

        # A confirmation request's bookings name their office (the console's list filters
        # by it), and its messages count as that office's.
        req = self.ok(self.owner("POST", "/v1/admin/confirmation-requests",
                                 {"bookings": [bt["uid"]], "recipients": ["tokyo-guest@example.com"],
                                  "allow_decline": True}), 201)
        listed = self.ok(self.owner("GET", "/v1/admin/confirmation-requests"))["items"]
        self.assertEqual([b["location"] for r in listed if r["id"] == req["id"] for b in r["bookings"]], [tokyo])

        # State filter, paging, bad input changes nothing and names the field.
        scheduled = self.ok(self.owner("GET", "/v1/admin/outbox?state=scheduled"))["messages"]
        self.assertTrue(scheduled and all(m["state"] == "scheduled" for m in scheduled))
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/outbox?state=failed"))["messages"], [])
        first = self.ok(self.owner("GET", "/v1/admin/outbox?limit=2"))
        self.assertEqual(len(first["messages"]), 2)
        self.assertIsNotNone(first["next_cursor"])
        rest = self.ok(self.owner("GET", "/v1/admin/outbox?limit=1000&cursor=" + first["next_cursor"]))
        self.assertIsNone(rest["next_cursor"])
        self.assertEqual([m["id"] for m in first["messages"] + rest["messages"]],
                         [m["id"] for m in self.ok(self.owner("GET", "/v1/admin/outbox"))["messages"]])
        self.problem(self.owner("GET", "/v1/admin/outbox?state=lost"), 422, "invalid_state", "state")
        self.problem(self.owner("GET", "/v1/admin/outbox?location=loc_nope"), 422, "unknown_location", "location")
        self.problem(self.owner("GET", "/v1/admin/outbox?limit=0"), 422, "invalid_limit", "limit")
        self.problem(self.owner("GET", "/v1/admin/outbox?cursor=x1"), 422, "invalid_cursor", "cursor")
        # Another account's location is unknown here.
        self.problem(self.owner("GET", "/v1/admin/bounces?location=loc_nope"), 422, "unknown_location", "location")
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/bounces?location=" + tokyo))["items"], [])


class StaffSmsSettings(FrontServer):
    def sign_in(self, email, password):
        r = self.call("POST", "/v1/session", {"email": email, "password": password})
        self.assertEqual(r.status, 204, r)
        cookie = cookie_of(r)

        def call(method, path, body=None):
            h = {"Cookie": "kairos_session=" + cookie}
            if method != "GET":
                h["Origin"] = self.base
            return self.call(method, path, body, headers=h)
        return call

    def test_a_staff_member_sets_their_phone_and_events_and_the_sms_follow(self):
        h = self.host("Sms Host", "sms-host@clinic.test")
        room = self.ok(self.owner("POST", "/v1/admin/rooms", {"name": "Room Sms"}), 201)["id"]  # visits in a room get a reception code
        self.page("smsme", [h], rooms=[room], notifications={"host_reminders": True, "reminders_minutes": [60]})
        pw = "a long enough passphrase"
        self.ok(self.owner("POST", "/v1/admin/staff", {"name": "Sms Host", "email": "sms-host@clinic.test", "role": "staff",
                                                       "host": h, "password": pw}), 201)
        self.ok(self.owner("POST", "/v1/admin/staff", {"name": "Desk", "email": "desk@clinic.test", "role": "staff",
                                                       "password": pw}), 201)
        me = self.sign_in("sms-host@clinic.test", pw)
        got = self.ok(me("GET", "/v1/admin/me/sms"))
        self.assertEqual(got, {"host": h, "host_name": "Sms Host", "phone": "", "sms_reminders": False,
                               "sms_arrivals": True})
        # An event without a phone, and a malformed phone, are refused and change nothing.
        self.problem(me("PUT", "/v1/admin/me/sms", {"sms_reminders": True}), 422, "phone_required", "phone")
        self.problem(me("PUT", "/v1/admin/me/sms", {"phone": "call me", "sms_reminders": True}), 422, "invalid_phone",
                     "phone")
        self.problem(me("PUT", "/v1/admin/me/sms", {"sms_arrivals": "yes"}), 422, "invalid_type", "sms_arrivals")
        self.assertEqual(self.ok(me("GET", "/v1/admin/me/sms"))["phone"], "")
        # The staff member may change their own SMS though hosts are otherwise the owner's.
        self.problem(me("PUT", "/v1/admin/hosts/" + h, {"phone": "+358 40 111 2222"}), 403, "forbidden")
        put = self.ok(me("PUT", "/v1/admin/me/sms", {"phone": "+358 40 111 2222", "sms_reminders": True,
                                                      "sms_arrivals": False}))
        self.assertEqual(put["phone"], "+358 40 111 2222")
        host = self.ok(self.owner("GET", "/v1/admin/hosts/" + h))
        self.assertEqual((host["phone"], host["sms_reminders"], host["sms_arrivals"]), ("+358 40 111 2222", True, False))
        self.assertEqual(host["name"], "Sms Host")  # the rest of the host is kept

        # Reminders by SMS now; no SMS when the visitor checks in (switched off).
        b = self.book("smsme", self.slot(3))
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b["uid"]))["messages"]
        self.assertEqual([m["template"] for m in rows if m["channel"] == "sms"], ["booking.reminder_sms.host"])
        self.ok(self.call("POST", "/v1/checkin/" + b["checkin_code"]))
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b["uid"]))["messages"]
        self.assertNotIn("checkin.arrived.sms", [m["template"] for m in rows])
        # Arrivals on, reminders off: the next visitor's arrival texts the host.
        self.ok(me("PUT", "/v1/admin/me/sms", {"sms_reminders": False, "sms_arrivals": True}))
        b2 = self.book("smsme", self.slot(4), mail="second@example.com")
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b2["uid"]))["messages"]
        self.assertEqual([m for m in rows if m["channel"] == "sms"], [])
        self.ok(self.call("POST", "/v1/checkin/" + b2["checkin_code"]))
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b2["uid"]))["messages"]
        self.assertEqual([(m["template"], m["recipient"]) for m in rows if m["channel"] == "sms"],
                         [("checkin.arrived.sms", "+358 40 111 2222")])
        # Clearing the phone with the events off is allowed.
        self.ok(me("PUT", "/v1/admin/me/sms", {"phone": "", "sms_arrivals": False}))
        self.assertNotIn("phone", self.ok(self.owner("GET", "/v1/admin/hosts/" + h)))

        # A login without a host, and an API key, have no SMS of their own.
        desk = self.sign_in("desk@clinic.test", pw)
        self.problem(desk("GET", "/v1/admin/me/sms"), 409, "no_host")
        self.problem(desk("PUT", "/v1/admin/me/sms", {"phone": "+358 40 1"}), 409, "no_host")
        self.problem(self.owner("GET", "/v1/admin/me/sms"), 409, "no_host")


class AccountSettings(FrontServer):
    def test_sender_name_logo_and_language_are_stored_and_the_sender_name_signs_the_mail(self):
        body = {"name": "Klinikka Aurora Oy", "sender_name": "Aurora reception", "logo": "https://clinic.test/logo.png",
                "language": "fi"}
        put = self.ok(self.owner("PUT", "/v1/admin/account", body))
        self.assertEqual({k: put[k] for k in body}, body)
        got = self.ok(self.owner("GET", "/v1/admin/account"))
        self.assertEqual({k: got[k] for k in body}, body)
        # Refused saves change nothing and name the field.
        for bad, code, field in [({"logo": "javascript:alert(1)"}, "invalid_url", "logo"),
                                 ({"language": "sv"}, "unsupported_language", "language"),
                                 ({"sender_name": "Evil\r\nBcc: x@example.com"}, "invalid_name", "sender_name")]:
            self.problem(self.owner("PUT", "/v1/admin/account", dict(body, **bad)), 422, code, field)
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/account"))["sender_name"], "Aurora reception")
        # Guests read the sender name; an emptied one gives the business name back.
        h = self.host("Sender Host", "sender-host@clinic.test")
        self.page("sender", [h])
        self.new_mail()
        self.book("sender", self.slot(30), mail="reader@example.com")
        self.tick()
        got = self.mail_to("reader@example.com", self.new_mail())
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0]["From"].addresses[0].display_name, "Aurora reception")
        self.ok(self.owner("PUT", "/v1/admin/account", {"name": "Klinikka Aurora Oy", "sender_name": ""}))
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/account"))["logo"], "https://clinic.test/logo.png")
        self.book("sender", self.slot(31), mail="reader2@example.com")
        self.tick()
        got = self.mail_to("reader2@example.com", self.new_mail())
        self.assertEqual(got[0]["From"].addresses[0].display_name, "Klinikka Aurora Oy")


if __name__ == "__main__":
    unittest.main()
