#!/usr/bin/python3
"""Scale-out load: durable bookings and month-of-slots requests through nginx in front
of N kairos-server instances on one PostgreSQL (fsync on, synchronous_commit on), or
one instance on SQLite (also through nginx, for the same path). Afterwards the database
is checked for overlapping live bookings.

  bench/load/cluster.py --instances 3 [--pages 16] [--seconds 10] [--conns 64]
  bench/load/cluster.py --sqlite
  bench/load/cluster.py --instances 1 --distinct   # every request a start of its own: all 201
Two booking scenarios: by default (bookings_pages.lua) every fourth request repeats the
start just taken, so clients race for starts and about a quarter are answered 409; with
--distinct (bookings_distinct.lua) each asks for a free start of its own, spread over all
pages, as guests do, so bookings/s counts stored bookings only.
Needs scripts/build native, wrk, nginx, PostgreSQL 15."""
import argparse
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
from cluster import Cluster  # noqa: E402

KEY = "bench-key"
WEEK = [["00:00", "24:00"]]
HOURS = {d: WEEK for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def post(url, path, body):
    req = urllib.request.Request(url + path, json.dumps(body).encode(),
                                 {"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def wrk(args):
    out = subprocess.run(["wrk"] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": lat.get("50"), "p99": lat.get("99"), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "total": total, "raw": out}


TICK = os.sysconf("SC_CLK_TCK")


def children_of(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    out.append(int(d))
            except OSError:
                pass
    return out


def cpu_seconds(pids):
    total = 0.0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
        except OSError:
            pass
    return total


def groups(c):
    """CPU-time groups: the database server (postmaster and its backends), the
    kairos-server instances, nginx (master and workers)."""
    g = {"kairos": [i["proc"].pid for i in c.instances]}
    if c.pg:
        with open(os.path.join(c.pg.data, "postmaster.pid")) as f:
            pm = int(f.readline())
        g["postgres"] = [pm] + children_of(pm)
    with open(os.path.join(c.dir, "nginx.pid")) as f:
        master = int(f.read())
    g["nginx"] = [master] + children_of(master)
    return g


def measured(c, fn):
    """Runs fn() and returns (its result, CPU seconds per group including wrk)."""
    g = groups(c)
    before = {k: cpu_seconds(v) for k, v in g.items()}
    ru0 = os.times()
    r = fn()
    ru1 = os.times()
    g2 = groups(c)  # backends that connected meanwhile count from their start
    after = {k: cpu_seconds(g2[k]) for k in g2}
    used = {k: after[k] - before.get(k, 0.0) for k in after}
    used["wrk"] = (ru1.children_user + ru1.children_system) - (ru0.children_user + ru0.children_system)
    return r, used


def cost_line(name, used, n):
    parts = ", ".join("%s %.0f µs" % (k, v / n * 1e6) for k, v in sorted(used.items()) if n)
    return "  CPU per %s: %s (total %.0f µs)" % (name, parts, sum(used.values()) / max(n, 1) * 1e6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", type=int, default=3)
    ap.add_argument("--sqlite", action="store_true")
    ap.add_argument("--pages", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--conns", type=int, default=64)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--slot-conns", type=int, default=64)
    ap.add_argument("--distinct", action="store_true",
                    help="every booking request asks for a start of its own, over all pages (every answer a 201); "
                         "default: every fourth request repeats the start just taken (clients race, ~25 %% answered 409)")
    ap.add_argument("--plain-slots", action="store_true", help="slots without Accept-Encoding (37.6 kB answers)")
    ap.add_argument("--keep", type=int, default=0, metavar="SECONDS",
                    help="leave PostgreSQL and the instances running this long after the run (EXPLAIN by hand)")
    ap.add_argument("--stats", action="store_true",
                    help="PostgreSQL: load pg_stat_statements and print the statements of the booking run")
    a = ap.parse_args()
    # kill (SIGTERM) stops what was started, as the end of a run does (--keep in the background).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    binary = os.environ.get("KAIROS_SERVER", os.path.join(ROOT, "build", "native", "server", "kairos-server"))
    work = tempfile.mkdtemp(prefix="kairos-bench-")
    os.chmod(work, 0o755)
    db = os.path.join(work, "kairos.db") if a.sqlite else None
    c = Cluster(work, binary, instances=1 if a.sqlite else a.instances, durable=True, admin_key=KEY, demo=True,
                db=db, threads=a.threads,
                pg_conf=["shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track = all",
                         "track_io_timing = on"] if a.stats and not a.sqlite else ())
    try:
        c.start()
        if a.stats and not a.sqlite:
            c.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        for i in range(a.pages):
            h = post(c.url, "/v1/admin/hosts", {"name": "Load %d" % i, "email": "l%d@example.com" % i,
                                                "timezone": "Etc/UTC", "weekly_hours": HOURS})["id"]
            post(c.url, "/v1/admin/pages", {"id": "load%d" % i, "name": "Load", "hosts": [h], "event_types": [
                {"id": "e", "name": "E", "duration_minutes": 15, "buffer_before_minutes": 0,
                 "buffer_after_minutes": 0}]})
        base = (int(time.time()) // 86400 + 2) * 86400
        load = os.popen("cat /proc/loadavg").read().split()[:3]
        if a.stats and not a.sqlite:
            c.psql("SELECT pg_stat_statements_reset()")
        script = "bookings_distinct.lua" if a.distinct else "bookings_pages.lua"
        b, b_cpu = measured(c, lambda: wrk(["-t2", "-c%d" % a.conns, "-d%ds" % a.seconds, "--latency", "-s",
                                            os.path.join(HERE, script), c.url, "--", str(base), str(a.pages), "2"]))
        created = None
        if a.stats and not a.sqlite:
            booked = max(1, int(c.psql("SELECT count(*) FROM bookings WHERE page_id LIKE 'load%'")))
            print("per booking (%d stored), pg_stat_statements during the booking run:" % booked)
            print(c.psql("SELECT format('%8s calls/booking %8s ms/call %8s ms/booking  %s', "
                         "round(calls::numeric / " + str(booked) + ", 2), round((total_exec_time / calls)::numeric, 3), "
                         "round((total_exec_time / " + str(booked) + ")::numeric, 3), "
                         "left(regexp_replace(query, '\\s+', ' ', 'g'), 110)) FROM pg_stat_statements "
                         "WHERE calls > 0 ORDER BY total_exec_time DESC LIMIT 25"))
        # Month of slots for the demo page, guest zone Berlin (as bench/load/slots.sh).
        d0 = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 2 * 86400))
        d1 = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 32 * 86400))
        path = "/v1/pages/demo/slots?event_type=intro&from=%s&to=%s&tz=Europe%%2FBerlin" % (d0, d1)
        # As browsers and the widget ask (Accept-Encoding: br): the cached brotli answer,
        # 1.7 kB instead of 37.6 kB through nginx. --plain-slots: without it.
        enc = [] if a.plain_slots else ["-H", "Accept-Encoding: br, gzip"]
        s, s_cpu = measured(c, lambda: wrk(["-t2", "-c%d" % a.slot_conns, "-d%ds" % a.seconds, "--latency"] + enc +
                                           [c.url + path]))
        load2 = os.popen("cat /proc/loadavg").read().split()[:3]
        live = "status IN ('pending','approved','rescheduled')"
        overlap_sql = ("SELECT count(*) FROM booking_hosts a JOIN booking_hosts b ON a.host_id = b.host_id "
                       "AND a.booking_uid < b.booking_uid AND a.start_s < b.end_s AND b.start_s < a.end_s "
                       "WHERE a.%s AND b.%s" % (live, live))
        if a.sqlite:
            c.stop()
            con = sqlite3.connect(db)
            created = con.execute("SELECT count(*) FROM bookings WHERE page_id LIKE 'load%%' AND %s" % live).fetchone()[0]
            overlaps = con.execute(overlap_sql).fetchone()[0]
        else:
            created = int(c.psql("SELECT count(*) FROM bookings WHERE page_id LIKE 'load%%' AND %s" % live))
            overlaps = int(c.psql(overlap_sql))
        store = "SQLite, 1 instance" if a.sqlite else "PostgreSQL, %d instance(s)" % a.instances
        store += ", distinct starts" if a.distinct else ", racing starts"
        booked_per_s = created / a.seconds
        print("| %s | %d pages | %s req/s | %.0f bookings/s (201) | p50 %s | p99 %s | %s slots req/s | p50 %s | p99 %s "
              "| overlaps %d | load %s → %s |" % (store, a.pages, f"{b['rps']:,.0f}", booked_per_s, b["p50"], b["p99"],
                                                  f"{s['rps']:,.0f}", s["p50"], s["p99"], overlaps, "/".join(load),
                                                  "/".join(load2)))
        print(cost_line("booking request", b_cpu, b["total"]))
        print(cost_line("slots request", s_cpu, s["total"]))
        if s["non2xx"]:
            print("slots: %d non-2xx answers" % s["non2xx"])
        if a.keep and c.pg:
            print("kept for %d s: psql %s (nginx %s)" % (a.keep, c.db_url, c.url), flush=True)
            time.sleep(a.keep)
        return 1 if overlaps else 0
    finally:
        c.stop()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    sys.exit(main())
