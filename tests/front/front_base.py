"""Shared set-up of the front-office tests: one kairos-server with --test-clock and a
real SMTP sink per test class (plus whatever extra options a class names)."""
import datetime
import os
import shutil
import signal
import tempfile
import unittest

import fixture
import kairos_http as kh
from test_mail_flows import Sink, text_of  # noqa: F401  (the SMTP sink of the mail tests)

BIN = os.environ["KAIROS_BIN"]
KEY = "front-owner-key"
ALL_DAY = {d: [["00:00", "24:00"]] for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


class FrontServer(kh.TestClockCalls, unittest.TestCase):
    EXTRA = []

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kairos-front-")
        cls.sink = Sink(os.path.join(cls.tmp, "mail"))
        cls.before_server()
        cls.server, cls.base = fixture.spawn(
            BIN, os.path.join(cls.tmp, "k.db"),
            ["--admin-key", KEY, "--test-clock", "--smtp", "smtp://127.0.0.1:%d" % cls.sink.port, "--booking-rate", "0",
             "--delivery-seconds", "3600", "--scheduler-seconds", "3600", "--mail-from", "bookings@clinic.test",
             "--web-root", os.path.join(os.environ["KAIROS_SOURCE_DIR"], "web"), "--log-level", "warn"] + cls.extra_args(),
            log=cls.open_log())
        assert cls.server, open(os.path.join(cls.tmp, "server.log")).read()
        cls.seen = 0

    @classmethod
    def open_log(cls):
        cls.log = open(os.path.join(cls.tmp, "server.log"), "w")
        return cls.log

    @classmethod
    def before_server(cls):
        pass

    @classmethod
    def extra_args(cls):
        return list(cls.EXTRA)

    @classmethod
    def tearDownClass(cls):
        cls.server.send_signal(signal.SIGTERM)
        cls.server.wait(timeout=15)
        cls.sink.stop()
        cls.log.close()
        if os.environ.get("KAIROS_TEST_SHOW_LOG"):
            print(open(os.path.join(cls.tmp, "server.log")).read())
        cls.after_server()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def after_server(cls):
        pass

    @classmethod
    def call(cls, method, path, body=None, key=None, headers=None):
        return kh.call(method, path, body, key=key, headers=headers, base=cls.base)

    @classmethod
    def owner(cls, method, path, body=None):
        return cls.call(method, path, body, key=KEY)

    @classmethod
    def now(cls):
        return parse(cls.advance(0))

    @classmethod
    def set_clock(cls, when):
        """Moves the server's clock to `when` (a naive UTC datetime)."""
        return cls.advance((when - cls.now()).total_seconds())

    def new_mail(self):
        msgs = self.sink.messages()
        fresh = msgs[type(self).seen:]
        type(self).seen = len(msgs)
        return fresh

    def mail_to(self, address, mails):
        return [m for m in mails if address in str(m["To"])]

    def ok(self, reply, status=200):
        self.assertEqual(reply.status, status, reply)
        return reply.json

    def problem(self, reply, status, code, field=None):
        self.assertEqual(reply.status, status, reply)
        self.assertEqual(reply.header("Content-Type"), "application/problem+json")
        self.assertEqual(reply.json["code"], code, reply)
        if field is not None:
            self.assertEqual(reply.json.get("field"), field, reply)

    @classmethod
    def location(cls, name, address, zone=None, phone=None):
        body = {"name": name, "address": address}
        if zone:
            body["timezone"] = zone
        if phone:
            body["phone"] = phone
        r = cls.owner("POST", "/v1/admin/locations", body)
        assert r.status == 201, r
        return r.json["id"]

    @classmethod
    def host(cls, name, email, zone="UTC", **extra):
        body = {"name": name, "email": email, "timezone": zone, "weekly_hours": ALL_DAY}
        body.update(extra)
        r = cls.owner("POST", "/v1/admin/hosts", body)
        assert r.status == 201, r
        return r.json["id"]

    @classmethod
    def page(cls, page_id, hosts, location=None, rooms=None, language="en", auto_approve=True, notifications=None):
        et = {"id": "visit", "name": "Visit", "duration_minutes": 30, "auto_approve": auto_approve}
        if location:
            et["location"] = location
        if rooms:
            et["rooms"] = rooms
        body = {"id": page_id, "name": "Clinic " + page_id, "language": language, "hosts": hosts, "host_mode": "any",
                "event_types": [et]}
        if notifications:
            body["notifications"] = notifications
        r = cls.owner("POST", "/v1/admin/pages", body)
        assert r.status == 201, r
        return page_id

    @classmethod
    def book(cls, page_id, start, name="Guest", mail="guest@example.com", phone=None, company=None, notes=None,
             language="en"):
        guest = {"name": name, "email": mail, "language": language}
        if phone:
            guest["phone"] = phone
        if company:
            guest["company"] = company
        body = {"page": page_id, "event_type": "visit", "start": start, "guest": guest}
        if notes:
            body["notes"] = notes
        r = cls.call("POST", "/v1/bookings", body)
        assert r.status == 201, r
        return r.json

    @classmethod
    def slot(cls, hours_ahead):
        """A start on the half-hour grid `hours_ahead` hours after the server's now (UTC hosts)."""
        t = cls.now() + datetime.timedelta(hours=hours_ahead)
        return iso(t.replace(minute=0, second=0))
