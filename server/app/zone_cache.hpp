// Zone rules loaded once per zone and shared: reading and parsing a TZif file per
// request would dominate the slot endpoint. The cached table covers 1990–2100, wide
// enough for any booking window; conversions inside a narrower table agree with it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "kairos/result.hpp"
#include "kairos/zone.hpp"

namespace kairos::server {

class ZoneCache {
 public:
  // Error "unknown_zone" for ids that are not zones of the tz database.
  core::Result<std::shared_ptr<const core::ZoneRules>> get(const std::string& id);

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const core::ZoneRules>> zones_;
};

}  // namespace kairos::server
