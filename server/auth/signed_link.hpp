// Signed action links for mail buttons (R-LIFE-4): HMAC-SHA256 over the purpose, the
// object the link acts on and its expiry, with a server secret. A token is
// unguessable, expires, does one thing to one object, and any change to it breaks
// the signature. Single use is enforced by the store (it records used token ids).
#pragma once

#include <string>
#include <string_view>

#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::server {

struct LinkClaims {
  std::string purpose;  // e.g. "approve", "cancel", "accept", "choose"
  std::string subject;  // the booking uid, proposal id or request id
  core::Instant expires;
  std::string nonce;    // makes each issued link distinct; the single-use key
};

class LinkSigner {
 public:
  explicit LinkSigner(std::string secret) : secret_(std::move(secret)) {}

  // "<purpose>.<subject>.<expires unix>.<nonce>.<base64url mac>"; purpose and subject
  // must not contain '.'.
  std::string sign(const LinkClaims& claims) const;

  // Error codes: "invalid_link" (malformed or tampered), "link_expired",
  // "wrong_link_purpose".
  core::Result<LinkClaims> verify(std::string_view token, std::string_view expected_purpose,
                                  core::Instant now) const;

 private:
  std::string mac(std::string_view payload) const;
  std::string secret_;
};

std::string base64url(std::string_view bytes);
std::string base64(std::string_view bytes);

}  // namespace kairos::server
