#!/usr/bin/python3
"""A throw-away PostgreSQL 15 server for tests, benchmarks and scripts/cluster:
initdb + pg_ctl as the `postgres` user in a fresh directory, listening on 127.0.0.1 on
a free port (and a socket in that directory), superuser `postgres` with trust auth.

    python3 pgcluster.py start DIR [--durable]   prints the base URL, writes DIR/url
    python3 pgcluster.py stop DIR
    python3 pgcluster.py createdb DIR NAME        prints postgresql://…/NAME (fresh)

From Python: `with PgCluster(dir) as pg: url = pg.create_db("x")`. Without --durable,
fsync is off (tests only: a crash of the OS is not what they test; kill -9 of a server
process still loses nothing committed, since PostgreSQL's own WAL is written)."""
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time

PG_BIN = os.environ.get("KAIROS_PG_BIN", "/usr/lib/postgresql/15/bin")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args, **kw):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)


class PgCluster:
    def __init__(self, directory, durable=False, extra_conf=()):
        self.dir = os.path.abspath(directory)
        self.data = os.path.join(self.dir, "data")
        self.durable = durable
        self.extra_conf = list(extra_conf)
        self.port = None

    @property
    def base_url(self):
        return "postgresql://postgres@127.0.0.1:%d" % self.port

    def start(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        # The parent directories must let the postgres user in.
        _as_postgres([PG_BIN + "/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync"])
        conf = [
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = '%s'" % self.dir,
            "max_connections = 300",
            "shared_buffers = 128MB",
            "log_min_messages = warning",
            "logging_collector = off",
        ]
        if not self.durable:
            conf += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with open(os.path.join(self.data, "postgresql.auto.conf"), "a") as f:
            f.write("\n".join(conf + self.extra_conf) + "\n")
        for _ in range(5):
            self.port = _free_port()
            try:
                _as_postgres([PG_BIN + "/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "postgres.log"),
                              "-o", "-p %d" % self.port, "-w", "-t", "30", "start"])
                break
            except subprocess.CalledProcessError:
                time.sleep(0.2)
        else:
            raise RuntimeError("PostgreSQL did not start: " + open(os.path.join(self.dir, "postgres.log")).read())
        with open(os.path.join(self.dir, "url"), "w") as f:
            f.write(self.base_url)
        return self

    def psql(self, sql, db="postgres"):
        out = subprocess.run([PG_BIN + "/psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                              "%s/%s" % (self.base_url, db), "-c", sql],
                             check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return out.stdout.strip()

    def create_db(self, name):
        self.psql('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
        self.psql('CREATE DATABASE "%s"' % name)
        return "%s/%s" % (self.base_url, name)

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            _as_postgres([PG_BIN + "/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def attach(directory):
    """A PgCluster for a server already started by `start DIR`."""
    pg = PgCluster(directory)
    with open(os.path.join(pg.dir, "url")) as f:
        url = f.read().strip()
    pg.port = int(url.rsplit(":", 1)[1])
    return pg


if __name__ == "__main__":
    cmd, d = sys.argv[1], sys.argv[2]
    if cmd == "start":
        pg = PgCluster(d, durable="--durable" in sys.argv).start()
        print(pg.base_url)
    elif cmd == "stop":
        if os.path.exists(d):
            PgCluster(d).stop()
    elif cmd == "createdb":
        print(attach(d).create_db(sys.argv[3]))
