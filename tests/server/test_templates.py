"""Mail and SMS templates per language over real HTTP: an account's override is stored,
listed and previewed with sample values (the rendering the outbox uses); a misspelt
placeholder is refused and changes nothing; the default comes back on DELETE; another
account never sees the override."""
import unittest

from kairos_http import DEMO_KEY, ServerTest, owner

KEY = "booking.approved.guest"


class Templates(ServerTest):
    def test_override_preview_and_reset(self):
        listed = owner("GET", "/v1/admin/templates?language=fi")
        self.assertStatus(listed, 200)
        keys = [x["template"] for x in listed.json["items"]]
        self.assertIn(KEY, keys)
        self.assertTrue(all(x["language"] == "fi" for x in listed.json["items"]))
        self.assertIn("guest_name", listed.json["placeholders"])
        one = owner("GET", "/v1/admin/templates/%s/fi" % KEY)
        self.assertStatus(one, 200)
        self.assertFalse(one.json["overridden"])
        self.assertTrue(one.json["default_subject"])

        put = owner("PUT", "/v1/admin/templates/%s/fi" % KEY,
                    {"subject": "Tervetuloa, {guest_name}!", "body": "Aikasi: {when}\n{actions}"})
        self.assertStatus(put, 200)
        self.assertTrue(put.json["overridden"])
        self.assertEqual(put.json["subject"], "Tervetuloa, {guest_name}!")

        pv = owner("POST", "/v1/admin/templates/%s/fi/preview?tz=Europe/Helsinki" % KEY)
        self.assertStatus(pv, 200)
        self.assertEqual(pv.json["subject"], "Tervetuloa, Maria Laine!")
        self.assertIn("Aikasi: ", pv.json["text"])
        self.assertIn("Europe/Helsinki", pv.json["text"])
        self.assertNotIn("{when}", pv.json["text"])
        # A draft is rendered over the stored text and not stored.
        draft = owner("POST", "/v1/admin/templates/%s/fi/preview" % KEY, {"subject": "Luonnos {event_name}"})
        self.assertEqual(draft.json["subject"], "Luonnos Intro call")
        self.assertIn("Aikasi: ", draft.json["text"])
        self.assertEqual(owner("GET", "/v1/admin/templates/%s/fi" % KEY).json["subject"], "Tervetuloa, {guest_name}!")

        # A misspelt placeholder: refused on its field, nothing changes.
        bad = owner("PUT", "/v1/admin/templates/%s/fi" % KEY, {"subject": "Hei {guest_nmae}"})
        self.assertProblem(bad, 422, "unknown_placeholder")
        self.assertEqual(bad.json["field"], "subject")
        self.assertProblem(owner("POST", "/v1/admin/templates/%s/fi/preview" % KEY, {"body": "{wehn}"}), 422,
                           "unknown_placeholder")
        self.assertEqual(owner("GET", "/v1/admin/templates/%s/fi" % KEY).json["subject"], "Tervetuloa, {guest_name}!")
        self.assertProblem(owner("PUT", "/v1/admin/templates/%s/fi" % KEY, {"subject": "a\nb"}), 422, "control_character")
        self.assertProblem(owner("PUT", "/v1/admin/templates/%s/fi" % KEY, {}), 422, "missing_field")
        self.assertProblem(owner("PUT", "/v1/admin/templates/nope.guest/fi", {"subject": "x"}), 422, "unknown_template")
        self.assertProblem(owner("PUT", "/v1/admin/templates/%s/xx" % KEY, {"subject": "x"}), 422, "unsupported_language")

        # Another account keeps the default.
        other = owner("GET", "/v1/admin/templates/%s/fi" % KEY, key=DEMO_KEY)
        self.assertFalse(other.json["overridden"])

        self.assertStatus(owner("DELETE", "/v1/admin/templates/%s/fi" % KEY), 204)
        self.assertFalse(owner("GET", "/v1/admin/templates/%s/fi" % KEY).json["overridden"])
        self.assertProblem(owner("DELETE", "/v1/admin/templates/%s/fi" % KEY), 404, "not_found")


if __name__ == "__main__":
    unittest.main()
