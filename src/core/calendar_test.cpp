#include "core/calendar.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "core/calendar_holder.h"
#include "core/calendar_loader.h"

namespace warmcity::core {
namespace {

int64_t at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

const Calendar& official() {
  static const Calendar* cal = [] {
    Result<Calendar> r = load_calendar_dir("data/calendar");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return new Calendar(r.ok() ? *r : Calendar());
  }();
  return *cal;
}

TEST(CalendarTest, LoadsTheShippedYears) {
  EXPECT_EQ(official().known_years(), (std::vector<int>{2024, 2025, 2026}));
}

TEST(CalendarTest, SpringFestival2025) {
  const Calendar& c = official();
  // Sunday 2025-01-26 is a make-up working day.
  EXPECT_TRUE(c.is_working_day({2025, 1, 26}));
  EXPECT_FALSE(c.is_public_holiday({2025, 1, 26}));
  EXPECT_TRUE(c.is_working_day({2025, 1, 27}));
  for (int d = 28; d <= 31; ++d) {
    EXPECT_TRUE(c.is_public_holiday({2025, 1, d})) << d;
    EXPECT_FALSE(c.is_working_day({2025, 1, d})) << d;
  }
  for (int d = 1; d <= 4; ++d) EXPECT_TRUE(c.is_public_holiday({2025, 2, d})) << d;
  EXPECT_TRUE(c.is_working_day({2025, 2, 5}));
  EXPECT_TRUE(c.is_working_day({2025, 2, 8}));   // Saturday make-up day
  EXPECT_FALSE(c.is_working_day({2025, 2, 9}));  // ordinary Sunday
  ASSERT_NE(c.find({2025, 1, 29}), nullptr);
  EXPECT_EQ(c.find({2025, 1, 29})->name, "春节");
}

TEST(CalendarTest, NationalDay2025) {
  const Calendar& c = official();
  EXPECT_TRUE(c.is_working_day({2025, 9, 28}));   // Sunday make-up day
  EXPECT_FALSE(c.is_working_day({2025, 9, 27}));  // ordinary Saturday
  for (int d = 1; d <= 8; ++d) EXPECT_FALSE(c.is_working_day({2025, 10, d})) << d;
  EXPECT_EQ(c.find({2025, 10, 6})->name, "中秋");
  EXPECT_TRUE(c.is_working_day({2025, 10, 11}));  // Saturday make-up day
  EXPECT_EQ(c.next_working_day({2025, 9, 30}), (LocalDate{2025, 10, 9}));
  EXPECT_EQ(c.next_working_day({2025, 9, 26}), (LocalDate{2025, 9, 28}));
}

TEST(CalendarTest, UnknownYearsFollowTheOrdinaryWeek) {
  const Calendar& c = official();
  EXPECT_TRUE(c.is_working_day({2030, 1, 1}));  // a Tuesday; 2030 is not loaded
  EXPECT_FALSE(c.is_public_holiday({2030, 1, 1}));
  EXPECT_FALSE(c.is_working_day({2030, 1, 5}));
}

TEST(CalendarTest, AddWorkingDaysAcrossSpringFestival) {
  const Calendar& c = official();
  // Friday 2025-01-24 10:00: 1 = Sun 01-26 (make-up), 2 = Mon 01-27, holiday, 3 = Wed 02-05.
  EXPECT_EQ(c.add_working_days(at("2025-01-24T10:00:00+08:00"), 1),
            at("2025-01-26T10:00:00+08:00"));
  EXPECT_EQ(c.add_working_days(at("2025-01-24T10:00:00+08:00"), 3),
            at("2025-02-05T10:00:00+08:00"));
  EXPECT_EQ(c.add_working_days(at("2025-01-24T10:00:00+08:00"), 0),
            at("2025-01-24T10:00:00+08:00"));
}

TEST(CalendarTest, AddWorkingDaysAcrossNationalDay) {
  const Calendar& c = official();
  const int64_t fri = at("2025-09-26T16:00:00+08:00");
  EXPECT_EQ(c.add_working_days(fri, 1), at("2025-09-28T16:00:00+08:00"));
  EXPECT_EQ(c.add_working_days(fri, 4), at("2025-10-09T16:00:00+08:00"));
  EXPECT_EQ(c.add_working_days(fri, 6), at("2025-10-11T16:00:00+08:00"));
  // Starting on a non-working day counts from the next day like any other start.
  EXPECT_EQ(c.add_working_days(at("2025-10-03T09:30:00+08:00"), 1),
            at("2025-10-09T09:30:00+08:00"));
  // Late evening near midnight keeps its district time of day.
  EXPECT_EQ(c.add_working_days(at("2025-09-30T23:59:00+08:00"), 1),
            at("2025-10-09T23:59:00+08:00"));
}

TEST(CalendarTest, AddWorkingHours) {
  const Calendar& c = official();
  // Mon 2025-01-27 16:00: 1.5 h left that day, then the holiday, then 2.5 h on Wed 02-05.
  EXPECT_EQ(c.add_working_hours(at("2025-01-27T16:00:00+08:00"), 4),
            at("2025-02-05T11:30:00+08:00"));
  // Saturday start runs on the Sunday make-up day.
  EXPECT_EQ(c.add_working_hours(at("2025-01-25T10:00:00+08:00"), 2),
            at("2025-01-26T11:00:00+08:00"));
  // Landing on the end of the morning period stays at 12:00.
  EXPECT_EQ(c.add_working_hours(at("2025-03-03T09:00:00+08:00"), 3),
            at("2025-03-03T12:00:00+08:00"));
  // Lunch break is skipped.
  EXPECT_EQ(c.add_working_hours(at("2025-03-03T11:00:00+08:00"), 2),
            at("2025-03-03T14:30:00+08:00"));
  // Custom hours.
  Result<WorkHours> wh = WorkHours::make({{8 * 60, 12 * 60}});
  ASSERT_TRUE(wh.ok());
  EXPECT_EQ(c.add_working_hours(at("2025-03-03T11:00:00+08:00"), 2, *wh),
            at("2025-03-04T09:00:00+08:00"));
}

TEST(CalendarTest, WorkHoursValidation) {
  EXPECT_FALSE(WorkHours::make({}).ok());
  EXPECT_FALSE(WorkHours::make({{600, 600}}).ok());
  EXPECT_FALSE(WorkHours::make({{600, 1500}}).ok());
  EXPECT_FALSE(WorkHours::make({{600, 720}, {700, 800}}).ok());
  EXPECT_TRUE(WorkHours::make({{0, 1440}}).ok());
}

TEST(CalendarTest, ParseErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* fragment;
  };
  for (const Case& c : {
           Case{"2025-01-01 holiday 元旦\n", "line 1: a \"year YYYY\" line"},
           Case{"year 2025\n2025-01-01 holiday\n2025-01-01 holiday\n",
                "line 3: 2025-01-01 is listed twice"},
           Case{"year 2025\n\n2024-12-31 holiday x\n", "line 3: 2024-12-31 lies outside year 2025"},
           Case{"year 2025\n2025-01-02 workday x\n", "line 2: 2025-01-02 is not a Saturday"},
           Case{"year 2025\n2025-01-01 feast x\n", "line 2: expected \"holiday\" or \"workday\""},
           Case{"year 25\n", "line 1: expected \"year YYYY\""},
           Case{"year 2025\nyear 2025\n", "line 2: year 2025 appears twice"},
           Case{"year 2025\n2025-02-30 holiday x\n", "line 2:"},
       }) {
    Result<Calendar> r = Calendar::parse(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), Code::kUnprocessable);
    EXPECT_NE(r.status().message().find(c.fragment), std::string::npos) << r.status().message();
  }
}

TEST(CalendarTest, WithYearReplacesOnlyThatYear) {
  Result<Calendar> base = Calendar::parse(
      "# test\nyear 2025\n2025-01-01 holiday 元旦\nyear 2026\n2026-01-01 holiday 元旦\n");
  ASSERT_TRUE(base.ok()) << base.status().message();
  Result<Calendar> next = base->with_year(2026, {{{2026, 1, 2}, DayKind::kHoliday, "x"}});
  ASSERT_TRUE(next.ok());
  EXPECT_TRUE(next->is_public_holiday({2025, 1, 1}));
  EXPECT_FALSE(next->is_public_holiday({2026, 1, 1}));
  EXPECT_TRUE(next->is_public_holiday({2026, 1, 2}));
  EXPECT_TRUE(base->is_public_holiday({2026, 1, 1}));  // the original is unchanged
  Result<Calendar> added = base->with_year(2027, {});
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->known_years(), (std::vector<int>{2025, 2026, 2027}));
  EXPECT_FALSE(base->with_year(2026, {{{2025, 1, 2}, DayKind::kHoliday, ""}}).ok());
  EXPECT_FALSE(base->with_year(2026, {{{2026, 1, 5}, DayKind::kHoliday, ""},
                                      {{2026, 1, 5}, DayKind::kHoliday, ""}})
                   .ok());
}

TEST(CalendarTest, NextPublicHoliday) {
  const Calendar& c = official();
  EXPECT_EQ(*c.next_public_holiday_after({2025, 1, 2}), (LocalDate{2025, 1, 28}));
  EXPECT_EQ(*c.next_public_holiday_after({2025, 1, 28}), (LocalDate{2025, 1, 29}));
  EXPECT_FALSE(c.next_public_holiday_after({2026, 12, 31}).has_value());
}

TEST(CalendarTest, CoveredUntilTheEndOfTheUnbrokenRunOfYears) {
  const Calendar& c = official();
  EXPECT_EQ(c.covered_until({2026, 12, 4}), (LocalDate{2026, 12, 31}));
  EXPECT_EQ(c.covered_until({2024, 3, 1}), (LocalDate{2026, 12, 31}));
  EXPECT_EQ(c.covered_until({2027, 2, 1}), (LocalDate{2026, 12, 31}));  // already run out
  EXPECT_EQ(c.covered_until({2023, 6, 1}), std::nullopt);
  EXPECT_EQ(Calendar().covered_until({2026, 12, 4}), std::nullopt);
  Result<Calendar> gap = Calendar::parse("year 2024\nyear 2025\nyear 2027\n");
  ASSERT_TRUE(gap.ok());
  EXPECT_EQ(gap->covered_until({2024, 5, 1}), (LocalDate{2025, 12, 31}));
  EXPECT_EQ(gap->covered_until({2026, 5, 1}), (LocalDate{2025, 12, 31}));
  EXPECT_EQ(gap->covered_until({2027, 5, 1}), (LocalDate{2027, 12, 31}));
  EXPECT_EQ(gap->next_known_year_after(2025), 2027);
  EXPECT_EQ(gap->next_known_year_after(2027), std::nullopt);
  // The same as runs of days, for the opening-hours evaluator.
  const int64_t jan1_2024 = days_from_civil({2024, 1, 1});
  const int64_t jan1_2026 = days_from_civil({2026, 1, 1});
  const int64_t jan1_2027 = days_from_civil({2027, 1, 1});
  ASSERT_TRUE(gap->run_holding(jan1_2026 - 1).has_value());  // 2025-12-31
  EXPECT_EQ(gap->run_holding(jan1_2026 - 1)->first, jan1_2024);
  EXPECT_EQ(gap->run_holding(jan1_2026 - 1)->end, jan1_2026);
  EXPECT_FALSE(gap->run_holding(jan1_2026).has_value());
  EXPECT_FALSE(gap->run_holding(jan1_2024 - 1).has_value());
  EXPECT_EQ(gap->next_run_start(jan1_2026), jan1_2027);
  EXPECT_EQ(gap->next_run_start(jan1_2027), std::nullopt);
}

// A deadline past the loaded years is computed on the plain week (so an
// appeal always gets one) and says that it is an estimate.
TEST(CalendarTest, DeadlinesBeyondTheLoadedYearsAreMarked) {
  const Calendar& c = official();
  const uint64_t before = Calendar::deadlines_beyond_calendar();
  bool beyond = true;
  EXPECT_EQ(c.add_working_days(at("2025-01-24T10:00:00+08:00"), 3, &beyond),
            at("2025-02-05T10:00:00+08:00"));
  EXPECT_FALSE(beyond);
  EXPECT_EQ(Calendar::deadlines_beyond_calendar(), before);
  // Wednesday 2026-12-30 + 3 working days: Thu 31, then Fri 2027-01-01 and
  // Mon 01-04 as plain weekdays (元旦 2027 is not loaded).
  EXPECT_EQ(c.add_working_days(at("2026-12-30T10:00:00+08:00"), 3, &beyond),
            at("2027-01-04T10:00:00+08:00"));
  EXPECT_TRUE(beyond);
  EXPECT_EQ(Calendar::deadlines_beyond_calendar(), before + 1);
  EXPECT_EQ(c.add_working_days(at("2026-12-30T10:00:00+08:00"), 1, &beyond),
            at("2026-12-31T10:00:00+08:00"));
  EXPECT_FALSE(beyond);
  EXPECT_EQ(c.add_working_hours(at("2026-12-31T16:00:00+08:00"), 4, WorkHours(), &beyond),
            at("2027-01-01T11:30:00+08:00"));
  EXPECT_TRUE(beyond);
  EXPECT_EQ(c.add_working_hours(at("2026-12-31T09:00:00+08:00"), 2, WorkHours(), &beyond),
            at("2026-12-31T11:00:00+08:00"));
  EXPECT_FALSE(beyond);
  EXPECT_EQ(Calendar::deadlines_beyond_calendar(), before + 2);
  // Loading 2027 makes the same deadline exact, and later.
  Result<Calendar> with_2027 = c.with_year(2027, {{{2027, 1, 1}, DayKind::kHoliday, "元旦"}});
  ASSERT_TRUE(with_2027.ok());
  EXPECT_EQ(with_2027->add_working_days(at("2026-12-30T10:00:00+08:00"), 3, &beyond),
            at("2027-01-05T10:00:00+08:00"));
  EXPECT_FALSE(beyond);
}

TEST(CalendarTest, LoaderRejectsMissingDirectory) {
  Result<Calendar> r = load_calendar_dir("no/such/dir");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
}

TEST(CalendarHolderTest, SwapWhileReading) {
  CalendarHolder holder;
  EXPECT_TRUE(holder.get()->known_years().empty());
  auto full = std::make_shared<const Calendar>(official());
  std::atomic<bool> stop{false};
  std::atomic<int> seen_full{0};
  std::thread reader([&] {
    while (!stop.load()) {
      std::shared_ptr<const Calendar> c = holder.get();
      if (!c->known_years().empty()) seen_full.fetch_add(1);
    }
  });
  holder.set(full);
  while (seen_full.load() == 0) std::this_thread::yield();
  stop = true;
  reader.join();
  EXPECT_EQ(holder.get().get(), full.get());
}

}  // namespace
}  // namespace warmcity::core
