#include "signed_link.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <vector>

namespace kairos::server {
namespace {

std::string encode(std::string_view bytes, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
    out += alphabet[(v >> 18) & 63]; out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63]; out += alphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = b(i) << 16;
    out += alphabet[(v >> 18) & 63]; out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (b(i) << 16) | (b(i + 1) << 8);
    out += alphabet[(v >> 18) & 63]; out += alphabet[(v >> 12) & 63]; out += alphabet[(v >> 6) & 63];
    if (pad) out += "=";
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  return encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);
}

std::string base64(std::string_view bytes) {
  return encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

std::string LinkSigner::mac(std::string_view payload) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), out, &len);
  return base64url(std::string_view(reinterpret_cast<const char*>(out), len));
}

std::string LinkSigner::sign(const LinkClaims& c) const {
  const std::string payload =
      c.purpose + "." + c.subject + "." + std::to_string(c.expires.unix_seconds()) + "." + c.nonce;
  return payload + "." + mac(payload);
}

core::Result<LinkClaims> LinkSigner::verify(std::string_view token, std::string_view expected_purpose,
                                            core::Instant now) const {
  auto invalid = [] { return core::make_error("invalid_link", "this link is not valid", "token"); };
  if (token.size() > 512) return invalid();
  const auto parts = split(token, '.');
  if (parts.size() != 5) return invalid();
  const std::string_view payload = token.substr(0, token.size() - parts[4].size() - 1);
  const std::string expected = mac(payload);
  if (expected.size() != parts[4].size() ||
      CRYPTO_memcmp(expected.data(), parts[4].data(), expected.size()) != 0) {
    return invalid();
  }
  std::int64_t exp = 0;
  const auto* end = parts[2].data() + parts[2].size();
  if (auto [p, ec] = std::from_chars(parts[2].data(), end, exp); ec != std::errc() || p != end) return invalid();
  LinkClaims c{std::string(parts[0]), std::string(parts[1]), core::Instant::from_unix_seconds(exp),
               std::string(parts[3])};
  if (c.purpose != expected_purpose) {
    return core::make_error("wrong_link_purpose", "this link is for another action", "token");
  }
  if (!(now < c.expires)) return core::make_error("link_expired", "this link has expired", "token");
  return c;
}

}  // namespace kairos::server
