"""Warnings on for every target of ours, tests included, and -Werror when the tree is
configured with KAIROS_WERROR (scripts/build does, so scripts/test and CI fail on any
warning). Reads the tree's compile_commands.json (every g++/em++ compile) and the
ninja file for the libFuzzer binary, which clang builds by a custom command.
Third-party sources (Dear ImGui, GoogleTest) keep their own flags.

Usage: check_warnings.py <source dir> <build dir> <ON|OFF>"""
import json
import os
import re
import shlex
import sys

REQUIRED = ["-Wall", "-Wextra", "-Wpedantic", "-Wshadow", "-Wconversion"]
THIRD_PARTY = ("/.cache/", "/usr/", "/googletest/")


def missing(flags, werror):
    need = REQUIRED + (["-Werror"] if werror else [])
    return [f for f in need if f not in flags]


def main():
    src, build, werror = os.path.realpath(sys.argv[1]), sys.argv[2], sys.argv[3].upper() in ("ON", "1", "TRUE")
    faults, ours = [], 0
    for e in json.load(open(os.path.join(build, "compile_commands.json"))):
        f = os.path.realpath(os.path.join(e["directory"], e["file"]))
        if not f.startswith(src + "/") or any(t in f for t in THIRD_PARTY) or "/build/" in f[len(src):]:
            continue
        ours += 1
        args = e.get("arguments") or shlex.split(e["command"])
        gone = missing(args, werror)
        if gone:
            faults.append("%s: no %s" % (os.path.relpath(f, src), " ".join(gone)))
    # The fuzz binary (tests/fuzz/CMakeLists.txt) is built by clang outside CMake's targets.
    ninja = open(os.path.join(build, "build.ninja")).read()
    fuzz = [l for l in ninja.splitlines() if "clang++-14" in l and "-fsanitize=fuzzer" in l]
    for l in fuzz:
        gone = missing(l.split(), werror)
        if gone:
            faults.append("tests/fuzz (kairos_fuzz, clang): no %s" % " ".join(gone))
    if ours == 0:
        faults.append("no compile of our sources found in compile_commands.json")
    for f in faults:
        print(f)
    print("%d compiles of our sources checked (+%d fuzz build), -Werror %s: %s" %
          (ours, len(fuzz), "required" if werror else "not required", "FAIL" if faults else "ok"))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
