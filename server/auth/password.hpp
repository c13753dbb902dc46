// Staff passwords: Argon2id through libsodium (crypto_pwhash_str), so a copy of the
// database does not reveal them and guessing one from its hash costs memory and time.
#pragma once

#include <string>
#include <string_view>

namespace kairos::server::auth {

// The storable Argon2id string ("$argon2id$v=19$m=…") of `password`.
std::string hash_password(std::string_view password);
// True when `password` matches `stored`. An empty or malformed `stored` is checked
// against a dummy hash, so an unknown login costs the same time as a wrong password.
bool verify_password(std::string_view password, const std::string& stored);

}  // namespace kairos::server::auth
