// The visits' pure rules (visit.h): intervals by tier, due and overdue, the
// +08:00 day turn, the escalation's order.
#include "eldercare/visit.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace warmcity::eldercare {
namespace {

int64_t at(const char* rfc3339) {
  Result<int64_t> t = core::parse_rfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.ok() ? *t : 0;
}

TEST(VisitRulesTest, IntervalsByTierAreConfiguration) {
  const VisitRules rules;
  EXPECT_EQ(interval_days(rules, "high"), 7);
  EXPECT_EQ(interval_days(rules, "priority"), 30);
  EXPECT_EQ(interval_days(rules, "general"), 91);
  VisitRules often;
  often.high_days = 3;
  EXPECT_EQ(interval_days(often, "high"), 3);
}

TEST(VisitRulesTest, VocabulariesAreClosed) {
  EXPECT_TRUE(is_visit_how("home"));
  EXPECT_TRUE(is_visit_how("video"));
  EXPECT_FALSE(is_visit_how("letter"));
  EXPECT_TRUE(is_visit_outcome("nobody_answers"));
  EXPECT_FALSE(is_visit_outcome("fine"));
  EXPECT_TRUE(saw_elder("concern"));
  EXPECT_FALSE(saw_elder("nobody_answers"));
  EXPECT_TRUE(is_change_kind("hospital_stay"));
  EXPECT_FALSE(is_change_kind("birthday"));
}

TEST(VisitRulesTest, NextDueIsTheDayOfTheVisitPlusTheInterval) {
  const VisitRules rules;
  // A weekly elder seen on Monday 1 June at 10:00 is due all Monday 8 June.
  const Due d = due_of(rules, {"high", at("2026-05-01T09:00:00+08:00"),
                               at("2026-06-01T10:00:00+08:00"), std::nullopt});
  EXPECT_EQ(d.from, at("2026-06-08T00:00:00+08:00"));
  EXPECT_EQ(d.deadline, at("2026-06-09T00:00:00+08:00"));
  EXPECT_EQ(d.reason, "interval");
  EXPECT_EQ(due_when(d, at("2026-06-07T23:59:59+08:00")), DueWhen::kNotYet);
  EXPECT_EQ(due_when(d, at("2026-06-07T16:00:00Z")), DueWhen::kToday);  // 00:00 +08:00
  EXPECT_EQ(due_when(d, at("2026-06-08T23:59:59+08:00")), DueWhen::kToday);
  EXPECT_EQ(due_when(d, at("2026-06-09T00:00:00+08:00")), DueWhen::kOverdue);
  // Quarterly and never seen: from the day the record was opened.
  const Due g =
      due_of(rules, {"general", at("2026-01-01T12:00:00+08:00"), std::nullopt, std::nullopt});
  EXPECT_EQ(g.from, at("2026-04-02T00:00:00+08:00"));
  EXPECT_EQ(g.reason, "first_visit");
}

TEST(VisitRulesTest, TheDayTurnsAtMidnightInShanghaiNotUtc) {
  const VisitRules rules;
  // 23:30 +08:00 on 31 May is 15:30 UTC the same day; 00:30 +08:00 on 1 June
  // is still 31 May in UTC but 1 June in the district.
  const Due late = due_of(rules, {"high", 0, at("2026-05-31T23:30:00+08:00"), std::nullopt});
  const Due early = due_of(rules, {"high", 0, at("2026-06-01T00:30:00+08:00"), std::nullopt});
  EXPECT_EQ(late.from, at("2026-06-07T00:00:00+08:00"));
  EXPECT_EQ(early.from, at("2026-06-08T00:00:00+08:00"));
  EXPECT_EQ(end_of_local_day(at("2026-06-01T15:59:59Z")), at("2026-06-02T00:00:00+08:00"));
  EXPECT_EQ(end_of_local_day(at("2026-06-01T16:00:00Z")), at("2026-06-03T00:00:00+08:00"));
}

TEST(VisitRulesTest, AReportedChangeMakesAVisitDueWithin24Hours) {
  const VisitRules rules;
  const int64_t seen = at("2026-06-01T10:00:00+08:00");
  const int64_t fall = at("2026-06-03T15:00:00+08:00");
  const Due d = due_of(rules, {"general", 0, seen, fall});
  EXPECT_EQ(d.reason, "change");
  EXPECT_EQ(d.from, fall);
  EXPECT_EQ(d.deadline, fall + 24 * 3600);
  EXPECT_EQ(due_when(d, fall + 60), DueWhen::kToday);
  EXPECT_EQ(due_when(d, at("2026-06-04T09:00:00+08:00")), DueWhen::kToday);
  EXPECT_EQ(due_when(d, fall + 24 * 3600), DueWhen::kOverdue);
  // A visit that saw her after the change ends it.
  const Due after = due_of(rules, {"general", 0, fall + 3600, fall});
  EXPECT_EQ(after.reason, "interval");
  // An interval deadline earlier than the change's keeps the interval's.
  const Due weekly =
      due_of(rules, {"high", 0, at("2026-05-28T10:00:00+08:00"), at("2026-06-04T20:00:00+08:00")});
  EXPECT_EQ(weekly.reason, "interval");
  EXPECT_EQ(weekly.deadline, at("2026-06-05T00:00:00+08:00"));
}

TEST(VisitRulesTest, EscalationCallsEachContactThenTheDutyPhoneThenResolves) {
  std::vector<Step> done;
  EXPECT_EQ(next_steps(2, done), (std::vector<std::string>{"contact"}));
  Step resolve{"resolved", "found_well", std::nullopt};
  EXPECT_EQ(check_step(2, done, resolve).code(), Code::kConflict);
  Step duty{"duty_phone", "reached", std::nullopt};
  EXPECT_EQ(check_step(2, done, duty).code(), Code::kConflict);
  Step first{"contact", "not_reached", std::nullopt};
  ASSERT_TRUE(check_step(2, done, first).ok());
  EXPECT_EQ(first.contact_index, 0);
  done.push_back(first);
  Step second{"contact", "not_reached", 7};
  ASSERT_TRUE(check_step(2, done, second).ok());
  EXPECT_EQ(second.contact_index, 1);
  done.push_back(second);
  EXPECT_EQ(next_steps(2, done), (std::vector<std::string>{"duty_phone"}));
  Step third{"contact", "reached", std::nullopt};
  EXPECT_EQ(check_step(2, done, third).code(), Code::kConflict);
  ASSERT_TRUE(check_step(2, done, duty).ok());
  done.push_back(duty);
  EXPECT_EQ(next_steps(2, done), (std::vector<std::string>{"resolved"}));
  ASSERT_TRUE(check_step(2, done, resolve).ok());
  done.push_back(resolve);
  EXPECT_TRUE(next_steps(2, done).empty());
  EXPECT_EQ(check_step(2, done, resolve).code(), Code::kConflict);
}

TEST(VisitRulesTest, AReachedContactMayResolveAndNoContactsGoStraightToTheDutyPhone) {
  std::vector<Step> done{{"contact", "reached", 0}};
  EXPECT_EQ(next_steps(2, done), (std::vector<std::string>{"contact", "resolved"}));
  EXPECT_EQ(next_steps(0, {}), (std::vector<std::string>{"duty_phone"}));
  EXPECT_EQ(step_results("contact"), (std::vector<std::string>{"reached", "not_reached"}));
  EXPECT_EQ(step_results("resolved").size(), 3u);
  EXPECT_TRUE(step_results("fax").empty());
}

}  // namespace
}  // namespace warmcity::eldercare
