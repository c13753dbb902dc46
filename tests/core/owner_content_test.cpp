// Owner content in several languages: one fallback rule (the guest's language, else the
// page's, else English, else any) for owner texts and the built-in texts alike, and the
// request rules for a name or description given per language.
#include <gtest/gtest.h>

#include "kairos/front_office.hpp"
#include "kairos/language.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/front_office.hpp"

namespace kairos::core {
namespace {

using nlohmann::json;

TEST(OwnerContent, GuestLanguageElseThePagesElseEnglishElseAny) {
  const LocalizedText t{"", {{"de", "Erstgespräch"}, {"en", "Intro call"}, {"ja", "初回相談"}}};
  EXPECT_EQ(t.in("ja", "de"), "初回相談");
  EXPECT_EQ(t.in("fi", "de"), "Erstgespräch");  // the page's
  EXPECT_EQ(t.in("fi", "hu"), "Intro call");    // then English
  const LocalizedText neither{"", {{"hu", "Bemutatkozó"}, {"ja", "初回"}}};
  EXPECT_EQ(neither.in("fi", "de"), "Bemutatkozó");  // then any
  const LocalizedText once{"Once only", {}};
  EXPECT_EQ(once.in("ja", "fi"), "Once only");
  EXPECT_EQ(t.in("ja"), "初回相談");
}

TEST(OwnerContent, OneFallbackRuleForSupportedLanguages) {
  EXPECT_EQ(supported_language_or("ja", "fi"), "ja");
  EXPECT_EQ(supported_language_or("pt", "fi"), "fi");
  EXPECT_EQ(supported_language_or("pt", "xx"), "en");
  EXPECT_EQ(supported_language_or(""), "en");
  EXPECT_TRUE(is_supported_language("hu"));
  EXPECT_FALSE(is_supported_language("EN"));
  // A front-office text missing in a language falls back by the same rule: English.
  auto fi = front_text("report.unconverted.staff", "fi", {{"date", "2027-01-01"}, {"count", "2"}});
  ASSERT_TRUE(fi.ok());
  EXPECT_EQ(fi->subject, "2027-01-01 inquiries that did not lead to a booking (2)");
}

TEST(OwnerContent, RequestTextsAreCheckedPerLanguageWithTheirField) {
  auto ok = wire::read_localized_request(json{{"en", "Intro call"}, {"ja", "初回相談"}}, "name", true, 500, true);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->by_language.at("ja"), "初回相談");
  EXPECT_EQ(json(*ok), (json{{"en", "Intro call"}, {"ja", "初回相談"}}));  // stored as given
  EXPECT_EQ(json(*wire::read_localized_request(json("Intro"), "name", true, 500, true)), json("Intro"));

  struct Case {
    json in;
    bool single_line;
    const char* code;
    const char* field;
  };
  for (const Case& c : {Case{json{{"en", "a"}, {"pt", "b"}}, true, "unsupported_language", "name.pt"},
                        Case{json::object(), true, "missing_field", "name"},
                        Case{json{{"ja", ""}}, true, "missing_field", "name.ja"},
                        Case{json(""), true, "missing_field", "name"},
                        Case{json{{"fi", 3}}, true, "invalid_type", "name.fi"},
                        Case{json::array({"a"}), true, "invalid_type", "name"},
                        Case{json{{"de", "zwei\nZeilen"}}, true, "control_character", "name.de"},
                        Case{json{{"hu", std::string(21, 'x')}}, true, "too_long", "name.hu"}}) {
    auto r = wire::read_localized_request(c.in, "name", true, 20, c.single_line);
    ASSERT_FALSE(r.ok()) << c.in.dump();
    EXPECT_EQ(r.error().code, c.code) << c.in.dump();
    EXPECT_EQ(r.error().field, c.field) << c.in.dump();
  }
  // A description may run over lines.
  EXPECT_TRUE(wire::read_localized_request(json{{"de", "zwei\nZeilen"}}, "description", false, 20, false).ok());
}

TEST(OwnerContent, StoredTextReadsLenientlyForDisplay) {
  const json map{{"en", "Intro call"}, {"fi", "Tutustumispuhelu"}};
  EXPECT_EQ(wire::localized_in(&map, "de", "fi"), "Tutustumispuhelu");
  EXPECT_EQ(wire::localized_in(&map, "ja", "en"), "Intro call");
  const json s("Check-up");
  EXPECT_EQ(wire::localized_in(&s, "ja", "fi"), "Check-up");
  const json bad(42);
  EXPECT_EQ(wire::localized_in(&bad, "ja", "fi"), "");
  EXPECT_EQ(wire::localized_in(nullptr, "ja", "fi"), "");
}

}  // namespace
}  // namespace kairos::core
