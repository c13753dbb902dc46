// The widget's pure parts, run under Node in the wasm tree: every language has every
// text, dates and clock times read the way each language writes them, the mirror's
// intent ids survive a round trip (instants contain colons), error codes map to their
// messages, and the guest form is checked with the core's e-mail rules.
#include <gtest/gtest.h>

#include <array>
#include <cstring>

#include "app_internal.hpp"
#include "form_check.hpp"
#include "i18n.hpp"
#include "skeleton.hpp"
#include "widget_state.hpp"

namespace kairos::widget {
namespace {

core::LocalDate date(int y, int m, int d) { return *core::LocalDate::from_ymd(y, m, d); }

TEST(WidgetText, EveryLanguageHasEveryText) {
  constexpr std::size_t n = sizeof(Texts) / sizeof(const char*);
  for (Lang lang : {Lang::en, Lang::ja, Lang::fi, Lang::de, Lang::hu}) {
    std::array<const char*, n> texts{};
    std::memcpy(texts.data(), &locale(lang).texts, sizeof(Texts));
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_NE(texts[i], nullptr) << locale(lang).code << " misses text #" << i;
      EXPECT_GT(std::strlen(texts[i]), 0u) << locale(lang).code << " text #" << i;
    }
  }
}

TEST(WidgetText, LongDatesReadNaturallyInEachLanguage) {
  const core::LocalDate d = date(2026, 3, 9);  // a Monday
  EXPECT_EQ(format_long_date(Lang::en, d), "Monday, March 9, 2026");
  EXPECT_EQ(format_long_date(Lang::fi, d), "maanantai 9. maaliskuuta 2026");
  EXPECT_EQ(format_long_date(Lang::de, d), "Montag, 9. März 2026");
  EXPECT_EQ(format_long_date(Lang::hu, d), "2026. március 9., hétfő");
  EXPECT_EQ(format_long_date(Lang::ja, d), "2026年3月9日（月）");
  EXPECT_EQ(format_month_year(Lang::hu, 2026, 12), "2026. december");
  EXPECT_EQ(format_month_year(Lang::ja, 2026, 12), "2026年12月");
}

TEST(WidgetText, ClockTimesFollowTheLanguage) {
  const core::LocalTime t = *core::LocalTime::from_hms(14, 5);
  EXPECT_EQ(format_clock(Lang::en, t), "2:05 PM");
  EXPECT_EQ(format_clock(Lang::en, *core::LocalTime::from_hms(0, 30)), "12:30 AM");
  EXPECT_EQ(format_clock(Lang::fi, t), "14.05");
  EXPECT_EQ(format_clock(Lang::de, t), "14:05");
  EXPECT_EQ(format_clock(Lang::ja, *core::LocalTime::from_hms(9, 0)), "9:00");
}

TEST(WidgetText, BrowserLanguageTagsPickTheLanguage) {
  Lang lang = Lang::en;
  EXPECT_TRUE(parse_lang("fi-FI", lang));
  EXPECT_EQ(lang, Lang::fi);
  EXPECT_TRUE(parse_lang("DE_at", lang));
  EXPECT_EQ(lang, Lang::de);
  EXPECT_FALSE(parse_lang("sv-SE", lang));
  EXPECT_EQ(lang, Lang::de);  // unchanged
}

TEST(WidgetText, ErrorCodesShowTheirOwnMessage) {
  EXPECT_STREQ(error_text(Lang::de, "slot_unavailable"), "Dieser Termin ist nicht mehr frei.");
  EXPECT_STREQ(error_text(Lang::en, "no_such_code"), tr(Lang::en, &Texts::err_generic));
  EXPECT_STRNE(error_text(Lang::hu, "invalid_email"), tr(Lang::hu, &Texts::err_generic));
}

TEST(WidgetText, LocationKindsReadInEachLanguage) {
  EXPECT_EQ(location_text(Lang::en, "video"), "Video call");
  EXPECT_EQ(location_text(Lang::fi, "video"), "Videopuhelu");
  EXPECT_EQ(location_text(Lang::de, "Phone"), "Telefonanruf");
  EXPECT_EQ(location_text(Lang::hu, "guest-address"), "Az Ön címén");
  EXPECT_EQ(location_text(Lang::ja, "office"), "当社オフィス");
  // Anything else is the owner's own text, shown as written.
  EXPECT_EQ(location_text(Lang::de, "Zoom (link in the e-mail)"), "Zoom (link in the e-mail)");
}

TEST(WidgetIntent, IdsRoundTripIncludingInstants) {
  const Intent slot{Intent::Kind::select_slot, "2026-03-09T14:00:00Z", {}};
  const std::string id = intent_id(slot);
  EXPECT_EQ(id, "select_slot:2026-03-09T14:00:00Z");
  const auto back = parse_intent_id(id);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->kind, Intent::Kind::select_slot);
  EXPECT_EQ(back->arg, "2026-03-09T14:00:00Z");
  EXPECT_FALSE(parse_intent_id("format_disk:now").has_value());
}

TEST(WidgetForm, RequiresNameAndSuggestsTheMeantDomain) {
  GuestForm form;
  form.email = "anna@gmail.con";
  const FormCheck check = check_guest_form(form);
  ASSERT_FALSE(check.errors.empty());
  EXPECT_EQ(check.errors.front().field, "name");
  EXPECT_EQ(check.errors.front().code, "missing_field");
  EXPECT_EQ(check.email_suggestion, "anna@gmail.com");

  form.name = "Anna";
  form.email = "anna@example.com";
  EXPECT_TRUE(check_guest_form(form).errors.empty());
  form.email = "anna@";
  const FormCheck bad = check_guest_form(form);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors.front().code, "invalid_email");
}

// Issue 14: a question or wished times are checked like a booking, by the core's own
// check_inquiry, with its codes under the form's field names.
TEST(WidgetInquiry, CheckedByTheCoreWithFormFieldNames) {
  const core::Instant now = core::Instant::from_unix_seconds(1'800'000'000);
  GuestForm form;
  form.name = "Aino";
  form.email = "aino@gmail.con";
  FormCheck check = check_inquiry_form(form, "", false, {}, now);
  EXPECT_EQ(check.email_suggestion, "aino@gmail.com");  // offered, never applied
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].field, "message");
  EXPECT_EQ(check.errors[0].code, "missing_field");
  form.email = "aino@";
  check = check_inquiry_form(form, "Parking?", false, {}, now);
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].field, "email");
  EXPECT_EQ(check.errors[0].code, "invalid_email");

  form.email = "aino@example.com";
  form.phone = "call me";
  check = check_inquiry_form(form, "Parking?", false, {}, now);
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].field, "phone");
  EXPECT_EQ(check.errors[0].code, "invalid_phone");

  form.phone.clear();
  EXPECT_TRUE(check_inquiry_form(form, "Parking?", false, {}, now).errors.empty());
  // A booking request names wished times, each in the future.
  check = check_inquiry_form(form, "These?", true, {}, now);
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].field, "wished_times");
  const Slot past{now - core::Seconds(3600), now};
  check = check_inquiry_form(form, "These?", true, {past}, now);
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].code, "in_past");
  const Slot later{now + core::Seconds(86400), now + core::Seconds(90000)};
  EXPECT_TRUE(check_inquiry_form(form, "These?", true, {later}, now).errors.empty());
  EXPECT_STRNE(error_text(Lang::ja, "too_many_times"), tr(Lang::ja, &Texts::err_generic));
}

// Issue 11: the zone picker names zones as guests know them and filters as they type.
TEST(WidgetZone, FriendlyNamesAndSearch) {
  EXPECT_EQ(friendly_zone("Europe/Helsinki", 120), "Helsinki (UTC+2)");
  EXPECT_EQ(friendly_zone("America/New_York", -300), "New York (UTC-5)");
  EXPECT_EQ(friendly_zone("Asia/Kolkata", 330), "Kolkata (UTC+5:30)");
  EXPECT_EQ(friendly_zone("UTC", 0), "UTC");
  EXPECT_EQ(friendly_zone("Europe/Berlin", -100000), "Berlin");
  EXPECT_TRUE(zone_matches("Europe/Helsinki", "Helsinki (UTC+2)", "hel"));
  EXPECT_TRUE(zone_matches("Europe/Helsinki", "Helsinki (UTC+2)", "EUROPE"));
  EXPECT_TRUE(zone_matches("Europe/Helsinki", "Helsinki (UTC+2)", ""));
  EXPECT_FALSE(zone_matches("Europe/Helsinki", "Helsinki (UTC+2)", "tokyo"));
}

TEST(WidgetIntent, InquiryIntentsRoundTrip) {
  for (const char* id : {"start_question", "start_suggest", "to_inquiry", "send_inquiry", "toggle_wish:2026-03-09T14:00:00Z"}) {
    const auto i = parse_intent_id(id);
    ASSERT_TRUE(i.has_value()) << id;
    EXPECT_EQ(intent_id(*i), id);
  }
}

TEST(WidgetLogo, OnlyDataImagesAndPathsOnTheKairosServer) {
  using app_detail::allowed_logo;
  const std::string widget = "https://book.example.com/widget/";
  EXPECT_EQ(allowed_logo("data:image/png;base64,iVBOR", widget), "data:image/png;base64,iVBOR");
  EXPECT_EQ(allowed_logo("data:image/svg+xml,<svg/>", widget), "data:image/svg+xml,<svg/>");
  EXPECT_EQ(allowed_logo("/files/logo.png", widget), "/files/logo.png");
  EXPECT_EQ(allowed_logo("https://book.example.com/files/logo.png", widget), "https://book.example.com/files/logo.png");
  for (const char* bad : {"https://logos.example/acme.png", "//logos.example/acme.png", "/\\logos.example/a.png",
                          "javascript:alert(1)", "data:text/html,<script>", "data:image/pngx,1",
                          "https://book.example.com.evil.example/logo.png", "", "logo.png"}) {
    EXPECT_EQ(allowed_logo(bad, widget), "") << bad;
  }
}

TEST(WidgetSkeleton, HeightIsAFunctionOfWidthAndHeaderTexts) {
  // The shell (web/widget/index.html, skeletonHeight) computes the same numbers.
  EXPECT_EQ(skeleton_lines("", 16, 300), 0);
  EXPECT_EQ(skeleton_lines("Aurora & Sakura Consulting", 24, 856), 1);
  EXPECT_EQ(skeleton_lines("Aurora & Sakura Consulting", 24, 108), 3);
  EXPECT_EQ(skeleton_lines("\xE6\xB8\x8B\xE8\xB0\xB7", 16, 20), 2);  // 渋谷: 1 em each
  SkeletonTexts t{"Aurora & Sakura Consulting", "Intro call (30 min) \xC2\xB7 30 min", "video", "", "",
                  "Book a free intro call or an on-site consultation with our team in Tokyo or Helsinki.", 2, true};
  const int narrow = skeleton_height(390, t), wide = skeleton_height(1280, t);
  EXPECT_GT(narrow, wide);  // stacked below 660 px
  EXPECT_EQ(skeleton_height(390, t), narrow);
  t.logo = false;
  EXPECT_LE(skeleton_height(1280, t), wide);
}

}  // namespace
}  // namespace kairos::widget
