// Time: instants, civil dates and the district's fixed UTC offset.
//
// Owns: conversions between unix seconds (UTC, how warmcity stores time),
// RFC 3339 text (how the API speaks time) and civil dates in the district zone.
// The district is Asia/Shanghai, which has had no daylight saving since 1991,
// so a fixed +08:00 offset is exact for every date warmcity handles; that is
// why this module carries no time-zone database.
//
// Civil-date arithmetic uses the proleptic Gregorian calendar (Howard
// Hinnant's days_from_civil / civil_from_days algorithms), valid for any year
// representable in int.
//
// The clock: now_unix*() read the system clock plus one process-wide offset,
// zero unless start_clock_at() moved it (`warmcity serve --now`, a test or
// demo aid). Every "now" in warmcity reads these two functions; steady clocks
// for timeouts and rate limits stay real.
//
// REQUIRES: nothing; every function is pure except the clock functions. No I/O.
// Thread-safety: all functions may be called from any thread; the offset is
// an atomic, set once before the server's threads start.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace warmcity::core {

constexpr int kDistrictOffsetMinutes = 480;  // Asia/Shanghai, no DST since 1991
constexpr int64_t kSecondsPerDay = 86400;

// The years warmcity takes in: district dates from 1970-01-01 through
// 9999-12-31, so that nothing precedes the unix epoch's year and every year it
// writes back has four digits. parse_rfc3339() and parse_date() refuse the rest.
constexpr int kFirstYear = 1970;
constexpr int kLastYear = 9999;
constexpr int64_t kFirstTime = -int64_t{kDistrictOffsetMinutes} * 60;  // 1970-01-01T00:00:00+08:00
constexpr int64_t kLastTime = 253402271999;                            // 9999-12-31T23:59:59+08:00
constexpr bool in_supported_years(int64_t unix_seconds) {
  return unix_seconds >= kFirstTime && unix_seconds <= kLastTime;
}

// Seconds since 1970-01-01T00:00:00Z (system clock, plus the test offset).
int64_t now_unix();
// Microseconds since 1970-01-01T00:00:00Z (system clock, plus the test offset).
int64_t now_unix_micros();

// Makes now_unix() answer `unix_seconds` at this moment; the clock then
// advances in real time from there. use_real_clock() undoes it.
// REQUIRES: called before the threads that read the clock start (or while
// none reads it): a reader racing the change may see either clock.
void start_clock_at(int64_t unix_seconds);
void use_real_clock();
// True while start_clock_at() moved the clock.
bool clock_is_moved();

// RFC 3339 with offset, e.g. "2026-05-01T08:00:00+08:00" (offset_minutes=480)
// or "2026-05-01T00:00:00Z" (offset_minutes=0).
std::string format_rfc3339(int64_t unix_seconds, int offset_minutes = kDistrictOffsetMinutes);
// The same text appended to `out` (no allocation of its own).
void append_rfc3339(std::string& out, int64_t unix_seconds,
                    int offset_minutes = kDistrictOffsetMinutes);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff…](Z|z|±HH:MM)" with 'T', 't' or ' ' as the
// separator. Fractional seconds are truncated toward the earlier second. A
// leap second (":60") is rejected, and so is an instant outside kFirstTime..
// kLastTime. Error: kInvalidArgument naming the problem.
Result<int64_t> parse_rfc3339(std::string_view text);

struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..days_in_month

  friend bool operator==(const LocalDate&, const LocalDate&) = default;
  friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // REQUIRES: 1 <= month <= 12

// "YYYY-MM-DD", exactly ten characters, a year from kFirstYear. Error:
// kInvalidArgument.
Result<LocalDate> parse_date(std::string_view yyyy_mm_dd);
// A birth date: as parse_date, but from 1900 on (a volunteer's or an elder's
// birth year often precedes 1970).
Result<LocalDate> parse_birth_date(std::string_view yyyy_mm_dd);
std::string format_date(LocalDate d);

// Days since 1970-01-01 (negative before). REQUIRES: d is a valid date.
int64_t days_from_civil(LocalDate d);
LocalDate civil_from_days(int64_t days);

// 0=Monday … 6=Sunday.
int weekday(LocalDate d);

// The calendar day in the district zone containing the instant.
LocalDate local_date_of(int64_t unix_seconds);
// Unix seconds of 00:00 district time on d.
int64_t local_midnight_unix(LocalDate d);

}  // namespace warmcity::core
