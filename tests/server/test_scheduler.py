"""Scheduled work: after its end a booking is completed automatically, and planned
messages are handed to delivery when they are due. The second server runs with its
clock two days ahead (--clock-offset-seconds) on the same database file."""
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

KEY = "scheduler-key"


class Scheduler(unittest.TestCase):
    def start(self, db, *extra):
        proc, url = fixture.spawn(os.environ["KAIROS_BIN"], db, ["--admin-key", KEY, "--log-level", "warn", "--scheduler-seconds", "1"] + list(extra))
        if not proc:
            self.fail("server did not start")
        return proc, url

    def stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=15), 0)  # graceful shutdown exits cleanly

    def test_completion_after_the_end_and_outbox_hand_off(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        db = os.path.join(tmp, "kairos.db")
        proc, url = self.start(db)
        try:
            h = kairos_http.call("POST", "/v1/admin/hosts", {"name": "H", "email": "h@example.com", "timezone": "Etc/UTC",
                                                             "weekly_hours": ALL_WEEK}, key=KEY, base=url).json["id"]
            kairos_http.call("POST", "/v1/admin/pages", {"id": "sched", "name": "S", "hosts": [h], "event_types": [
                {"id": "e", "name": "E", "duration_minutes": 30, "buffer_before_minutes": 0, "buffer_after_minutes": 0}]},
                             key=KEY, base=url)
            start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).replace(
                minute=0, second=0, microsecond=0)
            r = kairos_http.call("POST", "/v1/bookings", {"page": "sched", "event_type": "e",
                                                          "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                                          "guest": {"name": "G", "email": "g@example.com"}}, base=url)
            self.assertEqual(r.status, 201, r)
            uid = r.json["uid"]
            out = kairos_http.call("GET", "/v1/admin/outbox?booking=" + uid, key=KEY, base=url).json["messages"]
            reminders = [m for m in out if m["key"].startswith("reminder:")]
            # The next pass (every second) hands the due messages off: waited for, not
            # slept for (a busy machine ran the pass after more than the 1.5 s slept).
            deadline = time.time() + 15
            while True:
                out = kairos_http.call("GET", "/v1/admin/outbox?booking=" + uid, key=KEY, base=url).json["messages"]
                immediate = [m for m in out if not m["key"].startswith("reminder:")]
                if (immediate and all(m["handed_off"] for m in immediate)) or time.time() > deadline:
                    break
                time.sleep(0.2)
            self.assertTrue(immediate and all(m["handed_off"] for m in immediate), out)
            self.assertEqual(kairos_http.call("GET", "/v1/admin/bookings/" + uid, key=KEY, base=url).json["status"], "approved")
        finally:
            self.stop(proc)

        proc, url = self.start(db, "--clock-offset-seconds", str(2 * 86400))
        try:
            deadline = time.time() + 10
            status = None
            while time.time() < deadline:
                status = kairos_http.call("GET", "/v1/admin/bookings/" + uid, key=KEY, base=url).json["status"]
                if status == "completed":
                    break
                time.sleep(0.2)
            self.assertEqual(status, "completed")
            history = kairos_http.call("GET", "/v1/admin/bookings/" + uid, key=KEY, base=url).json["history"]
            self.assertEqual(history[-1]["actor"], "system")
            metrics = kairos_http.call("GET", "/metrics", base=url).raw.decode()
            self.assertIn('kairos_bookings{status="completed"} 1', metrics)
        finally:
            self.stop(proc)


if __name__ == "__main__":
    unittest.main()
