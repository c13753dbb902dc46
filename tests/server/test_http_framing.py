"""HTTP framing and connection limits, on raw sockets: a refused or malformed request is
answered and the connection closed (nothing after it is parsed), pipelined requests are
answered in order, `Connection: close` and HTTP/1.0 really close, conflicting lengths are
refused, and connections are capped per client and in total."""
import os
import socket
import tempfile
import time
import unittest
import urllib.parse

import fixture
from kairos_http import OWNER_KEY, base_url


class Conn:
    """A raw HTTP/1.1 connection that reads answers one at a time."""

    def __init__(self, url=None, source=None, timeout=5):
        u = urllib.parse.urlparse(url or base_url())
        self.s = socket.create_connection((u.hostname, u.port), timeout=timeout,
                                          source_address=(source, 0) if source else None)
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def _fill(self):
        c = self.s.recv(65536)
        if not c:
            raise EOFError
        self.buf += c

    def answer(self):
        """(status, headers dict lower-case, body) of the next answer; EOFError when the
        server closed the connection first."""
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ")[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(b":")
            headers[k.strip().lower().decode()] = v.strip().decode()
        n = int(headers.get("content-length", "0")) if status >= 200 else 0
        while len(self.buf) < n:
            self._fill()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed_by_server(self, wait=5):
        """True when the server ends the connection (with nothing more to read) within
        `wait` seconds."""
        self.s.settimeout(wait)
        try:
            return self.buf == b"" and self.s.recv(65536) == b""
        except (socket.timeout, ConnectionResetError):
            return False

    def close(self):
        self.s.close()


def get(path, extra=b""):
    return b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n" + extra + b"\r\n"


class Framing(unittest.TestCase):
    def setUp(self):
        self.c = Conn()

    def tearDown(self):
        self.c.close()

    def test_after_413_the_rest_of_the_body_is_never_parsed(self):
        hidden = get(b"/v1/admin/hosts", b"Authorization: Bearer " + OWNER_KEY.encode() + b"\r\n") * 2000
        self.c.send(b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(hidden))
        try:
            self.c.send(hidden)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed early: exactly what is wanted
        status, headers, body = self.c.answer()
        self.assertEqual(status, 413)
        self.assertIn(b"payload_too_large", body)
        self.assertEqual(headers.get("connection", "").lower(), "close")
        with self.assertRaises((EOFError, ConnectionResetError)):
            self.c.answer()  # one answer, then the end: no request hidden in the body ran

    def test_pipelined_requests_are_answered_in_order(self):
        self.c.send(get(b"/healthz") + get(b"/v1/nothing-here") + get(b"/v1/zones?from=2026-01-01&to=2026-01-02"))
        statuses = [self.c.answer()[0] for _ in range(3)]
        self.assertEqual(statuses, [200, 404, 422])
        self.c.send(get(b"/healthz"))  # the connection is still usable
        self.assertEqual(self.c.answer()[0], 200)

    def test_pipelined_post_bodies_are_framed_by_their_length(self):
        body = b'{"name": '
        one = b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        self.c.send(one + get(b"/healthz"))
        self.assertEqual(self.c.answer()[0], 401)
        self.assertEqual(self.c.answer()[0], 200)

    def test_connection_close_closes_after_the_answer(self):
        self.c.send(get(b"/healthz", b"Connection: close\r\n") + get(b"/healthz"))
        status, headers, _ = self.c.answer()
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("connection", "").lower(), "close")
        self.assertTrue(self.c.closed_by_server())

    def test_http10_closes_after_the_answer(self):
        self.c.send(b"GET /healthz HTTP/1.0\r\n\r\n")
        self.assertEqual(self.c.answer()[0], 200)
        self.assertTrue(self.c.closed_by_server())

    def test_http10_keep_alive_stays_open(self):
        self.c.send(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        self.assertEqual(self.c.answer()[0], 200)
        self.c.send(b"GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        self.assertEqual(self.c.answer()[0], 200)

    def test_conflicting_content_lengths_are_400_and_close(self):
        self.c.send(b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 30\r\n\r\n"
                    b"{}" + get(b"/healthz"))
        status, _, body = self.c.answer()
        self.assertEqual(status, 400)
        self.assertIn(b"invalid_content_length", body)
        self.assertTrue(self.c.closed_by_server())

    def test_equal_repeated_content_lengths_are_accepted(self):
        self.c.send(b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}")
        self.assertEqual(self.c.answer()[0], 401)

    def test_transfer_encoding_is_411_and_closes(self):
        self.c.send(b"POST /v1/bookings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
        status, _, body = self.c.answer()
        self.assertEqual(status, 411)
        self.assertIn(b"length_required", body)
        self.assertTrue(self.c.closed_by_server())

    def test_malformed_request_line_is_400_at_once_and_closes(self):
        self.c.send(b"NOT A REQUEST LINE\r\n\r\n" + get(b"/healthz"))
        status, headers, body = self.c.answer()
        self.assertEqual(status, 400)
        self.assertIn(b"bad_request", body)
        self.assertEqual(headers.get("content-type"), "application/problem+json")
        self.assertTrue(self.c.closed_by_server())

    def test_binary_junk_is_400_without_waiting_for_a_line_end(self):
        self.c.send(b"\x00\x01\x02")
        self.assertEqual(self.c.answer()[0], 400)
        self.assertTrue(self.c.closed_by_server())

    def test_folded_header_is_400(self):
        self.c.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  continued\r\n\r\n")
        self.assertEqual(self.c.answer()[0], 400)

    def test_unknown_http_version_is_505(self):
        self.c.send(b"GET /healthz HTTP/2.0\r\n\r\n")
        self.assertEqual(self.c.answer()[0], 505)

    def test_huge_headers_are_431_and_close(self):
        self.c.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n")
        self.assertEqual(self.c.answer()[0], 431)
        self.assertTrue(self.c.closed_by_server())

    def test_expect_100_continue_gets_continue_then_the_answer(self):
        body = b'{"name": "x"}'
        self.c.send(b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(body))
        self.assertEqual(self.c.answer()[0], 100)
        self.c.send(body)
        self.assertEqual(self.c.answer()[0], 401)

    def test_a_request_split_over_many_packets_is_answered(self):
        data = get(b"/healthz")
        for i in range(len(data)):
            self.c.send(data[i:i + 1])
        self.assertEqual(self.c.answer()[0], 200)


    # The adapter reads the head itself (issue 16): what Pistache's parser did must hold.
    def test_header_names_are_matched_in_any_case_and_queries_decoded(self):
        self.c.send(b"GET /v1/admin/hosts HTTP/1.1\r\nHost: x\r\naUtHoRiZaTiOn:  Bearer " + OWNER_KEY.encode() +
                    b"  \r\n\r\n")
        self.assertEqual(self.c.answer()[0], 200)
        self.c.send(get(b"/v1/zones?from=2026-01-01&to=2026-01-02&zone=Europe%2FBerlin#frag"))
        status, _, body = self.c.answer()
        self.assertLess(status, 500, body)

    def test_an_unknown_method_is_400_and_closes(self):
        self.c.send(b"BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _, body = self.c.answer()
        self.assertEqual(status, 400)
        self.assertIn(b"bad_request", body)
        self.assertTrue(self.c.closed_by_server())

    def test_large_cached_answers_arrive_whole_and_in_order_on_one_connection(self):
        # Slot answers of 16 KB and more are sent with sendfile after their head.
        import datetime
        d0 = datetime.date.today() + datetime.timedelta(days=2)
        path = b"/v1/pages/demo/slots?event_type=intro&from=%s&to=%s&tz=Europe%%2FBerlin" % (
            d0.isoformat().encode(), (d0 + datetime.timedelta(days=30)).isoformat().encode())
        self.c.send(get(path))
        first = self.c.answer()
        self.assertEqual(first[0], 200)
        self.c.send((get(path) + get(b"/healthz")) * 3 + get(path, b"Accept-Encoding: br\r\n"))
        for _ in range(3):
            again = self.c.answer()
            self.assertEqual((again[0], again[2]), (200, first[2]))
            self.assertEqual(self.c.answer()[0], 200)
        br = self.c.answer()
        self.assertEqual((br[0], br[1].get("content-encoding")), (200, "br"))
        self.assertGreater(len(first[2]), 16 * 1024)


class ConnectionLimits(unittest.TestCase):
    """Its own server with tiny caps: 6 connections in total, 3 per client address
    (every 127.x.y.z address is this machine), one reactor thread."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.proc, cls.url = fixture.spawn(os.environ["KAIROS_BIN"], os.path.join(cls.dir.name, "k.db"),
                                          ["--threads", "1", "--log-level", "error", "--max-connections", "6",
                                           "--max-connections-per-client", "3"])
        assert cls.proc, "server did not start"

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(15)
        cls.dir.cleanup()

    def open(self, source):
        c = Conn(self.url, source)
        self.addCleanup(c.close)
        return c

    def served(self, c):
        try:
            c.send(get(b"/healthz"))
            return c.answer()[0] == 200
        except (EOFError, ConnectionResetError, BrokenPipeError):
            return False

    def served_all(self, sources, wait=15):
        """One connection per source, each served. Closed sockets are counted out only
        when the server sees their end: while an earlier test's still count, the set is
        closed and opened again (a fixed 0.3 s sleep was too short on a busy machine)."""
        deadline = time.time() + wait
        while True:
            conns = [self.open(s) for s in sources]
            ok = [self.served(c) for c in conns]
            if all(ok) or time.time() > deadline:
                self.assertTrue(all(ok), "served: %s" % ok)
                return conns
            for c in conns:
                c.close()
            time.sleep(0.2)

    def test_per_client_cap_refuses_with_503_and_other_clients_still_get_in(self):
        mine = self.served_all(["127.0.0.2"] * 3)
        extra = self.open("127.0.0.2")
        status, headers, body = extra.answer()
        self.assertEqual(status, 503)
        self.assertIn(b"too_many_connections", body)
        self.assertEqual(headers.get("retry-after"), "1")
        self.assertTrue(extra.closed_by_server())
        self.assertTrue(self.served(self.open("127.0.0.3")))
        for c in mine:
            c.close()
        self.served_all(["127.0.0.2"])  # served again once the server has seen them close

    def test_total_cap_and_idle_keep_alive_gives_way_under_pressure(self):
        idle = self.served_all(["127.0.1.%d" % (i + 1) for i in range(6)])
        # Full, and everyone was active a moment ago: refused.
        self.assertFalse(self.served(self.open("127.0.1.99")))
        # Once they have been idle past the pressure timeout (2 s), a newcomer gets in
        # and the idle keep-alive connections are closed to make room.
        time.sleep(2.5)
        self.assertTrue(self.served(self.open("127.0.1.100")))
        self.assertTrue(all(c.closed_by_server(wait=2) for c in idle))


if __name__ == "__main__":
    unittest.main()
