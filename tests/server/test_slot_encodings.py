"""Slot answers compressed for clients that accept gzip or brotli (issue 16): the body
decodes to exactly the plain answer, each representation has its own ETag and
Content-Length, Vary names Accept-Encoding, q=0 refuses a coding, and If-None-Match
answers 304 without a body. brotli is decoded with Debian's brotli tool."""
import datetime
import gzip
import json
import subprocess
import unittest

from booking_helpers import book, flat, make_page, today
from kairos_http import call


def day(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


def unbrotli(data):
    return subprocess.run(["brotli", "-d", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout


class SlotEncodings(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pid, _, _ = make_page()
        cls.path = "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s&tz=Europe/Berlin" % (cls.pid, day(2), day(20))

    def get(self, accept=None, etag=None):
        headers = {}
        if accept is not None:
            headers["Accept-Encoding"] = accept
        if etag is not None:
            headers["If-None-Match"] = etag
        return call("GET", self.path, headers=headers)

    def check_representation(self, r, coding):
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Encoding"), coding)
        self.assertEqual(int(r.header("Content-Length")), len(r.raw))
        self.assertIn("Accept-Encoding", r.header("Vary"))
        self.assertTrue(r.header("ETag").startswith('"'))

    def test_gzip_and_brotli_decode_to_the_plain_answer(self):
        plain = self.get()
        self.check_representation(plain, None)
        self.assertGreater(len(flat(plain.json)), 100)
        gz = self.get("gzip")
        self.check_representation(gz, "gzip")
        self.assertEqual(gzip.decompress(gz.raw), plain.raw)
        br = self.get("gzip, deflate, br")
        self.check_representation(br, "br")
        self.assertEqual(unbrotli(br.raw), plain.raw)
        self.assertLess(len(br.raw), len(plain.raw) / 5)
        self.assertLess(len(gz.raw), len(plain.raw) / 5)
        # Three representations, three tags; the same one again is the same bytes and tag.
        self.assertEqual(len({plain.header("ETag"), gz.header("ETag"), br.header("ETag")}), 3)
        again = self.get("br")
        self.assertEqual((again.raw, again.header("ETag")), (br.raw, br.header("ETag")))

    def test_accept_encoding_is_read_with_its_weights(self):
        for accept, coding in [("br;q=0, gzip", "gzip"), ("gzip;q=0", None), ("identity", None), ("*", "br"),
                               ("*;q=0", None), ("br;q=0.0, *", "gzip"), ("GZIP", "gzip"), ("br;q=0.5", "br"),
                               ("deflate", None), ("", None)]:
            with self.subTest(accept=accept):
                self.check_representation(self.get(accept), coding)

    def test_if_none_match_answers_304_for_the_held_representation(self):
        for accept in (None, "gzip", "br"):
            with self.subTest(accept=accept):
                first = self.get(accept)
                tag = first.header("ETag")
                held = self.get(accept, tag)
                self.assertEqual(held.status, 304, held)
                self.assertEqual(held.raw, b"")
                self.assertEqual(held.header("ETag"), tag)
                self.assertIsNone(held.header("Content-Length"))
                self.assertIn("Accept-Encoding", held.header("Vary"))
                self.assertEqual(self.get(accept, 'W/"x", ' + tag).status, 304)
                self.assertEqual(self.get(accept, '"something-else"').status, 200)
        # A tag of another coding is another representation: sent in full.
        plain_tag = self.get().header("ETag")
        self.check_representation(self.get("br", plain_tag), "br")

    def test_a_booking_changes_the_tag_of_the_answer_it_changes(self):
        pid, _, _ = make_page()
        path = "/v1/pages/%s/slots?event_type=meet&from=%s&to=%s" % (pid, day(3), day(3))
        before = call("GET", path, headers={"Accept-Encoding": "br"})
        self.assertEqual(book(pid, flat(call("GET", path).json)[0]["start"]).status, 201)
        after = call("GET", path, headers={"Accept-Encoding": "br", "If-None-Match": before.header("ETag")})
        self.check_representation(after, "br")
        self.assertNotEqual(after.header("ETag"), before.header("ETag"))
        self.assertEqual(len(flat(json.loads(unbrotli(after.raw)))), len(flat(json.loads(unbrotli(before.raw)))) - 1)


if __name__ == "__main__":
    unittest.main()
