"""Every registered error code has a test that triggers it (errors.registry checks that
each code is named by a test). These are the codes no other suite reached: each is
provoked through the HTTP API as a client would, answers its registered status, and
changes nothing."""
import datetime
import os
import socket
import unittest
import urllib.parse

from booking_helpers import ALL_WEEK, book, flat, make_page, slots, today
from kairos_http import ServerTest, base_url, call, owner

ON_POSTGRES = bool(os.environ.get("KAIROS_PG_DIR"))


def raw_exchange(data):
    """Sends raw bytes on a new connection; (status, body) of the answer."""
    u = urllib.parse.urlparse(base_url())
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(data)
        got = b""
        while b"\r\n\r\n" not in got:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        head, _, body = got.partition(b"\r\n\r\n")
        n = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                n = int(v.strip())
        while len(body) < n:
            chunk = s.recv(65536)
            if not chunk:
                break
            body += chunk
        return int(head.split(b" ")[1]), body


class Framing(ServerTest):
    def test_headers_over_the_limit_are_431_headers_too_large(self):
        big = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"a" * 200) for i in range(120))
        status, body = raw_exchange(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
        self.assertEqual(status, 431)
        self.assertIn(b'"headers_too_large"', body)

    def test_a_request_line_over_the_limit_is_414_uri_too_long(self):
        status, body = raw_exchange(b"GET /v1/health?q=" + b"a" * (17 * 1024) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(status, 414)
        self.assertIn(b'"uri_too_long"', body)

    def test_http_2_in_the_request_line_is_505_http_version_not_supported(self):
        status, body = raw_exchange(b"GET /v1/health HTTP/2.0\r\nHost: x\r\n\r\n")
        self.assertEqual(status, 505)
        self.assertIn(b'"http_version_not_supported"', body)


class GuestQueries(ServerTest):
    def test_slot_ranges_backwards_or_too_long_are_refused(self):
        pid, _, _ = make_page()
        d = today()
        back = call("GET", "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s" % (pid, d + datetime.timedelta(days=2), d))
        self.assertProblem(back, 422, "invalid_range")
        self.assertEqual(back.json["field"], "to")
        long = call("GET", "/v1/pages/%s/availability?event_type=meet&from=%s&to=%s"
                    % (pid, d, d + datetime.timedelta(days=200)))
        self.assertProblem(long, 422, "range_too_long")

    def test_an_idempotency_key_over_200_characters_is_refused_and_books_nothing(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, today() + datetime.timedelta(days=2), today() + datetime.timedelta(days=3)))[0]["start"]
        r = book(pid, start, headers={"Idempotency-Key": "k" * 201})
        self.assertProblem(r, 422, "invalid_idempotency_key")
        self.assertEqual(r.json["field"], "Idempotency-Key")
        self.assertEqual(book(pid, start).status, 201, "the refused request held nothing")


class OwnerInput(ServerTest):
    def page(self, **fields):
        h = owner("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "UTC",
                                              "weekly_hours": ALL_WEEK}).json["id"]
        body = {"name": "P", "hosts": [h], "event_types": [{"id": "meet", "name": "M", "duration_minutes": 30}]}
        body.update(fields)
        return owner("POST", "/v1/admin/pages", body)

    def test_page_ids_and_event_type_ids_are_checked(self):
        self.assertProblem(self.page(id="has space"), 422, "invalid_id")
        et = {"id": "meet", "name": "M", "duration_minutes": 30}
        r = self.page(event_types=[et, dict(et, name="Again")])
        self.assertProblem(r, 422, "duplicate_id")
        self.assertEqual(r.json["field"], "event_types[1].id")
        r = self.page(event_types=[dict(et, id="bad id")])
        self.assertProblem(r, 422, "invalid_id")

    def test_host_mode_and_reminders_are_checked(self):
        self.assertProblem(self.page(host_mode="some"), 422, "invalid_host_mode")
        r = self.page(notifications={"reminders_minutes": [0]})
        self.assertProblem(r, 422, "out_of_range")
        self.assertEqual(r.json["field"], "notifications.reminders_minutes[0]")

    def test_a_host_speaks_a_supported_language(self):
        r = owner("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "UTC",
                                              "weekly_hours": ALL_WEEK, "language": "xx"})
        self.assertProblem(r, 422, "unsupported_language")
        self.assertEqual(r.json["field"], "language")

    def test_weekly_hours_name_real_weekdays(self):
        r = owner("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "UTC",
                                              "weekly_hours": {"funday": [["09:00", "17:00"]]}})
        self.assertProblem(r, 422, "invalid_weekday")

    def test_embed_mode_is_inline_popup_or_floating(self):
        pid, _, _ = make_page()
        self.assertProblem(owner("GET", "/v1/admin/pages/%s/embed?mode=sidebar" % pid), 422, "invalid_mode")
        self.assertStatus(owner("GET", "/v1/admin/pages/%s/embed?mode=popup" % pid), 200)

    def test_the_booking_list_knows_one_tray_and_short_searches(self):
        self.assertProblem(owner("GET", "/v1/admin/bookings?tray=archive"), 422, "invalid_tray")
        self.assertProblem(owner("GET", "/v1/admin/bookings?q=" + "a" * 201), 422, "too_long")

    def test_a_proposal_is_public_or_private(self):
        pid, hosts, _ = make_page()
        s = datetime.datetime.combine(today() + datetime.timedelta(days=3), datetime.time(10),
                                      tzinfo=datetime.timezone.utc)
        f = "%Y-%m-%dT%H:%M:%SZ"
        r = owner("POST", "/v1/admin/proposals",
                  {"page": pid, "event_type": "meet", "host": hosts[0],
                   "candidates": [{"start": s.strftime(f), "end": (s + datetime.timedelta(hours=1)).strftime(f)}],
                   "guests": [{"name": "Taro", "email": "taro@example.jp"}], "send_mail": False,
                   "visibility": "secret"})
        self.assertProblem(r, 422, "invalid_visibility")
        self.assertEqual(r.json["field"], "visibility")


class Integrations(ServerTest):  # on SQLite and PostgreSQL alike
    def test_webhook_events_and_secret_are_checked(self):
        url = "https://hooks.example.com/kairos"
        self.assertProblem(owner("POST", "/v1/admin/webhooks", {"url": url, "events": []}), 422, "invalid_events")
        self.assertProblem(owner("POST", "/v1/admin/webhooks", {"url": url, "events": ["*"], "secret": "short"}),
                           422, "invalid_secret")

    def test_a_feed_has_exactly_one_scope(self):
        _, hosts, rooms = make_page(rooms=1)
        self.assertProblem(owner("POST", "/v1/admin/feeds", {}), 422, "invalid_scope")
        self.assertProblem(owner("POST", "/v1/admin/feeds", {"host": hosts[0], "room": rooms[0]}), 422, "invalid_scope")

    def test_a_calendar_is_a_subscription_or_an_upload(self):
        _, hosts, _ = make_page()
        both = {"name": "Cal", "url": "https://cal.example.com/a.ics", "ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}
        self.assertProblem(owner("POST", "/v1/admin/hosts/%s/calendars" % hosts[0], both), 422, "invalid_source")
        self.assertProblem(owner("POST", "/v1/admin/hosts/%s/calendars" % hosts[0], {"name": "Cal"}),
                           422, "invalid_source")

    def test_an_upload_that_expands_to_too_many_busy_blocks_is_refused(self):
        _, hosts, _ = make_page()
        day = (today() + datetime.timedelta(days=1)).strftime("%Y%m%d")
        events = "".join("BEGIN:VEVENT\r\nUID:many-%d@example.com\r\nDTSTAMP:%sT000000Z\r\n"
                         "DTSTART:%sT0%d0000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY;COUNT=90000\r\nEND:VEVENT\r\n"
                         % (k, day, day, k) for k in range(3))
        ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n"
        r = owner("POST", "/v1/admin/hosts/%s/calendars" % hosts[0], {"name": "Flood", "ics": ics})
        self.assertProblem(r, 422, "too_many_events")
        self.assertEqual(owner("GET", "/v1/admin/hosts/%s/calendars" % hosts[0]).json["calendars"], [])


if __name__ == "__main__":
    unittest.main()
