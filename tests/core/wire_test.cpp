#include "kairos/wire/json_mapping.hpp"

#include <gtest/gtest.h>

#include "test_zones.hpp"

using namespace kairos;
using namespace kairos::testing;

TEST(Wire, ZoneRulesRoundTripThroughJson) {
  const core::ZoneRules z = zone("America/Santiago");
  const nlohmann::json j = z;
  auto back = wire::read_zone_rules(j, "zone");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, z);
  EXPECT_EQ(back->to_instant(local("2024-09-08T00:00")), z.to_instant(local("2024-09-08T00:00")));
}

TEST(Wire, DecodingErrorsNameTheField) {
  auto j = wire::parse_json(R"({"start":"2026-03-09T10:00:00Z","end":"nope"})");
  ASSERT_TRUE(j.ok());
  auto r = wire::read_interval(*j, "busy[0]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_instant");
  EXPECT_EQ(r.error().field, "busy[0].end");

  auto reversed = wire::read_interval(*wire::parse_json(R"({"start":"2026-03-09T10:00:00Z","end":"2026-03-09T09:00:00Z"})"), "x");
  EXPECT_EQ(reversed.error().code, "invalid_interval");
  EXPECT_EQ(wire::read_int(nlohmann::json("5"), "n").error().code, "invalid_type");
}

TEST(Wire, UnparsableTextIsAnErrorNotACrash) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\":}", "\xff\xfe"}) {
    auto r = wire::parse_json(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_json");
  }
}
