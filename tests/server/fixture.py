#!/usr/bin/python3
"""Starts and stops a real kairos-server for the HTTP tests (ctest FIXTURES_SETUP /
FIXTURES_CLEANUP). `start NAME BINARY STATE_DIR [server args…]` picks a free port on
127.0.0.1, uses a fresh database in STATE_DIR/NAME, waits for /healthz and writes
STATE_DIR/NAME/url and .../pid. `stop NAME STATE_DIR` sends SIGTERM and waits for a
clean exit (graceful shutdown is part of what is tested)."""
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_dir():
    """The PostgreSQL test server's directory when the suite runs on PostgreSQL
    (KAIROS_PG_DIR, set by the server.pg.* ctest set), else None."""
    return os.environ.get("KAIROS_PG_DIR") or None


def pg_database(db, fresh=False):
    """On PostgreSQL, an SQLite path stands for a database of its own (named after the
    path, so a restart on the same path finds the same data); returns its URL."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
    import pgcluster
    pg = pgcluster.attach(pg_dir())
    name = "k_" + hashlib.sha1(os.path.abspath(db).encode()).hexdigest()[:16]
    exists = pg.psql("SELECT 1 FROM pg_database WHERE datname = '%s'" % name) == "1"
    if fresh or not exists:
        pg.create_db(name)
    return "%s/%s" % (pg.base_url, name)


def spawn(binary, db, extra, log=subprocess.DEVNULL, timeout=15):
    """Starts kairos-server on a free 127.0.0.1 port with the database `db` and returns
    (proc, url) once /healthz answers 200; (None, None) after stopping a server that
    never did. Under KAIROS_PG_DIR the path `db` maps to a PostgreSQL database."""
    if pg_dir() and not db.startswith("postgres"):
        db = pg_database(db)
    port = free_port()
    proc = subprocess.Popen([binary, "--db", db, "--bind", "127.0.0.1", "--port", str(port)] + list(extra),
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    return None, None


def start(name, binary, state_dir, extra):
    d = os.path.join(state_dir, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    if pg_dir():
        pg_database(os.path.join(d, "kairos.db"), fresh=True)
    for _ in range(5):
        log = open(os.path.join(d, "server.log"), "w")
        proc, url = spawn(binary, os.path.join(d, "kairos.db"), ["--threads", "2", "--log-level", "warn"] + extra, log)
        if proc:
            open(os.path.join(d, "url"), "w").write(url)
            open(os.path.join(d, "pid"), "w").write(str(proc.pid))
            print("started", name, url, "pid", proc.pid)
            return 0
    print(open(os.path.join(d, "server.log")).read())
    return 1


def stop(name, state_dir):
    d = os.path.join(state_dir, name)
    try:
        pid = int(open(os.path.join(d, "pid")).read())
    except OSError:
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os.remove(os.path.join(d, "pid"))
            return 0
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    print("server did not stop on SIGTERM within 15 s")
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "start":
        sys.exit(start(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]))
    sys.exit(stop(sys.argv[2], sys.argv[3]))
