// Civil calendar arithmetic after Howard Hinnant's public-domain algorithms
// (days_from_civil / civil_from_days): exact for every proleptic Gregorian date.
#include "kairos/time.hpp"

namespace kairos::core {
namespace {

constexpr std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd { int y, m, d; };

constexpr Ymd civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {y + (m <= 2), m, d};
}

constexpr bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::optional<LocalDate> LocalDate::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return LocalDate(days_from_civil(year, month, day));
}

int LocalDate::year() const { return civil_from_days(d_).y; }
int LocalDate::month() const { return civil_from_days(d_).m; }
int LocalDate::day() const { return civil_from_days(d_).d; }

Weekday LocalDate::weekday() const {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const int w = static_cast<int>(((static_cast<std::int64_t>(d_) % 7) + 7 + 3) % 7);
  return static_cast<Weekday>(w);
}

std::optional<LocalTime> LocalTime::from_hms(int h, int m, int s) {
  if (h == 24 && m == 0 && s == 0) return LocalTime(86400);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return LocalTime(h * 3600 + m * 60 + s);
}

LocalDate LocalDateTime::date() const {
  return LocalDate::from_days(static_cast<std::int32_t>(floor_div(s_, 86400)));
}

LocalTime LocalDateTime::time() const {
  return LocalTime::from_seconds(static_cast<std::int32_t>(s_ - floor_div(s_, 86400) * 86400));
}

}  // namespace kairos::core
