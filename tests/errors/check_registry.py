"""errors.registry: every error code the sources emit is in the one registry
(core/src/errors.cpp) with the status they use, and docs/ERRORS.md is that registry.
Run: python3 check_registry.py SOURCE_DIR [--write-docs]  (the option rewrites
docs/ERRORS.md from the registry)."""
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

for p in problems:
    print(p)
print("%d codes registered, %d problems" % (len(registry), len(problems)))
sys.exit(1 if problems else 0)
