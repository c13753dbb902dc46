"""Front-office error codes no other suite reached (errors.registry wants a test for
each registered code): the reception kiosk's unknown and closed codes, inquiries with
too many wished times, empty replies, list cursors and bounce polling without a mailbox.
Each answers its registered status and changes nothing."""
import datetime

from front_base import FrontServer, iso


class FrontCodes(FrontServer):
    def setUp(self):
        if not hasattr(type(self), "staff"):
            cls = type(self)
            # visits in a room get a reception code
            room = cls.owner("POST", "/v1/admin/rooms", {"name": "Room Codes"}).json["id"]
            cls.staff = cls.host("Codes Host", "codes-host@clinic.test")
            cls.page("codes", [cls.staff], rooms=[room])

    def test_checkin_with_an_unknown_code_is_404_and_after_the_window_409_closed(self):
        self.problem(self.call("POST", "/v1/checkin/QQQQQQ"), 404, "checkin_unknown")
        b = self.book("codes", self.slot(2), mail="late@example.jp")
        self.advance(2 * 3600 + 30 * 60 + 6 * 3600 + 60)  # past the end + 6 h
        self.problem(self.call("POST", "/v1/checkin/" + b["checkin_code"]), 409, "checkin_closed")
        self.assertNotIn("arrived_at", self.ok(self.owner("GET", "/v1/admin/bookings/" + b["uid"])))

    def test_an_inquiry_names_at_most_ten_wished_times(self):
        start = self.now() + datetime.timedelta(days=3)
        wishes = [{"start": iso(start + datetime.timedelta(hours=k)),
                   "end": iso(start + datetime.timedelta(hours=k, minutes=30))} for k in range(11)]
        before = len(self.ok(self.owner("GET", "/v1/admin/inquiries"))["items"])
        r = self.call("POST", "/v1/inquiries", {"page": "codes", "kind": "booking_request",
                                                "guest": {"name": "Taro", "email": "taro@example.jp"},
                                                "message": "Any of these", "wished_times": wishes})
        self.problem(r, 422, "too_many_times", "wished_times")
        self.assertEqual(len(self.ok(self.owner("GET", "/v1/admin/inquiries"))["items"]), before)

    def test_a_reply_has_1_to_20000_characters(self):
        inq = self.ok(self.call("POST", "/v1/inquiries", {"page": "codes", "kind": "question",
                                                          "guest": {"name": "Hana", "email": "hana@example.jp"},
                                                          "message": "Parking?"}), 201)
        for text in ["", "x" * 20001]:
            self.problem(self.owner("POST", "/v1/admin/inquiries/%s/reply" % inq["id"], {"message": text}),
                         422, "invalid_message", "message")

    def test_a_list_cursor_must_be_one_the_list_gave(self):
        self.problem(self.owner("GET", "/v1/admin/inquiries?cursor=not-a-cursor"), 422, "invalid_cursor", "cursor")
        # Read as numbers only by a lenient parse before: "5x" as 5, "-1" as a huge offset.
        for c in ["5x", "-1", " 5", "+5"]:
            self.problem(self.owner("GET", "/v1/admin/inquiries?cursor=" + c.replace(" ", "%20").replace("+", "%2B")),
                         422, "invalid_cursor", "cursor")

    def test_a_list_limit_is_1_to_1000_in_digits_as_every_list(self):
        for l in ["0", "1001", "10abc", "-5", "1e3"]:
            self.problem(self.owner("GET", "/v1/admin/inquiries?limit=" + l), 422, "invalid_limit", "limit")
        self.ok(self.owner("GET", "/v1/admin/inquiries?limit=1000"))

    def test_polling_bounces_without_a_mailbox_is_409_not_configured(self):
        self.problem(self.owner("POST", "/v1/admin/bounces/poll"), 409, "not_configured")
