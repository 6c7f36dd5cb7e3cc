#include "system/system.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace warmcity::system {
namespace {

int64_t at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

core::Calendar years(const char* text) {
  Result<core::Calendar> c = core::Calendar::parse(text);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : core::Calendar();
}

TEST(CalendarCoverageTest, HealthNamesTheLastCoveredDay) {
  const core::Calendar c = years("year 2025\nyear 2026\n");
  EXPECT_EQ(calendar_covered_until(c, at("2026-12-04T10:00:00+08:00")), "2026-12-31");
  // Past the end it still names the last covered day (already run out).
  EXPECT_EQ(calendar_covered_until(c, at("2027-01-01T00:00:00+08:00")), "2026-12-31");
  EXPECT_EQ(calendar_covered_until(core::Calendar(), at("2026-12-04T10:00:00+08:00")),
            std::nullopt);
}

TEST(CalendarCoverageTest, MetricsGaugeIsTheMidnightAfterTheLastDay) {
  const core::Calendar c = years("year 2026\n");
  const std::string text = calendar_metrics(c, at("2026-12-04T10:00:00+08:00"));
  EXPECT_NE(text.find("# TYPE warmcity_calendar_covered_until_timestamp_seconds gauge\n"),
            std::string::npos);
  EXPECT_NE(text.find("warmcity_calendar_covered_until_timestamp_seconds " +
                      std::to_string(at("2027-01-01T00:00:00+08:00")) + "\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("warmcity_calendar_deadlines_beyond_total "), std::string::npos);
  const std::string none = calendar_metrics(core::Calendar(), at("2026-12-04T10:00:00+08:00"));
  EXPECT_NE(none.find("warmcity_calendar_covered_until_timestamp_seconds 0\n"), std::string::npos);
}

}  // namespace
}  // namespace warmcity::system
