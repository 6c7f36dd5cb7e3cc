// Deadlines on the real official calendar (data/calendar): across public
// holidays and make-up working days, and the 80 % supervision threshold.
#include "appeals/deadlines.h"

#include <gtest/gtest.h>

#include "core/calendar_loader.h"
#include "core/time.h"

namespace warmcity::appeals {
namespace {

int64_t at(const char* rfc3339) {
  Result<int64_t> t = core::parse_rfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.ok() ? *t : 0;
}

class DeadlinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<core::Calendar> c = core::load_calendar_dir("data/calendar");
    ASSERT_TRUE(c.ok()) << c.status().message();
    calendar_ = std::move(*c);
  }
  core::Calendar calendar_;
};

TEST_F(DeadlinesTest, NationalDay2025CountsTheMakeUpSundayAndSkipsTheHoliday) {
  // Fri 26 Sep; Sun 28 Sep is a make-up working day; 1–8 Oct are off.
  Deadlines d = deadlines_for(24, 5, at("2025-09-26T10:00:00+08:00"), calendar_);
  EXPECT_EQ(core::format_rfc3339(d.resolution_due), "2025-10-10T10:00:00+08:00");
  EXPECT_EQ(core::format_rfc3339(d.response_due), "2025-09-27T10:00:00+08:00");  // clock hours
}

TEST_F(DeadlinesTest, SpringFestival2026) {
  // Thu 12 Feb; Sat 14 Feb is a make-up working day; 15–23 Feb are off.
  Deadlines d = deadlines_for(2, 3, at("2026-02-12T15:00:00+08:00"), calendar_);
  EXPECT_EQ(core::format_rfc3339(d.resolution_due), "2026-02-24T15:00:00+08:00");
  EXPECT_EQ(core::format_rfc3339(d.response_due), "2026-02-12T17:00:00+08:00");
}

TEST_F(DeadlinesTest, LabourDay2026) {
  // Thu 30 Apr; 1–5 May off; Sat 9 May is a make-up working day.
  Deadlines d = deadlines_for(24, 5, at("2026-04-30T09:00:00+08:00"), calendar_);
  EXPECT_EQ(core::format_rfc3339(d.resolution_due), "2026-05-11T09:00:00+08:00");
}

TEST_F(DeadlinesTest, SubmittedOnAHolidayCountsFromTheNextWorkingDay) {
  Deadlines d = deadlines_for(24, 1, at("2026-10-03T20:00:00+08:00"), calendar_);
  EXPECT_EQ(core::format_rfc3339(d.resolution_due), "2026-10-08T20:00:00+08:00");
}

TEST(Clock, NearlyDueAtEightyPercent) {
  Clock c = make_clock(1000, 1100);
  EXPECT_EQ(c.nearly, 1080);
  EXPECT_EQ(urgency_at(c, 1079), Urgency::kNone);
  EXPECT_EQ(urgency_at(c, 1080), Urgency::kNearlyDue);
  EXPECT_EQ(urgency_at(c, 1099), Urgency::kNearlyDue);
  EXPECT_EQ(urgency_at(c, 1100), Urgency::kOverdue);
  EXPECT_EQ(make_clock(0, 7).nearly, 6);  // rounded up
}

TEST(Clock, OneClockPerState) {
  const Deadlines d{500, 9000};
  EXPECT_EQ(clock_for(State::kSubmitted, 100, d, 100)->due, 500);
  EXPECT_EQ(clock_for(State::kInProgress, 100, d, 300)->start, 300);
  EXPECT_EQ(clock_for(State::kReturned, 100, d, 100)->due, 9000);
  EXPECT_FALSE(clock_for(State::kReplied, 100, d, 100));
  EXPECT_FALSE(clock_for(State::kClosed, 100, d, 100));
}

}  // namespace
}  // namespace warmcity::appeals
