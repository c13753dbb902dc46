#!/usr/bin/python3
"""A local scale-out cluster on 127.0.0.1: a throw-away PostgreSQL, N kairos-server
instances on one database, and nginx in front (deploy/nginx/local.conf.in). Used by
scripts/cluster, tests/cluster and bench/load.

    c = Cluster(dir, binary, instances=3, extra=["--smtp", url]).start()
    c.url            nginx
    c.instances[i]   {"proc", "url", "port", "log"}
    c.kill(i)        SIGKILL one instance
    c.stop()"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import pgcluster  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url, timeout=20, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.05)
    return False


class Cluster:
    def __init__(self, directory, binary, instances=3, extra=(), durable=False, admin_key="cluster-owner-key",
                 demo=False, db=None, nginx_workers=2, threads=4, pg_conf=()):
        self.dir = os.path.abspath(directory)
        self.binary = binary
        self.n = instances
        self.extra = list(extra)
        self.durable = durable
        self.admin_key = admin_key
        self.demo = demo
        self.db_url = db  # an existing database; None = own PostgreSQL
        self.nginx_workers = nginx_workers
        self.threads = threads
        self.pg_conf = list(pg_conf)  # extra postgresql.conf lines (e.g. pg_stat_statements)
        self.pg = None
        self.instances = []
        self.url = None

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        if self.db_url is None:
            self.pg = pgcluster.PgCluster(os.path.join(self.dir, "postgres"), durable=self.durable,
                                          extra_conf=self.pg_conf).start()
            self.db_url = self.pg.create_db("kairos")
        for i in range(self.n):
            self.start_instance(i)
        self.start_nginx()
        return self

    def instance_args(self, i):
        args = ["--db", self.db_url, "--bind", "127.0.0.1", "--admin-key", self.admin_key, "--trust-proxy",
                "--booking-rate", "0", "--threads", str(self.threads), "--log-level", "warn"] + self.extra
        if self.demo and i == 0:
            args.append("--demo")
        return args

    def start_instance(self, i):
        while len(self.instances) <= i:
            self.instances.append(None)
        for _ in range(5):
            port = free_port()
            log = os.path.join(self.dir, "kairos-%d.log" % i)
            with open(log, "a") as logf:
                proc = subprocess.Popen([self.binary, "--port", str(port)] + self.instance_args(i),
                                        stdout=logf, stderr=subprocess.STDOUT, start_new_session=True)
            url = "http://127.0.0.1:%d" % port
            if wait_healthy(url, proc=proc):
                self.instances[i] = {"proc": proc, "url": url, "port": port, "log": log}
                return self.instances[i]
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        raise RuntimeError("instance %d did not start: see %s" % (i, log))

    def start_nginx(self):
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(self.dir, "tmp", sub), exist_ok=True)
        with open(os.path.join(ROOT, "deploy", "nginx", "local.conf.in")) as f:
            template = f.read()
        ups = "\n".join("        server 127.0.0.1:%d max_fails=1 fail_timeout=2s;" % inst["port"]
                        for inst in self.instances)
        for _ in range(5):
            port = free_port()
            conf = (template.replace("@DIR@", self.dir).replace("@PORT@", str(port))
                    .replace("@UPSTREAMS@", ups).replace("@WORKERS@", str(self.nginx_workers)))
            path = os.path.join(self.dir, "nginx.conf")
            with open(path, "w") as f:
                f.write(conf)
            r = subprocess.run(["nginx", "-p", self.dir, "-c", path], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            self.url = "http://127.0.0.1:%d" % port
            if r.returncode == 0 and wait_healthy(self.url, timeout=10):
                return
        raise RuntimeError("nginx did not start: " + r.stdout)

    def kill(self, i):
        inst = self.instances[i]
        os.kill(inst["proc"].pid, signal.SIGKILL)
        inst["proc"].wait()

    def psql(self, sql):
        return self.pg.psql(sql, db="kairos")

    def stop(self):
        pidfile = os.path.join(self.dir, "nginx.pid")
        if os.path.exists(pidfile):
            try:
                with open(pidfile) as f:
                    pid = int(f.read())
                os.kill(pid, signal.SIGQUIT)
                for _ in range(100):
                    os.kill(pid, 0)
                    time.sleep(0.05)
            except (OSError, ValueError):
                pass
        for inst in self.instances:
            if inst and inst["proc"].poll() is None:
                inst["proc"].send_signal(signal.SIGTERM)
        for inst in self.instances:
            if inst:
                try:
                    inst["proc"].wait(timeout=15)
                except subprocess.TimeoutExpired:
                    inst["proc"].kill()
                    inst["proc"].wait()
        if self.pg:
            self.pg.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
