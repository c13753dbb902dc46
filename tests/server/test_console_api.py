"""The owner console's endpoints over HTTP: the explanation of a day agrees with /slots
and names the booking next to a buffer; phone bookings skip notice and window but not
overlaps; proposals and confirmation requests are listed with cursors, withdrawn and
previewed; related bookings; two edits of one booking do not overwrite each other."""
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


WEEKDAYS = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def guest(name="Caller", email="caller@example.com", **kw):
    g = {"name": name, "email": email}
    g.update(kw)
    return g


class Explain(ServerTest):
    def explain(self, pid, date, tz="Etc/UTC", key=None, event_type="meet"):
        kw = {"key": key} if key else {}
        return owner("GET", "/v1/admin/pages/%s/explain?event_type=%s&date=%s&tz=%s" % (pid, event_type, date, tz), **kw)

    def test_available_starts_equal_slots_and_the_buffer_names_the_booking(self):
        pid, hosts, _ = make_page({"buffer_after_minutes": 15, "min_notice_minutes": 0}, weekly=WEEKDAYS)
        r = book(pid, at(4, 11)["start"])
        self.assertStatus(r, 201)
        uid = r.json["uid"]
        for tz in ("Etc/UTC", "Asia/Tokyo", "America/New_York"):
            x = self.explain(pid, day(4), tz)
            self.assertStatus(x, 200)
            self.assertEqual(x.json["tz"], tz)
            available = [s["start"] for s in x.json["starts"] if s["available"]]
            offered = [s["start"] for s in slots(pid, day(4), day(4), tz=tz)["days"].get(day(4), [])]
            self.assertEqual(available, offered, tz)
        starts = {s["start"]: s for s in self.explain(pid, day(4)).json["starts"]}
        before = starts[at(4, 10, 30)["start"]]  # 10:30–11:00 + 15 min buffer touches 11:00
        self.assertFalse(before["available"])
        self.assertEqual([(r["code"], r.get("booking"), r.get("host")) for r in before["reasons"]],
                         [("buffer", uid, hosts[0])])
        self.assertEqual(starts[at(4, 11)["start"]]["reasons"][0]["code"], "booked")
        self.assertEqual(starts[at(4, 9)["start"]]["host"], hosts[0])
        self.assertEqual(starts[at(4, 9)["start"]]["reasons"], [])

    def test_day_off_holiday_and_notice_are_explained(self):
        pid, hosts, _ = make_page({"min_notice_minutes": 3 * 24 * 60}, weekly=WEEKDAYS)
        self.assertStatus(owner("PUT", "/v1/admin/hosts/" + hosts[0], {"overrides": [{"date": day(5), "hours": []}]}), 200)
        x = self.explain(pid, day(5)).json["starts"]
        self.assertTrue(x)
        self.assertTrue(all(s["reasons"][0]["code"] == "date_override" for s in x), x)
        early = self.explain(pid, day(1)).json["starts"]
        self.assertTrue(all(not s["available"] and s["reasons"][0]["code"] == "minimum_notice" for s in early))

    def test_bad_requests_and_other_accounts(self):
        pid, _, _ = make_page(weekly=WEEKDAYS)
        self.assertProblem(self.explain(pid, "2026-02-30"), 422)
        self.assertProblem(self.explain(pid, day(1), tz="Mars/Olympus"), 422, "unknown_zone")
        self.assertProblem(self.explain(pid, day(1), event_type="nope"), 422, "unknown_event_type")
        self.assertProblem(owner("GET", "/v1/admin/pages/%s/explain?event_type=meet" % pid), 422, "missing_field")
        self.assertProblem(self.explain(pid, day(1), key=DEMO_KEY), 404, "page_not_found")


class HostPreview(ServerTest):
    def test_free_times_of_typed_hours_without_saving(self):
        body = {"name": "New", "email": "new@example.com", "timezone": "Europe/Helsinki",
                "weekly_hours": {"mon": [["09:00", "12:00"], ["13:00", "17:00"]]},
                "overrides": [{"date": "2026-03-16", "hours": []}],
                "from": "2026-03-09", "to": "2026-03-16"}
        before = owner("GET", "/v1/admin/hosts").json["hosts"]
        r = owner("POST", "/v1/admin/hosts/preview", body)
        self.assertStatus(r, 200)
        self.assertEqual(sorted(r.json["days"]), ["2026-03-%02d" % d for d in range(9, 17)])
        self.assertEqual(r.json["days"]["2026-03-09"], [{"start": "2026-03-09T07:00:00Z", "end": "2026-03-09T10:00:00Z"},
                                                        {"start": "2026-03-09T11:00:00Z", "end": "2026-03-09T15:00:00Z"}])
        self.assertEqual(r.json["days"]["2026-03-10"], [])
        self.assertEqual(r.json["days"]["2026-03-16"], [])  # the holiday
        self.assertEqual(owner("GET", "/v1/admin/hosts").json["hosts"], before)  # nothing saved
        self.assertProblem(owner("POST", "/v1/admin/hosts/preview", dict(body, timezone="Mars/Olympus")), 422)
        self.assertProblem(owner("POST", "/v1/admin/hosts/preview", dict(body, id="h_nope")), 404)


class PhoneBookings(ServerTest):
    def test_a_caller_is_booked_sooner_than_the_notice_but_never_over_another_booking(self):
        pid, hosts, _ = make_page({"min_notice_minutes": 7 * 24 * 60})
        start = at(1, 10)["start"]
        self.assertProblem(book(pid, start), 422, "too_soon")  # a guest is held to the notice
        r = owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet", "start": start,
                                                  "guest": guest(phone="+358401234567"), "notify": False})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["status"], "approved")
        self.assertEqual(r.json["host"], hosts[0])
        self.assertFalse(r.json["notified"])
        uid = r.json["uid"]
        sent = owner("GET", "/v1/admin/outbox?booking=" + uid).json["messages"]
        self.assertFalse([m for m in sent if m["recipient"] == "caller@example.com" and not m["key"].startswith("reminder")],
                         sent)
        again = owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet", "start": start,
                                                      "guest": guest("Other"), "notify": True})
        self.assertProblem(again, 409, "slot_unavailable")
        off = owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet", "start": at(1, 10, 7)["start"],
                                                    "guest": guest(), "notify": True})
        self.assertProblem(off, 422, "off_slot_grid")

    def test_hours_hosts_and_input_are_still_checked(self):
        pid, hosts, _ = make_page(weekly=WEEKDAYS)
        self.assertProblem(owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet",
                                                                 "start": at(2, 20)["start"], "guest": guest()}),
                           422, "outside_availability")
        self.assertProblem(owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet",
                                                                 "start": at(2, 10)["start"], "guest": guest(),
                                                                 "hosts": ["h_other"]}), 422, "unknown_host")
        self.assertProblem(owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet",
                                                                 "start": at(2, 10)["start"],
                                                                 "guest": guest(email="not-an-email")}), 422,
                           "invalid_email")
        self.assertProblem(owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet",
                                                                 "start": at(2, 10)["start"], "guest": guest()},
                                 key=DEMO_KEY), 404, "page_not_found")
        r = owner("POST", "/v1/admin/bookings", {"page": pid, "event_type": "meet", "start": at(2, 10)["start"],
                                                  "guest": guest(), "hosts": [hosts[0]], "notify": True})
        self.assertStatus(r, 201)
        self.assertTrue(r.json["notified"])


class Listings(ServerTest):
    def propose(self, pid, host, candidates):
        return owner("POST", "/v1/admin/proposals", {
            "page": pid, "event_type": "meet", "host": host, "candidates": candidates,
            "guests": [{"name": "Taro", "company": "KK", "email": "taro@example.jp"}], "send_mail": True,
            "visibility": "public"})

    def test_proposals_are_listed_with_cursors_and_withdrawn(self):
        pid, hosts, _ = make_page()
        ids = []
        for i in range(3):
            r = self.propose(pid, hosts[0], [at(6 + i, 10), at(6 + i, 14)])
            self.assertStatus(r, 201)
            ids.append(r.json["id"])
        first = owner("GET", "/v1/admin/proposals?state=open&limit=2")
        self.assertStatus(first, 200)
        self.assertEqual(len(first.json["items"]), 2)
        self.assertTrue(first.json["next_cursor"])
        rest = owner("GET", "/v1/admin/proposals?state=open&limit=2&cursor=" + first.json["next_cursor"])
        seen = [p["id"] for p in first.json["items"] + rest.json["items"]]
        for i in ids:
            self.assertIn(i, seen)
        self.assertEqual(len(seen), len(set(seen)))
        one = owner("GET", "/v1/admin/proposals/" + ids[0])
        self.assertStatus(one, 200)
        self.assertEqual(len(one.json["holds"]), 2)
        self.assertNotIn(at(6, 10)["start"], [s["start"] for s in flat(slots(pid, day(6), day(6)))])
        self.assertProblem(owner("DELETE", "/v1/admin/proposals/" + ids[0], key=DEMO_KEY), 404)
        self.assertStatus(owner("DELETE", "/v1/admin/proposals/" + ids[0]), 204)
        self.assertIn(at(6, 10)["start"], [s["start"] for s in flat(slots(pid, day(6), day(6)))])  # hold released
        self.assertEqual(owner("GET", "/v1/admin/proposals/" + ids[0]).json["state"], "withdrawn")
        self.assertProblem(owner("DELETE", "/v1/admin/proposals/" + ids[0]), 409, "proposal_closed")
        withdrawn = [p["id"] for p in owner("GET", "/v1/admin/proposals?state=withdrawn&limit=1000").json["items"]]
        self.assertIn(ids[0], withdrawn)
        self.assertProblem(owner("GET", "/v1/admin/proposals?limit=0"), 422, "invalid_limit")
        self.assertProblem(owner("GET", "/v1/admin/proposals?limit=1001"), 422, "invalid_limit")
        self.assertProblem(owner("GET", "/v1/admin/proposals?state=lost"), 422, "invalid_state")
        self.assertNotIn(ids[1], [p["id"] for p in owner("GET", "/v1/admin/proposals", key=DEMO_KEY).json["items"]])

    def test_requests_are_listed_previewed_and_related_bookings_suggested(self):
        pid, hosts, _ = make_page()
        a = book(pid, at(8, 10)["start"], email="same@example.com").json["uid"]
        b = book(pid, at(8, 14)["start"], email="Same@example.com").json["uid"]
        book(pid, at(8, 16)["start"], email="other@example.com")
        rel = owner("GET", "/v1/admin/bookings/%s/related" % a)
        self.assertStatus(rel, 200)
        self.assertEqual([x["uid"] for x in rel.json["items"]], [b])
        self.assertProblem(owner("GET", "/v1/admin/bookings/%s/related" % a, key=DEMO_KEY), 404)

        body = {"bookings": [a, b], "recipients": ["same@example.com"], "allow_decline": True,
                "message": "Please confirm both visits."}
        before = owner("GET", "/v1/admin/confirmation-requests?limit=1000").json["items"]
        pv = owner("POST", "/v1/admin/confirmation-requests/preview", body)
        self.assertStatus(pv, 200)
        self.assertEqual(len(pv.json["items"]), 1)
        mail = pv.json["items"][0]
        self.assertEqual(mail["recipient"], "same@example.com")
        self.assertIn("Please confirm both visits.", mail["text"])
        self.assertTrue(mail["subject"] and mail["html"])
        self.assertEqual(owner("GET", "/v1/admin/confirmation-requests?limit=1000").json["items"], before)  # nothing kept
        self.assertProblem(owner("POST", "/v1/admin/confirmation-requests/preview", dict(body, bookings=["b_nope"])),
                           404, "booking_not_found")

        r = owner("POST", "/v1/admin/confirmation-requests", body)
        self.assertStatus(r, 201)
        rid = r.json["id"]
        listed = owner("GET", "/v1/admin/confirmation-requests?state=pending_send")
        self.assertIn(rid, [x["id"] for x in listed.json["items"]])
        one = owner("GET", "/v1/admin/confirmation-requests/" + rid)
        self.assertStatus(one, 200)
        self.assertEqual(one.json["state"], "pending_send")
        self.assertEqual(sorted(x["uid"] for x in one.json["bookings"]), sorted([a, b]))
        self.assertTrue(one.json["messages"])
        self.assertProblem(owner("GET", "/v1/admin/confirmation-requests/" + rid, key=DEMO_KEY), 404)
        self.assertNotIn(rid, [x["id"] for x in owner("GET", "/v1/admin/confirmation-requests",
                                                      key=DEMO_KEY).json["items"]])


class OutboxOrder(ServerTest):
    def test_the_outbox_reads_newest_first_and_pages_back_with_the_cursor(self):
        # Staff read the latest messages first (the console's Messages screen).
        pid, _, _ = make_page({"auto_approve": True})
        uids = [book(pid, at(9, 9 + i)["start"], email="newest%d@example.com" % i).json["uid"] for i in range(3)]
        for u in uids:  # each booking's own list, newest first, is its oldest-first list reversed
            oldest = [m["id"] for m in owner("GET", "/v1/admin/outbox?booking=" + u).json["messages"]]
            r = owner("GET", "/v1/admin/outbox?order=newest&booking=" + u)
            self.assertStatus(r, 200)
            self.assertTrue(oldest)
            self.assertEqual([m["id"] for m in r.json["messages"]], oldest[::-1])
        # The account's list in pages of two: every page older than the one before, and
        # the newest of this test's messages come before its older ones.
        seen, cursor = [], None
        for _ in range(4):
            r = owner("GET", "/v1/admin/outbox?order=newest&limit=2" + ("&cursor=" + cursor if cursor else ""))
            self.assertStatus(r, 200)
            self.assertLessEqual(len(r.json["messages"]), 2)
            seen += [m["id"] for m in r.json["messages"]]
            cursor = r.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(seen, sorted(seen, reverse=True))
        self.assertEqual(len(seen), len(set(seen)))
        mine = [m for m in owner("GET", "/v1/admin/outbox?order=newest&limit=1000").json["messages"]
                if m["booking"] in uids]
        self.assertEqual([m["booking"] for m in mine][0], uids[-1])
        self.assertEqual([m["booking"] for m in mine][-1], uids[0])
        self.assertEqual(owner("GET", "/v1/admin/outbox?order=oldest&booking=" + uids[0]).json["messages"],
                         owner("GET", "/v1/admin/outbox?booking=" + uids[0]).json["messages"])
        self.assertProblem(owner("GET", "/v1/admin/outbox?order=latest"), 422, "invalid_order")
        self.assertFalse([m for m in owner("GET", "/v1/admin/outbox?order=newest&limit=1000", key=DEMO_KEY).json["messages"]
                          if m["booking"] in uids])


class EditConflicts(ServerTest):
    def test_the_later_of_two_edits_from_the_same_version_is_refused(self):
        pid, _, _ = make_page()
        uid = book(pid, at(9, 10)["start"]).json["uid"]
        seen = owner("GET", "/v1/admin/bookings/" + uid)
        etag, version = seen.header("ETag"), seen.json["version"]
        self.assertTrue(etag)
        first = owner("PATCH", "/v1/admin/bookings/" + uid, {"guidance": "Reception on floor 2", "notify": False},
                      headers={"If-Match": etag})
        self.assertStatus(first, 200)
        self.assertNotEqual(first.header("ETag"), etag)
        second = owner("PATCH", "/v1/admin/bookings/" + uid, {"guidance": "Floor 3", "notify": False},
                       headers={"If-Match": etag})
        self.assertProblem(second, 409, "edit_conflict")
        by_body = owner("PATCH", "/v1/admin/bookings/" + uid, {"guidance": "Floor 3", "notify": False,
                                                                 "version": version})
        self.assertProblem(by_body, 409, "edit_conflict")
        self.assertEqual(owner("GET", "/v1/admin/bookings/" + uid).json["guidance"], "Reception on floor 2")
        fresh = owner("PATCH", "/v1/admin/bookings/" + uid, {"guidance": "Floor 3", "notify": False},
                      headers={"If-Match": first.header("ETag")})
        self.assertStatus(fresh, 200)
        self.assertProblem(owner("PATCH", "/v1/admin/bookings/" + uid, {"guidance": "x", "notify": False},
                                 headers={"If-Match": "garbage"}), 409, "edit_conflict")


if __name__ == "__main__":
    unittest.main()
