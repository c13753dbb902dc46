// The wire readers against hostile input: integers out of range before any cast,
// duplicate keys, control characters and deep nesting in request bodies.
#include <gtest/gtest.h>

#include <string>

#include "kairos/wire/json_mapping.hpp"

namespace {

using kairos::wire::Json;
using kairos::wire::parse_request_json;
using kairos::wire::read_int;

TEST(WireHardening, ReadIntRefusesNumbersOutsideInt64WithoutCasting) {
  for (const char* text : {"1e300", "-1e300", "9.3e18", "18446744073709551615", "1.5", "1e16"}) {
    auto j = Json::parse(text);
    auto r = read_int(j, "n");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, "invalid_type") << text;
    EXPECT_EQ(r.error().field, "n");
  }
  EXPECT_EQ(*read_int(Json::parse("42"), "n"), 42);
  EXPECT_EQ(*read_int(Json::parse("-7"), "n"), -7);
  EXPECT_EQ(*read_int(Json::parse("3.0"), "n"), 3);
  EXPECT_EQ(*read_int(Json::parse("9223372036854775807"), "n"), INT64_MAX);
}

TEST(WireHardening, DuplicateKeysAreRefusedWithTheirField) {
  auto r = parse_request_json(R"({"guest": {"name": "A", "name": "B"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "duplicate_key");
  EXPECT_EQ(r.error().field, "guest.name");
  EXPECT_FALSE(parse_request_json(R"({"a": 1, "b": 2, "a": 3})").ok());
  // The same key in different objects is fine.
  EXPECT_TRUE(parse_request_json(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]})").ok());
}

TEST(WireHardening, ControlCharactersInTextAreRefused) {
  auto r = parse_request_json(R"({"notes": "ok", "hosts": [{"name": "Eve\u0000"}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "control_character");
  EXPECT_EQ(r.error().field, "hosts[0].name");
  EXPECT_FALSE(parse_request_json(R"({"name": "a\u001bb"})").ok());
  EXPECT_FALSE(parse_request_json(R"({"na\u0007me": "x"})").ok());
  // Tabs and line breaks are text (notes, messages).
  EXPECT_TRUE(parse_request_json(R"({"notes": "line 1\r\nline 2\tend"})").ok());
  EXPECT_FALSE(kairos::wire::is_single_line("line 1\nline 2"));
  EXPECT_TRUE(kairos::wire::is_single_line("Müller & Söhne"));
}

TEST(WireHardening, DeepNestingIsRefused) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  auto r = parse_request_json(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_json");
  std::string ok(30, '[');
  ok += std::string(30, ']');
  EXPECT_TRUE(parse_request_json(ok).ok());
}

TEST(WireHardening, MalformedJsonIsInvalidJson) {
  for (const char* text : {"", "{", "{\"a\": }", "[1,]", "nul", "{\"a\":1}x"}) {
    auto r = parse_request_json(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, "invalid_json") << text;
  }
}

}  // namespace
