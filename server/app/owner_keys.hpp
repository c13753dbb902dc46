// Owner authentication by API key, a service of its own: the account a key belongs to,
// cached by the key's hash for a minute so a busy integration does not read the store
// on every request. A revocation drops the cache here; other instances re-read within
// the minute.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/store.hpp"

namespace kairos::server {

class OwnerKeys {
 public:
  explicit OwnerKeys(store::Store& store) : store_(store) {}

  // The account owning `key`; nullopt for an unknown (or absurdly long) key.
  std::optional<std::string> account_for(const std::string& key);
  // Drops the cached keys (after a revocation).
  void forget();
  // Bootstrap (--admin-key, --demo): the account owning `key`, created when missing.
  std::string ensure_account(const std::string& key, const std::string& name);

 private:
  store::Store& store_;
  std::mutex mu_;
  struct Cached {
    std::string account;
    std::chrono::steady_clock::time_point until;
  };
  std::unordered_map<std::string, Cached> cache_;  // hash → account, for a minute
};

}  // namespace kairos::server
