// A fast path over ZoneRules for callers that convert many nearby wall-clock times
// (the slot grid converts one per step). It remembers the offset period of the last
// answer and answers from it while the time is far (more than 52 h, the largest
// possible offset difference) from either end of that period, where no other offset
// can also apply; near a transition it defers to ZoneRules::lookup. The answers are
// therefore always exactly ZoneRules' answers.
#pragma once

#include <cstddef>

#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

class LocalClock {
 public:
  explicit LocalClock(const ZoneRules& zone) : zone_(&zone) {}

  // The instants at which the wall clock shows `local`, ascending: 0 in a DST gap,
  // 2 when the time repeats, otherwise 1. Writes them to out[0], out[1].
  int resolve(LocalDateTime local, Instant out[2]);
  // ZoneRules::to_instant (gap: forward by the gap; repeated: earlier instant).
  Instant to_instant(LocalDateTime local);
  // True when every wall-clock time in [from, to] shows exactly once, all with one
  // offset (no transition near): then instant = local - *offset for all of them.
  bool single_offset(LocalDateTime from, LocalDateTime to, std::int64_t& offset);
  // ZoneRules::to_local.
  LocalDateTime to_local(Instant t);

 private:
  bool fast(LocalDateTime local, Instant& out);
  void load(Instant t);

  const ZoneRules* zone_;
  bool loaded_ = false;
  std::int64_t offset_ = 0;
  std::int64_t period_start_ = 0;  // the cached offset applies on [start, end)
  std::int64_t period_end_ = 0;
};

}  // namespace kairos::core
