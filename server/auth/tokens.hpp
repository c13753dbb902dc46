// Secrets the server hands out (API keys, booking, proposal and request tokens) and
// their storage form. Only the SHA-256 of a secret is stored, so a copy of the
// database does not let anyone act as a guest or an owner.
#pragma once

#include <string>
#include <string_view>

namespace kairos::server::auth {

// `bytes` random bytes from the OS CSPRNG, base64url without padding.
std::string random_token(std::size_t bytes = 24);
// A short random id with a type prefix: "h_3kq9…" (lower-case base32).
std::string random_id(std::string_view prefix, std::size_t chars = 12);
// Hex SHA-256, the stored form of every secret.
std::string sha256_hex(std::string_view data);
// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace kairos::server::auth
