"""errors.registry: every error code the sources emit is in the one registry
(core/src/errors.cpp) with the status they use, docs/ERRORS.md is that registry, and
every registered code has a test that triggers it: its quoted name appears in a test
under tests/ (Python, C++ or JavaScript; a line that only builds an error in a test
double does not count), unless UNTESTED below says why no test can reach it.
The OpenAPI document's Problem.code carries the registry's codes as its enum.
Run: python3 check_registry.py SOURCE_DIR [--write-docs]  (the option rewrites
docs/ERRORS.md and the OpenAPI enum from the registry)."""
import json
import os
import re
import sys

root = sys.argv[1]
registry_src = open(os.path.join(root, "core", "src", "errors.cpp"), encoding="utf-8").read()
entry = re.compile(r'\{"([a-z_]+)", (\d+), "error\.([a-z_]+)", "((?:[^"\\]|\\.)*)"\}')
registry = {}
problems = []
for code, status, key, meaning in entry.findall(registry_src):
    if key != code:
        problems.append("%s: message key error.%s does not match" % (code, key))
    registry[code] = (int(status), meaning.replace('\\"', '"').replace("\\\\", "\\"))
codes = [c for c, _, _, _ in entry.findall(registry_src)]
if codes != sorted(codes):
    problems.append("core/src/errors.cpp: entries are not sorted by code")
if len(registry) < 50:
    problems.append("core/src/errors.cpp: could not read the registry (%d entries)" % len(registry))

emitted = re.compile(r'make_error\(\s*"([a-z_]+)"')
with_status = re.compile(r'problem\(\s*(\d{3}),\s*"([a-z_]+)"')
any_status = re.compile(r'problem\(\s*[^,()"]+,\s*"([a-z_]+)"')
indirect = re.compile(r'(?:parse_name<[A-Za-z]+>\([^,]+,[^,]+,|enum_error\()\s*"([a-z_]+)"')
for top in ("core", "wire", "server"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for f in files:
            if not f.endswith((".cpp", ".hpp")):
                continue
            path = os.path.join(dirpath, f)
            text = open(path, encoding="utf-8").read()
            rel = os.path.relpath(path, root)
            for code in emitted.findall(text) + indirect.findall(text) + any_status.findall(text):
                if code not in registry:
                    problems.append("%s emits %r, which core/src/errors.cpp lacks" % (rel, code))
            for status, code in with_status.findall(text):
                if code not in registry:
                    problems.append("%s answers %r, which core/src/errors.cpp lacks" % (rel, code))
                elif registry[code][0] != int(status):
                    problems.append("%s answers %r with %s; the registry says %d" % (rel, code, status, registry[code][0]))

# Codes no test can trigger through a public interface, each with the reason. Keep it
# short: a code that becomes reachable leaves this list (the check fails while a code
# listed here is also tested).
UNTESTED = {
    "unavailable": "answered only while the server drains after SIGTERM, a window too short to hit reliably",
    "request_timeout": "needs a client that stalls for the server's read timeout (30 s); no timing in ctest",
    "integrations_unavailable": "answered only by a server on an in-memory database (--db :memory:), which no test runs",
    "unrenderable": "the message's booking, proposal or request vanished between queueing and rendering",
    "no_recipient": "a queued message without an address; the composer never queues one",
    "internal_error": "the catch-all for a bug (an exception no handler expected): every failure a test can "
                      "cause has its own code now, corrupt stored data included (corrupt_document)",
}
test_text = []
for dirpath, dirs, files in os.walk(os.path.join(root, "tests")):
    dirs[:] = [d for d in dirs if d not in ("node_modules", "errors")]  # these checks name every code
    for f in files:
        if f.endswith((".py", ".cpp", ".js")):
            for line in open(os.path.join(dirpath, f), encoding="utf-8", errors="replace"):
                if "make_error(" not in line and not line.lstrip().startswith(("#", "//")):
                    test_text.append(line)
test_text = "".join(test_text)
for code in sorted(registry):
    tested = re.search(r"[\"']%s[\"']" % code, test_text) is not None
    if code in UNTESTED and tested:
        problems.append("%s is tested now: drop it from UNTESTED in tests/errors/check_registry.py" % code)
    elif code not in UNTESTED and not tested:
        problems.append("%s has no test that triggers it (no test under tests/ names it)" % code)
for code in sorted(set(UNTESTED) - set(registry)):
    problems.append("UNTESTED names %s, which is not registered" % code)

doc_path = os.path.join(root, "docs", "ERRORS.md")
doc = open(doc_path, encoding="utf-8").read()
if "--write-docs" in sys.argv:
    head = doc[:doc.index("| code | status |")]
    rows = ["| code | status | message key | meaning |", "| --- | --- | --- | --- |"]
    rows += ["| `%s` | %d | `error.%s` | %s |" % (c, s_, c, m.replace("|", "\\|")) for c, (s_, m) in sorted(registry.items())]
    doc = head + "\n".join(rows) + "\n"
    open(doc_path, "w", encoding="utf-8").write(doc)
rows = re.findall(r"^\| `([a-z_]+)` \| (\d+) \| `error\.([a-z_]+)` \| (.*) \|$", doc, re.M)
doc_table = {c: (int(s), m.replace("\\|", "|")) for c, s, _, m in rows}
if doc_table != registry:
    missing = sorted(set(registry) - set(doc_table))
    extra = sorted(set(doc_table) - set(registry))
    differ = sorted(c for c in set(registry) & set(doc_table) if registry[c] != doc_table[c])
    problems.append("docs/ERRORS.md differs from the registry: missing %s, extra %s, different %s" % (missing, extra, differ))

# The OpenAPI document's problem schema enumerates the registered codes (written by
# --write-docs, checked here), so clients and response validators know every code.
api_path = os.path.join(root, "server", "http", "openapi.json")
api_text = open(api_path, encoding="utf-8").read()
api = json.loads(api_text)
code_schema = api["components"]["schemas"]["Problem"]["properties"]["code"]
if "--write-docs" in sys.argv:
    code_schema.clear()
    code_schema.update({"type": "string",
                        "description": "A stable code from the error registry (core/src/errors.cpp, docs/ERRORS.md).",
                        "enum": sorted(registry)})
    open(api_path, "w", encoding="utf-8").write(json.dumps(api, indent=1, ensure_ascii=False) + "\n")
if code_schema.get("enum") != sorted(registry):
    enum = set(code_schema.get("enum") or [])
    problems.append("server/http/openapi.json Problem.code enum differs from the registry: missing %s, extra %s "
                    "(run with --write-docs)" % (sorted(set(registry) - enum), sorted(enum - set(registry))))

for p in problems:
    print(p)
print("%d codes registered, %d problems" % (len(registry), len(problems)))
sys.exit(1 if problems else 0)
