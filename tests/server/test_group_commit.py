"""Bookings are answered after their group commit, without holding a server thread
(issue 16): many concurrent bookings share commits, yet each is checked on its own (a
refused booking in a batch undoes only itself), an Idempotency-Key repeated inside one
batch gives one booking, and a connection that pipelines requests behind a booking gets
its answers in order. No timing is asserted here (bench/load/bookings.sh measures)."""
import concurrent.futures
import json
import unittest

import datetime

from booking_helpers import book, flat, make_page, slots, today
from kairos_http import call, owner
from test_http_framing import Conn, get


def day(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


def live_bookings(pid, frm, to):
    return [b for b in owner("GET", "/v1/admin/bookings?from=%s&to=%s&limit=1000" % (frm, to)).json["items"] if b["page"] == pid]


class GroupCommit(unittest.TestCase):
    def test_refused_bookings_in_a_burst_undo_only_themselves(self):
        pid, _, _ = make_page({"duration_minutes": 15, "slot_interval_minutes": 15})
        offered = [s["start"] for s in flat(slots(pid, day(2), day(2)))][:40]
        # Every start twice (and some three times), all at once: exactly one booking per
        # start, whatever batches the writer formed.
        starts = offered * 2 + offered[:10]
        # 32 at once: below the per-client connection cap (64), which counts connections
        # the previous test's clients may still be closing.
        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            replies = list(pool.map(lambda s: book(pid, s[1], name="G %d" % s[0], email="g%d@example.com" % s[0]),
                                    enumerate(starts)))
        won = sorted(r.json["start"] for r in replies if r.status == 201)
        self.assertEqual(won, sorted(offered), [r for r in replies if r.status not in (201, 409)][:3])
        self.assertEqual([r.status for r in replies].count(409), len(starts) - len(offered),
                         sorted(set((r.status, (r.json or {}).get("code")) for r in replies)))
        self.assertTrue(all(r.json["code"] == "slot_unavailable" for r in replies if r.status == 409))
        stored = live_bookings(pid, day(2), day(3))
        self.assertEqual(sorted(b["uid"] for b in stored), sorted(r.json["uid"] for r in replies if r.status == 201))
        for r in replies:  # each 201 names its own booking, readable at once
            if r.status == 201:
                self.assertEqual(r.header("Location"), "/v1/bookings/" + r.json["uid"])

    def test_one_idempotency_key_sent_concurrently_gives_one_booking(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, day(2), day(2)))[3]["start"]
        body = {"page": pid, "event_type": "meet", "start": start, "guest": {"name": "Same", "email": "same@example.com"}}

        def post(_):
            return call("POST", "/v1/bookings", body, headers={"Idempotency-Key": "burst-" + pid})
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            replies = list(pool.map(post, range(20)))
        self.assertEqual({r.status for r in replies}, {201}, replies[:3])
        self.assertEqual(len({r.json["uid"] for r in replies}), 1)
        self.assertEqual(len(live_bookings(pid, day(2), day(3))), 1)

    def test_requests_pipelined_behind_a_booking_are_answered_in_order(self):
        pid, _, _ = make_page()
        offered = flat(slots(pid, day(2), day(2)))
        c = Conn()
        try:
            def post(start):
                b = json.dumps({"page": pid, "event_type": "meet", "start": start,
                                "guest": {"name": "P", "email": "p@example.com"}}).encode()
                return (b"POST /v1/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(b)) + b
            c.send(post(offered[0]["start"]) + get(b"/healthz") + post(offered[0]["start"]) +
                   post(offered[1]["start"]) + get(b"/v1/nothing-here"))
            answers = [c.answer() for _ in range(5)]
            self.assertEqual([a[0] for a in answers], [201, 200, 409, 201, 404])
            self.assertEqual(json.loads(answers[3][2])["start"], offered[1]["start"])
            c.send(get(b"/healthz"))  # still usable
            self.assertEqual(c.answer()[0], 200)
        finally:
            c.close()

    def test_a_booking_answered_with_connection_close_closes(self):
        pid, _, _ = make_page()
        start = flat(slots(pid, day(2), day(2)))[7]["start"]
        c = Conn()
        try:
            b = json.dumps({"page": pid, "event_type": "meet", "start": start,
                            "guest": {"name": "C", "email": "c@example.com"}}).encode()
            c.send(b"POST /v1/bookings HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                   b"Content-Length: %d\r\n\r\n" % len(b) + b + get(b"/healthz"))
            status, headers, _ = c.answer()
            self.assertEqual(status, 201)
            self.assertEqual(headers.get("connection", "").lower(), "close")
            self.assertTrue(c.closed_by_server())
        finally:
            c.close()


if __name__ == "__main__":
    unittest.main()
