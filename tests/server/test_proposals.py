"""Host-proposed times and confirmation requests over HTTP: candidates are held while
the proposal is open, the guest's choice becomes a booking with a room and a reception
code, asking for other times withdraws the proposal; a confirmation request is held for
its undo window and can be withdrawn inside it."""
import datetime
import unittest

from booking_helpers import book, flat, make_page, slots, today
from kairos_http import DEMO_KEY, ServerTest, call, owner


def day(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


def at(n_days, hh, mm=0, minutes=60):
    s = datetime.datetime.combine(today() + datetime.timedelta(days=n_days), datetime.time(hh, mm),
                                  tzinfo=datetime.timezone.utc)
    e = s + datetime.timedelta(minutes=minutes)
    f = "%Y-%m-%dT%H:%M:%SZ"
    return {"start": s.strftime(f), "end": e.strftime(f)}


class Proposals(ServerTest):
    def propose(self, pid, host, candidates, rooms=(), **extra):
        body = {"page": pid, "event_type": "meet", "host": host, "candidates": candidates, "rooms": list(rooms),
                "guests": [{"name": "Taro Yamada", "company": "Kaisha KK", "email": "taro@example.jp"}],
                "message": "Please pick a time", "send_mail": True, "visibility": "public"}
        body.update(extra)
        return owner("POST", "/v1/admin/proposals", body)

    def test_candidates_are_held_and_the_choice_becomes_a_booking(self):
        pid, hosts, rooms = make_page(rooms=1)
        c1, c2 = at(3, 10), at(3, 14)
        r = self.propose(pid, hosts[0], [c1, c2], rooms)
        self.assertStatus(r, 201)
        token = r.json["token"]
        self.assertIn(token, r.json["url"])
        starts = [s["start"] for s in flat(slots(pid, day(3), day(3)))]
        self.assertNotIn(c1["start"], starts)  # held while the proposal is open (R-PROP-2)
        self.assertNotIn(c2["start"], starts)
        self.assertProblem(book(pid, c1["start"]), 409, "slot_unavailable")

        view = call("GET", "/v1/proposals/" + token)
        self.assertStatus(view, 200)
        self.assertEqual(view.json["state"], "open")
        self.assertEqual([c["start"] for c in view.json["candidates"]], [c1["start"], c2["start"]])
        self.assertNotIn("taro@example.jp", view.raw.decode())

        self.assertProblem(call("POST", "/v1/proposals/%s/choose" % token, {"start": at(3, 12)["start"]}), 422,
                           "not_a_candidate")
        chosen = call("POST", "/v1/proposals/%s/choose" % token, {"start": c2["start"]})
        self.assertStatus(chosen, 201)
        self.assertEqual(chosen.json["start"], c2["start"])
        self.assertEqual(chosen.json["room"], rooms[0])
        self.assertEqual(len(chosen.json["checkin_code"]), 6)
        starts = [s["start"] for s in flat(slots(pid, day(3), day(3)))]
        self.assertIn(c1["start"], starts)      # the other hold is released
        self.assertNotIn(c2["start"], starts)   # the chosen time is booked
        self.assertProblem(call("POST", "/v1/proposals/%s/choose" % token, {"start": c1["start"]}), 409,
                           "proposal_closed")
        booking = owner("GET", "/v1/admin/bookings/" + chosen.json["uid"])
        self.assertEqual(booking.json["status"], "approved")
        out = owner("GET", "/v1/admin/outbox?booking=" + chosen.json["uid"]).json["messages"]
        self.assertTrue(any(m["recipient"] == "taro@example.jp" for m in out), out)

    def test_asking_for_other_times_releases_the_holds(self):
        pid, hosts, _ = make_page()
        c1 = at(4, 9)
        token = self.propose(pid, hosts[0], [c1]).json["token"]
        r = call("POST", "/v1/proposals/%s/readjust" % token, {"message": "None of these work"})
        self.assertStatus(r, 200)
        self.assertEqual(call("GET", "/v1/proposals/" + token).json["state"], "withdrawn")
        self.assertIn(c1["start"], [s["start"] for s in flat(slots(pid, day(4), day(4)))])
        self.assertProblem(call("POST", "/v1/proposals/%s/choose" % token, {"start": c1["start"]}), 409)

    def test_a_time_freed_by_a_withdrawn_or_answered_proposal_is_bookable_at_once(self):
        # Bookings check the open proposals' holds from a cache (issue 16): every change
        # of a proposal reaches the very next booking.
        pid, hosts, _ = make_page()
        self.assertStatus(book(pid, at(5, 8)["start"], email="warm@example.com"), 201)  # the cache is filled
        c1, c2, c3 = at(5, 10), at(5, 12), at(5, 14)
        first = self.propose(pid, hosts[0], [c1, c2])
        self.assertStatus(first, 201)
        self.assertProblem(book(pid, c1["start"], email="a@example.com"), 409, "slot_unavailable")
        self.assertStatus(owner("DELETE", "/v1/admin/proposals/" + first.json["id"]), 204)
        self.assertStatus(book(pid, c1["start"], email="a@example.com"), 201)
        self.assertStatus(book(pid, c2["start"], email="b@example.com"), 201)
        # Answered: the chosen time becomes the booking, the other candidate is free.
        second = self.propose(pid, hosts[0], [c3, at(5, 16)])
        self.assertStatus(second, 201)
        self.assertProblem(book(pid, at(5, 16)["start"], email="c@example.com"), 409, "slot_unavailable")
        self.assertStatus(call("POST", "/v1/proposals/%s/choose" % second.json["token"], {"start": c3["start"]}), 201)
        self.assertStatus(book(pid, at(5, 16)["start"], email="c@example.com"), 201)
        self.assertProblem(book(pid, c3["start"], email="d@example.com"), 409, "slot_unavailable")

    def test_bad_proposals_are_refused(self):
        pid, hosts, _ = make_page()
        self.assertProblem(self.propose(pid, hosts[0], []), 422)
        self.assertProblem(self.propose(pid, hosts[0], [{"start": "2020-01-01T10:00:00Z", "end": "2020-01-01T11:00:00Z"}]), 422)
        self.assertProblem(self.propose(pid, hosts[0], [at(5, 9)], visibility="secret"), 422)
        self.assertProblem(self.propose(pid, "h_demo_tokyo", [at(5, 9)]), 422, "unknown_host")
        self.assertProblem(owner("POST", "/v1/admin/proposals", {"page": pid, "event_type": "meet", "host": hosts[0],
                                                                 "candidates": [at(5, 9)], "guests": []}, key=DEMO_KEY), 404)
        taken = book(pid, at(5, 11, minutes=30)["start"])
        self.assertStatus(taken, 201)
        self.assertProblem(self.propose(pid, hosts[0], [at(5, 11)]), 409, "candidate_taken")
        self.assertProblem(call("GET", "/v1/proposals/not-a-token"), 404)


class ConfirmationRequests(ServerTest):
    def test_request_is_held_and_can_be_withdrawn(self):
        pid, _, _ = make_page()
        offered = flat(slots(pid, day(6), day(6)))
        uid = book(pid, offered[3]["start"]).json["uid"]
        r = owner("POST", "/v1/admin/confirmation-requests",
                  {"bookings": [uid], "recipients": ["guest@example.com"], "allow_decline": True, "message": "Still on?"})
        self.assertStatus(r, 201)
        send_at = datetime.datetime.fromisoformat(r.json["send_at"].replace("Z", "+00:00"))
        held = send_at - datetime.datetime.now(datetime.timezone.utc)
        self.assertTrue(datetime.timedelta(minutes=9) < held <= datetime.timedelta(minutes=10, seconds=5), held)
        view = call("GET", "/v1/requests/" + r.json["token"])
        self.assertStatus(view, 200)
        self.assertEqual(view.json["state"], "pending_send")
        self.assertEqual(view.json["bookings"][0]["uid"], uid)
        # Not sent yet: it cannot be answered, and the owner can still take it back.
        self.assertProblem(call("POST", "/v1/requests/%s/accept" % r.json["token"]), 409)
        self.assertProblem(owner("DELETE", "/v1/admin/confirmation-requests/" + r.json["id"], key=DEMO_KEY), 404)
        self.assertStatus(owner("DELETE", "/v1/admin/confirmation-requests/" + r.json["id"]), 204)
        self.assertEqual(call("GET", "/v1/requests/" + r.json["token"]).json["state"], "cancelled")
        msgs = owner("GET", "/v1/admin/outbox?booking=request:" + r.json["id"]).json["messages"]
        self.assertTrue(msgs and all(m["state"] == "cancelled" for m in msgs), msgs)

    def test_requests_for_unknown_or_foreign_bookings_are_refused(self):
        self.assertProblem(owner("POST", "/v1/admin/confirmation-requests",
                                 {"bookings": ["b_nope"], "recipients": ["a@example.com"]}), 404)
        self.assertProblem(owner("POST", "/v1/admin/confirmation-requests", {"bookings": [], "recipients": []}), 422)


if __name__ == "__main__":
    unittest.main()
