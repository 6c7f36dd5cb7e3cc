#include "calendar/year_days.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warmcity::calendar {
namespace {

std::vector<std::string> fields(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& e : s.field_errors()) out.push_back(e.field);
  return out;
}

std::string day(const std::string& date, const std::string& kind, const std::string& name) {
  return R"({"date":")" + date + R"(","kind":")" + kind + R"(","name":")" + name + R"("})";
}

TEST(YearDaysTest, ReadsAGoodYearInTheOrderGiven) {
  auto r = read_year_days(2027, R"({"days":[)" + day("2027-02-06", "holiday", "春节") + "," +
                                    day("2027-01-03", "workday", "元旦调休") + "]}");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].date, (core::LocalDate{2027, 2, 6}));
  EXPECT_EQ((*r)[0].kind, core::DayKind::kHoliday);
  EXPECT_EQ((*r)[0].name, "春节");
  EXPECT_EQ((*r)[1].kind, core::DayKind::kWorkday);
}

TEST(YearDaysTest, AnEmptyYearIsAllowed) {
  auto r = read_year_days(2027, R"({"days":[]})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(YearDaysTest, MalformedBodiesAreBadRequests) {
  EXPECT_EQ(read_year_days(2027, "").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(read_year_days(2027, R"({"days":)").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(read_year_days(2027, "[]").status().code(), Code::kInvalidArgument);
}

TEST(YearDaysTest, EachBadDayIsNamed) {
  auto r = read_year_days(
      2027, R"({"days":[)" + day("2026-12-31", "holiday", "x") + "," +      // outside the year
                day("2027-01-05", "workday", "x") + "," +                   // a Tuesday
                day("2027-01-01", "vacation", "x") + "," +                  // unknown kind
                day("2027-13-01", "holiday", "x") + "," +                   // not a date
                day("2027-01-02", "holiday", "") + "," +                    // empty name
                day("2027-01-03", "holiday", " 元旦") + "," +               // padded name
                R"({"date":"2027-01-04","kind":"holiday","name":"a\nb"},)"  // newline
                R"({"date":"2027-01-06","kind":"holiday","name":"x","note":1},)"
                R"({"kind":"holiday","name":"x"},)"
                R"(7)"
                "]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_EQ(fields(r.status()),
            (std::vector<std::string>{"days[0].date", "days[1].date", "days[2].kind",
                                      "days[3].date", "days[4].name", "days[5].name",
                                      "days[6].name", "days[7].note", "days[8].date", "days[9]"}));
}

TEST(YearDaysTest, DuplicateDatesPointAtTheFirst) {
  auto r = read_year_days(2027, R"({"days":[)" + day("2027-01-01", "holiday", "元旦") + "," +
                                    day("2027-01-01", "holiday", "元旦") + "]}");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(fields(r.status()), std::vector<std::string>{"days[1].date"});
  EXPECT_EQ(r.status().field_errors()[0].message, "is already listed as days[0]");
}

TEST(YearDaysTest, TheListItselfIsChecked) {
  EXPECT_EQ(fields(read_year_days(2027, "{}").status()), std::vector<std::string>{"days"});
  EXPECT_EQ(fields(read_year_days(2027, R"({"days":{}})").status()),
            std::vector<std::string>{"days"});
  EXPECT_EQ(fields(read_year_days(2027, R"({"days":[],"year":2027})").status()),
            std::vector<std::string>{"year"});
  std::string many = R"({"days":[)";
  for (size_t i = 0; i <= kMaxDaysPerYear; ++i) {
    if (i) many += ",";
    many += day("2027-01-01", "holiday", "x");
  }
  many += "]}";
  EXPECT_EQ(fields(read_year_days(2027, many).status()), std::vector<std::string>{"days"});
}

TEST(YearDaysTest, NamesAreCountedInCharacters) {
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "节";
  EXPECT_TRUE(
      read_year_days(2027, R"({"days":[)" + day("2027-01-01", "holiday", forty) + "]}").ok());
  auto r = read_year_days(2027, R"({"days":[)" + day("2027-01-01", "holiday", forty + "x") + "]}");
  EXPECT_EQ(fields(r.status()), std::vector<std::string>{"days[0].name"});
}

}  // namespace
}  // namespace warmcity::calendar
