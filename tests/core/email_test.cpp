// The e-mail check shared by widget and server: syntax after trimming, and "did you
// mean" suggestions for slips in common domains only (seed 004), never a change.
#include "kairos/email.hpp"

#include <gtest/gtest.h>

namespace kairos::core {
namespace {

struct Case {
  std::string input;
  bool valid;
  std::string address;
  std::string suggestion;  // "" = none
};

TEST(EmailCheck, ValidatesAfterTrimmingAndSuggestsOnlyLikelyTypos) {
  const Case cases[] = {
      // Valid and common: nothing to suggest.
      {"taro@gmail.com", true, "taro@gmail.com", ""},
      {"  taro@gmail.com \t", true, "taro@gmail.com", ""},
      {"\xE3\x80\x80hanako@docomo.ne.jp\xE3\x80\x80", true, "hanako@docomo.ne.jp", ""},
      {"first.last+tag@example.co.uk", true, "first.last+tag@example.co.uk", ""},
      // Seed 004's slips.
      {"taro@gmail.con", true, "taro@gmail.con", "taro@gmail.com"},
      {"taro@.au.com", false, "taro@.au.com", "taro@au.com"},
      // Common typos of common domains.
      {"anna@hotmial.com", true, "anna@hotmial.com", "anna@hotmail.com"},
      {"anna@gmial.com", true, "anna@gmial.com", "anna@gmail.com"},
      {"anna@gmai.com", true, "anna@gmai.com", "anna@gmail.com"},
      {"anna@yahooo.com", true, "anna@yahooo.com", "anna@yahoo.com"},
      {"anna@outlok.com", true, "anna@outlok.com", "anna@outlook.com"},
      {"anna@gmail.cm", true, "anna@gmail.cm", "anna@gmail.com"},
      {"anna@gmail..com", false, "anna@gmail..com", "anna@gmail.com"},
      {"anna@gmail,com", false, "anna@gmail,com", "anna@gmail.com"},
      {"Anna@GMAIL.CON", true, "Anna@GMAIL.CON", "Anna@gmail.com"},
      {"anna@example.con", true, "anna@example.con", "anna@example.com"},
      {"jussi@kolumbus.fii", true, "jussi@kolumbus.fii", ""},
      {"hanako@docomo.ne.jpp", true, "hanako@docomo.ne.jpp", "hanako@docomo.ne.jp"},
      {"hanako@ezweb.ne.jo", true, "hanako@ezweb.ne.jo", "hanako@ezweb.ne.jp"},
      {"taro\xEF\xBC\xA0gmail.com", false, "taro\xEF\xBC\xA0gmail.com", "taro@gmail.com"},
      // Correct uncommon or other real domains: no suggestion.
      {"info@kairos-booking.fi", true, "info@kairos-booking.fi", ""},
      {"anna@hotmail.fr", true, "anna@hotmail.fr", ""},
      {"anna@mail.com", true, "anna@mail.com", ""},
      {"anna@eu.com", true, "anna@eu.com", ""},
      {"anna@gmx.at", true, "anna@gmx.at", ""},
      {"kati@freemail.hu", true, "kati@freemail.hu", ""},
      {"anna@yahoo.co.jp", true, "anna@yahoo.co.jp", ""},
      // Invalid syntax.
      {"", false, "", ""},
      {"   ", false, "", ""},
      {"anna", false, "anna", ""},
      {"anna@", false, "anna@", ""},
      {"@gmail.com", false, "@gmail.com", ""},
      {"an na@gmail.com", false, "an na@gmail.com", ""},
      {"anna@@gmail.com", false, "anna@@gmail.com", ""},
      {"anna@localhost", false, "anna@localhost", ""},
      {".anna@gmail.com", false, ".anna@gmail.com", ""},
      {"an..na@gmail.com", false, "an..na@gmail.com", ""},
      {"anna@-gmail.com", false, "anna@-gmail.com", "anna@gmail.com"},
      {"anna@gmail.c", false, "anna@gmail.c", ""},
      {"anna@gmail.123", false, "anna@gmail.123", ""},
  };
  for (const auto& c : cases) {
    const EmailCheck r = check_email(c.input);
    EXPECT_EQ(r.valid, c.valid) << c.input;
    EXPECT_EQ(r.address, c.address) << c.input;
    EXPECT_EQ(r.error, c.valid ? "" : "invalid_email") << c.input;
    EXPECT_EQ(r.suggestion.value_or(""), c.suggestion) << c.input;
  }
}

TEST(EmailCheck, OverlongAddressesAreInvalid) {
  EXPECT_FALSE(check_email(std::string(65, 'a') + "@example.com").valid);
  EXPECT_TRUE(check_email(std::string(64, 'a') + "@example.com").valid);
  std::string domain;
  for (int i = 0; i < 5; ++i) domain += std::string(60, 'd') + ".";
  EXPECT_FALSE(check_email("a@" + domain + "com").valid);
}

}  // namespace
}  // namespace kairos::core
