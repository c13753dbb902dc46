"""Issue 10 items the audit found without a test of their own (docs/ARCHITECTURE.md,
"Issue 10, item by item"), read from a real SMTP sink on the test clock.

§1.10: the "Book again" button links to the booking's own page, never to the demo page;
when that page is gone there is no button at all."""
import re

from test_mail_flows import MailServer, future_slot, text_of

WIDGET = re.compile(r"https?://\S+/widget/\?page=([^\s&>\"]+)")


class BookAgain(MailServer):
    def test_book_again_links_the_bookings_own_page(self):
        self.make_page("again", "en", auto_approve=True)
        b = self.book("again", future_slot(5, 9), mail="again@example.com")
        self.tick()
        self.new_mail()
        self.assertEqual(self.owner("POST", "/v1/admin/bookings/%s/cancel" % b["uid"], {"reason": "Closed"}).status, 200)
        self.tick()
        got = [m for m in self.new_mail() if "again@example.com" in str(m["To"])]
        self.assertEqual([str(m["Subject"]) for m in got], ["Your booking has been cancelled: Visit en"])
        self.assertIn("Book again", text_of(got[0]))
        self.assertEqual(WIDGET.findall(text_of(got[0])), ["again"])

    def test_book_again_of_a_page_that_is_gone_is_no_button_and_never_the_demo(self):
        self.make_page("gone", "en", auto_approve=True)
        b = self.book("gone", future_slot(6, 9), mail="gone@example.com")
        self.tick()
        self.new_mail()
        # The page is deleted; its booking stays and is then cancelled by staff.
        self.assertEqual(self.owner("DELETE", "/v1/admin/pages/gone").status, 204)
        self.assertEqual(self.owner("POST", "/v1/admin/bookings/%s/cancel" % b["uid"], {"reason": "Closed"}).status, 200)
        self.tick()
        got = [m for m in self.new_mail() if "gone@example.com" in str(m["To"])]
        self.assertTrue(got, "the guest still hears of the cancellation")
        for m in got:
            self.assertNotIn("page=demo", text_of(m))
            self.assertEqual(WIDGET.findall(text_of(m)), [], text_of(m))


if __name__ == "__main__":
    import unittest
    unittest.main()
