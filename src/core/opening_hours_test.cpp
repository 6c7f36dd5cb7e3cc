#include "core/opening_hours.h"

#include <gtest/gtest.h>

#include "core/calendar_loader.h"
#include "core/time.h"

namespace warmcity::core {
namespace {

int64_t at(const char* local) {  // "2025-03-03T10:00" in district time
  return *parse_rfc3339(std::string(local) + ":00+08:00");
}

const Calendar& official() {
  static const Calendar* cal = [] {
    Result<Calendar> r = load_calendar_dir("data/calendar");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return new Calendar(r.ok() ? *r : Calendar());
  }();
  return *cal;
}

OpeningHours oh(const char* expr) {
  Result<OpeningHours> r = OpeningHours::parse(expr);
  EXPECT_TRUE(r.ok()) << expr << ": " << r.status().message();
  return r.ok() ? *r : *OpeningHours::parse("off");
}

State state(const char* expr, const char* local) {
  return oh(expr).state_at(at(local), official());
}

std::optional<std::string> next(const char* expr, const char* local) {
  std::optional<int64_t> n = oh(expr).next_change(at(local), official());
  if (!n) return std::nullopt;
  return format_rfc3339(*n).substr(0, 16);
}

constexpr char kOffice[] = "Mo-Fr 08:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off";

TEST(OpeningHoursTest, OfficeHours) {
  EXPECT_EQ(state(kOffice, "2025-03-03T10:00"), State::kOpen);  // Monday
  EXPECT_EQ(state(kOffice, "2025-03-03T12:30"), State::kClosed);
  EXPECT_EQ(next(kOffice, "2025-03-03T12:30"), "2025-03-03T13:30");
  EXPECT_EQ(state(kOffice, "2025-03-08T10:00"), State::kOpen);  // Saturday
  EXPECT_EQ(next(kOffice, "2025-03-08T13:00"), "2025-03-10T08:00");
  EXPECT_EQ(state(kOffice, "2025-03-09T10:00"), State::kClosed);  // Sunday
}

TEST(OpeningHoursTest, MinuteBoundaries) {
  EXPECT_EQ(oh(kOffice).state_at(at("2025-03-03T12:00") - 1, official()), State::kOpen);
  EXPECT_EQ(oh(kOffice).state_at(at("2025-03-03T12:00"), official()), State::kClosed);
  EXPECT_EQ(oh(kOffice).state_at(at("2025-03-03T07:59") + 59, official()), State::kClosed);
}

TEST(OpeningHoursTest, PublicHolidayFromTheCalendar) {
  // Labour Day 2025: 05-01..05-05 off, Tuesday 05-06 back at work.
  const StateInfo info = oh(kOffice).info_at(at("2025-05-01T10:00"), official());
  EXPECT_EQ(info.state, State::kClosed);
  EXPECT_EQ(info.comment, "劳动节");
  EXPECT_EQ(next(kOffice, "2025-05-01T10:00"), "2025-05-06T08:00");
  constexpr char kMorningOnHolidays[] = "Mo-Su 08:00-18:00; PH 09:00-12:00";
  EXPECT_EQ(state(kMorningOnHolidays, "2025-10-01T08:30"), State::kClosed);
  EXPECT_EQ(state(kMorningOnHolidays, "2025-10-01T10:00"), State::kOpen);
  EXPECT_EQ(state(kMorningOnHolidays, "2025-10-01T13:00"), State::kClosed);
  EXPECT_EQ(state(kMorningOnHolidays, "2025-10-09T13:00"), State::kOpen);
}

TEST(OpeningHoursTest, WeekdaysIgnoreMakeUpWorkdays) {
  // Plain Mo-Fr follows the week, not the official calendar: Sunday
  // 2025-01-26 is a make-up working day, yet "Mo-Fr" does not select it.
  EXPECT_EQ(state(kOffice, "2025-01-26T10:00"), State::kClosed);
  EXPECT_EQ(state("WD 08:00-17:30", "2025-01-26T10:00"), State::kOpen);
}

TEST(OpeningHoursTest, OvernightBelongsToTheStartDay) {
  constexpr char kNights[] = "Mo-Fr 18:00-08:00";
  EXPECT_EQ(state(kNights, "2025-03-08T03:00"), State::kOpen);  // Saturday: Friday's night
  EXPECT_EQ(state(kNights, "2025-03-08T09:00"), State::kClosed);
  EXPECT_EQ(state(kNights, "2025-03-03T03:00"), State::kClosed);  // Monday: Sunday had none
  EXPECT_EQ(next(kNights, "2025-03-07T20:00"), "2025-03-08T08:00");
}

TEST(OpeningHoursTest, LaterRuleDropsTheSpillOverOfItsDays) {
  constexpr char kExpr[] = "Mo-Fr 18:00-08:00; We 10:00-12:00";
  EXPECT_EQ(state(kExpr, "2025-03-05T03:00"), State::kClosed);  // Wednesday: overridden
  EXPECT_EQ(state(kExpr, "2025-03-05T11:00"), State::kOpen);
  EXPECT_EQ(state(kExpr, "2025-03-05T19:00"), State::kClosed);
  EXPECT_EQ(state(kExpr, "2025-03-06T03:00"), State::kOpen);  // Thursday: Wednesday's Mo-Fr night
  // "off" does not replace the day's earlier rules; it closes what it covers.
  EXPECT_EQ(state("Mo-Fr 08:00-17:00; We 12:00-13:00 off", "2025-03-05T12:30"), State::kClosed);
  EXPECT_EQ(state("Mo-Fr 08:00-17:00; We 12:00-13:00 off", "2025-03-05T14:00"), State::kOpen);
}

TEST(OpeningHoursTest, WeekdayAndMonthWrapping) {
  EXPECT_EQ(state("Sa-Mo 09:00-13:00", "2025-03-03T10:00"), State::kOpen);    // Monday
  EXPECT_EQ(state("Sa-Mo 09:00-13:00", "2025-03-04T10:00"), State::kClosed);  // Tuesday
  EXPECT_EQ(state("Dec-Feb 08:00-18:00", "2025-01-15T10:00"), State::kOpen);
  EXPECT_EQ(state("Dec-Feb 08:00-18:00", "2025-03-15T10:00"), State::kClosed);
  // Rules apply in order: a closing rule must come after the rule it closes.
  EXPECT_EQ(state("08:00-18:00; Dec 24-Jan 06 off", "2025-01-06T10:00"), State::kClosed);
  EXPECT_EQ(state("08:00-18:00; Dec 24-Jan 06 off", "2025-01-07T10:00"), State::kOpen);
  EXPECT_EQ(state("Dec 24-Jan 06 off; 08:00-18:00", "2025-01-06T10:00"), State::kOpen);
  EXPECT_EQ(state("Jun 01-Aug 31 06:00-21:00", "2025-08-31T20:00"), State::kOpen);
  EXPECT_EQ(state("Jun 01-Aug 31 06:00-21:00", "2025-09-01T20:00"), State::kClosed);
  EXPECT_EQ(state("Mo,We,Fr 10:00-11:00", "2025-03-05T10:30"), State::kOpen);
}

TEST(OpeningHoursTest, ModifiersCommentsAndFallback) {
  const StateInfo appointment =
      oh("Mo-Fr 08:00-12:00 \"by appointment\"").info_at(at("2025-03-03T10:00"), official());
  EXPECT_EQ(appointment.state, State::kUnknown);
  EXPECT_EQ(appointment.comment, "by appointment");
  EXPECT_EQ(state("Mo-Fr 08:00-12:00 unknown", "2025-03-03T10:00"), State::kUnknown);
  EXPECT_EQ(state("Mo-Fr 08:00-12:00 closed", "2025-03-03T10:00"), State::kClosed);
  constexpr char kFallback[] = "Mo-Fr 08:00-17:00 || \"by appointment\"";
  EXPECT_EQ(state(kFallback, "2025-03-03T10:00"), State::kOpen);
  EXPECT_EQ(state(kFallback, "2025-03-08T10:00"), State::kUnknown);
  EXPECT_EQ(state("24/7", "2025-03-03T10:00"), State::kOpen);
  EXPECT_EQ(next("24/7", "2025-03-03T10:00"), std::nullopt);
  EXPECT_EQ(next("off", "2025-03-03T10:00"), std::nullopt);
  EXPECT_EQ(state("Mo-Fr 09:00-17:00, Sa 10:00-12:00 unknown", "2025-03-08T11:00"),
            State::kUnknown);
}

TEST(OpeningHoursTest, OpenEndIsUnknownUntilTheGuessedClose) {
  const StateInfo info = oh("18:00+").info_at(at("2025-03-03T19:00"), official());
  EXPECT_EQ(info.state, State::kUnknown);
  EXPECT_EQ(info.comment, "Specified as open end. Closing time was guessed.");
  EXPECT_EQ(next("18:00+", "2025-03-03T19:00"), "2025-03-04T04:00");
  EXPECT_EQ(state("10:00-12:00+", "2025-03-03T11:00"), State::kOpen);
  EXPECT_EQ(state("10:00-12:00+", "2025-03-03T12:00"), State::kUnknown);
  // The reference's quirk, kept: an open end followed by another range of
  // the same rule closes after its first instant (docs/opening-hours.md).
  EXPECT_EQ(state("10:00-12:00+", "2025-03-03T12:30"), State::kClosed);
}

TEST(OpeningHoursTest, ChinaWorkingAndOffDays) {
  // The agency lot is public whenever the agency is closed.
  constexpr char kLot[] = "WD 00:00-08:00,18:00-24:00; OD 00:00-24:00";
  EXPECT_EQ(state(kLot, "2025-09-27T10:00"), State::kOpen);    // ordinary Saturday
  EXPECT_EQ(state(kLot, "2025-09-28T03:00"), State::kOpen);    // make-up Sunday, night
  EXPECT_EQ(state(kLot, "2025-09-28T10:00"), State::kClosed);  // make-up Sunday, office hours
  EXPECT_EQ(state(kLot, "2025-10-08T23:30"), State::kOpen);    // last day of the holiday
  EXPECT_EQ(state(kLot, "2025-10-09T03:00"), State::kOpen);    // first working day, night
  EXPECT_EQ(next(kLot, "2025-10-08T23:30"), "2025-10-09T08:00");
  EXPECT_EQ(state(kLot, "2025-10-11T10:00"), State::kClosed);  // make-up Saturday
  // With an overnight range the night belongs to the day it starts on, so
  // the night before the first working day stays with the off day's
  // 00:00-24:00 and ends at midnight (see docs/opening-hours.md).
  constexpr char kOvernight[] = "WD 18:00-08:00; OD 00:00-24:00";
  EXPECT_EQ(state(kOvernight, "2025-10-11T10:00"), State::kClosed);
  EXPECT_EQ(state(kOvernight, "2025-10-11T19:00"), State::kOpen);
  EXPECT_EQ(state(kOvernight, "2025-10-12T03:00"), State::kOpen);
  EXPECT_EQ(state(kOvernight, "2025-10-09T03:00"), State::kClosed);
  EXPECT_EQ(state("08:00-17:00; OD off", "2025-10-03T10:00"), State::kClosed);
  EXPECT_EQ(state("08:00-17:00; OD off", "2025-10-09T10:00"), State::kOpen);
  EXPECT_TRUE(oh(kLot).uses_calendar());
  EXPECT_FALSE(oh("Mo-Fr 08:00-17:00").uses_calendar());
}

TEST(OpeningHoursTest, Intervals) {
  const std::vector<Interval> day =
      oh("Mo-Fr 08:00-12:00,13:30-17:30")
          .intervals(at("2025-03-03T00:00"), at("2025-03-04T00:00"), official());
  ASSERT_EQ(day.size(), 5u);
  EXPECT_EQ(day[0].state, State::kClosed);
  EXPECT_EQ(day[1].from, at("2025-03-03T08:00"));
  EXPECT_EQ(day[1].until, at("2025-03-03T12:00"));
  EXPECT_EQ(day[1].state, State::kOpen);
  EXPECT_EQ(day[3].from, at("2025-03-03T13:30"));
  EXPECT_EQ(day[4].until, at("2025-03-04T00:00"));
  EXPECT_TRUE(oh("24/7").intervals(10, 10, official()).empty());
  EXPECT_EQ(oh("24/7").intervals(0, 1000000, official()).size(), 1u);
}

struct BadCase {
  const char* expr;
  size_t position;
  const char* fragment;
};

TEST(OpeningHoursTest, ParseErrorsNameThePosition) {
  for (const BadCase& c : {
           BadCase{"", 0, "a rule"},
           BadCase{" ; ", 0, "a rule"},
           BadCase{"Mo-Xx 10:00-12:00", 3, "not \"Xx\""},
           BadCase{"Mo 10:00-", 9, "a time HH:MM"},
           BadCase{"Mo 10:60-12:00", 6, "minutes between 00 and 59"},
           BadCase{"Mo 10:00", 8, "'-' or '+'"},
           BadCase{"Mo 10:00-12:00 foo", 15, "not \"foo\""},
           BadCase{"Mo-Fr 08:00-12:00 ||", 20, "a rule after '||'"},
           BadCase{"\"备注\" Mo", 5, "',', ';', '||' or the end"},
           BadCase{"SH off", 0, "SH"},
           BadCase{"Mo, 10:00-12:00", 4, "a weekday"},
           BadCase{"Apr 31", 4, "between 01 and 30"},
           BadCase{"24:00-26:00", 0, "a start time before 24:00"},
           BadCase{"10:00-49:00", 6, "at most 48:00"},
           BadCase{"Mo 10:00-12:00 off 13:00-14:00", 19, "a \"comment\""},
           BadCase{"Mo \"unterminated", 3, "closing"},
           BadCase{"Jan 20-10", 7, "not before the first day"},
       }) {
    ParseError error;
    Result<OpeningHours> r = OpeningHours::parse(c.expr, &error);
    ASSERT_FALSE(r.ok()) << c.expr;
    EXPECT_EQ(r.status().code(), Code::kUnprocessable);
    EXPECT_EQ(error.position, c.position) << c.expr << ": " << error.expected;
    EXPECT_NE(error.expected.find(c.fragment), std::string::npos)
        << c.expr << ": " << error.expected;
    EXPECT_NE(r.status().message().find("at position " + std::to_string(c.position)),
              std::string::npos);
  }
}

TEST(OpeningHoursTest, AcceptsTheSupportedSyntax) {
  for (const char* expr : {
           "24/7",
           "mo-fr 08:00-12:00",
           "Mo-Fr 08:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
           "Sa-Mo 10:00-14:00",
           "Mo,We,Fr 09:00-10:00",
           "22:00-02:00",
           "18:00-08:00",
           "08:00-24:00",
           "20:00-26:00",
           "17:00+",
           "10:00-12:00+",
           "Mo-Fr 08:00-17:00 || closed",
           "Mo-Fr 08:00-17:00, Sa 09:00-12:00",
           "off",
           "closed",
           "unknown \"call\"",
           "open",
           "Jan-Mar 08:00-16:00",
           "Dec-Feb off",
           "Dec 24-Jan 06 off",
           "Jun 01-Aug 31 06:00-21:00",
           "Dec 25 off",
           "Jan 26-31 10:00-12:00",
           "PH 09:00-12:00",
           "Su,PH off",
           "PH,Sa off",
           "PH Mo-Fr 09:00-12:00",
           "WD 18:00-08:00; OD 00:00-24:00",
           "Mo-Fr 08:00-12:00;",
           "\"季节性开放\"",
       }) {
    EXPECT_TRUE(OpeningHours::parse(expr).ok())
        << expr << ": " << OpeningHours::parse(expr).status().message();
  }
}

// Beyond the loaded years (data/calendar ends with 2026) an expression that
// needs holidays is unknown, and says which year is missing; one that does
// not keeps answering.
TEST(OpeningHoursTest, HolidayRulesAreUnknownBeyondTheLoadedYears) {
  const StateInfo info = oh(kOffice).info_at(at("2027-01-01T10:00"), official());
  EXPECT_EQ(info.state, State::kUnknown);
  EXPECT_EQ(info.comment, "holidays for 2027 not yet loaded");
  EXPECT_EQ(calendar_gap_comment(2027), "holidays for 2027 not yet loaded");
  EXPECT_EQ(state(kOffice, "2027-01-05T10:00"), State::kUnknown);  // an ordinary Tuesday too
  EXPECT_EQ(state("WD 08:00-18:00", "2027-03-01T10:00"), State::kUnknown);
  EXPECT_EQ(state("OD off", "2027-03-01T10:00"), State::kUnknown);
  EXPECT_EQ(state("PH off", "2023-06-01T10:00"), State::kUnknown);  // before the first year
  EXPECT_EQ(next(kOffice, "2027-01-01T10:00"), std::nullopt);       // no later year is known
  // Without PH, WD or OD nothing changes.
  EXPECT_EQ(state("24/7", "2027-01-01T10:00"), State::kOpen);
  EXPECT_EQ(state("Mo-Fr 08:00-18:00", "2027-01-01T10:00"), State::kOpen);
  EXPECT_EQ(state("Mo-Fr 08:00-18:00", "2027-01-02T10:00"), State::kClosed);
  EXPECT_EQ(oh("Mo-Fr 08:00-18:00").info_at(at("2027-01-01T10:00"), official()).comment,
            std::nullopt);
}

TEST(OpeningHoursTest, TheLastLoadedDayEndsAtMidnightIntoUnknown) {
  // Thursday 2026-12-31 is an ordinary working day.
  EXPECT_EQ(state(kOffice, "2026-12-31T10:00"), State::kOpen);
  EXPECT_EQ(next(kOffice, "2026-12-31T18:00"), "2027-01-01T00:00");
  const std::vector<Interval> week =
      oh(kOffice).intervals(at("2026-12-31T12:00"), at("2027-01-03T00:00"), official());
  ASSERT_EQ(week.size(), 4u);
  EXPECT_EQ(week[0].state, State::kClosed);
  EXPECT_EQ(week[1].state, State::kOpen);
  EXPECT_EQ(week[2].state, State::kClosed);
  EXPECT_EQ(week[3].from, at("2027-01-01T00:00"));
  EXPECT_EQ(week[3].until, at("2027-01-03T00:00"));
  EXPECT_EQ(week[3].state, State::kUnknown);
  EXPECT_EQ(week[3].comment, "holidays for 2027 not yet loaded");
  // Once 2027 is loaded, the same question has its answer.
  Result<Calendar> with_2027 =
      official().with_year(2027, {{{2027, 1, 1}, DayKind::kHoliday, "元旦"}});
  ASSERT_TRUE(with_2027.ok());
  const StateInfo new_year = oh(kOffice).info_at(at("2027-01-01T10:00"), *with_2027);
  EXPECT_EQ(new_year.state, State::kClosed);
  EXPECT_EQ(new_year.comment, "元旦");
  EXPECT_EQ(oh(kOffice).state_at(at("2027-01-04T10:00"), *with_2027), State::kOpen);
}

TEST(OpeningHoursTest, AGapYearIsUnknownUntilTheNextKnownYear) {
  Result<Calendar> gap = Calendar::parse(
      "year 2026\n2026-10-01 holiday 国庆节\nyear 2028\n2028-10-02 holiday 国庆节\n");
  ASSERT_TRUE(gap.ok()) << gap.status().message();
  const OpeningHours hours = oh("Mo-Su 08:00-18:00; PH off");
  EXPECT_EQ(hours.state_at(at("2027-06-01T10:00"), *gap), State::kUnknown);
  EXPECT_EQ(format_rfc3339(*hours.next_change(at("2027-06-01T10:00"), *gap, int64_t{400} * 86400)),
            "2028-01-01T00:00:00+08:00");  // unknown until 2028 starts
  EXPECT_EQ(hours.state_at(at("2028-06-01T10:00"), *gap), State::kOpen);
  EXPECT_EQ(hours.state_at(at("2028-10-02T10:00"), *gap), State::kClosed);
  // A calendar that knows no year at all cannot answer PH anywhere.
  EXPECT_EQ(hours.state_at(at("2026-06-01T10:00"), Calendar()), State::kUnknown);
}

TEST(OpeningHoursTest, AnOvernightRuleFromAnUnknownNewYearsEveIsUnknown) {
  Result<Calendar> only_2026 = Calendar::parse("year 2026\n2026-01-01 holiday 元旦\n");
  ASSERT_TRUE(only_2026.ok());
  const OpeningHours nights = oh("PH 22:00-02:00");
  // 2025-12-31 is not loaded: whether its night runs into 2026 is not known.
  const StateInfo early = nights.info_at(at("2026-01-01T01:00"), *only_2026);
  EXPECT_EQ(early.state, State::kUnknown);
  EXPECT_EQ(early.comment, "holidays for 2025 not yet loaded");
  EXPECT_EQ(format_rfc3339(*nights.next_change(at("2026-01-01T01:00"), *only_2026)),
            "2026-01-01T02:00:00+08:00");  // then closed until 22:00
  EXPECT_EQ(nights.state_at(at("2026-01-01T03:00"), *only_2026), State::kClosed);
  EXPECT_EQ(nights.state_at(at("2026-01-01T23:00"), *only_2026), State::kOpen);
  EXPECT_EQ(nights.state_at(at("2026-01-02T01:00"), *only_2026), State::kOpen);
}

// Each "A-B+" makes the reference parse the rest of its list again: forty of
// them would be 2^40 ranges. Refused at 100 ranges in a rule, at once (found
// by fuzz/opening_hours; the input is in fuzz/regressions/opening_hours/).
TEST(OpeningHoursTest, RepeatedOpenEndRangesAreBounded) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += (i ? ", " : "") + std::string("00:00-08:00+");
  ParseError error;
  auto parsed = OpeningHours::parse(many, &error);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(error.expected.find("at most 100 time ranges"), std::string::npos);
  std::string few = "00:00-08:00+, 09:00-10:00+, 11:00-12:00+, 13:00-14:00";
  EXPECT_TRUE(OpeningHours::parse(few).ok());
}

TEST(OpeningHoursTest, CopiesShareTheProgram) {
  OpeningHours a = oh(kOffice);
  OpeningHours b = a;
  EXPECT_EQ(b.source(), kOffice);
  EXPECT_EQ(b.state_at(at("2025-03-03T10:00"), official()), State::kOpen);
}

}  // namespace
}  // namespace warmcity::core
