"""The parsed page and host documents are cached per store generation of hosts and pages
(issue 16: a booking no longer parses them again). Every change an owner makes must
still reach the very next booking and slot answer: hours, the event type, disabling and
deleting the page, also while bookings are being committed beside the change."""
import concurrent.futures
import datetime
import threading
import unittest

from booking_helpers import ALL_WEEK, book, flat, make_page, slots, today
from kairos_http import owner

EARLY = {d: [["00:00", "06:00"]] for d in ALL_WEEK}


def day(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


def at(n, hhmm):
    return "%sT%s:00Z" % (day(n), hhmm)


def page_body(pid, hosts, **et):
    event = {"id": "meet", "name": "Meeting", "duration_minutes": 30, "buffer_before_minutes": 0,
             "buffer_after_minutes": 0}
    event.update(et)
    return {"id": pid, "name": "Test page", "hosts": hosts, "host_mode": "any", "event_types": [event]}


class PageContextCache(unittest.TestCase):
    def test_a_booking_after_an_hours_change_is_checked_against_the_new_hours(self):
        pid, hosts, _ = make_page()
        self.assertEqual(book(pid, at(2, "10:00"), email="a@example.com").status, 201)  # cached now
        self.assertEqual(owner("PUT", "/v1/admin/hosts/" + hosts[0], {"weekly_hours": EARLY}).status, 200)
        refused = book(pid, at(2, "12:00"), email="b@example.com")
        self.assertEqual((refused.status, refused.json["code"]), (422, "outside_availability"), refused)
        self.assertEqual(book(pid, at(2, "03:00"), email="c@example.com").status, 201)
        self.assertTrue(all(s["start"] < at(2, "06:00") for s in flat(slots(pid, day(2), day(2)))))
        # And back: the old hours are bookable again at once.
        self.assertEqual(owner("PUT", "/v1/admin/hosts/" + hosts[0], {"weekly_hours": ALL_WEEK}).status, 200)
        self.assertEqual(book(pid, at(2, "12:00"), email="d@example.com").status, 201)

    def test_a_booking_after_an_event_type_change_uses_the_new_event_type(self):
        pid, hosts, _ = make_page()
        self.assertEqual(book(pid, at(2, "10:00"), email="a@example.com").status, 201)
        r = owner("PUT", "/v1/admin/pages/" + pid, page_body(pid, hosts, duration_minutes=60, slot_interval_minutes=60))
        self.assertEqual(r.status, 200, r)
        off = book(pid, at(2, "12:30"), email="b@example.com")
        self.assertEqual((off.status, off.json["code"]), (422, "off_slot_grid"), off)
        made = book(pid, at(2, "13:00"), email="c@example.com")
        self.assertEqual(made.status, 201, made)
        self.assertEqual(made.json["end"], at(2, "14:00"))

    def test_a_disabled_or_deleted_page_refuses_the_next_booking(self):
        pid, hosts, _ = make_page()
        self.assertEqual(book(pid, at(2, "10:00"), email="a@example.com").status, 201)
        body = page_body(pid, hosts)
        body["enabled"] = False
        self.assertEqual(owner("PUT", "/v1/admin/pages/" + pid, body).status, 200)
        off = book(pid, at(2, "11:00"), email="b@example.com")
        self.assertEqual((off.status, off.json["code"]), (409, "page_disabled"), off)
        body["enabled"] = True
        self.assertEqual(owner("PUT", "/v1/admin/pages/" + pid, body).status, 200)
        self.assertEqual(book(pid, at(2, "11:00"), email="c@example.com").status, 201)
        self.assertEqual(owner("DELETE", "/v1/admin/pages/" + pid).status, 204)
        gone = book(pid, at(2, "12:00"), email="d@example.com")
        self.assertEqual((gone.status, gone.json["code"]), (404, "page_not_found"), gone)

    def test_bookings_sent_after_an_hours_change_never_use_the_old_hours(self):
        # Bookings and slot reads keep arriving from several clients (so the change shares
        # commits with bookings, and readers fill the cache meanwhile); every booking sent
        # after the change was answered is checked against the new hours.
        pid, hosts, _ = make_page({"duration_minutes": 15, "slot_interval_minutes": 15})
        starts = iter(at(3, "%02d:%02d" % (h, m)) for h in range(8, 24) for m in (0, 15, 30, 45))
        lock = threading.Lock()
        changed = threading.Event()
        results = []

        def client(i):
            for k in range(400):
                with lock:
                    after = changed.is_set()
                    start = next(starts, None)
                    if start is None or sum(1 for a, _ in results if a) >= 40:
                        return
                if k % 3 == 0:
                    slots(pid, day(3), day(3))
                r = book(pid, start, name="C %d" % i, email="c%d@example.com" % i)
                with lock:
                    results.append((after, (r.status, (r.json or {}).get("code"))))

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            running = [pool.submit(client, i) for i in range(8)]
            while True:
                with lock:
                    if len(results) >= 24:
                        break
                threading.Event().wait(0.01)
            self.assertEqual(owner("PUT", "/v1/admin/hosts/" + hosts[0], {"weekly_hours": EARLY}).status, 200)
            changed.set()
            for f in running:
                f.result()
        after = [r for a, r in results if a]
        self.assertTrue(after, "no booking was sent after the change")
        self.assertEqual(set(after), {(422, "outside_availability")}, after[:5])
        self.assertIn((201, None), [r for a, r in results if not a])
        self.assertTrue(all(s["start"] < at(3, "06:00") for s in flat(slots(pid, day(3), day(3)))))


if __name__ == "__main__":
    unittest.main()
