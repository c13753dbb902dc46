"""Flows of issue 10 §1 over HTTP, each of which did the wrong thing before: a guest's
move of a pending booking, the owner's move keeping its hosts, fields fixed at
creation, proposal candidates against buffers, rooms and other holds, all-day busy
blocks, disabled pages, and renaming and deleting rooms."""
import datetime
import unittest

from booking_helpers import book, flat, make_page, slots, today
from kairos_http import ServerTest, call, owner


def day(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


def at(n_days, hh, mm=0, minutes=30):
    s = datetime.datetime.combine(today() + datetime.timedelta(days=n_days), datetime.time(hh, mm),
                                  tzinfo=datetime.timezone.utc)
    f = "%Y-%m-%dT%H:%M:%SZ"
    return {"start": s.strftime(f), "end": (s + datetime.timedelta(minutes=minutes)).strftime(f)}


class GuestMoves(ServerTest):
    def test_a_guest_moving_a_pending_booking_leaves_it_pending(self):
        pid, _, _ = make_page({"auto_approve": False})
        offered = flat(slots(pid, day(2), day(2)))
        r = book(pid, offered[4]["start"])
        self.assertEqual(r.json["status"], "pending")
        mv = call("POST", "/v1/bookings/%s/reschedule" % r.json["uid"], {"start": offered[6]["start"]},
                  headers={"Authorization": "Bearer " + r.json["token"]})
        self.assertStatus(mv, 200)
        self.assertEqual(mv.json["status"], "pending")
        self.assertEqual(mv.json["start"], offered[6]["start"])
        self.assertEqual(owner("POST", "/v1/admin/bookings/%s/approve" % r.json["uid"]).json["status"], "approved")


class OwnerMoves(ServerTest):
    def test_a_move_keeps_the_hosts_or_is_refused(self):
        pid, hosts, _ = make_page(hosts=2)
        offered = flat(slots(pid, day(3), day(3)))
        c = book(pid, offered[10]["start"]).json
        own, other = c["host"], [h for h in hosts if h != c["host"]][0]
        # Make `own` busy at slot 12 and leave `other` free then.
        blocker = book(pid, offered[12]["start"]).json
        if blocker["host"] != own:
            self.assertStatus(owner("PATCH", "/v1/admin/bookings/" + blocker["uid"], {"hosts": [own]}), 200)
        # Before: the move silently handed the visit to `other`. Now: 409, nothing changes.
        refused = owner("PATCH", "/v1/admin/bookings/" + c["uid"], {"start": offered[12]["start"]})
        self.assertProblem(refused, 409, "slot_unavailable")
        self.assertEqual(owner("GET", "/v1/admin/bookings/" + c["uid"]).json["hosts"], [own])
        kept = owner("PATCH", "/v1/admin/bookings/" + c["uid"], {"start": offered[14]["start"]})
        self.assertStatus(kept, 200)
        self.assertEqual(kept.json["hosts"], [own])
        # The owner hands it over explicitly: the host taken off is told.
        handed = owner("PATCH", "/v1/admin/bookings/" + c["uid"],
                       {"start": offered[12]["start"], "hosts": [other], "notify": False})
        self.assertStatus(handed, 200)
        self.assertEqual(handed.json["hosts"], [other])
        box = owner("GET", "/v1/admin/outbox?booking=" + c["uid"]).json["messages"]
        removed = [m for m in box if m["template"] == "booking.removed.host"]
        self.assertEqual([m["recipient"] for m in removed], ["host%d@example.com" % hosts.index(own)])

    def test_fields_fixed_at_creation_are_refused(self):
        pid, _, _ = make_page()
        b = book(pid, flat(slots(pid, day(4), day(4)))[3]["start"]).json
        self.assertProblem(owner("PATCH", "/v1/admin/bookings/" + b["uid"], {"send_mail": False}), 422,
                           "immutable_field")
        self.assertProblem(owner("PATCH", "/v1/admin/bookings/" + b["uid"], {"visibility": "private"}), 422,
                           "immutable_field")
        self.assertStatus(owner("PATCH", "/v1/admin/bookings/" + b["uid"], {"visibility": "public"}), 200)


class ProposalCandidates(ServerTest):
    def propose(self, pid, host, candidates, rooms=()):
        return owner("POST", "/v1/admin/proposals",
                     {"page": pid, "event_type": "meet", "host": host, "candidates": candidates, "rooms": list(rooms),
                      "guests": [{"name": "Taro", "email": "taro@example.jp"}], "send_mail": False})

    def test_candidates_respect_buffers_rooms_and_other_holds(self):
        pid, hosts, rooms = make_page({"buffer_before_minutes": 15, "buffer_after_minutes": 15}, rooms=1)
        b = book(pid, at(5, 10)["start"])
        self.assertStatus(b, 201)
        # 10:40 is clear of the booking itself (10:00–10:30) but not of its buffer.
        self.assertProblem(self.propose(pid, hosts[0], [at(5, 10, 40)]), 409, "candidate_taken")
        held = self.propose(pid, hosts[0], [at(5, 14)])
        self.assertStatus(held, 201)
        self.assertProblem(self.propose(pid, hosts[0], [at(5, 14)]), 409, "candidate_taken")  # another hold
        _, other_hosts, _ = make_page()
        # The room is booked at 10:00 by the first booking: another host cannot propose it then.
        self.assertProblem(self.propose(pid, other_hosts[0], [at(5, 10)], rooms), 409, "candidate_taken")
        self.assertStatus(self.propose(pid, other_hosts[0], [at(5, 12)], rooms), 201)


class HostsAndPages(ServerTest):
    def test_all_day_busy_blocks_the_hosts_local_day(self):
        pid, hosts, _ = make_page(zone="Asia/Tokyo")
        r = owner("PUT", "/v1/admin/hosts/" + hosts[0], {"busy": [{"date": day(6)}]})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["busy"], [{"date": day(6)}])
        tokyo = slots(pid, day(6), day(6), tz="Asia/Tokyo")
        self.assertEqual(tokyo["days"].get(day(6), []), [])
        self.assertTrue(slots(pid, day(7), day(7), tz="Asia/Tokyo")["days"].get(day(7)))
        self.assertProblem(owner("PUT", "/v1/admin/hosts/" + hosts[0], {"busy": [{"date": "2026-13-01"}]}), 422)

    def test_a_disabled_page_offers_nothing_and_refuses_bookings(self):
        pid, hosts, _ = make_page()
        start = flat(slots(pid, day(2), day(2)))[0]["start"]
        page = owner("GET", "/v1/admin/pages/" + pid).json
        page["enabled"] = False
        self.assertStatus(owner("PUT", "/v1/admin/pages/" + pid, page), 200)
        self.assertEqual(owner("GET", "/v1/admin/pages/" + pid).json["enabled"], False)
        self.assertEqual(slots(pid, day(2), day(2))["days"], {})
        self.assertProblem(book(pid, start), 409, "page_disabled")
        self.assertProblem(call("GET", "/v1/pages/%s/availability?event_type=meet&from=%s&to=%s" % (pid, day(2), day(2))),
                           409, "page_disabled")
        page["enabled"] = True
        self.assertStatus(owner("PUT", "/v1/admin/pages/" + pid, page), 200)
        self.assertStatus(book(pid, start), 201)

    def test_rooms_can_be_renamed_and_deleted_when_unused(self):
        pid, _, rooms = make_page(rooms=1)
        r = owner("PUT", "/v1/admin/rooms/" + rooms[0], {"name": "Sauna"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["name"], "Sauna")
        self.assertIn({"id": rooms[0], "name": "Sauna"}, owner("GET", "/v1/admin/rooms").json["rooms"])
        self.assertProblem(owner("DELETE", "/v1/admin/rooms/" + rooms[0]), 409, "room_in_use")
        spare = owner("POST", "/v1/admin/rooms", {"name": "Spare"}).json["id"]
        self.assertStatus(owner("DELETE", "/v1/admin/rooms/" + spare), 204)
        self.assertProblem(owner("DELETE", "/v1/admin/rooms/" + spare), 404)
        self.assertProblem(owner("PUT", "/v1/admin/rooms/" + spare, {"name": "x"}), 404)


if __name__ == "__main__":
    unittest.main()
