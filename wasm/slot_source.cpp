// Loads a month of slots for the guest's zone from GET /v1/pages/{page}/slots and keeps
// them by local date. The server computes them with the core; converting the instants
// to the guest's wall clock goes through core::ZoneRules.
#include "slot_source.hpp"

#include <cstdio>

#include "kairos/time_text.hpp"
#include "kairos/wire/json.hpp"

namespace kairos::widget {

namespace {
std::string month_bounds(int year, int month, bool last) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, last ? core::days_in_month(year, month) : 1);
  return buf;
}
}  // namespace

std::string SlotSource::key_of(const MonthQuery& q) const {
  return q.page + "|" + q.event_type + "|" + month_bounds(q.year, q.month, false) + "|" +
         (q.zone != nullptr ? q.zone->id() : std::string());
}

std::optional<SlotSource::Request> SlotSource::missing(const MonthQuery& q) const {
  if (q.zone == nullptr || q.event_type.empty()) return std::nullopt;
  const std::string key = key_of(q);
  if (months_.count(key) != 0 || loading_.count(key) != 0) return std::nullopt;
  return Request{key, "/v1/pages/" + q.page + "/slots?event_type=" + q.event_type +
                          "&from=" + month_bounds(q.year, q.month, false) +
                          "&to=" + month_bounds(q.year, q.month, true) + "&tz=" + q.zone->id()};
}

core::Status SlotSource::store(const std::string& key, std::string_view body) {
  loading_.erase(key);
  auto json = wire::parse_json(body);
  if (!json) return json.error();
  const wire::Json* days = wire::member(*json, "days");
  if (days == nullptr || !days->is_object()) return core::make_error("invalid_response", "no days", "days");
  DayMap out;
  for (auto it = days->begin(); it != days->end(); ++it) {
    auto date = core::parse_date(it.key());
    if (!date) return date.error();
    std::vector<Slot>& list = out[date->days_since_epoch()];
    if (!it.value().is_array()) continue;
    for (const wire::Json& s : it.value()) {
      auto interval = wire::read_interval(s, "slot");
      if (!interval) return interval.error();
      list.push_back(Slot{interval->start, interval->end});
    }
  }
  months_[key] = std::move(out);
  return core::ok_status();
}

const DayMap* SlotSource::days(const MonthQuery& q) const {
  const auto it = months_.find(key_of(q));
  return it == months_.end() ? nullptr : &it->second;
}

}  // namespace kairos::widget
