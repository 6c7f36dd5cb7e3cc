#include "core/time.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

namespace warmcity::core {
namespace {

TEST(TimeTest, FormatRfc3339DistrictAndUtc) {
  // 2026-05-01T00:00:00Z
  const int64_t t = 1777593600;
  EXPECT_EQ(format_rfc3339(t), "2026-05-01T08:00:00+08:00");
  EXPECT_EQ(format_rfc3339(t, 0), "2026-05-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(t, -330), "2026-04-30T18:30:00-05:30");
  EXPECT_EQ(format_rfc3339(0, 0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(-1, 0), "1969-12-31T23:59:59Z");
  std::string out = "at ";
  append_rfc3339(out, t);
  EXPECT_EQ(out, "at 2026-05-01T08:00:00+08:00");
}

TEST(TimeTest, ParseRfc3339Accepts) {
  EXPECT_EQ(*parse_rfc3339("2026-05-01T08:00:00+08:00"), 1777593600);
  EXPECT_EQ(*parse_rfc3339("2026-05-01T00:00:00Z"), 1777593600);
  EXPECT_EQ(*parse_rfc3339("2026-05-01t00:00:00z"), 1777593600);
  EXPECT_EQ(*parse_rfc3339("2026-05-01 00:00:00.999Z"), 1777593600);
  EXPECT_EQ(*parse_rfc3339("2026-04-30T18:30:00-05:30"), 1777593600);
  EXPECT_EQ(*parse_rfc3339("1969-12-31T23:59:59Z"), -1);
}

TEST(TimeTest, ParseRfc3339RejectsWithReason) {
  for (const char* bad :
       {"", "2026-05-01", "2026-05-01T08:00:00", "2026-13-01T08:00:00Z", "2026-02-29T08:00:00Z",
        "2026-05-01X08:00:00Z", "2026-05-01T24:00:00Z", "2026-05-01T08:60:00Z",
        "2026-05-01T08:00:60Z", "2026-05-01T08:00:00+0800", "2026-05-01T08:00:00.Z",
        "2026-05-01T08:00:00Zjunk", "2026-05-01T08:00:00+24:00"}) {
    Result<int64_t> r = parse_rfc3339(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("invalid RFC 3339"), std::string::npos);
  }
}

TEST(TimeTest, RoundTrip) {
  for (int64_t t = kFirstTime; t < int64_t{86400} * 365 * 80; t += 86399 * 7 + 13) {
    EXPECT_EQ(*parse_rfc3339(format_rfc3339(t)), t);
    EXPECT_EQ(*parse_rfc3339(format_rfc3339(t, 0)), t);
  }
}

TEST(TimeTest, TakesTheYears1970To9999InDistrictTime) {
  EXPECT_EQ(format_rfc3339(kFirstTime), "1970-01-01T00:00:00+08:00");
  EXPECT_EQ(format_rfc3339(kLastTime), "9999-12-31T23:59:59+08:00");
  EXPECT_EQ(*parse_rfc3339("1970-01-01T00:00:00+08:00"), kFirstTime);
  EXPECT_EQ(*parse_rfc3339("9999-12-31T23:59:59+08:00"), kLastTime);
  EXPECT_EQ(*parse_rfc3339("1969-12-31T23:00:00-10:00"), 32400);  // 1970 in the district
  for (const char* outside :
       {"0000-01-01T00:00:00Z", "0001-01-01T00:00:00+08:00", "1969-12-31T23:59:59+08:00",
        "1970-01-01T00:00:00+08:01", "9999-12-31T16:00:00Z", "9999-12-31T23:00:00-10:00"}) {
    Result<int64_t> r = parse_rfc3339(outside);
    ASSERT_FALSE(r.ok()) << outside;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("outside the years 1970 to 9999"), std::string::npos)
        << r.status().message();
  }
  EXPECT_TRUE(parse_date("1970-01-01").ok());
  EXPECT_TRUE(parse_date("9999-12-31").ok());
  for (const char* outside : {"0000-01-01", "0001-01-01", "1969-12-31"}) {
    Result<LocalDate> r = parse_date(outside);
    ASSERT_FALSE(r.ok()) << outside;
    EXPECT_NE(r.status().message().find("the years 1970 to 9999"), std::string::npos);
  }
  // A birth date goes back to 1900.
  EXPECT_EQ(parse_birth_date("1958-03-02")->year, 1958);
  EXPECT_TRUE(parse_birth_date("1900-01-01").ok());
  EXPECT_FALSE(parse_birth_date("1899-12-31").ok());
  EXPECT_FALSE(parse_birth_date("1958-02-30").ok());
}

TEST(TimeTest, CivilDays) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  for (int64_t d = -800000; d < 800000; d += 17) {
    EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  }
  EXPECT_EQ(civil_from_days(days_from_civil({2024, 2, 29})), (LocalDate{2024, 2, 29}));
}

TEST(TimeTest, Weekday) {
  EXPECT_EQ(weekday({1970, 1, 1}), 3);   // Thursday
  EXPECT_EQ(weekday({2025, 1, 26}), 6);  // Sunday
  EXPECT_EQ(weekday({2025, 9, 28}), 6);  // Sunday
  EXPECT_EQ(weekday({2026, 5, 1}), 4);   // Friday
  EXPECT_EQ(weekday({1969, 12, 29}), 0);
}

TEST(TimeTest, DatesParseFormatCompare) {
  EXPECT_EQ(*parse_date("2024-02-29"), (LocalDate{2024, 2, 29}));
  EXPECT_FALSE(parse_date("2025-02-29").ok());
  EXPECT_FALSE(parse_date("2025-2-28").ok());
  EXPECT_FALSE(parse_date("2025-00-10").ok());
  EXPECT_FALSE(parse_date("2025-01-32").ok());
  EXPECT_EQ(format_date({2025, 1, 5}), "2025-01-05");
  EXPECT_TRUE((LocalDate{2025, 1, 5}) < (LocalDate{2025, 2, 1}));
  EXPECT_FALSE((LocalDate{2025, 1, 5}) < (LocalDate{2025, 1, 5}));
}

TEST(TimeTest, LocalDateAndMidnight) {
  // 2026-04-30T16:00:00Z is 2026-05-01 00:00 in the district.
  EXPECT_EQ(local_date_of(1777564800), (LocalDate{2026, 5, 1}));
  EXPECT_EQ(local_date_of(1777564799), (LocalDate{2026, 4, 30}));
  EXPECT_EQ(local_midnight_unix({2026, 5, 1}), 1777564800);
  EXPECT_EQ(local_date_of(-8 * 3600), (LocalDate{1970, 1, 1}));
  EXPECT_EQ(local_date_of(-8 * 3600 - 1), (LocalDate{1969, 12, 31}));
}

TEST(TimeTest, NowIsPlausible) {
  EXPECT_GT(now_unix(), 1700000000);
  EXPECT_GE(now_unix_micros() / 1000000, now_unix() - 1);
}

// Puts the real clock back however a test ends.
struct RealClockAfter {
  ~RealClockAfter() { use_real_clock(); }
};

int64_t system_seconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

TEST(TimeTest, MovedClockStartsAtTheGivenInstantAndAdvances) {
  RealClockAfter restore;
  ASSERT_FALSE(clock_is_moved());
  const int64_t at = *parse_rfc3339("2026-06-01T10:00:00+08:00");
  ASSERT_GT(system_seconds() - at, 3600) << "the test needs a clock far from the real one";
  start_clock_at(at);
  EXPECT_TRUE(clock_is_moved());
  const int64_t first = now_unix_micros();
  EXPECT_GE(first, at * 1'000'000);
  EXPECT_LT(first, (at + 5) * 1'000'000);
  EXPECT_GE(now_unix(), at);
  EXPECT_LE(now_unix(), at + 5);
  EXPECT_EQ(format_rfc3339(now_unix()).substr(0, 16), "2026-06-01T10:00");

  // It advances in real time: wait (with a deadline) for the next microsecond.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int64_t later = now_unix_micros();
  while (later == first && std::chrono::steady_clock::now() < deadline) later = now_unix_micros();
  EXPECT_GT(later, first);
  EXPECT_LT(later, (at + 5) * 1'000'000);

  use_real_clock();
  EXPECT_FALSE(clock_is_moved());
  EXPECT_LE(std::abs(now_unix() - system_seconds()), 1);
}

TEST(TimeTest, MovedClockBeforeTheEpochRoundsSecondsDown) {
  RealClockAfter restore;
  start_clock_at(-8 * 3600);  // 1970-01-01T00:00:00+08:00, kFirstTime
  const int64_t now = now_unix();
  EXPECT_GE(now, -8 * 3600);
  EXPECT_LE(now, -8 * 3600 + 5);
  EXPECT_EQ(local_date_of(now), (LocalDate{1970, 1, 1}));
  // Seconds before the epoch round down (-0.5 s is second -1), not toward zero.
  start_clock_at(-100);
  const auto floor_seconds = [](int64_t micros) {
    return static_cast<int64_t>(std::floor(static_cast<double>(micros) / 1e6));
  };
  const int64_t before = now_unix_micros();
  const int64_t seconds = now_unix();
  const int64_t after = now_unix_micros();
  ASSERT_LT(after, 0);
  EXPECT_GE(seconds, floor_seconds(before));
  EXPECT_LE(seconds, floor_seconds(after));
}

}  // namespace
}  // namespace warmcity::core
