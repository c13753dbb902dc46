#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for tests (Debian's python3-aiosmtpd).

Every accepted message is written to DIR as NNNN.eml (the DATA as received) and
NNNN.json (envelope sender and recipients). Recipients whose address starts with
"bounce" are refused with 550 (a permanent failure); with --tempfail every message
gets 451 (a temporary failure). Prints "READY <port>" once listening.
"""
import argparse
import asyncio
import json
import os
import signal
import threading
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, tempfail):
        self.directory = directory
        self.tempfail = tempfail
        self.lock = threading.Lock()
        self.count = len([f for f in os.listdir(directory) if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.tempfail:
            return "451 4.3.0 Try again later"
        with self.lock:
            self.count += 1
            base = os.path.join(self.directory, "%04d" % self.count)
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        os.rename(base + ".tmp", base + ".eml")
        return "250 Message accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--dir", required=True)
    p.add_argument("--tempfail", action="store_true")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    port = a.port
    if port == 0:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    c = Controller(Sink(a.dir, a.tempfail), hostname="127.0.0.1", port=port, decode_data=False)
    c.start()
    # SIGTERM keeps its default action (exit at once): messages are complete files
    # (written, then renamed), and a graceful Controller.stop() can hang on exit.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    print("READY %d" % port, flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
