#include "calendar/hours_answer.h"

#include <gtest/gtest.h>

#include <string>

#include "core/calendar_loader.h"
#include "core/time.h"

namespace warmcity::calendar {
namespace {

const core::Calendar& official() {
  static const core::Calendar* cal = [] {
    Result<core::Calendar> r = core::load_calendar_dir("data/calendar");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return new core::Calendar(r.ok() ? *r : core::Calendar());
  }();
  return *cal;
}

Result<std::string> eval(HoursInput in, std::optional<core::ParseError>* where = nullptr) {
  return evaluate_hours(in, official(), 0, where);
}

std::vector<std::string> fields(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& e : s.field_errors()) out.push_back(e.field);
  return out;
}

TEST(HoursAnswerTest, OpenWithNextChange) {
  auto r = eval({"Mo-Fr 08:00-18:00", "2026-05-06T10:00:00+08:00", std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, R"({"state":"open","comment":null,"next_change":"2026-05-06T18:00:00+08:00"})");
}

TEST(HoursAnswerTest, ClosedOnAPublicHolidayNamesIt) {
  auto r = eval({"Mo-Su 08:00-18:00; PH off", "2026-10-01T10:00:00+08:00", std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r,
            R"({"state":"closed","comment":"国庆节","next_change":"2026-10-08T08:00:00+08:00"})");
}

TEST(HoursAnswerTest, IntervalsOnlyWithUntil) {
  auto r = eval({"Mo-Fr 08:00-18:00", "2026-05-06T00:00:00Z", "2026-05-06T12:00:00Z"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, R"({"state":"open","comment":null,"next_change":"2026-05-06T18:00:00+08:00",)"
                R"("intervals":[)"
                R"({"from":"2026-05-06T08:00:00+08:00","until":"2026-05-06T18:00:00+08:00",)"
                R"("state":"open","comment":null},)"
                R"({"from":"2026-05-06T18:00:00+08:00","until":"2026-05-06T20:00:00+08:00",)"
                R"("state":"closed","comment":null}]})");
}

TEST(HoursAnswerTest, AtDefaultsToNow) {
  const int64_t now = *core::parse_rfc3339("2026-05-06T20:00:00+08:00");
  auto r = evaluate_hours({"Mo-Fr 08:00-18:00", std::nullopt, std::nullopt}, official(), now);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, R"({"state":"closed","comment":null,"next_change":"2026-05-07T08:00:00+08:00"})");
}

TEST(HoursAnswerTest, NoNextChangeIsNull) {
  auto r = eval({"24/7", "2026-05-06T10:00:00+08:00", std::nullopt});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, R"({"state":"open","comment":null,"next_change":null})");
}

TEST(HoursAnswerTest, ParseErrorGivesPositionAndExpectation) {
  std::optional<core::ParseError> where;
  auto r = eval({"Mo 10:60-12:00", "2026-05-06T10:00:00+08:00", std::nullopt}, &where);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_EQ(fields(r.status()), std::vector<std::string>{"expr"});
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->position, 6u);
  EXPECT_EQ(where->expected, "minutes between 00 and 59");
  EXPECT_EQ(r.status().message(), r.status().field_errors()[0].message);
  EXPECT_NE(r.status().message().find("position 6"), std::string::npos);
}

TEST(HoursAnswerTest, OtherErrorsLeaveNoParsePosition) {
  std::optional<core::ParseError> where = core::ParseError{};
  auto r = eval({std::nullopt, "2026-05-06T10:00:00+08:00", std::nullopt}, &where);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(where.has_value());
  EXPECT_EQ(r.status().message(), "expr is required");
}

TEST(HoursAnswerTest, ExpressionLengthIsBounded) {
  std::string longest = "\"" + std::string(kMaxExprLength - 2, 'x') + "\"";
  EXPECT_TRUE(eval({longest, "2026-05-06T10:00:00+08:00", std::nullopt}).ok());
  auto r = eval({longest + " ", "2026-05-06T10:00:00+08:00", std::nullopt});
  EXPECT_EQ(fields(r.status()), std::vector<std::string>{"expr"});
  auto bad_utf8 = eval({std::string("Mo \xff"), std::nullopt, std::nullopt});
  EXPECT_EQ(fields(bad_utf8.status()), std::vector<std::string>{"expr"});
}

TEST(HoursAnswerTest, TimesAreCheckedTogether) {
  auto r = eval({"Mo 10:60-12:00", "tomorrow", "2026-05-06"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(fields(r.status()), (std::vector<std::string>{"expr", "at", "until"}));
  EXPECT_EQ(r.status().message(), "some parameters are not valid");
}

TEST(HoursAnswerTest, UntilMustFollowAtWithinAMonth) {
  const char* at = "2026-05-06T10:00:00+08:00";
  EXPECT_EQ(eval({"24/7", at, at}).status().message(), "until must be after at");
  EXPECT_EQ(eval({"24/7", at, "2026-05-06T09:00:00+08:00"}).status().code(), Code::kUnprocessable);
  EXPECT_TRUE(eval({"24/7", at, "2026-06-06T10:00:00+08:00"}).ok());  // 31 days
  EXPECT_EQ(eval({"24/7", at, "2026-06-06T10:00:01+08:00"}).status().message(),
            "until must be at most 31 days after at");
}

}  // namespace
}  // namespace warmcity::calendar
