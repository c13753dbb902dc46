"""PostgreSQL forbids overlaps between live bookings and proposals' holds (migration
0005, ctest store.pg_holds): what the database refuses reaches the client as 409
slot_unavailable, never 500, and what the product allows is not refused — candidates of
one proposal overlapping each other, and several proposals naming the same rooms.

The code checks holds before the database does, so to see the database refuse, a hold
is written behind the code's back (a row of status 'held' without its proposal
document, standing for a bug or a document the code failed to read)."""
import datetime
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import fixture  # noqa: E402
import kairos_http as kh  # noqa: E402
import pgcluster  # noqa: E402

BIN = os.environ["KAIROS_BIN"]
PG_DIR = os.environ.get("KAIROS_PG_DIR")
KEY = "pg-holds-owner-key"
ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def at(n_days, hh, mm=0, minutes=60):
    d = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=n_days)
    s = datetime.datetime.combine(d, datetime.time(hh, mm), tzinfo=datetime.timezone.utc)
    f = "%Y-%m-%dT%H:%M:%SZ"
    return {"start": s.strftime(f), "end": (s + datetime.timedelta(minutes=minutes)).strftime(f)}


def epoch(text):
    return int(datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())


@unittest.skipUnless(PG_DIR, "needs the PostgreSQL fixture (KAIROS_PG_DIR)")
class HoldsInTheExclusionConstraint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pg = pgcluster.attach(PG_DIR)
        cls.dbname = "holds_" + uuid.uuid4().hex[:8]
        db = cls.pg.create_db(cls.dbname)
        cls.log = os.path.join(PG_DIR, "..", "pg-holds.log")
        with open(cls.log, "w") as log:
            cls.proc, cls.base = fixture.spawn(BIN, db, ["--admin-key", KEY, "--booking-rate", "0",
                                                         "--log-level", "warn"], log=log)
        assert cls.proc, cls.read_log()

    @classmethod
    def read_log(cls):
        with open(cls.log) as f:
            return f.read()

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(timeout=20)
        log = cls.read_log()
        assert " 500 " not in log and '"status":500' not in log, log

    def call(self, method, path, body=None):
        return kh.call(method, path, body, key=KEY, base=self.base)

    def sql(self, text):
        return self.pg.psql(text, db=self.dbname)

    def make_page(self, hosts=1, rooms=0):
        host_ids, room_ids = [], []
        for i in range(hosts):
            r = self.call("POST", "/v1/admin/hosts", {"name": "Host %d" % i, "email": "host%d@example.com" % i,
                                                      "timezone": "Etc/UTC", "weekly_hours": ALL_WEEK})
            self.assertEqual(r.status, 201, r)
            host_ids.append(r.json["id"])
        for i in range(rooms):
            r = self.call("POST", "/v1/admin/rooms", {"name": "Room %d" % i})
            self.assertEqual(r.status, 201, r)
            room_ids.append(r.json["id"])
        et = {"id": "meet", "name": "Meeting", "duration_minutes": 60, "slot_interval_minutes": 30,
              "buffer_before_minutes": 0, "buffer_after_minutes": 0}
        if room_ids:
            et["rooms"] = room_ids
        pid = "p-" + uuid.uuid4().hex[:10]
        r = self.call("POST", "/v1/admin/pages", {"id": pid, "name": "Holds", "hosts": host_ids, "host_mode": "any",
                                                  "event_types": [et]})
        self.assertEqual(r.status, 201, r)
        return pid, host_ids, room_ids

    def propose(self, pid, host, candidates, rooms=()):
        return self.call("POST", "/v1/admin/proposals", {
            "page": pid, "event_type": "meet", "host": host, "candidates": candidates, "rooms": list(rooms),
            "guests": [{"name": "Taro Yamada", "company": "Kaisha KK", "email": "taro@example.jp"}],
            "send_mail": False, "visibility": "public"})

    def book(self, pid, start):
        return self.call("POST", "/v1/bookings", {"page": pid, "event_type": "meet", "start": start,
                                                  "guest": {"name": "Guest", "email": "guest@example.com"}})

    def hidden_hold(self, host, room, when, group):
        """A hold row the code does not know about (no proposal document)."""
        self.sql("INSERT INTO booking_hosts(host_id, start_s, booking_uid, end_s, status, room_id) "
                 "VALUES ('%s', %d, '%s#0', %d, 'held', '%s')" % (host, epoch(when["start"]), group, epoch(when["end"]), room))

    def assertProblem(self, r, status, code):
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.json.get("code"), code, r)

    def test_a_booking_over_a_hold_is_refused_by_the_database_with_409(self):
        pid, hosts, _ = self.make_page()
        when = at(3, 10)
        self.hidden_hold(hosts[0], "", when, "pr_ghost1")
        self.assertProblem(self.book(pid, when["start"]), 409, "slot_unavailable")
        self.assertEqual(self.sql("SELECT count(*) FROM bookings WHERE page_id = '%s'" % pid), "0")
        self.assertEqual(self.book(pid, at(3, 11)["start"]).status, 201)  # right after the hold: free

    def test_bookings_refused_by_the_database_within_a_burst_undo_only_themselves(self):
        # Many bookings share one transaction, and a booking's insert travels with the
        # next booking's reads (or with the COMMIT): a refusal found there is answered 409
        # for the booking that made it, and the one that carried it is still checked
        # and stored (pg_store.cpp, run_batch).
        import concurrent.futures
        pid, hosts, _ = self.make_page()
        free = [at(7, h)["start"] for h in range(0, 24, 2)]
        held = [at(7, h) for h in range(1, 24, 2)]
        for i, when in enumerate(held):
            self.hidden_hold(hosts[0], "", when, "pr_ghost_burst%d" % i)
        starts = free * 2 + [w["start"] for w in held] * 2
        with concurrent.futures.ThreadPoolExecutor(max_workers=24) as pool:
            replies = list(pool.map(lambda s: self.book(pid, s), starts))
        statuses = sorted(set((r.status, (r.json or {}).get("code")) for r in replies))
        self.assertEqual(statuses, [(201, None), (409, "slot_unavailable")], statuses)
        won = sorted(r.json["start"] for r in replies if r.status == 201)
        self.assertEqual(won, sorted(free))
        self.assertEqual(self.sql("SELECT count(*) FROM bookings WHERE page_id = '%s'" % pid), str(len(free)))
        for r in replies:
            if r.status == 201:
                got = kh.call("GET", "/v1/bookings/%s?token=%s" % (r.json["uid"], r.json["token"]), base=self.base)
                self.assertEqual((got.status, got.json.get("start")), (200, r.json["start"]), got)

    def test_a_hold_over_another_proposals_hold_is_refused_with_409(self):
        pid, hosts, _ = self.make_page()
        self.hidden_hold(hosts[0], "", at(4, 10), "pr_ghost2")
        self.assertProblem(self.propose(pid, hosts[0], [at(4, 10, 30)]), 409, "slot_unavailable")
        self.assertEqual(self.sql("SELECT count(*) FROM token_docs WHERE kind = 'proposal' AND doc LIKE '%%%s%%'" % pid), "0")
        self.sql("DELETE FROM booking_hosts WHERE booking_uid = 'pr_ghost2#0'")
        r = self.propose(pid, hosts[0], [at(4, 10, 30)])
        self.assertEqual(r.status, 201, r)

    def test_candidates_of_one_proposal_may_overlap_and_the_choice_replaces_them(self):
        pid, hosts, rooms = self.make_page(rooms=1)
        c1, c2 = at(5, 10), at(5, 10, 30)  # offered together, overlapping each other
        r = self.propose(pid, hosts[0], [c1, c2], rooms)
        self.assertEqual(r.status, 201, r)
        token = r.json["token"]
        held = self.sql("SELECT count(*) FROM booking_hosts WHERE status = 'held' AND grp = '%s'" % r.json["id"])
        self.assertEqual(held, "4")  # per candidate: the host's row and the one room's row
        self.assertProblem(self.book(pid, c1["start"]), 409, "slot_unavailable")
        chosen = kh.call("POST", "/v1/proposals/%s/choose" % token, {"start": c2["start"]}, base=self.base)
        self.assertEqual(chosen.status, 201, chosen)
        self.assertEqual(self.sql("SELECT count(*) FROM booking_hosts WHERE grp = '%s'" % r.json["id"]), "0")

    def test_a_booking_in_a_room_held_alone_is_refused_but_proposals_may_share_rooms(self):
        pid, hosts, rooms = self.make_page(hosts=2, rooms=3)
        when = at(6, 10)
        # Two proposals of different hosts naming a room in common at once: each needs
        # one of its rooms free, so the product allows it and so does the database.
        r = self.propose(pid, hosts[0], [when], rooms[:2])
        self.assertEqual(r.status, 201, r)
        r = self.propose(pid, hosts[1], [when], rooms[1:])
        self.assertEqual(r.status, 201, r)
        # A hold of one room alone (hidden from the code) refuses a booking in that room.
        pid1, _, rooms1 = self.make_page(rooms=1)
        self.hidden_hold("", rooms1[0], at(6, 14), "pr_ghost3")
        self.assertProblem(self.book(pid1, at(6, 14)["start"]), 409, "slot_unavailable")
        self.assertEqual(self.book(pid1, at(6, 15)["start"]).status, 201)

if __name__ == "__main__":
    unittest.main()
