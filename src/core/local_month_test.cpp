#include "core/local_month.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace warmcity::core {
namespace {

constexpr int64_t kJune = 1780243200;  // 2026-06-01T00:00:00+08:00
constexpr int64_t kJuly = 1782835200;  // 2026-07-01T00:00:00+08:00

TEST(Month, IsDistrictTime) {
  Result<Month> june = parse_month("2026-06");
  ASSERT_TRUE(june.ok());
  EXPECT_EQ(june->from, kJune);
  EXPECT_EQ(june->until, kJuly);
  EXPECT_EQ(june->text(), "2026-06");
  Result<Month> nov = parse_month("2026-11");
  ASSERT_TRUE(nov.ok());
  EXPECT_EQ(format_rfc3339(nov->from), "2026-11-01T00:00:00+08:00");
  EXPECT_EQ(format_rfc3339(nov->until), "2026-12-01T00:00:00+08:00");
  Result<Month> dec = parse_month("2026-12");
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(dec->until, *parse_rfc3339("2027-01-01T00:00:00+08:00"));
  EXPECT_EQ(dec->until - dec->from, 31 * 86400);
}

TEST(Month, RefusesWhatIsNotAMonth) {
  for (const char* bad :
       {"2026-13", "2026-6", "2026-1", "2026-00", "June", "", "2026-06-01", "2026/06"}) {
    EXPECT_FALSE(parse_month(bad).ok()) << bad;
  }
}

TEST(Month, OfAnInstantIsItsBeijingMonth) {
  EXPECT_EQ(month_of(kJune - 1).from, kJune - 31 * 86400);  // 31 May 23:59:59 +08:00
  EXPECT_EQ(month_of(kJune).from, kJune);
  EXPECT_EQ(month_of(kJuly - 1).until, kJuly);
  // 2026-10-31T23:30 in Beijing is still October although it is 15:30Z.
  EXPECT_EQ(month_of(*parse_rfc3339("2026-10-31T15:30:00Z")).text(), "2026-10");
}

}  // namespace
}  // namespace warmcity::core
