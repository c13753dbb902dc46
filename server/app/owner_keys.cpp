#include "owner_keys.hpp"

#include "auth/tokens.hpp"

namespace kairos::server {

std::optional<std::string> OwnerKeys::account_for(const std::string& key) {
  if (key.size() > 512) return std::nullopt;
  std::string hash = auth::sha256_hex(key);
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && std::chrono::steady_clock::now() < it->second.until) return it->second.account;
  }
  auto acc = store_.account_for_key(hash);
  if (acc) {
    std::lock_guard lock(mu_);
    if (cache_.size() > 10000) cache_.clear();
    cache_[hash] = Cached{*acc, std::chrono::steady_clock::now() + std::chrono::seconds(60)};
  }
  return acc;
}

void OwnerKeys::forget() {
  std::lock_guard lock(mu_);
  cache_.clear();
}

std::string OwnerKeys::ensure_account(const std::string& key, const std::string& name) {
  return store_.ensure_account_with_key(auth::sha256_hex(key), name, auth::random_id("acc_"));
}

}  // namespace kairos::server
