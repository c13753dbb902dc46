"""What every request gets: health, metrics, problem+json errors, security headers, CORS,
percent-decoding, body limits, robustness against malformed requests, the widget's
static files, and an OpenAPI document that matches the routes the server registers."""
import json
import os
import socket
import subprocess
import unittest
import urllib.parse

from kairos_http import OWNER_KEY, ServerTest, base_url, call, owner


def raw_exchange(data, timeout=5):
    u = urllib.parse.urlparse(base_url())
    with socket.create_connection((u.hostname, u.port), timeout=timeout) as s:
        s.sendall(data)
        chunks = b""
        try:
            while True:
                c = s.recv(65536)
                if not c:
                    break
                chunks += c
                if b"\r\n\r\n" in chunks:
                    head, _, rest = chunks.partition(b"\r\n\r\n")
                    for line in head.split(b"\r\n"):
                        if line.lower().startswith(b"content-length:") and len(rest) >= int(line.split(b":")[1]):
                            return chunks
        except socket.timeout:
            pass
        return chunks


class Health(ServerTest):
    def test_healthz_answers_ok(self):
        r = call("GET", "/healthz")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"], "ok")

    def test_metrics_count_requests_by_route_and_status(self):
        call("GET", "/v1/pages/no-such-page")
        r = call("GET", "/metrics")
        self.assertStatus(r, 200)
        text = r.raw.decode()
        self.assertIn('kairos_http_requests_total{method="GET",route="/v1/pages/{page}",status="404"}', text)
        self.assertIn("kairos_http_request_duration_seconds_bucket", text)
        self.assertIn("kairos_outbox_depth", text)
        self.assertIn("# TYPE kairos_bookings gauge", text)


class Errors(ServerTest):
    def test_unknown_path_is_a_problem_404(self):
        self.assertProblem(call("GET", "/v1/nothing-here"), 404, "not_found")

    def test_wrong_method_is_405_with_allow(self):
        r = call("DELETE", "/v1/zones")
        self.assertProblem(r, 405, "method_not_allowed")
        self.assertIn("GET", r.header("Allow"))

    def test_owner_route_without_key_is_401(self):
        r = call("GET", "/v1/admin/hosts")
        self.assertProblem(r, 401, "unauthorized")
        self.assertEqual(r.header("WWW-Authenticate"), "Bearer")

    def test_owner_route_with_wrong_key_is_403(self):
        self.assertProblem(owner("GET", "/v1/admin/hosts", key="not-a-key"), 403, "forbidden")

    def test_unparsable_json_is_400(self):
        self.assertProblem(owner("POST", "/v1/admin/rooms", raw=b'{"name": '), 400, "invalid_json")

    def test_body_over_the_limit_is_413(self):
        r = owner("POST", "/v1/admin/rooms", raw=b'{"name":"' + b"a" * 200000 + b'"}')
        self.assertEqual(r.status, 413)

    def test_negative_content_length_is_400_without_internal_text(self):
        reply = raw_exchange(b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply)
        self.assertIn(b"invalid_content_length", reply)
        self.assertNotIn(b"basic_string", reply)

    def test_absurd_content_length_is_400(self):
        reply = raw_exchange(b"POST /v1/admin/rooms HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n")
        self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply)

    def test_garbage_never_crashes_the_server(self):
        for junk in [b"\x00\x01\x02\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                     b"GET /v1/pages/%ZZ%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                     b"POST /v1/bookings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
                     b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\n\r\n"]:
            raw_exchange(junk, timeout=2)
        self.assertStatus(call("GET", "/healthz"), 200)

    def test_problem_details_never_leak_internal_text(self):
        r = owner("POST", "/v1/admin/hosts", raw=b"[1,2,3]")
        self.assertProblem(r, 422)
        self.assertNotIn("nlohmann", r.raw.decode())


class Headers(ServerTest):
    def test_security_headers_on_api_responses(self):
        r = call("GET", "/v1/pages/demo")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("X-Frame-Options"), "DENY")
        self.assertIn("frame-ancestors 'none'", r.header("Content-Security-Policy"))
        self.assertIsNotNone(r.header("Referrer-Policy"))

    def test_security_headers_on_errors_too(self):
        r = call("GET", "/nope")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")

    def test_widget_is_framable_by_any_site(self):
        r = call("GET", "/widget/")
        self.assertStatus(r, 200)
        self.assertIsNone(r.header("X-Frame-Options"))
        self.assertIn("frame-ancestors *", r.header("Content-Security-Policy"))

    def test_keep_alive_is_the_http11_default(self):
        reply = raw_exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertIn(b"Connection: Keep-Alive", reply)


class Cors(ServerTest):
    def test_allowed_origin_gets_cors_headers(self):
        r = call("GET", "/v1/pages/demo", headers={"Origin": "https://shop.example"})
        self.assertEqual(r.header("Access-Control-Allow-Origin"), "https://shop.example")
        self.assertIn("Origin", r.header("Vary"))

    def test_other_origin_gets_none(self):
        r = call("GET", "/v1/pages/demo", headers={"Origin": "https://evil.example"})
        self.assertIsNone(r.header("Access-Control-Allow-Origin"))

    def test_preflight_lists_methods_and_headers(self):
        r = call("OPTIONS", "/v1/bookings", headers={"Origin": "https://other.example",
                                                     "Access-Control-Request-Method": "POST"})
        self.assertStatus(r, 204)
        self.assertIn("POST", r.header("Access-Control-Allow-Methods"))
        self.assertIn("Idempotency-Key", r.header("Access-Control-Allow-Headers"))


class Decoding(ServerTest):
    def test_path_parameters_are_percent_decoded(self):
        self.assertStatus(call("GET", "/v1/pages/de%6Do"), 200)

    def test_query_parameters_are_percent_decoded(self):
        r = call("GET", "/v1/zones?zone=Europe%2FHelsinki&from=2026-01-01&to=2026-12-31")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["zone"], "Europe/Helsinki")
        self.assertEqual(len(r.json["transitions"]), 2)

    def test_bad_zone_and_dates_are_422(self):
        self.assertProblem(call("GET", "/v1/zones?zone=Mars%2FOlympus"), 422, "unknown_zone")
        self.assertProblem(call("GET", "/v1/zones?zone=..%2F..%2Fetc%2Fpasswd"), 422, "unknown_zone")
        r = call("GET", "/v1/zones?zone=Asia/Tokyo&from=2026-02-30")
        self.assertProblem(r, 422)
        self.assertEqual(r.json["field"], "from")


class StaticFiles(ServerTest):
    def test_root_redirects_to_demo(self):
        r = call("GET", "/")
        self.assertStatus(r, 302)
        self.assertEqual(r.header("Location"), "/demo/")

    def test_wasm_has_its_mime_type_and_immutable_cache_when_versioned(self):
        r = call("GET", "/widget/kairos-widget.wasm?v=abc")
        self.assertStatus(r, 200)
        self.assertEqual(r.header("Content-Type"), "application/wasm")
        self.assertIn("immutable", r.header("Cache-Control"))

    def test_html_and_embed_are_not_cached(self):
        self.assertEqual(call("GET", "/demo/").header("Cache-Control"), "no-cache")
        self.assertEqual(call("GET", "/embed.js").header("Cache-Control"), "no-cache")
        self.assertTrue(call("GET", "/embed.js").header("Content-Type").startswith("text/javascript"))

    def test_no_path_traversal(self):
        for p in ["/demo/../secret.txt", "/demo/%2e%2e/secret.txt", "/widget/..%2Fsecret.txt",
                  "/demo/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/widget/.hidden"]:
            r = call("GET", p)
            self.assertEqual(r.status, 404, p)
            self.assertNotIn(b"secret", r.raw)


class OpenApi(ServerTest):
    def test_every_route_is_documented_and_every_documented_route_exists(self):
        out = subprocess.run([os.environ["KAIROS_BIN"], "--print-routes"], capture_output=True, text=True, check=True)
        routes = set(tuple(l.split(" ", 1)) for l in out.stdout.splitlines() if l)
        doc = call("GET", "/v1/openapi.json").json
        self.assertTrue(doc["openapi"].startswith("3.0"))
        documented = set()
        for path, ops in doc["paths"].items():
            for method in ops:
                if method in ("get", "post", "put", "patch", "delete"):
                    documented.add((method.upper(), path))
        self.assertEqual(sorted(routes - documented), [], "registered but not documented")
        self.assertEqual(sorted(documented - routes), [], "documented but not registered")

    def test_every_operation_has_responses_and_a_summary(self):
        doc = call("GET", "/v1/openapi.json").json
        for path, ops in doc["paths"].items():
            for method, op in ops.items():
                if method == "parameters":
                    continue
                self.assertIn("responses", op, (method, path))
                self.assertIn("summary", op, (method, path))


if __name__ == "__main__":
    unittest.main()


class Robustness(ServerTest):
    def test_junk_on_every_documented_route_is_never_a_5xx(self):
        import random
        rnd = random.Random(20261122)
        doc = call("GET", "/v1/openapi.json").json
        junk_values = ["", "%", "%00", "..%2F..", "\u00e9\u00e8", "-1", "9" * 40, "null", "[]", "{}", "2026-02-30",
                       "Europe/Nowhere", "' OR 1=1 --", "<script>", "a" * 3000]
        bodies = [b"", b"{", b"null", b"[]", b"123", b'"s"', b'{"start": 5}', b'{"page": {}}', b"\xff\xfe\x00",
                  b'{"guest": {"email": []}}', b'{"candidates": [{"start": "x"}]}', b'{"bookings": "b"}']
        for path, ops in doc["paths"].items():
            for method in ops:
                for _ in range(6):
                    p = path
                    while "{" in p:
                        a, b = p.index("{"), p.index("}")
                        p = p[:a] + urllib.parse.quote(rnd.choice(junk_values), safe="") + p[b + 1:]
                    q = "&".join("%s=%s" % (k, urllib.parse.quote(rnd.choice(junk_values), safe=""))
                                 for k in rnd.sample(["from", "to", "tz", "event_type", "zone", "status", "q", "token",
                                                      "booking", "mode"], 3))
                    for key in (None, OWNER_KEY):
                        r = call(method.upper(), p + "?" + q, raw=rnd.choice(bodies), key=key,
                                 headers={"Content-Type": "application/json"})
                        self.assertLess(r.status, 500, (method, p, q, r))
        self.assertStatus(call("GET", "/healthz"), 200)
