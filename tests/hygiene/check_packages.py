"""Every Debian package scripts/setup installs is used by the project (issue 10 §3:
packages installed but unused go). Each package names the file that needs it and what
in that file shows it; a package missing from this table, or whose user no longer shows
it, fails the test, so a package is added with its user and dropped with its last one.

Usage: check_packages.py <source dir>"""
import os
import re
import sys

# package: (file that uses it, regular expression found in that file)
USERS = {
    "build-essential": ("scripts/build", r"cmake -S \. -B build/native"),        # g++, make, libc headers
    "cmake": ("CMakeLists.txt", r"cmake_minimum_required"),
    "ninja-build": ("scripts/build", r"-G Ninja"),
    "pkg-config": ("server/CMakeLists.txt", r"pkg_check_modules"),
    "ca-certificates": ("scripts/setup", r"npm ci"),                             # npm's registry over https
    "xz-utils": ("scripts/setup", r"orig\.tar\.\*"),                             # Dear ImGui's .orig.tar.xz
    "emscripten": ("scripts/build", r"emcmake cmake"),
    "libpistache-dev": ("server/CMakeLists.txt", r"libpistache"),
    "nlohmann-json3-dev": ("cmake/KairosDependencies.cmake", r"nlohmann"),
    "libhowardhinnant-date-dev": ("tests/tz/tzdb_oracle_test.cpp", r"#include <date/tz\.h>"),
    "tzdata": ("tzdb/zoneinfo.hpp", r"/usr/share/zoneinfo"),
    "libsqlite3-dev": ("server/CMakeLists.txt", r"find_package\(SQLite3"),
    "libpq-dev": ("server/CMakeLists.txt", r"IMPORTED_TARGET libpq\)"),
    "postgresql": ("tests/support/pgcluster.py", r"/initdb"),
    "libgtest-dev": ("tests/CMakeLists.txt", r"find_package\(GTest"),
    "googletest": ("tests/CMakeLists.txt", r"/usr/src/googletest"),               # the wasm tree builds it
    "libbenchmark-dev": ("bench/CMakeLists.txt", r"find_package\(benchmark"),
    "libcurl4-openssl-dev": ("server/CMakeLists.txt", r"CURL::libcurl"),
    "libssl-dev": ("server/CMakeLists.txt", r"OpenSSL::Crypto"),
    "libical-dev": ("server/CMakeLists.txt", r"PkgConfig::ICAL"),
    "libsodium-dev": ("server/CMakeLists.txt", r"IMPORTED_TARGET libsodium"),
    "zlib1g-dev": ("server/CMakeLists.txt", r"ZLIB::ZLIB"),
    "libbrotli-dev": ("server/CMakeLists.txt", r"IMPORTED_TARGET libbrotlienc"),
    "python3": ("tests/server/CMakeLists.txt", r"python3"),
    "python3-aiosmtpd": ("tests/support/smtp_sink.py", r"aiosmtpd"),
    "python3-icalendar": ("tests/integrations/test_integrations.py", r"^import icalendar"),
    "dovecot-imapd": ("tests/support/imap_server.py", r"which\(\"dovecot\"\)"),
    "chromium": ("tests/e2e/lib.js", r"chromium"),
    "fonts-mplus": ("wasm/CMakeLists.txt", r"mplus"),
    "fonttools": ("wasm/fonts/subset_fonts.py", r"from fontTools import"),
    "brotli": ("tests/server/test_slot_encodings.py", r"\"brotli\", \"-d\""),
    "wrk": ("bench/load/slots.sh", r"\bwrk\b"),
    "ccache": ("CMakeLists.txt", r"find_program\(KAIROS_CCACHE ccache\)"),
    "nginx": ("scripts/cluster", r"nginx"),
    "clang-14": ("tests/fuzz/CMakeLists.txt", r"clang\+\+-14"),
    "libclang-rt-14-dev": ("tests/fuzz/CMakeLists.txt", r"-fsanitize=fuzzer"),   # libFuzzer's runtime
    "nodejs": ("tests/e2e/CMakeLists.txt", r"find_program\(KAIROS_NODE node\)"),
    "npm": ("scripts/setup", r"npm ci"),
}


def installed(setup_text):
    block = re.search(r"^packages=\((.*?)^\)", setup_text, re.S | re.M)
    names = []
    for line in block.group(1).splitlines():
        names += line.split("#")[0].split()
    names += re.findall(r"packages\+=\(([^)]*)\)", setup_text)
    return [n for part in names for n in part.split()]


def main():
    src = sys.argv[1]
    faults = []
    packages = installed(open(os.path.join(src, "scripts/setup")).read())
    for p in packages:
        if p not in USERS:
            faults.append("%s: installed by scripts/setup, but no user is named here" % p)
            continue
        path, pattern = USERS[p]
        full = os.path.join(src, path)
        if not os.path.exists(full) or not re.search(pattern, open(full, encoding="utf-8").read(), re.M):
            faults.append("%s: %s no longer shows /%s/: unused? drop it from scripts/setup" % (p, path, pattern))
    for p in sorted(set(USERS) - set(packages)):
        faults.append("%s: named here but not installed by scripts/setup (drop the row)" % p)
    for f in faults:
        print(f)
    print("%d packages checked: %s" % (len(packages), "FAIL" if faults else "ok"))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
