"""Every answer a test sees matches the OpenAPI document (issue 10 §1.16): a documented
operation answers only the status codes it documents. kairos_http.call checks each
reply; an undocumented status fails the test that saw it, naming the operation.

Paths that the document does not describe (static files, unknown paths, the test
clock), CORS preflights and a proxy's 502/504 are not checked here: server.platform checks the document against the routes."""
import json
import os
import re

_DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "server", "http", "openapi.json")
_ops = None


def _operations():
    global _ops
    if _ops is None:
        with open(_DOC, encoding="utf-8") as f:
            doc = json.load(f)
        _ops = []
        for path, ops in doc["paths"].items():
            # A template segment matches one path segment (ids are percent-encoded).
            pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
            for method, op in ops.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    _ops.append((method.upper(), pattern, path, set(op.get("responses", {}))))
        # Literal paths before templates (/v1/admin/bookings/related before …/{uid}).
        _ops.sort(key=lambda o: o[2].count("{"))
    return _ops


def undocumented(method, path, status):
    """None when the answer matches the document (or the path is not one of its
    operations), else a sentence naming the operation and the status."""
    if method.upper() in ("OPTIONS", "HEAD"):
        return None  # CORS preflight and HEAD are answered for every route alike (docs/API.md)
    if status in (502, 504):
        return None  # nginx's answer for an instance it lost (the cluster tests), never the server's
    path = path.split("?", 1)[0]
    candidates = [o for o in _operations() if o[1].match(path)]
    if not candidates:
        return None
    same = [o for o in candidates if o[0] == method.upper()]
    if not same:
        return None if status in (404, 405) else "%s %s: no such operation, answered %d" % (method, path, status)
    _, _, template, responses = same[0]
    if str(status) in responses or "default" in responses:
        return None
    return "%s %s answered %d, which the OpenAPI document does not list (%s)" % (
        method, template, status, ", ".join(sorted(responses)))
