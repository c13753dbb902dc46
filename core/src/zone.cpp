// Conversions between instants and wall-clock time through a zone's transition table.
#include "kairos/zone.hpp"

#include <algorithm>

namespace kairos::core {

const char* to_string(LocalLookup::Kind k) {
  switch (k) {
    case LocalLookup::Kind::unique: return "unique";
    case LocalLookup::Kind::skipped: return "skipped";
    case LocalLookup::Kind::repeated: return "repeated";
  }
  return "unique";
}

Result<ZoneRules> ZoneRules::make(std::string id, ZoneOffset initial, std::vector<ZoneTransition> transitions,
                                  Instant covers_from, Instant covers_to) {
  constexpr std::int32_t kMaxOffset = 26 * 3600;
  if (id.empty()) return make_error("invalid_zone", "zone id is empty", "timezone");
  auto bad_offset = [](const ZoneOffset& o) { return o.utc_offset_seconds > kMaxOffset || o.utc_offset_seconds < -kMaxOffset; };
  if (bad_offset(initial)) return make_error("invalid_zone", "offset out of range", "timezone");
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    if (bad_offset(transitions[i].offset)) return make_error("invalid_zone", "offset out of range", "timezone");
    if (i > 0 && !(transitions[i - 1].at < transitions[i].at)) {
      return make_error("invalid_zone", "transitions are not strictly increasing", "timezone");
    }
  }
  if (covers_to < covers_from) return make_error("invalid_zone", "coverage range is reversed", "timezone");
  ZoneRules z;
  z.id_ = std::move(id);
  z.initial_ = std::move(initial);
  z.transitions_ = std::move(transitions);
  z.from_ = covers_from;
  z.to_ = covers_to;
  return z;
}

ZoneRules ZoneRules::fixed(std::string id, std::int32_t utc_offset_seconds, std::string abbreviation) {
  ZoneRules z;
  z.id_ = std::move(id);
  z.initial_ = ZoneOffset{utc_offset_seconds, false, std::move(abbreviation)};
  return z;
}

const ZoneOffset& ZoneRules::offset_at(Instant t) const {
  // The last transition at or before t.
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t,
                             [](Instant v, const ZoneTransition& tr) { return v < tr.at; });
  if (it == transitions_.begin()) return initial_;
  return std::prev(it)->offset;
}

LocalDateTime ZoneRules::to_local(Instant t) const {
  return LocalDateTime::from_local_seconds(t.unix_seconds() + offset_at(t).utc_offset_seconds);
}

LocalLookup ZoneRules::lookup(LocalDateTime local) const {
  const std::int64_t l = local.local_seconds();
  // Offsets are bounded, so only transitions within ±26 h of the naive instant
  // can matter. Each period [at_i, at_{i+1}) with offset o_i is a candidate when
  // l - o_i falls inside it.
  constexpr std::int64_t kWindow = 26 * 3600;
  const Instant lo = Instant::from_unix_seconds(l - kWindow);
  const Instant hi = Instant::from_unix_seconds(l + kWindow);
  auto first = std::upper_bound(transitions_.begin(), transitions_.end(), lo,
                                [](Instant v, const ZoneTransition& tr) { return v < tr.at; });
  // Period index p: p == begin means "initial", otherwise the period started by *(p-1).
  auto period_start = [&](auto p) { return p == transitions_.begin() ? Instant::min() : std::prev(p)->at; };
  auto period_end = [&](auto p) { return p == transitions_.end() ? Instant::max() : p->at; };
  auto period_offset = [&](auto p) -> const ZoneOffset& { return p == transitions_.begin() ? initial_ : std::prev(p)->offset; };

  Instant found[2];
  int n = 0;
  for (auto p = first;; ++p) {
    const Instant cand = Instant::from_unix_seconds(l - period_offset(p).utc_offset_seconds);
    if (period_start(p) <= cand && cand < period_end(p) && n < 2) found[n++] = cand;
    if (p == transitions_.end() || hi < p->at) break;
  }
  LocalLookup r;
  if (n == 1) {
    r.kind = LocalLookup::Kind::unique;
    r.first = r.second = found[0];
    return r;
  }
  if (n == 2) {
    r.kind = LocalLookup::Kind::repeated;
    r.first = std::min(found[0], found[1]);
    r.second = std::max(found[0], found[1]);
    // The transition is the first instant carrying the later offset.
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), r.first,
                               [](Instant v, const ZoneTransition& tr) { return v < tr.at; });
    r.transition = it == transitions_.end() ? r.second : it->at;
    return r;
  }
  // Skipped: find the transition whose gap contains l; use the offset before it, which
  // lands after the transition, i.e. the wall time moved forward by the gap.
  for (auto p = first; p != transitions_.end() && !(hi < p->at); ++p) {
    const std::int64_t before = period_offset(p).utc_offset_seconds;
    const std::int64_t after = p->offset.utc_offset_seconds;
    const std::int64_t at = p->at.unix_seconds();
    if (after > before && at + before <= l && l < at + after) {
      r.kind = LocalLookup::Kind::skipped;
      r.first = r.second = Instant::from_unix_seconds(l - before);
      r.transition = p->at;
      return r;
    }
  }
  // Unreachable for a valid table; answer with the naive UTC reading rather than fail.
  r.first = r.second = Instant::from_unix_seconds(l - initial_.utc_offset_seconds);
  return r;
}

Instant ZoneRules::to_instant(LocalDateTime local) const { return lookup(local).first; }

Instant ZoneRules::start_of_day(LocalDate d) const {
  const LocalLookup r = lookup(LocalDateTime(d, LocalTime::midnight()));
  return r.first;
}

}  // namespace kairos::core
