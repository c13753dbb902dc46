// Where the widget's slots come from: one availability request per visible month,
// cached; the core computes the month's free slots and groups them by the guest's local
// date, for any zone, without another request. The widget holds no scheduling rule.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/slots.hpp"
#include "kairos/zone.hpp"
#include "widget_state.hpp"

namespace kairos::widget {

// Free slots keyed by the guest's local date (days since epoch), in start order.
using DayMap = std::map<std::int32_t, std::vector<Slot>>;
// Opening hours (the hosts' working time, merged) keyed by the guest's local date: the
// wished-times picker offers these, not fixed hours (issue 14).
using OpenMap = std::map<std::int32_t, std::vector<core::Interval>>;

struct MonthQuery {
  std::string page;
  std::string event_type;
  int year = 0;
  int month = 0;
  const core::ZoneRules* zone = nullptr;  // the guest's zone
};

class SlotSource {
 public:
  // The request (path and cache key) still needed to show `q`, if any.
  struct Request {
    std::string key;
    std::string path;
  };
  std::optional<Request> missing(const MonthQuery& q) const;
  void mark_loading(const std::string& key) { loading_.insert(key); }
  // Stores an answer; an error when the body cannot be read.
  core::Status store(const std::string& key, std::string_view body);
  // A failed request is not repeated until invalidate() (the guest acts again).
  void failed(const std::string& key) {
    loading_.erase(key);
    failed_.insert(key);
  }
  // Allows a failed month to be asked again (a retry after backoff, or "Try again").
  void retry(const std::string& key) { failed_.erase(key); }
  bool is_failed(const MonthQuery& q) const { return failed_.count(key_of(q)) != 0; }
  std::string key(const MonthQuery& q) const { return key_of(q); }
  // Drops everything (a booking attempt showed the data is stale).
  void invalidate();
  // The month's slots by local date, nullptr while not loaded.
  const DayMap* days(const MonthQuery& q) const;
  // The month's opening hours by local date (closed days absent), nullptr while not
  // loaded: the union of the hosts' working time (weekly hours and date overrides, in
  // their zones), whether booked or not.
  const OpenMap* open_hours(const MonthQuery& q) const;

 private:
  std::string key_of(const MonthQuery& q) const;
  std::map<std::string, core::AvailabilityInputs> months_;
  std::set<std::string> loading_;
  std::set<std::string> failed_;
  // Per month and zone; computing is pure, so caching it keeps days() logically const.
  mutable std::map<std::string, DayMap> computed_;
  mutable std::map<std::string, OpenMap> open_;
};

}  // namespace kairos::widget
