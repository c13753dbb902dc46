// libsodium-backed password hashing.
#include "password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kairos::server::auth {
namespace {

void init() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// Interactive limits (about 64 MiB and a tenth of a second here): a sign-in, not a
// disk-encryption key.
constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

const std::string& dummy_hash() {
  static const std::string h = hash_password("kairos-no-such-login");
  return h;
}

}  // namespace

std::string hash_password(std::string_view password) {
  init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOps, kMem) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& stored) {
  init();
  const bool usable = !stored.empty() && stored.size() < crypto_pwhash_STRBYTES;
  const std::string& h = usable ? stored : dummy_hash();
  const bool match = crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
  return usable && match;
}

}  // namespace kairos::server::auth
