"""An acknowledged booking survives a crash: a burst of concurrent bookings, kill -9 the
moment the last 201 arrives, restart on the same database file, and every booking that
got a 201 is there."""
import concurrent.futures
import datetime
import os
import shutil
import signal
import tempfile
import time
import unittest

import fixture
import kairos_http
from booking_helpers import ALL_WEEK

KEY = "durability-key"


class KillNine(unittest.TestCase):
    def start(self, db):
        proc, url = fixture.spawn(os.environ["KAIROS_BIN"], db, ["--threads", "2", "--admin-key", KEY, "--booking-rate", "0", "--log-level", "warn"])
        if not proc:
            self.fail("server did not start")
        return proc, url

    def test_no_acknowledged_booking_is_lost(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        db = os.path.join(tmp, "kairos.db")
        proc, url = self.start(db)
        try:
            h = kairos_http.call("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "Etc/UTC",
                                                             "weekly_hours": ALL_WEEK}, key=KEY, base=url)
            self.assertEqual(h.status, 201, h)
            p = kairos_http.call("POST", "/v1/admin/pages", {"id": "crash", "name": "Crash", "hosts": [h.json["id"]],
                                                             "event_types": [{"id": "e", "name": "E", "duration_minutes": 15,
                                                                              "buffer_before_minutes": 0, "buffer_after_minutes": 0}]},
                                 key=KEY, base=url)
            self.assertEqual(p.status, 201, p)
            start = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
            starts = [(start + datetime.timedelta(minutes=15 * i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(200)]

            def one(s):
                return kairos_http.call("POST", "/v1/bookings", {"page": "crash", "event_type": "e", "start": s,
                                                                  "guest": {"name": "G", "email": "g@example.com"}}, base=url)
            with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
                replies = list(pool.map(one, starts))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
        acked = [r.json["uid"] for r in replies if r.status == 201]
        self.assertEqual(len(acked), 200, [r for r in replies if r.status != 201][:3])
        proc, url = self.start(db)
        try:
            for uid in acked:
                r = kairos_http.call("GET", "/v1/admin/bookings/" + uid, key=KEY, base=url)
                self.assertEqual(r.status, 200, (uid, r))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=15)


if __name__ == "__main__":
    unittest.main()
