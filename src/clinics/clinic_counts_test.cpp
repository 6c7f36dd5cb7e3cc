// The dashboard's clinic figures (clinic_counts.h), on SQLite and on
// PostgreSQL: the month's clinic slots held by now (cancelled ones and
// ordinary activities left out), their sessions, places, places used and
// attended, used per mille.
#include "clinics/clinic_counts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clinics/clinics_test_world.h"

namespace warmcity::clinics {
namespace {

using activities::SignupRecord;
using ClinicCountsTest = ClinicWorld;

TEST_F(ClinicCountsTest, TheMonthsSlotsHeldByNow) {
  const std::vector<int64_t> morning = made(session(3, 9 * 60, 2));  // 09:00–10:30, 2 places
  ClinicFields afternoon_fields = session(2, 14 * 60, 4);            // 14:00–15:00, 4 places
  const std::vector<int64_t> afternoon = made(afternoon_fields);
  ClinicFields july = session(1, 9 * 60, 5);
  july.activity.first_date = july.activity.series.first = clinic_day("2026-07-01");
  made(july);
  // An ordinary activity in the month is no clinic.
  activities::ActivityFields plain = session().activity;
  plain.title = "太极拳";
  plain.start_minute = 11 * 60;
  std::promise<std::pair<Status, activities::ActivityWritten>> made_plain;
  activities_->create(plain, clinic_staff(), [&](Status s, activities::ActivityWritten w) {
    made_plain.set_value({s, std::move(w)});
  });
  auto [plain_status, plain_written] = made_plain.get_future().get();
  ASSERT_TRUE(plain_status.ok()) << plain_status.message();

  // Bookings: slot 1 full (2), slot 2 one, afternoon slot 1 one; one more
  // in line on slot 1 (not a place used); one on the ordinary activity.
  ASSERT_TRUE(book(morning[0], resident(10)).ok());
  Result<Booking> second = book(morning[0], clinic_staff(), caller("13912345678"));
  ASSERT_TRUE(second.ok());
  Result<Booking> waiting = book(morning[0], clinic_staff(), caller("13912345679"));
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(waiting->signup->status, "waiting");
  ASSERT_TRUE(book(morning[1], resident(11)).ok());
  ASSERT_TRUE(book(afternoon[0], resident(10)).ok());
  std::promise<Result<SignupRecord>> on_plain;
  signups_->sign_up(plain_written.occurrences.front().id, {}, resident(11),
                    [&](Result<SignupRecord> r) { on_plain.set_value(std::move(r)); });
  ASSERT_TRUE(on_plain.get_future().get().ok());
  // The third morning slot is cancelled: not held.
  std::promise<Status> cancelled;
  activities_->cancel_occurrence(
      morning[2], "医生不足", clinic_staff(),
      [&](Status s, activities::ActivityWritten) { cancelled.set_value(s); });
  ASSERT_TRUE(cancelled.get_future().get().ok());

  // At 12:00 on the day the morning's slots were held, the afternoon's not yet.
  now_ = activities::occurrence_start(clinic_day("2026-06-01"), 12 * 60);
  std::promise<Result<SignupRecord>> attended;
  signups_->set_attendance(second->signup->id, "attended", clinic_staff(),
                           [&](Result<SignupRecord> r) { attended.set_value(std::move(r)); });
  ASSERT_TRUE(attended.get_future().get().ok());

  Result<core::Month> june = core::parse_month("2026-06");
  ASSERT_TRUE(june.ok());
  Result<ClinicCounts> noon = clinic_counts(db_->reader(), *june, now_);
  ASSERT_TRUE(noon.ok()) << noon.status().message();
  EXPECT_EQ(noon->sessions, 1);
  EXPECT_EQ(noon->slots, 2);
  EXPECT_EQ(noon->places, 4);
  EXPECT_EQ(noon->places_used, 3);
  EXPECT_EQ(noon->attended, 1);
  EXPECT_EQ(noon->used_permille, 750);

  // By the evening the afternoon's slots count too.
  now_ = activities::occurrence_start(clinic_day("2026-06-01"), 20 * 60);
  Result<ClinicCounts> evening = clinic_counts(db_->reader(), *june, now_);
  ASSERT_TRUE(evening.ok());
  EXPECT_EQ(evening->sessions, 2);
  EXPECT_EQ(evening->slots, 4);
  EXPECT_EQ(evening->places, 12);
  EXPECT_EQ(evening->places_used, 4);
  EXPECT_EQ(evening->used_permille, 333);

  // A month without slots held: all zero, no division by zero.
  Result<core::Month> may = core::parse_month("2026-05");
  Result<ClinicCounts> none = clinic_counts(db_->reader(), *may, now_);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->slots, 0);
  EXPECT_EQ(none->places, 0);
  EXPECT_EQ(none->used_permille, 0);
}

}  // namespace
}  // namespace warmcity::clinics
