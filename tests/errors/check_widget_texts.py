"""errors.widget_texts: every error code the widget can receive on the guest routes it
calls has its own entry in the widget's text table (wasm/i18n.cpp `error_text`), and
every code in that table is a registered code or a widget-local one.

Which codes a guest route can answer is read from the sources, not listed by hand: the
paths the widget requests (wasm/*.cpp), the handlers the server registers for them
(`r.add("METHOD", "/v1/…", …, [](…) { … })`), and, transitively, every function those
handlers call that is defined in server/, wire/ or core/ (by name; an overloaded name
pulls in all its overloads, which errs on the side of more codes). Codes any route can
answer (a fault, overload, the connection cap) are added.
Run: python3 check_widget_texts.py SOURCE_DIR"""
import os
import re
import sys

root = sys.argv[1]


def read(rel):
    return open(os.path.join(root, rel), encoding="utf-8").read()


registry = set(re.findall(r'\{"([a-z_]+)", \d+, "error\.', read("core/src/errors.cpp")))

# Codes the widget makes itself (no answer, or an answer without a code) and the form's
# own checks (wasm/form_check.cpp); they are not answers of the server.
WIDGET_LOCAL = {"network_error", "required", "error", "invalid_token"}
# Codes a guest route can answer that the widget deliberately shows with its generic
# text ("Something went wrong. Please try again."), because the guest can do nothing
# about them: a request the widget itself built wrongly, or a page whose stored
# configuration the server cannot use. A new guest-reachable code must be added to the
# widget's table or here, consciously.
GENERIC = {
    # the widget's request is malformed (a widget bug, never the guest's input)
    "invalid_json", "duplicate_key", "invalid_type", "invalid_instant", "invalid_date", "invalid_time",
    "invalid_range", "range_too_long", "out_of_range", "invalid_number", "unsupported_language",
    "idempotency_key_reused", "invalid_idempotency_key", "control_character",
    "unknown_zone", "invalid_kind", "unknown_location",
    # the page's stored configuration is unusable (hosts, hours, rooms, calendars)
    "invalid_buffer", "invalid_hours", "invalid_duration", "invalid_host", "invalid_limit", "invalid_min_notice",
    "invalid_rooms", "invalid_weekday", "invalid_window", "invalid_zone", "invalid_url", "private_target",
    "too_many_events", "duplicate_host", "unknown_host", "unknown_room",
    # a server fault
    "internal_error", "unrenderable", "corrupt_document", "unknown_template",
}
# Codes any route can answer, whatever its handler does.
ANY_ROUTE = {"internal_error", "unavailable", "too_many_connections", "request_timeout"}


def body_at(text, open_brace):
    """The text between the brace at open_brace and its match (strings and comments aware)."""
    depth, i, n = 0, open_brace, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            q = c
            i += 1
            while i < n and text[i] != q:
                i += 2 if text[i] == "\\" else 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                break
        elif text.startswith('R"(', i):
            i = text.find(')"', i)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[open_brace + 1:i]
        i += 1
    return text[open_brace + 1:]


sources = {}
for top in ("server", "wire", "core"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for f in files:
            if f.endswith(".cpp"):
                sources[os.path.relpath(os.path.join(dirpath, f), root)] = read(os.path.relpath(os.path.join(dirpath, f), root))

# Function definitions (free functions, members, and named lambdas) by name.
definition = re.compile(
    r"^[ \t]*(?:[\w:<>,&*~ \t]+?[ \t*&])?(?:\w+::)*(\w+)\s*\(([^;{}()]|\([^()]*\))*\)\s*(?:const\s*)?(?:noexcept\s*)?"
    r"(?:->\s*[\w:<>, ]+\s*)?\{", re.M)
named_lambda = re.compile(r"\bauto\s+(\w+)\s*=\s*\[[^\]]*\]\s*\([^)]*\)\s*(?:mutable\s*)?(?:->\s*[\w:<>, ]+\s*)?\{")
KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "sizeof", "else", "do"}
defs = {}
for rel, text in sources.items():
    for m in list(definition.finditer(text)) + list(named_lambda.finditer(text)):
        name = m.group(1)
        if name in KEYWORDS:
            continue
        defs.setdefault(name, []).append(body_at(text, m.end() - 1))

emits = [
    re.compile(r'make_error\(\s*"([a-z_]+)"'),
    re.compile(r'problem\(\s*\d{3},\s*"([a-z_]+)"'),
    re.compile(r'problem\(\s*[^,()"]+,\s*"([a-z_]+)"'),
    re.compile(r'(?:parse_name<[A-Za-z]+>\([^,]+,[^,]+,|enum_error\()\s*"([a-z_]+)"'),
]
call = re.compile(r"\b([A-Za-z_]\w*)\s*(?:<[^<>;]*>)?\s*\(")


def codes_of(body, seen):
    out = set()
    for e in emits:
        out.update(e.findall(body))
    for name in set(call.findall(body)):
        if name in seen or name not in defs:
            continue
        seen.add(name)
        for b in defs[name]:
            out |= codes_of(b, seen)
    return out


# The paths the widget requests: "/v1/pages/" + …, "/v1/bookings/" + … + "/cancel".
widget_src = "".join(read(os.path.join("wasm", f)) for f in os.listdir(os.path.join(root, "wasm")) if f.endswith(".cpp"))
calls = re.findall(r'(?:send\([^;]*?"(GET|POST|PUT|PATCH|DELETE)",\s*|Request\{[^;]*?)("/v1/[^;]*?)[,;)]\s*(?:body|\)|$|"|\w)',
                   widget_src, re.M)
wanted = []
for method, expr in calls:
    pieces = re.findall(r'"([^"]*)"', expr)
    shape = "".join(p if i == 0 or p.startswith("/") else "" for i, p in enumerate(pieces))
    shape = shape.split("?")[0]
    wanted.append((method or "GET", shape))

route = re.compile(r'r\.add(?:_async)?\("([A-Z]+)",\s*"(/v1/[^"]*)",[^\n]*?(\[[^\]]*\]\s*\([^)]*\)\s*\{|\w+\))')
routes = []
for rel, text in sources.items():
    for m in route.finditer(text):
        method, path = m.group(1), m.group(2)
        if m.group(3).endswith("{"):
            body = body_at(text, m.end() - 1)
        else:  # a handler passed by name, or a lambda that calls one
            line_end = text.find(";", m.start())
            body = text[m.start():line_end]
        routes.append((method, path, body))
# Route tables (server/app/route_table.hpp): {"GET", "/v1/…", http::Access::open, handler}.
table_row = re.compile(r'\{"([A-Z]+)",\s*"(/v1/[^"]*)",\s*http::Access::\w+,\s*(\w+)')
for rel, text in sources.items():
    for m in table_row.finditer(text):
        routes.append((m.group(1), m.group(2), m.group(3) + "()"))


def matches(shape, path):
    # The widget's shape has its variable parts cut out: "/v1/bookings/" + uid + "/cancel"
    # reads "/v1/bookings//cancel"; the route's "{uid}" stands for one segment.
    pattern = "^" + re.sub(r"\\\{[a-z_]+\\\}", "", re.escape(path)) + "$"
    return re.match(pattern, shape) is not None


problems = []
guest_codes = set(ANY_ROUTE)
served = []
for method, shape in wanted:
    found = [(m, p, b) for m, p, b in routes if m == method and matches(shape, p)]
    if not found:
        problems.append("the widget requests %s %s, which no route serves" % (method, shape))
    for m, p, b in found:
        served.append("%s %s" % (m, p))
        guest_codes |= codes_of(b, set())
if len(served) < 10:
    problems.append("found only %d guest routes the widget calls: %s" % (len(served), served))

i18n = read("wasm/i18n.cpp")
table = body_at(i18n, i18n.index("{", i18n.index("entries[] =", i18n.index("error_text(Lang"))))
texts = dict(re.findall(r'\{"([a-z_]+)",\s*&Texts::(\w+)\}', table))
for code in sorted(GENERIC & set(texts)):
    problems.append("%r has a widget text; drop it from GENERIC in this test" % code)
for code in sorted(GENERIC - registry):
    problems.append("GENERIC names %r, which is not a registered code" % code)
for code in sorted(guest_codes - set(texts) - GENERIC):
    problems.append("the widget can receive %r on a guest route, but wasm/i18n.cpp error_text has no text for it (add one, or list it in GENERIC here)" % code)
for code in sorted(set(texts) - registry - WIDGET_LOCAL):
    problems.append("wasm/i18n.cpp error_text names %r, which is not a registered code (core/src/errors.cpp)" % code)
for code in sorted(guest_codes - registry):
    problems.append("a guest route emits %r, which core/src/errors.cpp lacks" % code)

for p in problems:
    print(p)
print("%d guest routes, %d codes they can answer, %d widget texts, %d problems"
      % (len(set(served)), len(guest_codes), len(texts), len(problems)))
sys.exit(1 if problems else 0)
