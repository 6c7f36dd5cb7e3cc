// The shift rules that need no database (shift_rules.h), the cancellation's
// body (shift_json.h) and the counts' pure parts (counts_store.h): hours,
// check-in window, sign-up refusals, clock times, a team's shift list's
// dates, the cancel reason's length, months and shared ranks.
#include "volunteers/shift_rules.h"

#include <gtest/gtest.h>

#include "volunteers/counts_store.h"
#include "volunteers/shift_json.h"

namespace warmcity::volunteers {
namespace {

constexpr int64_t kStart = 1'780'000'000;    // a shift from kStart …
constexpr int64_t kEnd = kStart + 2 * 3600;  // … for two hours
constexpr int64_t kMin = 60;

TEST(ShiftHours, CountsTheTimeBetweenCheckInAndCheckOut) {
  EXPECT_EQ(counted_minutes(kStart, kEnd, kStart, kEnd), 120);
  EXPECT_EQ(counted_minutes(kStart + 10 * kMin, kStart + 70 * kMin, kStart, kEnd), 60);
}

TEST(ShiftHours, CountsThirtyMinutesEachSideAndNoMore) {
  EXPECT_EQ(counted_minutes(kStart - 30 * kMin, kEnd + 30 * kMin, kStart, kEnd), 180);
  EXPECT_EQ(counted_minutes(kStart - 60 * kMin, kEnd + 90 * kMin, kStart, kEnd), 180);
  EXPECT_EQ(counted_minutes(kStart - 45 * kMin, kStart, kStart, kEnd), 30);
}

TEST(ShiftHours, RoundsWholeMinutesDown) {
  EXPECT_EQ(counted_minutes(kStart, kStart + 59, kStart, kEnd), 0);
  EXPECT_EQ(counted_minutes(kStart, kStart + 119, kStart, kEnd), 1);
  EXPECT_EQ(counted_minutes(kStart + 1, kStart + 3 * kMin, kStart, kEnd), 2);
}

TEST(ShiftHours, NothingOutsideTheWindowOrBackwards) {
  EXPECT_EQ(counted_minutes(kEnd + 31 * kMin, kEnd + 90 * kMin, kStart, kEnd), 0);
  EXPECT_EQ(counted_minutes(kStart - 3 * 3600, kStart - 31 * kMin, kStart, kEnd), 0);
  EXPECT_EQ(counted_minutes(kStart + kMin, kStart, kStart, kEnd), 0);
  EXPECT_EQ(counted_minutes(kStart, kStart, kStart, kEnd), 0);
}

TEST(ShiftHours, CheckInOpensAnHourBeforeAndClosesAtTheEnd) {
  EXPECT_FALSE(check_in_open(kStart - 60 * kMin - 1, kStart, kEnd));
  EXPECT_TRUE(check_in_open(kStart - 60 * kMin, kStart, kEnd));
  EXPECT_TRUE(check_in_open(kEnd, kStart, kEnd));
  EXPECT_FALSE(check_in_open(kEnd + 1, kStart, kEnd));
}

SignupVolunteer adult() {
  SignupVolunteer v;
  v.status = "active";
  v.birth_date = "1990-06-15";
  v.insurance_until = "2026-12-31";
  v.trainings = {{"急救", "2026-03-01"}};
  return v;
}

ShiftNeeds needs(int64_t min_age, bool risky = false,
                 std::optional<std::string> training = std::nullopt) {
  return ShiftNeeds{core::LocalDate{2026, 5, 30}, min_age, risky, std::move(training)};
}

TEST(ShiftSignupRules, AnAdultMeetsEveryNeed) {
  EXPECT_EQ(signup_refusal(adult(), needs(18, true, "急救")), "");
}

TEST(ShiftSignupRules, AgeOnTheDayOfTheShift) {
  SignupVolunteer v = adult();
  v.birth_date = "2008-05-30";  // 18 on the day itself
  EXPECT_EQ(signup_refusal(v, needs(18)), "");
  v.birth_date = "2008-05-31";  // 18 the day after
  EXPECT_EQ(signup_refusal(v, needs(18)), "too_young");
  EXPECT_EQ(signup_refusal(v, needs(14)), "");
  v.birth_date.reset();  // made from an account: unknown age
  EXPECT_EQ(signup_refusal(v, needs(14)), "too_young");
  EXPECT_EQ(signup_refusal(v, needs(0)), "");
}

TEST(ShiftSignupRules, RiskyWorkNeedsInsuranceOnTheDay) {
  SignupVolunteer v = adult();
  v.insurance_until = "2026-05-30";
  EXPECT_EQ(signup_refusal(v, needs(18, true)), "");
  v.insurance_until = "2026-05-29";
  EXPECT_EQ(signup_refusal(v, needs(18, true)), "no_insurance");
  EXPECT_EQ(signup_refusal(v, needs(18, false)), "");
  v.insurance_until.reset();
  EXPECT_EQ(signup_refusal(v, needs(18, true)), "no_insurance");
}

TEST(ShiftSignupRules, TheTrainingCompletedByTheDay) {
  SignupVolunteer v = adult();
  EXPECT_EQ(signup_refusal(v, needs(14, false, "消防")), "no_training");
  v.trainings = {{"急救", "2026-05-31"}};
  EXPECT_EQ(signup_refusal(v, needs(14, false, "急救")), "no_training");
  v.trainings = {{"急救", "2026-05-30"}};
  EXPECT_EQ(signup_refusal(v, needs(14, false, "急救")), "");
}

TEST(ShiftSignupRules, ALeftVolunteerFirst) {
  SignupVolunteer v = adult();
  v.status = "left";
  v.birth_date = "2015-01-01";
  EXPECT_EQ(signup_refusal(v, needs(18, true)), "volunteer_left");
}

TEST(ShiftSignupRules, TrainingsFromTheRowsJson) {
  const std::vector<Training> t =
      parse_trainings(R"([{"name":"急救","completed_on":"2026-03-01"},3,{"name":"x"}])");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].name, "急救");
  EXPECT_TRUE(parse_trainings("not json").empty());
}

TEST(ShiftClock, ReadsAndWritesHoursAndMinutes) {
  EXPECT_EQ(parse_clock("09:30"), 570);
  EXPECT_EQ(parse_clock("00:00"), 0);
  EXPECT_EQ(parse_clock("23:59"), 1439);
  EXPECT_FALSE(parse_clock("24:00"));
  EXPECT_FALSE(parse_clock("9:30"));
  EXPECT_FALSE(parse_clock("09-30"));
  EXPECT_FALSE(parse_clock("09:60"));
  EXPECT_EQ(format_clock(570), "09:30");
  EXPECT_EQ(format_clock(1439), "23:59");
}

// The fields a refused period names.
std::vector<std::string> period_fields(const Result<DatePeriod>& p) {
  std::vector<std::string> out;
  for (const FieldError& e : p.status().field_errors()) out.push_back(e.field);
  return out;
}

TEST(TeamShiftPeriod, DefaultsToTodayAndThirtyDaysAfter) {
  const core::LocalDate today{2026, 12, 7};
  Result<DatePeriod> p = team_shift_period(std::nullopt, std::nullopt, today);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->from, today);
  EXPECT_EQ(p->to, (core::LocalDate{2027, 1, 6}));
  p = team_shift_period(std::string("2026-02-01"), std::nullopt, today);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->to, (core::LocalDate{2026, 3, 3}));
  p = team_shift_period(std::nullopt, std::string("2026-12-07"), today);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->to, today);
}

TEST(TeamShiftPeriod, AtMostNinetyTwoDaysInAll) {
  const core::LocalDate today{2026, 12, 7};
  Result<DatePeriod> quarter =
      team_shift_period(std::string("2026-07-01"), std::string("2026-09-30"), today);
  ASSERT_TRUE(quarter.ok());
  EXPECT_EQ(quarter->to, (core::LocalDate{2026, 9, 30}));
  Result<DatePeriod> longer =
      team_shift_period(std::string("2026-07-01"), std::string("2026-10-01"), today);
  EXPECT_EQ(longer.status().code(), Code::kUnprocessable);
  EXPECT_EQ(period_fields(longer), std::vector<std::string>{"to"});
  EXPECT_EQ(
      period_fields(team_shift_period(std::string("2026-07-02"), std::string("2026-07-01"), today)),
      std::vector<std::string>{"to"});
}

TEST(TeamShiftPeriod, BadDatesNameTheirFields) {
  const core::LocalDate today{2026, 12, 7};
  EXPECT_EQ(period_fields(team_shift_period(std::string("2026-13-01"), std::nullopt, today)),
            std::vector<std::string>{"from"});
  EXPECT_EQ(period_fields(team_shift_period(std::nullopt, std::string("tomorrow"), today)),
            std::vector<std::string>{"to"});
  EXPECT_EQ(period_fields(team_shift_period(std::string("7/12/2026"), std::string(""), today)),
            (std::vector<std::string>{"from", "to"}));
}

// The reason's 200 characters are counted once trimmed.
TEST(ShiftCancelBody, TheReasonIsMeasuredTrimmed) {
  std::string reason;
  for (int i = 0; i < 195; ++i) reason += "雨";
  Result<std::string> padded =
      read_shift_cancel({{"reason", "  " + reason + std::string(10, ' ')}});
  ASSERT_TRUE(padded.ok()) << padded.status().message();
  EXPECT_EQ(*padded, reason);
  reason += "雨雨雨雨雨";
  EXPECT_TRUE(read_shift_cancel({{"reason", reason + " "}}).ok());  // 200
  Result<std::string> longer = read_shift_cancel({{"reason", reason + "雨"}});
  EXPECT_EQ(longer.status().code(), Code::kUnprocessable);
  ASSERT_EQ(longer.status().field_errors().size(), 1u);
  EXPECT_EQ(longer.status().field_errors()[0].field, "reason");
  EXPECT_EQ(read_shift_cancel({{"reason", " \t "}}).status().field_errors()[0].field, "reason");
  EXPECT_EQ(read_shift_cancel({{"reason", ""}}).status().code(), Code::kUnprocessable);
  EXPECT_EQ(read_shift_cancel(nlohmann::json::object()).status().code(), Code::kUnprocessable);
}

TEST(VolunteerCountsRules, MonthsAndSharedRanks) {
  EXPECT_EQ(parse_month("2026-05"), (core::LocalDate{2026, 5, 1}));
  EXPECT_FALSE(parse_month("2026-13"));
  EXPECT_FALSE(parse_month("2026-5"));
  EXPECT_FALSE(parse_month("2026-05-01"));
  EXPECT_FALSE(parse_month(""));
  EXPECT_EQ(shared_ranks({90, 120, 90, 0}), (std::vector<int64_t>{2, 1, 2, 4}));
  EXPECT_EQ(shared_ranks({0, 0}), (std::vector<int64_t>{1, 1}));
  EXPECT_TRUE(shared_ranks({}).empty());
}

}  // namespace
}  // namespace warmcity::volunteers
