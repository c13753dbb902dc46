// The time vocabulary of Kairos. Instants are UTC; civil (wall-clock) dates and times
// are separate types that never convert implicitly into instants: only ZoneRules
// (zone.hpp) maps between the two, so a rule written in local time cannot be
// confused with a moment on the timeline. All arithmetic is on integers, identical
// natively and in WebAssembly.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>

namespace kairos::core {

using Seconds = std::chrono::seconds;
using Minutes = std::chrono::minutes;
using Days = std::chrono::days;

// A point on the UTC timeline, second precision.
class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix_seconds(std::int64_t s) { return Instant(s); }
  constexpr std::int64_t unix_seconds() const { return s_; }

  friend constexpr auto operator<=>(Instant, Instant) = default;
  friend constexpr Instant operator+(Instant i, Seconds d) { return Instant(i.s_ + d.count()); }
  friend constexpr Instant operator-(Instant i, Seconds d) { return Instant(i.s_ - d.count()); }
  friend constexpr Seconds operator-(Instant a, Instant b) { return Seconds(a.s_ - b.s_); }
  constexpr Instant& operator+=(Seconds d) { s_ += d.count(); return *this; }

  static constexpr Instant min() { return Instant(INT64_MIN / 4); }
  static constexpr Instant max() { return Instant(INT64_MAX / 4); }

 private:
  constexpr explicit Instant(std::int64_t s) : s_(s) {}
  std::int64_t s_ = 0;
};

enum class Weekday : std::uint8_t { mon = 0, tue, wed, thu, fri, sat, sun };

// A civil calendar date (proleptic Gregorian), stored as days since 1970-01-01.
class LocalDate {
 public:
  constexpr LocalDate() = default;
  // nullopt when the fields do not name a real date (e.g. 2026-02-30).
  static std::optional<LocalDate> from_ymd(int year, int month, int day);
  static constexpr LocalDate from_days(std::int32_t days_since_epoch) { return LocalDate(days_since_epoch); }
  constexpr std::int32_t days_since_epoch() const { return d_; }

  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  Weekday weekday() const;

  friend constexpr auto operator<=>(LocalDate, LocalDate) = default;
  friend constexpr LocalDate operator+(LocalDate d, Days n) { return LocalDate(d.d_ + static_cast<std::int32_t>(n.count())); }
  friend constexpr LocalDate operator-(LocalDate d, Days n) { return LocalDate(d.d_ - static_cast<std::int32_t>(n.count())); }
  friend constexpr Days operator-(LocalDate a, LocalDate b) { return Days(a.d_ - b.d_); }

 private:
  constexpr explicit LocalDate(std::int32_t d) : d_(d) {}
  std::int32_t d_ = 0;
};

int days_in_month(int year, int month);

// A wall-clock time of day, second precision, 00:00:00 ..= 24:00:00. The value 24:00
// is allowed so that "until midnight" can be written as the end of an interval.
class LocalTime {
 public:
  constexpr LocalTime() = default;
  static std::optional<LocalTime> from_hms(int h, int m, int s = 0);
  static constexpr LocalTime from_seconds(std::int32_t s) { return LocalTime(s); }
  static constexpr LocalTime midnight() { return LocalTime(0); }
  static constexpr LocalTime end_of_day() { return LocalTime(86400); }
  constexpr std::int32_t seconds_of_day() const { return s_; }
  constexpr int hour() const { return s_ / 3600; }
  constexpr int minute() const { return (s_ / 60) % 60; }
  constexpr int second() const { return s_ % 60; }

  friend constexpr auto operator<=>(LocalTime, LocalTime) = default;

 private:
  constexpr explicit LocalTime(std::int32_t s) : s_(s) {}
  std::int32_t s_ = 0;
};

// A civil date and time with no zone: what a wall clock shows.
class LocalDateTime {
 public:
  constexpr LocalDateTime() = default;
  constexpr LocalDateTime(LocalDate d, LocalTime t)
      : s_(static_cast<std::int64_t>(d.days_since_epoch()) * 86400 + t.seconds_of_day()) {}
  static constexpr LocalDateTime from_local_seconds(std::int64_t s) { LocalDateTime r; r.s_ = s; return r; }
  // Seconds since 1970-01-01T00:00:00 on the same wall clock (not an instant).
  constexpr std::int64_t local_seconds() const { return s_; }

  LocalDate date() const;
  LocalTime time() const;

  friend constexpr auto operator<=>(LocalDateTime, LocalDateTime) = default;
  friend constexpr LocalDateTime operator+(LocalDateTime t, Seconds d) { return from_local_seconds(t.s_ + d.count()); }
  friend constexpr LocalDateTime operator-(LocalDateTime t, Seconds d) { return from_local_seconds(t.s_ - d.count()); }
  friend constexpr Seconds operator-(LocalDateTime a, LocalDateTime b) { return Seconds(a.s_ - b.s_); }

 private:
  std::int64_t s_ = 0;
};

// A half-open interval of instants [start, end).
struct Interval {
  Instant start;
  Instant end;

  constexpr bool empty() const { return !(start < end); }
  constexpr Seconds length() const { return end - start; }
  constexpr bool contains(Instant t) const { return start <= t && t < end; }
  constexpr bool contains(const Interval& o) const { return start <= o.start && o.end <= end; }
  constexpr bool overlaps(const Interval& o) const { return start < o.end && o.start < end; }
  friend constexpr auto operator<=>(const Interval&, const Interval&) = default;
};

// Instant of UTC midnight starting a date (the civil date read as a UTC date).
constexpr Instant utc_midnight(LocalDate d) {
  return Instant::from_unix_seconds(static_cast<std::int64_t>(d.days_since_epoch()) * 86400);
}

}  // namespace kairos::core
