#include "core/time.h"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace warmcity::core {
namespace {

constexpr int64_t kOffsetSeconds = int64_t{kDistrictOffsetMinutes} * 60;

// Floor division: rounds toward negative infinity.
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool read_digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

Status bad(std::string_view text, const char* what) {
  return Status::InvalidArgument("invalid RFC 3339 time \"" + std::string(text) + "\": " + what);
}

// parse_date() without the year limit: parse_rfc3339() limits the instant.
Result<LocalDate> parse_any_date(std::string_view s) {
  LocalDate d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !read_digits(s, 0, 4, &d.year) ||
      !read_digits(s, 5, 2, &d.month) || !read_digits(s, 8, 2, &d.day)) {
    return Status::InvalidArgument("invalid date \"" + std::string(s) + "\": expected YYYY-MM-DD");
  }
  if (d.month < 1 || d.month > 12) {
    return Status::InvalidArgument("invalid date \"" + std::string(s) + "\": month out of range");
  }
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    return Status::InvalidArgument("invalid date \"" + std::string(s) + "\": day out of range");
  }
  return d;
}

}  // namespace

namespace {

// now_unix_micros() - the system clock; 0 unless start_clock_at() moved it.
std::atomic<int64_t> g_clock_offset_micros{0};
std::atomic<bool> g_clock_moved{false};

int64_t system_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

int64_t now_unix() { return floor_div(now_unix_micros(), 1'000'000); }

int64_t now_unix_micros() {
  return system_micros() + g_clock_offset_micros.load(std::memory_order_relaxed);
}

void start_clock_at(int64_t unix_seconds) {
  g_clock_offset_micros.store(unix_seconds * 1'000'000 - system_micros(),
                              std::memory_order_relaxed);
  g_clock_moved.store(true, std::memory_order_relaxed);
}

void use_real_clock() {
  g_clock_offset_micros.store(0, std::memory_order_relaxed);
  g_clock_moved.store(false, std::memory_order_relaxed);
}

bool clock_is_moved() { return g_clock_moved.load(std::memory_order_relaxed); }

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

int64_t days_from_civil(LocalDate d) {
  int64_t y = d.year;
  const int64_t m = d.month;
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

LocalDate civil_from_days(int64_t days) {
  days += 719468;
  const int64_t era = floor_div(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  return LocalDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(LocalDate d) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int64_t w = (days_from_civil(d) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

LocalDate local_date_of(int64_t unix_seconds) {
  return civil_from_days(floor_div(unix_seconds + kOffsetSeconds, kSecondsPerDay));
}

int64_t local_midnight_unix(LocalDate d) {
  return days_from_civil(d) * kSecondsPerDay - kOffsetSeconds;
}

std::string format_date(LocalDate d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Result<LocalDate> parse_date(std::string_view s) {
  Result<LocalDate> d = parse_any_date(s);
  if (d.ok() && d->year < kFirstYear) {
    return Status::InvalidArgument("invalid date \"" + std::string(s) +
                                   "\": warmcity takes the years 1970 to 9999");
  }
  return d;
}

Result<LocalDate> parse_birth_date(std::string_view s) {
  Result<LocalDate> d = parse_any_date(s);
  if (d.ok() && d->year < 1900) {
    return Status::InvalidArgument("invalid birth date \"" + std::string(s) + "\": from 1900 on");
  }
  return d;
}

void append_rfc3339(std::string& out, int64_t unix_seconds, int offset_minutes) {
  const int64_t local = unix_seconds + int64_t{offset_minutes} * 60;
  const int64_t days = floor_div(local, kSecondsPerDay);
  const auto sod = static_cast<int>(local - days * kSecondsPerDay);
  const LocalDate d = civil_from_days(days);
  // Digits by hand: this runs several times per nearby answer, and snprintf
  // showed in its profile.
  auto two = [&out](int v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
  };
  if (d.year >= 0 && d.year <= 9999) {
    two(d.year / 100);
    two(d.year % 100);
  } else {
    out += std::to_string(d.year);
  }
  out.push_back('-');
  two(d.month);
  out.push_back('-');
  two(d.day);
  out.push_back('T');
  two(sod / 3600);
  out.push_back(':');
  two(sod / 60 % 60);
  out.push_back(':');
  two(sod % 60);
  if (offset_minutes == 0) {
    out.push_back('Z');
  } else {
    const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    out.push_back(offset_minutes < 0 ? '-' : '+');
    two(a / 60 % 100);
    out.push_back(':');
    two(a % 60);
  }
}

std::string format_rfc3339(int64_t unix_seconds, int offset_minutes) {
  std::string out;
  out.reserve(25);
  append_rfc3339(out, unix_seconds, offset_minutes);
  return out;
}

Result<int64_t> parse_rfc3339(std::string_view s) {
  if (s.size() < 20)
    return bad(s, "too short, expected YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM");
  Result<LocalDate> date = parse_any_date(s.substr(0, 10));
  if (!date.ok()) return bad(s, "date part is not a valid YYYY-MM-DD");
  const char sep = s[10];
  if (sep != 'T' && sep != 't' && sep != ' ') return bad(s, "expected 'T' between date and time");
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(s, 11, 2, &hh) || s[13] != ':' || !read_digits(s, 14, 2, &mm) || s[16] != ':' ||
      !read_digits(s, 17, 2, &ss)) {
    return bad(s, "time part is not HH:MM:SS");
  }
  if (hh > 23) return bad(s, "hour out of range");
  if (mm > 59) return bad(s, "minute out of range");
  if (ss > 59) return bad(s, "second out of range");
  size_t pos = 19;
  if (s[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return bad(s, "expected digits after '.'");
  }
  if (pos >= s.size()) return bad(s, "missing time-zone offset (Z or ±HH:MM)");
  int offset_min = 0;
  const char z = s[pos];
  if (z == 'Z' || z == 'z') {
    ++pos;
  } else if (z == '+' || z == '-') {
    int oh = 0, om = 0;
    if (!read_digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_digits(s, pos + 4, 2, &om)) {
      return bad(s, "offset is not ±HH:MM");
    }
    if (oh > 23 || om > 59) return bad(s, "offset out of range");
    offset_min = (oh * 60 + om) * (z == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad(s, "expected Z or ±HH:MM offset");
  }
  if (pos != s.size()) return bad(s, "unexpected characters after the offset");
  const int64_t local = days_from_civil(*date) * kSecondsPerDay + hh * 3600 + mm * 60 + ss;
  const int64_t t = local - int64_t{offset_min} * 60;
  if (!in_supported_years(t)) {
    return bad(s,
               "outside the years 1970 to 9999 (1970-01-01T00:00:00+08:00 to "
               "9999-12-31T23:59:59+08:00)");
  }
  return t;
}

}  // namespace warmcity::core
