"""Bounces as the clinic handles them (R-INQ-4, seed 004): every mail leaves with its own
return path (bounces+o<id>@…); delivery-status reports that arrive later are read from
a real IMAP mailbox (Debian's dovecot-imapd, started here on 127.0.0.1) with libcurl,
matched to their message and booking or inquiry, shown with the guest's phone, told to
staff, the address is suppressed with a suggested correction, and a corrected address
receives the failed mail again. The reports are shaped as Postfix, Exim and Gmail send
them."""
import glob
import json
import os
import re
import unittest

from front_base import FrontServer, text_of
from imap_server import ImapServer


def postfix_dsn(verp, recipient, message_id):
    return f"""Return-Path: <>
Delivered-To: {verp}
Received: by mx.clinic.test (Postfix) id 4F1; Mon, 30 Nov 2026 10:00:00 +0900 (JST)
Date: Mon, 30 Nov 2026 10:00:00 +0900 (JST)
From: MAILER-DAEMON@mx.clinic.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: {verp}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F1.1701306000/mx.clinic.test"
Message-Id: <20261130010000.4F1@mx.clinic.test>

This is a MIME-encapsulated message.

--4F1.1701306000/mx.clinic.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.clinic.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{recipient}>: Host or domain name not found. Name service error for
    name=gmail.con type=A: Host not found

--4F1.1701306000/mx.clinic.test
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.clinic.test
X-Postfix-Queue-ID: 4F1
X-Postfix-Sender: rfc822; {verp}
Arrival-Date: Mon, 30 Nov 2026 09:59:58 +0900 (JST)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: 5.4.4
Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error
    for name=gmail.con type=A: Host not found

--4F1.1701306000/mx.clinic.test
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <{verp}>
Message-ID: <{message_id}>
To: {recipient}

--4F1.1701306000/mx.clinic.test--
"""


def exim_dsn(verp, recipient, message_id):
    return f"""Return-path: <>
Envelope-to: {verp}
Delivery-date: Mon, 30 Nov 2026 02:00:00 +0000
From: Mail Delivery System <Mailer-Daemon@relay.example.net>
To: {verp}
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1kabc-0001-AB@relay.example.net>
Date: Mon, 30 Nov 2026 02:00:00 +0000
X-Failed-Recipients: {recipient}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary=1606701600-eximdsn-1804289383

--1606701600-eximdsn-1804289383
Content-type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {recipient}
    host mx.yahoo.co.jp [182.22.12.113]
    SMTP error from remote mail server after RCPT TO:<{recipient}>:
    550 5.1.1 <{recipient}>: Recipient address rejected: User unknown

--1606701600-eximdsn-1804289383
Content-type: message/delivery-status

Reporting-MTA: dns; relay.example.net

Action: failed
Final-Recipient: rfc822;{recipient}
Status: 5.0.0
Remote-MTA: dns; mx.yahoo.co.jp
Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown

--1606701600-eximdsn-1804289383
Content-type: message/rfc822

Return-path: <{verp}>
Message-ID: <{message_id}>
To: {recipient}
Subject: (original)

--1606701600-eximdsn-1804289383--
"""


def gmail_dsn(recipient, message_id):
    # Gmail answers to the address the mail came from, without our VERP tag here: only the
    # returned Message-ID names the message.
    return f"""Delivered-To: bounces@clinic.test
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: bounces@clinic.test
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Date: Sun, 29 Nov 2026 17:00:00 -0800 (PST)
Message-ID: <5fc4.0001@mx.google.com>
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3"; report-type=delivery-status

--000000000000a1b2c3
Content-Type: multipart/related; boundary="000000000000d4e5f6"

--000000000000d4e5f6
Content-Type: multipart/alternative; boundary="000000000000g7h8i9"

--000000000000g7h8i9
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to {recipient} because the address couldn't be found, or is unable to receive mail.

--000000000000g7h8i9
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2></body></html>

--000000000000g7h8i9--
--000000000000d4e5f6--
--000000000000a1b2c3
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; mx.clinic.test
Arrival-Date: Sun, 29 Nov 2026 17:00:00 -0800 (PST)
X-Original-Message-ID: <{message_id}>

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.
Last-Attempt-Date: Sun, 29 Nov 2026 17:00:01 -0800 (PST)

--000000000000a1b2c3
Content-Type: message/rfc822

Message-ID: <{message_id}>
To: {recipient}
Subject: (original)

--000000000000a1b2c3--
"""


class Bounces(FrontServer):
    @classmethod
    def before_server(cls):
        cls.imap = ImapServer(os.path.join(cls.tmp, "imap"))

    @classmethod
    def extra_args(cls):
        return ["--bounce-address", "bounces@clinic.test", "--bounce-imap", cls.imap.url()]

    @classmethod
    def after_server(cls):
        cls.imap.stop()

    def sent_to(self, address):
        """(outbox id, Message-ID, envelope sender) of the mails that reached `address`."""
        out = []
        for m in self.sink.messages():
            if address in str(m["To"]):
                mid = m["Message-ID"].strip("<>")
                out.append((int(re.match(r"outbox-(\d+)\.", mid).group(1)), mid))
        return out

    def test_dsns_are_matched_shown_suppressed_corrected_and_resent(self):
        h = self.host("Bounce Host", "front-desk@clinic.test")
        self.page("bounce", [h])
        b1 = self.book("bounce", self.slot(30), name="Taro", mail="taro@gmail.con", phone="090-1234-5678")
        b2 = self.book("bounce", self.slot(32), name="Ken", mail="ken@gmial.com", phone="+81 80 1111 2222")
        inq = self.ok(self.call("POST", "/v1/inquiries", {"page": "bounce", "kind": "question",
                                                            "guest": {"name": "Hanako", "email": "hanako@yahoo.co.jp",
                                                                      "phone": "03-1234-5678"},
                                                            "message": "営業時間を教えてください。"}), 201)
        self.tick()
        mails = self.new_mail()
        self.assertEqual(len(self.mail_to("taro@gmail.con", mails)), 1)
        # Each mail has its own return path.
        meta = [json.load(open(f)) for f in glob.glob(os.path.join(self.sink.dir, "*.json"))]
        senders = {tuple(x["to"]): x["from"] for x in meta}
        (taro_id, taro_mid), = self.sent_to("taro@gmail.con")
        (ken_id, ken_mid), = self.sent_to("ken@gmial.com")
        (hanako_id, hanako_mid), = self.sent_to("hanako@yahoo.co.jp")
        self.assertEqual(senders[("taro@gmail.con",)], "bounces+o%d@clinic.test" % taro_id)
        # The reports arrive in the bounce mailbox later.
        self.imap.deliver(postfix_dsn("bounces+o%d@clinic.test" % taro_id, "taro@gmail.con", taro_mid))
        self.imap.deliver(exim_dsn("bounces+o%d@clinic.test" % hanako_id, "hanako@yahoo.co.jp", hanako_mid))
        self.imap.deliver(gmail_dsn("ken@gmial.com", ken_mid))
        self.imap.deliver("From: someone@example.com\nTo: bounces@clinic.test\nSubject: hello\n\nNot a report.\n")
        self.tick()
        bounces = self.ok(self.owner("GET", "/v1/admin/bounces?state=active"))["items"]
        by_addr = {b["address"]: b for b in bounces}
        self.assertEqual(set(by_addr), {"taro@gmail.con", "ken@gmial.com", "hanako@yahoo.co.jp"})
        self.assertEqual(by_addr["taro@gmail.con"]["suggestion"], "taro@gmail.com")
        self.assertEqual(by_addr["ken@gmial.com"]["suggestion"], "ken@gmail.com")
        self.assertNotIn("suggestion", by_addr["hanako@yahoo.co.jp"])
        self.assertEqual(by_addr["hanako@yahoo.co.jp"]["inquiry"], inq["id"])
        self.assertEqual(by_addr["taro@gmail.con"]["status"], "5.4.4")
        # The booking shows the failure with the guest's phone.
        shown = self.ok(self.owner("GET", "/v1/admin/bookings/" + b1["uid"]))
        self.assertEqual(shown["fallback_phone"], "090-1234-5678")
        self.assertEqual([(p["recipient"], p["suggestion"]) for p in shown["delivery_problems"]],
                         [("taro@gmail.con", "taro@gmail.com")])
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/inquiries/" + inq["id"]))["delivery_problem"]["address"],
                         "hanako@yahoo.co.jp")
        # The responsible staff are told, with the phone number.
        staff = self.mail_to("front-desk@clinic.test", self.new_mail())
        subjects = sorted(m["Subject"] for m in staff)
        self.assertEqual(subjects, ["Undelivered mail to Ken: please call +81 80 1111 2222",
                                    "Undelivered mail to Taro: please call 090-1234-5678"])
        self.assertIn("Did you mean: taro@gmail.com", text_of([m for m in staff if "Taro" in m["Subject"]][0]))
        # Reading the mailbox again matches nothing twice.
        self.tick()
        self.assertEqual(len(self.ok(self.owner("GET", "/v1/admin/bounces"))["items"]), 3)
        # No more mail to a bounced address until corrected.
        self.ok(self.owner("PATCH", "/v1/admin/bookings/" + b1["uid"], {"guidance": "Please use the north door.", "notify": True}))
        self.tick()
        self.assertEqual(self.mail_to("taro@gmail.con", self.new_mail()), [])
        rows = self.ok(self.owner("GET", "/v1/admin/outbox?booking=" + b1["uid"]))["messages"]
        held = [m for m in rows if m["template"] == "booking.updated.guest"]
        self.assertEqual(held[0]["state"], "failed")
        self.assertIn("suppressed", held[0]["last_error"])
        # A bad correction is refused; the suggested one re-sends what failed.
        self.problem(self.owner("POST", "/v1/admin/bounces/%s/correct" % by_addr["taro@gmail.con"]["id"],
                                {"email": "taro@.au.com"}), 422, "invalid_email", "email")
        fixed = self.ok(self.owner("POST", "/v1/admin/bounces/%s/correct" % by_addr["taro@gmail.con"]["id"],
                                   {"email": "taro@gmail.com"}))
        self.assertEqual(fixed["state"], "corrected")
        self.assertEqual(fixed["resent"], 2)  # the confirmation that bounced and the update that was held
        self.tick()
        again = self.mail_to("taro@gmail.com", self.new_mail())
        self.assertEqual(len(again), 2)
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/bookings/" + b1["uid"]))["guest"]["email"], "taro@gmail.com")
        # The inquiry's acknowledgement goes to the corrected address too.
        self.ok(self.owner("POST", "/v1/admin/bounces/%s/correct" % by_addr["hanako@yahoo.co.jp"]["id"],
                           {"email": "hanako@yahoo.ne.jp"}))
        self.tick()
        ack = self.mail_to("hanako@yahoo.ne.jp", self.new_mail())
        self.assertEqual(len(ack), 1)
        self.assertIn("営業時間を教えてください。", text_of(ack[0]))
        self.assertEqual([b["address"] for b in self.ok(self.owner("GET", "/v1/admin/bounces?state=active"))["items"]],
                         ["ken@gmial.com"])
        # Staff may also correct the address by editing the booking: the bounced mail goes again.
        self.ok(self.owner("PATCH", "/v1/admin/bookings/" + b2["uid"],
                           {"guests": [{"name": "Ken", "email": "ken@gmail.com", "phone": "+81 80 1111 2222"}]}))
        self.tick()
        self.assertEqual(len(self.mail_to("ken@gmail.com", self.new_mail())), 1)
        self.assertEqual(self.ok(self.owner("GET", "/v1/admin/bounces?state=active"))["items"], [])
        self.assertNotIn("delivery_problems", self.ok(self.owner("GET", "/v1/admin/bookings/" + b2["uid"])))


if __name__ == "__main__":
    unittest.main()
