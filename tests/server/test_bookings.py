"""The booking flows over real HTTP: owner set-up → slots → booking → approve, reject,
cancel, reschedule → lists; guest tokens; account isolation; idempotency; the slot list
and the booking endpoint agreeing; bad input changing nothing; the rate limit; and no
double booking under concurrency."""
import concurrent.futures
import datetime
import time
import unittest

from booking_helpers import book, flat, make_page, slots, today
from kairos_http import DEMO_KEY, ServerTest, call, owner


def day(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


class Flow(ServerTest):
    def test_owner_and_guest_lifecycle(self):
        pid, hosts, _ = make_page({"auto_approve": False})
        offered = flat(slots(pid, day(2), day(2)))
        self.assertEqual(len(offered), 48)  # 24 h of 30-minute slots
        r = book(pid, offered[10]["start"], name="Maija Meikäläinen", email="maija@example.fi")
        self.assertStatus(r, 201)
        self.assertEqual(r.json["status"], "pending")
        self.assertEqual(r.json["host"], hosts[0])
        self.assertEqual((r.json["start"], r.json["end"]), (offered[10]["start"], offered[10]["end"]))
        uid, token = r.json["uid"], r.json["token"]
        # The booked time leaves the slot list.
        self.assertNotIn(offered[10], flat(slots(pid, day(2), day(2))))

        a = owner("POST", "/v1/admin/bookings/%s/approve" % uid)
        self.assertStatus(a, 200)
        self.assertEqual(a.json["status"], "approved")
        self.assertProblem(owner("POST", "/v1/admin/bookings/%s/approve" % uid), 409, "illegal_transition")

        listed = owner("GET", "/v1/admin/bookings?status=approved&q=meik%C3%A4l%C3%A4inen").json["items"]
        self.assertEqual([b["uid"] for b in listed], [uid])

        mv = call("POST", "/v1/bookings/%s/reschedule" % uid, {"start": offered[20]["start"]},
                  headers={"Authorization": "Bearer " + token})
        self.assertStatus(mv, 200)
        self.assertEqual(mv.json["status"], "rescheduled")
        self.assertEqual(mv.json["start"], offered[20]["start"])
        now_free = flat(slots(pid, day(2), day(2)))
        self.assertIn(offered[10], now_free)
        self.assertNotIn(offered[20], now_free)

        c = call("POST", "/v1/bookings/%s/cancel?token=%s" % (uid, token))
        self.assertStatus(c, 200)
        self.assertEqual(c.json["status"], "cancelled")
        self.assertIn(offered[20], flat(slots(pid, day(2), day(2))))
        self.assertProblem(call("POST", "/v1/bookings/%s/cancel?token=%s" % (uid, token)), 409, "illegal_transition")

        r2 = book(pid, offered[30]["start"])
        self.assertStatus(r2, 201)
        rej = owner("POST", "/v1/admin/bookings/%s/reject" % r2.json["uid"], {"reason": "fully booked"})
        self.assertEqual(rej.json["status"], "rejected")
        statuses = {b["uid"]: b["status"] for b in owner("GET", "/v1/admin/bookings?from=%s&to=%s" % (day(2), day(3))).json["items"]}
        self.assertEqual(statuses[uid], "cancelled")
        self.assertEqual(statuses[r2.json["uid"]], "rejected")
        by_host = owner("GET", "/v1/admin/bookings?host=%s" % hosts[0]).json["items"]
        self.assertEqual(len(by_host), 2)

        out = owner("GET", "/v1/admin/outbox?booking=" + uid).json["messages"]
        self.assertTrue(any(m["recipient"] == "maija@example.fi" for m in out), out)
        self.assertTrue(all(m["state"] in ("scheduled", "cancelled") for m in out))

    def test_admin_list_pages_with_a_cursor(self):
        pid, _, _ = make_page()
        offered = flat(slots(pid, day(3), day(3)))
        uids = [book(pid, offered[2 * i]["start"], email="p%d@cursor-paging.example" % i).json["uid"] for i in range(5)]
        path = "/v1/admin/bookings?q=cursor-paging.example&limit=2"
        seen, cursor, pages = [], None, 0
        while True:
            r = owner("GET", path + ("&cursor=" + cursor if cursor else ""))
            self.assertStatus(r, 200)
            self.assertLessEqual(len(r.json["items"]), 2)
            seen += [b["uid"] for b in r.json["items"]]
            cursor, pages = r.json["next_cursor"], pages + 1
            if not cursor:
                break
        self.assertEqual(seen, uids)  # every booking once, in start order
        self.assertEqual(pages, 3)
        self.assertProblem(owner("GET", path + "&cursor=nonsense"), 422, "invalid_cursor")
        self.assertProblem(owner("GET", "/v1/admin/bookings?limit=0"), 422, "invalid_limit")

    def test_owner_can_edit_and_delete(self):
        pid, _, _ = make_page()
        offered = flat(slots(pid, day(3), day(3)))
        uid = book(pid, offered[4]["start"]).json["uid"]
        p = owner("PATCH", "/v1/admin/bookings/" + uid, {"start": offered[8]["start"], "guidance": "Ring twice", "notify": True})
        self.assertStatus(p, 200)
        self.assertEqual(p.json["start"], offered[8]["start"])
        self.assertEqual(p.json["guidance"], "Ring twice")
        self.assertIn(offered[4], flat(slots(pid, day(3), day(3))))
        self.assertStatus(owner("DELETE", "/v1/admin/bookings/" + uid), 204)
        self.assertProblem(owner("GET", "/v1/admin/bookings/" + uid), 404)
        self.assertIn(offered[8], flat(slots(pid, day(3), day(3))))

    def test_slots_are_grouped_by_the_guests_local_dates(self):
        pid, _, _ = make_page(weekly={"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                                      "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}, zone="Asia/Tokyo")
        tokyo = slots(pid, day(7), day(13), tz="Asia/Tokyo")
        la = slots(pid, day(7), day(13), tz="America/Los_Angeles")
        self.assertEqual(la["tz"], "America/Los_Angeles")
        # 09:00 in Tokyo is the previous evening in Los Angeles: the same instants, other dates.
        common = set(s["start"] for s in flat(tokyo)) & set(s["start"] for s in flat(la))
        self.assertGreater(len(common), 0)
        first_tokyo_day = sorted(tokyo["days"])[0]
        first = tokyo["days"][first_tokyo_day][0]["start"]
        la_day = [d for d in la["days"] if any(s["start"] == first for s in la["days"][d])]
        if la_day:
            self.assertLess(la_day[0], first_tokyo_day)


class Tokens(ServerTest):
    def test_a_guest_token_cannot_touch_another_booking(self):
        pid, _, _ = make_page()
        offered = flat(slots(pid, day(2), day(2)))
        a = book(pid, offered[1]["start"]).json
        b = book(pid, offered[3]["start"]).json
        self.assertProblem(call("GET", "/v1/bookings/" + b["uid"]), 401)
        self.assertProblem(call("GET", "/v1/bookings/%s?token=%s" % (b["uid"], a["token"])), 404, "booking_not_found")
        self.assertProblem(call("POST", "/v1/bookings/%s/cancel" % b["uid"], headers={"Authorization": "Bearer " + a["token"]}), 404)
        self.assertProblem(call("POST", "/v1/bookings/%s/reschedule" % b["uid"], {"start": offered[5]["start"]},
                                headers={"Authorization": "Bearer " + a["token"]}), 404)
        got = call("GET", "/v1/bookings/%s?token=%s" % (b["uid"], b["token"]))
        self.assertStatus(got, 200)
        self.assertEqual(got.json["status"], "approved")
        self.assertEqual(got.json["start"], offered[3]["start"])

    def test_another_account_cannot_see_or_act_on_a_booking(self):
        pid, hosts, _ = make_page()
        uid = book(pid, flat(slots(pid, day(2), day(2)))[2]["start"]).json["uid"]
        self.assertProblem(owner("GET", "/v1/admin/bookings/" + uid, key=DEMO_KEY), 404)
        self.assertProblem(owner("POST", "/v1/admin/bookings/%s/cancel" % uid, key=DEMO_KEY), 404)
        self.assertProblem(owner("DELETE", "/v1/admin/bookings/" + uid, key=DEMO_KEY), 404)
        self.assertNotIn(uid, owner("GET", "/v1/admin/bookings", key=DEMO_KEY).raw.decode())
        self.assertEqual(owner("GET", "/v1/admin/outbox?booking=" + uid, key=DEMO_KEY).json["messages"], [])
        self.assertEqual(owner("GET", "/v1/admin/bookings/" + uid).json["status"], "approved")


class Idempotency(ServerTest):
    def test_same_key_same_body_returns_the_first_answer(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, day(2), day(2)))[6]["start"]
        h = {"Idempotency-Key": "key-" + pid}
        first = book(pid, start, headers=h)
        again = book(pid, start, headers=h)
        self.assertStatus(first, 201)
        self.assertEqual(again.status, 201)
        self.assertEqual(again.json, first.json)
        other = book(pid, start, name="Someone else", headers=h)
        self.assertProblem(other, 422, "idempotency_key_reused")
        mine = [b for b in owner("GET", "/v1/admin/bookings?from=%s&to=%s" % (day(2), day(3))).json["items"] if b["page"] == pid]
        self.assertEqual(len(mine), 1)


class Agreement(ServerTest):
    def test_every_offered_slot_is_bookable_and_others_are_not(self):
        pid, _, _ = make_page({"duration_minutes": 45, "slot_interval_minutes": 20, "buffer_before_minutes": 10,
                               "buffer_after_minutes": 5},
                              weekly={d: [["08:10", "12:00"], ["13:00", "15:30"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
                              zone="Europe/Helsinki")
        offered = flat(slots(pid, day(4), day(4), tz="Europe/Helsinki"))
        self.assertGreater(len(offered), 5)
        for s in offered:
            r = book(pid, s["start"])
            self.assertStatus(r, 201)
            self.assertEqual((r.json["start"], r.json["end"]), (s["start"], s["end"]))
            self.assertStatus(owner("DELETE", "/v1/admin/bookings/" + r.json["uid"]), 204)
        starts = set(s["start"] for s in offered)
        base = datetime.datetime.fromisoformat(offered[0]["start"].replace("Z", "+00:00"))
        for minutes in range(-120, 12 * 60, 5):  # within the one local day, whatever its DST
            t = (base + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
            if t in starts:
                continue
            r = book(pid, t)
            self.assertIn(r.status, (409, 422), (t, r))
        self.assertEqual([b for b in owner("GET", "/v1/admin/bookings?status=approved").json["items"] if b["page"] == pid], [])

    def test_past_and_outside_window_are_refused(self):
        pid, _, _ = make_page({"window": {"rolling_days": 3}, "min_notice_minutes": 120})
        self.assertProblem(book(pid, "2020-01-01T10:00:00Z"), 422)
        self.assertProblem(book(pid, day(10) + "T10:00:00Z"), 422, "outside_booking_window")
        soon = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) + datetime.timedelta(minutes=60)
        soon = soon.replace(minute=30 if soon.minute >= 30 else 0)
        self.assertProblem(book(pid, soon.strftime("%Y-%m-%dT%H:%M:%SZ")), 422, "too_soon")


class BadInput(ServerTest):
    def test_malformed_bookings_are_4xx_and_change_nothing(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, day(2), day(2)))[0]["start"]
        before = owner("GET", "/v1/admin/bookings").json["items"]
        cases = [
            (b'{"page": ', 400, "invalid_json"),
            (b"[]", 422, None),
            (b'"hello"', 422, None),
            (b'{"page": 5, "event_type": "meet", "start": "%s", "guest": {"name": "A", "email": "a@example.com"}}' % start.encode(), 422, "invalid_type"),
            (b'{"page": "%s", "event_type": "meet", "start": "tomorrow", "guest": {"name": "A", "email": "a@example.com"}}' % pid.encode(), 422, "invalid_instant"),
            (b'{"page": "%s", "event_type": "meet", "start": "2026-02-30T10:00:00Z", "guest": {"name": "A", "email": "a@example.com"}}' % pid.encode(), 422, "invalid_instant"),
            (b'{"page": "%s", "event_type": "meet", "start": "%s", "guest": {"name": "A", "email": "not-an-address"}}' % (pid.encode(), start.encode()), 422, "invalid_email"),
            (b'{"page": "%s", "event_type": "meet", "start": "%s", "guest": {"name": "A", "email": "a@example.com", "timezone": "Moon/Base"}}' % (pid.encode(), start.encode()), 422, "unknown_zone"),
            (b'{"page": "%s", "event_type": "meet", "start": "%s", "guest": "A"}' % (pid.encode(), start.encode()), 422, "invalid_type"),
            (b'{"page": "%s", "event_type": "nope", "start": "%s", "guest": {"name": "A", "email": "a@example.com"}}' % (pid.encode(), start.encode()), 422, "unknown_event_type"),
            (b'{"page": "no-such-page", "event_type": "meet", "start": "%s", "guest": {"name": "A", "email": "a@example.com"}}' % start.encode(), 404, "page_not_found"),
            (b'{"event_type": "meet", "start": "%s", "guest": {"name": "A", "email": "a@example.com"}}' % start.encode(), 422, "missing_field"),
            (b'{"page": "%s", "event_type": "meet", "start": "%s", "guest": {"name": "' % (pid.encode(), start.encode()) + b"x" * 300000 + b'"}}', 413, None),
        ]
        for raw, status, code in cases:
            r = call("POST", "/v1/bookings", raw=raw, headers={"Content-Type": "application/json"})
            self.assertEqual(r.status, status, (raw[:120], r))
            if code:
                self.assertEqual(r.json["code"], code, r)
        self.assertEqual(owner("GET", "/v1/admin/bookings").json["items"], before)
        self.assertIn(start, [s["start"] for s in flat(slots(pid, day(2), day(2)))])

    def test_bad_slot_queries_are_4xx(self):
        pid, _, _ = make_page()
        for q, status in [("event_type=meet&from=%s&to=%s&tz=Nowhere%%2FLand" % (day(1), day(2)), 422),
                          ("event_type=meet&from=2026-13-01&to=%s" % day(2), 422),
                          ("event_type=meet&from=%s&to=%s" % (day(5), day(1)), 422),
                          ("event_type=meet&from=%s&to=%s" % (day(1), day(400)), 422),
                          ("from=%s&to=%s" % (day(1), day(2)), 422),
                          ("event_type=zzz&from=%s&to=%s" % (day(1), day(2)), 422)]:
            r = call("GET", "/v1/pages/%s/slots?%s" % (pid, q))
            self.assertEqual(r.status, status, (q, r))
        self.assertProblem(call("GET", "/v1/pages/nope/slots?event_type=meet&from=%s&to=%s" % (day(1), day(2))), 404)


class RateLimit(ServerTest):
    """The limit counts per client and per clock minute; a run that straddles a minute
    boundary is repeated with a fresh client address (the limited server trusts
    X-Forwarded-For), so the test never depends on when it starts."""

    def run_in_one_minute(self, attempt):
        for n in range(3):
            minute = int(time.time() // 60)
            result = attempt(n)
            if int(time.time() // 60) == minute:
                return result
        self.fail("could not stay inside one clock minute")

    def test_booking_creation_is_limited_per_client(self):
        pid, _, _ = make_page(server="limited")
        offered = flat(slots(pid, day(2), day(2), server="limited"))

        def attempt(n):
            h = {"X-Forwarded-For": "192.0.2.%d" % (10 + n)}
            statuses = [book(pid, offered[6 * n + i]["start"], server="limited", headers=h) for i in range(5)]
            return statuses
        replies = self.run_in_one_minute(attempt)
        self.assertEqual([r.status for r in replies], [201, 201, 201, 429, 429])
        self.assertProblem(replies[3], 429, "rate_limited")
        self.assertIsNotNone(replies[3].header("Retry-After"))

    def test_behind_a_proxy_each_forwarded_client_has_its_own_budget(self):
        pid, _, _ = make_page(server="limited")
        offered = flat(slots(pid, day(3), day(3), server="limited"))

        def attempt(n):
            a = {"X-Forwarded-For": "203.0.113.7, 10.0.1.%d" % n}  # the proxy appended the last address
            b = {"X-Forwarded-For": "198.51.100.%d" % n}
            first = [book(pid, offered[10 * n + i]["start"], server="limited", headers=a).status for i in range(4)]
            other = book(pid, offered[10 * n + 5]["start"], server="limited", headers=b).status
            return first, other
        first, other = self.run_in_one_minute(attempt)
        self.assertEqual(first, [201, 201, 201, 429])
        self.assertEqual(other, 201)


class Concurrency(ServerTest):
    def race(self, pid, starts):
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(starts)) as pool:
            return list(pool.map(lambda s: book(pid, s[1], name="Racer %d" % s[0], email="racer%d@example.com" % s[0]),
                                 enumerate(starts)))

    def test_fifty_parallel_posts_for_one_slot_give_one_booking(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, day(2), day(2)))[12]["start"]
        replies = self.race(pid, [start] * 50)
        codes = sorted(r.status for r in replies)
        self.assertEqual(codes.count(201), 1, codes)
        self.assertEqual(codes.count(409), 49, codes)
        self.assertTrue(all(r.json["code"] == "slot_unavailable" for r in replies if r.status == 409))
        mine = [b for b in owner("GET", "/v1/admin/bookings?from=%s&to=%s" % (day(2), day(3))).json["items"] if b["page"] == pid]
        self.assertEqual(len(mine), 1)

    def test_overlapping_requests_give_one_booking(self):
        pid, _, _ = make_page({"duration_minutes": 60, "slot_interval_minutes": 15})
        offered = flat(slots(pid, day(2), day(2)))
        overlapping = [s["start"] for s in offered[20:24]]  # 15-minute steps of one-hour slots
        replies = self.race(pid, overlapping * 12)
        codes = [r.status for r in replies]
        self.assertEqual(codes.count(201), 1, codes)
        self.assertEqual(codes.count(409), 47, codes)

    def test_two_hosts_take_two_bookings_then_the_slot_is_full(self):
        pid, hosts, _ = make_page(hosts=2)
        start = flat(slots(pid, day(2), day(2)))[5]["start"]
        replies = self.race(pid, [start] * 20)
        won = [r.json["host"] for r in replies if r.status == 201]
        self.assertEqual(sorted(won), sorted(hosts))
        self.assertNotIn(start, [s["start"] for s in flat(slots(pid, day(2), day(2)))])


class Rooms(ServerTest):
    def test_room_assignment_and_checkin_code(self):
        pid, _, rooms = make_page(rooms=1)
        offered = flat(slots(pid, day(2), day(2)))
        r = book(pid, offered[0]["start"])
        self.assertStatus(r, 201)
        self.assertEqual(r.json["room"], rooms[0])
        self.assertEqual(len(r.json["checkin_code"]), 6)
        # Outside its validity window (more than 6 h before the start) the code shows nothing.
        self.assertProblem(call("GET", "/v1/checkin/" + r.json["checkin_code"]), 404)
        soon = flat(slots(pid, today().isoformat(), day(1)))[0]
        r2 = book(pid, soon["start"])
        self.assertStatus(r2, 201)
        visit = call("GET", "/v1/checkin/" + r2.json["checkin_code"])
        self.assertStatus(visit, 200)
        self.assertEqual(visit.json["uid"], r2.json["uid"])


class OwnerEdit(ServerTest):
    """PATCH /v1/admin/bookings/{uid} with hosts, room and end: the core re-checks the
    edited booking, so a host or room is never booked twice and a refused edit changes
    nothing."""

    def patch(self, uid, body):
        return owner("PATCH", "/v1/admin/bookings/" + uid, body)

    def get(self, uid):
        return owner("GET", "/v1/admin/bookings/" + uid).json

    def updates(self, uid, template):
        return [m for m in owner("GET", "/v1/admin/outbox?booking=" + uid).json["messages"]
                if m["template"] == template]

    def test_reassign_to_a_free_second_host(self):
        pid, hosts, rooms = make_page(hosts=2, rooms=2)
        start = flat(slots(pid, day(2), day(2)))[4]["start"]
        b = book(pid, start).json
        self.assertEqual(b["host"], hosts[0])
        p = self.patch(b["uid"], {"hosts": [hosts[1]], "notify": False})
        self.assertStatus(p, 200)
        self.assertEqual((p.json["host"], p.json["hosts"]), (hosts[1], [hosts[1]]))
        shown = self.get(b["uid"])
        self.assertEqual(shown["hosts"], [hosts[1]])
        self.assertEqual((shown["start"], shown["end"], shown["room"]), (b["start"], b["end"], b["room"]))
        # The first host is free again: a new booking at that time goes to them.
        self.assertEqual(book(pid, start).json["host"], hosts[0])
        # Two hosts, the first responsible.
        b2 = book(pid, flat(slots(pid, day(2), day(2)))[8]["start"]).json
        both = self.patch(b2["uid"], {"hosts": [hosts[1], hosts[0]], "notify": False})
        self.assertStatus(both, 200)
        self.assertEqual((both.json["host"], both.json["hosts"]), (hosts[1], [hosts[1], hosts[0]]))

    def test_reassign_to_a_busy_host_or_room_is_409_and_changes_nothing(self):
        pid, hosts, rooms = make_page(hosts=2, rooms=2)
        start = flat(slots(pid, day(2), day(2)))[4]["start"]
        b1, b2 = book(pid, start).json, book(pid, start).json
        self.assertEqual((b1["host"], b2["host"]), (hosts[0], hosts[1]))
        self.assertEqual((b1["room"], b2["room"]), (rooms[0], rooms[1]))
        before = self.get(b1["uid"])
        self.assertProblem(self.patch(b1["uid"], {"hosts": [hosts[1]], "notify": True}), 409, "slot_unavailable")
        self.assertProblem(self.patch(b1["uid"], {"hosts": [hosts[0], hosts[1]], "notify": True}), 409,
                           "slot_unavailable")
        self.assertProblem(self.patch(b1["uid"], {"room": rooms[1], "notify": True}), 409, "slot_unavailable")
        after = self.get(b1["uid"])
        self.assertEqual(after, before)
        self.assertEqual(self.updates(b1["uid"], "booking.updated.guest"), [])
        self.assertEqual(self.updates(b1["uid"], "booking.updated.host"), [])

    def test_unknown_host_or_room_is_422(self):
        pid, hosts, rooms = make_page(hosts=2, rooms=1)
        _, other_hosts, other_rooms = make_page(hosts=1, rooms=1)
        other_host = other_hosts[0]
        b = book(pid, flat(slots(pid, day(2), day(2)))[4]["start"]).json
        p = self.patch(b["uid"], {"hosts": [hosts[0], "h_nobody"], "notify": False})
        self.assertProblem(p, 422, "unknown_host")
        self.assertEqual(p.json["field"], "hosts[1]")
        p = self.patch(b["uid"], {"hosts": [other_host], "notify": False})  # a host of another page
        self.assertProblem(p, 422, "unknown_host")
        self.assertEqual(p.json["field"], "hosts[0]")
        p = self.patch(b["uid"], {"room": other_rooms[0], "notify": False})  # not one of this event type's rooms
        self.assertProblem(p, 422, "unknown_room")
        self.assertEqual(p.json["field"], "room")
        self.assertProblem(self.patch(b["uid"], {"hosts": [], "notify": False}), 422, "invalid_type")
        self.assertEqual(self.get(b["uid"])["hosts"], [b["host"]])

    def test_a_longer_end_must_stay_clear_of_the_next_booking(self):
        pid, _, _ = make_page()
        offered = flat(slots(pid, day(2), day(2)))
        b1, b2 = book(pid, offered[4]["start"]).json, book(pid, offered[5]["start"]).json
        self.assertEqual(b1["end"], b2["start"])
        self.assertProblem(self.patch(b1["uid"], {"end": b2["end"], "notify": False}), 409, "slot_unavailable")
        self.assertEqual(self.get(b1["uid"])["end"], b1["end"])
        p = self.patch(b2["uid"], {"end": offered[6]["end"], "notify": False})  # 60 minutes, the next half hour free
        self.assertStatus(p, 200)
        self.assertEqual((p.json["start"], p.json["end"]), (b2["start"], offered[6]["end"]))
        self.assertNotIn(offered[6], flat(slots(pid, day(2), day(2))))
        # A later move of the start keeps the new length.
        moved = self.patch(b2["uid"], {"start": offered[10]["start"], "notify": False})
        self.assertStatus(moved, 200)
        self.assertEqual(moved.json["end"], offered[11]["end"])
        for bad in (b1["start"], "2000-01-01T00:00:00Z"):
            p = self.patch(b1["uid"], {"end": bad, "notify": False})
            self.assertProblem(p, 422, "invalid_duration")
            self.assertEqual(p.json["field"], "end")

    def test_guests_get_an_update_mail_only_when_notify_is_true(self):
        pid, hosts, _ = make_page(hosts=2)
        b = book(pid, flat(slots(pid, day(2), day(2)))[4]["start"], email="ada@example.com").json
        self.assertStatus(self.patch(b["uid"], {"hosts": [hosts[1]], "notify": False}), 200)
        self.assertEqual(self.updates(b["uid"], "booking.updated.guest"), [])
        # The added host hears of the visit either way.
        self.assertEqual([m["recipient"] for m in self.updates(b["uid"], "booking.updated.host")],
                         ["host1@example.com"])
        self.assertStatus(self.patch(b["uid"], {"hosts": [hosts[0]], "notify": True}), 200)
        mails = self.updates(b["uid"], "booking.updated.guest")
        self.assertEqual([m["recipient"] for m in mails], ["ada@example.com"])


if __name__ == "__main__":
    unittest.main()
