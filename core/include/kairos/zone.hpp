// Zone rules as data: the UTC transitions and offsets of one IANA zone over a range.
// The server builds them from the OS tz database, the widget receives the same table
// as JSON, and every conversion between instants and wall-clock time goes through
// this one class, so both sides agree by construction.
//
// DST policy (documented in docs/API.md): a wall-clock time that does not exist (a
// spring-forward gap) moves forward by the length of the gap; a wall-clock time that
// occurs twice (a fall-back overlap) takes the earlier instant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

struct ZoneOffset {
  std::int32_t utc_offset_seconds = 0;  // local = UTC + offset
  bool dst = false;
  std::string abbreviation;
  friend bool operator==(const ZoneOffset&, const ZoneOffset&) = default;
};

struct ZoneTransition {
  Instant at;         // first instant with the new offset
  ZoneOffset offset;  // in force from `at` on
  friend bool operator==(const ZoneTransition&, const ZoneTransition&) = default;
};

// How a wall-clock time maps onto the timeline.
struct LocalLookup {
  enum class Kind : std::uint8_t { unique, skipped, repeated };
  Kind kind = Kind::unique;
  // unique: the instant. skipped: the instant after moving forward by the gap.
  // repeated: the earlier instant.
  Instant first;
  // repeated: the later instant; otherwise equal to `first`.
  Instant second;
  // skipped / repeated: the transition that causes it.
  Instant transition;
};

const char* to_string(LocalLookup::Kind k);

class ZoneRules {
 public:
  ZoneRules() = default;

  // Validates: id not empty, transitions strictly increasing, offsets within ±26 h.
  static Result<ZoneRules> make(std::string id, ZoneOffset initial,
                                std::vector<ZoneTransition> transitions,
                                Instant covers_from = Instant::min(),
                                Instant covers_to = Instant::max());
  static ZoneRules fixed(std::string id, std::int32_t utc_offset_seconds, std::string abbreviation = {});

  const std::string& id() const { return id_; }
  const ZoneOffset& initial() const { return initial_; }
  const std::vector<ZoneTransition>& transitions() const { return transitions_; }
  // The range the table was built for; outside it the last known offset continues.
  Instant covers_from() const { return from_; }
  Instant covers_to() const { return to_; }

  const ZoneOffset& offset_at(Instant t) const;
  LocalDateTime to_local(Instant t) const;
  LocalLookup lookup(LocalDateTime local) const;
  // lookup() followed by the documented policy.
  Instant to_instant(LocalDateTime local) const;
  // The instant at which a local date begins (00:00, or the first instant after a
  // gap that swallows midnight).
  Instant start_of_day(LocalDate d) const;

  friend bool operator==(const ZoneRules&, const ZoneRules&) = default;

 private:
  std::string id_;
  ZoneOffset initial_;
  std::vector<ZoneTransition> transitions_;
  Instant from_ = Instant::min();
  Instant to_ = Instant::max();
};

}  // namespace kairos::core
