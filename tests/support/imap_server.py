"""A real IMAP server for tests: Debian's dovecot-imapd started with its own
configuration in a temporary directory, listening on 127.0.0.1:<free port>, with one
user whose Maildir the test fills directly (files in Maildir/new). Runs as root (the
usual case in CI containers) with the mail owned by `nobody`, or as the current user.
Standard library only."""
import os
import pwd
import grp
import shutil
import signal
import socket
import subprocess
import time
import uuid

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ImapServer:
    def __init__(self, directory, user="bounces", password="secret"):
        self.dir = os.path.abspath(directory)
        self.user, self.password = user, password
        self.port = free_port()
        os.makedirs(self.dir, exist_ok=True)
        # Dovecot's auth and mail processes run as other users: they must reach the files
        # (a mkdtemp parent is 0700).
        for d in (os.path.dirname(self.dir), self.dir):
            os.chmod(d, os.stat(d).st_mode | 0o711)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("nobody")
            self.uid, self.gid = owner.pw_uid, grp.getgrnam("nogroup").gr_gid
            internal, login = "dovecot", "dovenull"
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
            me = pwd.getpwuid(self.uid).pw_name
            internal = login = me
        self.maildir = os.path.join(self.dir, "mail", user, "Maildir")
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(self.maildir, sub), exist_ok=True)
        for root, dirs, _ in os.walk(os.path.join(self.dir, "mail")):
            os.chown(root, self.uid, self.gid)
        with open(os.path.join(self.dir, "passwd"), "w") as f:
            f.write("%s:{PLAIN}%s\n" % (user, password))
        run = os.path.join(self.dir, "run")
        os.makedirs(run, exist_ok=True)
        self.conf = os.path.join(self.dir, "dovecot.conf")
        with open(self.conf, "w") as f:
            f.write("""
base_dir = {run}
state_dir = {dir}/state
instance_name = kairos-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {dir}/dovecot.log
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:{dir}/mail/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
""".format(run=run, dir=self.dir, port=self.port, internal=internal, login=login, uid=self.uid, gid=self.gid))
        os.makedirs(os.path.join(self.dir, "state"), exist_ok=True)
        self.proc = subprocess.Popen([DOVECOT, "-F", "-c", self.conf], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "stderr.log"), "w"), start_new_session=True)
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("dovecot exited: " + self.log())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(200).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("dovecot did not start: " + self.log())

    def log(self):
        out = ""
        for name in ("stderr.log", "dovecot.log"):
            p = os.path.join(self.dir, name)
            if os.path.exists(p):
                out += open(p, errors="replace").read()
        return out

    def url(self):
        return "imap://%s:%s@127.0.0.1:%d/INBOX" % (self.user, self.password, self.port)

    def deliver(self, raw):
        """Puts one message (bytes or str, CRLF or LF) into the user's INBOX."""
        if isinstance(raw, str):
            raw = raw.encode()
        name = "%d.%s.kairos-test" % (time.time(), uuid.uuid4().hex)
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(raw)
        os.chown(tmp, self.uid, self.gid)
        os.rename(tmp, os.path.join(self.maildir, "new", name))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None
