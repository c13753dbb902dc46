// Cached wall-clock conversions; see local_clock.hpp for why the cache is exact.
#include "kairos/local_clock.hpp"

#include <algorithm>

namespace kairos::core {
namespace {
// Offsets lie within ±26 h, so two offsets differ by at most 52 h.
constexpr std::int64_t kSafeMargin = 52 * 3600;
}  // namespace

void LocalClock::load(Instant t) {
  const auto& tr = zone_->transitions();
  auto it = std::upper_bound(tr.begin(), tr.end(), t, [](Instant v, const ZoneTransition& x) { return v < x.at; });
  period_start_ = it == tr.begin() ? Instant::min().unix_seconds() : std::prev(it)->at.unix_seconds();
  period_end_ = it == tr.end() ? Instant::max().unix_seconds() : it->at.unix_seconds();
  offset_ = it == tr.begin() ? zone_->initial().utc_offset_seconds : std::prev(it)->offset.utc_offset_seconds;
  loaded_ = true;
}

bool LocalClock::fast(LocalDateTime local, Instant& out) {
  const std::int64_t l = local.local_seconds();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (loaded_) {
      const std::int64_t i = l - offset_;
      if (period_start_ + kSafeMargin <= i && i < period_end_ - kSafeMargin) {
        out = Instant::from_unix_seconds(i);
        return true;
      }
      if (attempt == 1) return false;
      load(Instant::from_unix_seconds(i));
    } else {
      load(Instant::from_unix_seconds(l - zone_->initial().utc_offset_seconds));
    }
  }
  return false;
}

int LocalClock::resolve(LocalDateTime local, Instant out[2]) {
  if (fast(local, out[0])) return 1;
  const LocalLookup r = zone_->lookup(local);
  switch (r.kind) {
    case LocalLookup::Kind::unique: out[0] = r.first; return 1;
    case LocalLookup::Kind::skipped: return 0;
    case LocalLookup::Kind::repeated: out[0] = r.first; out[1] = r.second; return 2;
  }
  return 0;
}

bool LocalClock::single_offset(LocalDateTime from, LocalDateTime to, std::int64_t& offset) {
  Instant a, b;
  if (!fast(from, a)) return false;
  const std::int64_t first_period = period_start_;
  if (!fast(to, b) || period_start_ != first_period) return false;
  // Both ends lie in the safe part of one period, so everything between them does too.
  offset = offset_;
  return true;
}

Instant LocalClock::to_instant(LocalDateTime local) {
  Instant i;
  if (fast(local, i)) return i;
  return zone_->to_instant(local);
}

LocalDateTime LocalClock::to_local(Instant t) {
  const std::int64_t s = t.unix_seconds();
  if (!loaded_ || s < period_start_ || s >= period_end_) load(t);
  return LocalDateTime::from_local_seconds(s + offset_);
}

}  // namespace kairos::core
