"""A tiny HTTP client for the server tests (Debian's python3, standard library only).
The fixture's URL comes from KAIROS_STATE/<KAIROS_SERVER>/url."""
import http.client
import json
import os
import unittest
import urllib.parse

import openapi_answers

OWNER_KEY = "test-owner-key-a"    # --admin-key of the fixture server
DEMO_KEY = "kairos-demo-owner-key"  # the --demo account: a second, separate account


def base_url(name=None):
    name = name or os.environ.get("KAIROS_SERVER", "main")
    return open(os.path.join(os.environ["KAIROS_STATE"], name, "url")).read().strip()


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def __repr__(self):
        return "<%d %s>" % (self.status, self.raw[:300])


def call(method, path, body=None, key=None, headers=None, raw=None, server=None, timeout=30, base=None):
    u = urllib.parse.urlparse(base or base_url(server))
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    h = dict(headers or {})
    if key:
        h["Authorization"] = "Bearer " + key
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        reply = Reply(r.status, r.getheaders(), r.read())
    finally:
        conn.close()
    fault = openapi_answers.undocumented(method, path, reply.status)
    if fault:
        record = os.environ.get("KAIROS_ANSWERS_RECORD")  # survey mode: list, do not fail
        if not record:
            raise AssertionError(fault)
        with open(record, "a") as f:
            f.write(fault + "\n")
    return reply


def owner(method, path, body=None, key=OWNER_KEY, **kw):
    return call(method, path, body, key=key, **kw)


class ServerTest(unittest.TestCase):
    def assertStatus(self, reply, status):
        self.assertEqual(reply.status, status, reply)

    def assertProblem(self, reply, status, code=None):
        self.assertStatus(reply, status)
        self.assertEqual(reply.header("Content-Type"), "application/problem+json", reply)
        self.assertEqual(reply.json["status"], status)
        if code:
            self.assertEqual(reply.json["code"], code, reply)


class TestClockCalls:
    """The test clock of a server started with --test-clock, for test classes whose `call`
    classmethod reaches that server (mail and front-office suites share these)."""

    @classmethod
    def tick(cls):
        r = cls.call("POST", "/v1/test/tick")
        assert r.status == 200, r
        return r.json

    @classmethod
    def advance(cls, seconds):
        r = cls.call("POST", "/v1/test/clock", {"advance_seconds": int(seconds)})
        assert r.status == 200, r
        return r.json["now"]
