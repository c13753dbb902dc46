#include "signed_link.hpp"

#include <gtest/gtest.h>

using namespace kairos;
using kairos::server::LinkClaims;
using kairos::server::LinkSigner;

namespace {
const core::Instant kNow = core::Instant::from_unix_seconds(1790000000);
LinkClaims claims() { return {"approve", "bk_123", kNow + core::Seconds(3600), "n0nce"}; }
}  // namespace

TEST(SignedLink, VerifiesWhatItSigned) {
  LinkSigner s("server-secret");
  auto r = s.verify(s.sign(claims()), "approve", kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->subject, "bk_123");
  EXPECT_EQ(r->nonce, "n0nce");
}

TEST(SignedLink, RefusesTamperedExpiredAndMisusedLinks) {
  LinkSigner s("server-secret");
  const std::string t = s.sign(claims());
  std::string other_booking = t;
  other_booking.replace(other_booking.find("bk_123"), 6, "bk_124");
  EXPECT_EQ(s.verify(other_booking, "approve", kNow).error().code, "invalid_link");
  std::string flipped = t;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(s.verify(flipped, "approve", kNow).error().code, "invalid_link");
  EXPECT_EQ(s.verify(t, "reject", kNow).error().code, "wrong_link_purpose");
  EXPECT_EQ(s.verify(t, "approve", kNow + core::Seconds(3600)).error().code, "link_expired");
  EXPECT_EQ(LinkSigner("another-secret").verify(t, "approve", kNow).error().code, "invalid_link");
  EXPECT_EQ(s.verify("", "approve", kNow).error().code, "invalid_link");
  EXPECT_EQ(s.verify("a.b.c.d.e.f", "approve", kNow).error().code, "invalid_link");
}
