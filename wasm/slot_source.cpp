// One GET /v1/pages/{page}/availability per visible month gives the slot engine's
// inputs (policy, hosts with their zone rules, anonymised busy times, server now); the
// core's free_slots and group_by_local_date then compute the month's slots in the
// browser for whichever zone the guest picks, with the very code the server runs.
#include "slot_source.hpp"

#include <algorithm>
#include <cstdio>

#include "kairos/schedule.hpp"
#include "kairos/slots.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"

namespace kairos::widget {

namespace {
core::LocalDate first_of(int year, int month) { return *core::LocalDate::from_ymd(year, month, 1); }
core::LocalDate last_of(int year, int month) {
  return *core::LocalDate::from_ymd(year, month, core::days_in_month(year, month));
}
// Every zone's local month lies within the UTC dates one day either side; the request
// asks for two, so the inputs cover the whole computed range whatever the guest's zone.
constexpr core::Days request_margin{2};
}  // namespace

std::string SlotSource::key_of(const MonthQuery& q) const {
  char ym[16];
  std::snprintf(ym, sizeof ym, "%04d-%02d", q.year, q.month);
  return q.page + "|" + q.event_type + "|" + ym;
}

std::optional<SlotSource::Request> SlotSource::missing(const MonthQuery& q) const {
  if (q.event_type.empty()) return std::nullopt;
  const std::string key = key_of(q);
  if (months_.count(key) != 0 || loading_.count(key) != 0 || failed_.count(key) != 0) return std::nullopt;
  return Request{key, "/v1/pages/" + q.page + "/availability?event_type=" + q.event_type +
                          "&from=" + core::format_date(first_of(q.year, q.month) - request_margin) +
                          "&to=" + core::format_date(last_of(q.year, q.month) + request_margin)};
}

core::Status SlotSource::store(const std::string& key, std::string_view body) {
  loading_.erase(key);
  auto json = wire::parse_json(body);
  if (!json) {
    failed_.insert(key);
    return json.error();
  }
  auto inputs = wire::read_availability_inputs(*json, "availability");
  if (!inputs) {
    failed_.insert(key);
    return inputs.error();
  }
  months_[key] = std::move(*inputs);
  // Answers for this month computed from older inputs are stale now.
  for (auto it = computed_.begin(); it != computed_.end();) {
    it = it->first.rfind(key + "|", 0) == 0 ? computed_.erase(it) : std::next(it);
  }
  for (auto it = open_.begin(); it != open_.end();) {
    it = it->first.rfind(key + "|", 0) == 0 ? open_.erase(it) : std::next(it);
  }
  return core::ok_status();
}

void SlotSource::invalidate() {
  months_.clear();
  loading_.clear();
  failed_.clear();
  computed_.clear();
  open_.clear();
}

const OpenMap* SlotSource::open_hours(const MonthQuery& q) const {
  if (q.zone == nullptr) return nullptr;
  const std::string key = key_of(q);
  const auto inputs = months_.find(key);
  if (inputs == months_.end()) return nullptr;
  const std::string cached_key = key + "|" + q.zone->id();
  if (const auto hit = open_.find(cached_key); hit != open_.end()) return &hit->second;
  OpenMap out;
  const core::LocalDate last = last_of(q.year, q.month);
  for (core::LocalDate d = first_of(q.year, q.month); d <= last; d = d + core::Days(1)) {
    // The hosts' hours on the guest's date (a span across midnight shows on both dates).
    auto merged = core::any_host_working_time(inputs->second.hosts, core::local_dates(*q.zone, d, d));
    if (!merged.empty()) out[d.days_since_epoch()] = std::move(merged);
  }
  return &open_.emplace(cached_key, std::move(out)).first->second;
}

const DayMap* SlotSource::days(const MonthQuery& q) const {
  if (q.zone == nullptr) return nullptr;
  const std::string key = key_of(q);
  const auto inputs = months_.find(key);
  if (inputs == months_.end()) return nullptr;
  const std::string computed_key = key + "|" + q.zone->id();
  if (const auto hit = computed_.find(computed_key); hit != computed_.end()) return &hit->second;

  const core::LocalDate first = first_of(q.year, q.month);
  const core::Interval range = core::local_dates(*q.zone, first, last_of(q.year, q.month));
  DayMap out;
  for (core::DaySlots& day : core::group_by_local_date(core::free_slots(inputs->second, range), *q.zone)) {
    if (day.date.year() != q.year || day.date.month() != q.month) continue;
    std::vector<Slot>& list = out[day.date.days_since_epoch()];
    for (const core::Slot& s : day.slots) {
      list.push_back(Slot{s.when.start, s.when.end, s.free_hosts.empty() ? std::string() : s.free_hosts.front()});
    }
  }
  return &computed_.emplace(computed_key, std::move(out)).first->second;
}

}  // namespace kairos::widget
