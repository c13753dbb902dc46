// ZoneCache: the server's one door to the tz database for slot computations.
#include "zone_cache.hpp"

#include "kairos/time_text.hpp"
#include "zoneinfo.hpp"

namespace kairos::server {

core::Result<std::shared_ptr<const core::ZoneRules>> ZoneCache::get(const std::string& id) {
  {
    std::lock_guard lock(mu_);
    auto it = zones_.find(id);
    if (it != zones_.end()) return it->second;
  }
  if (!zoneinfo::is_valid_zone_id(id))
    return core::make_error("unknown_zone", "not a time zone of the tz database", "timezone");
  auto from = core::utc_midnight(*core::LocalDate::from_ymd(1990, 1, 1));
  auto to = core::utc_midnight(*core::LocalDate::from_ymd(2100, 1, 1));
  auto r = zoneinfo::load_zone(id, from, to);
  if (!r) return r.error();
  auto shared = std::make_shared<const core::ZoneRules>(std::move(r).value());
  std::lock_guard lock(mu_);
  if (zones_.size() < 2000) zones_.emplace(id, shared);
  return shared;
}

}  // namespace kairos::server
