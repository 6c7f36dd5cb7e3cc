// Calendar: China's official public holidays and make-up working days (调休).
//
// Owns: an immutable, per-year table of the days the State Council declares
// as public holidays (放假) or as make-up working days (调休上班) on a weekend,
// and the working-day arithmetic built on it (next working day, deadlines in
// working days and in working hours).
//
// A day not listed follows the ordinary week: Monday–Friday working,
// Saturday/Sunday off. Years the calendar does not know (see known_years())
// are treated the same way by is_working_day() and the deadline arithmetic, so
// a deadline that runs past the last loaded year is still computed, only
// without that year's holidays: such a deadline is an estimate, and says so
// (the `beyond_calendar` out-parameter, deadlines_beyond_calendar()). Opening
// hours do not guess: a rule that needs holidays answers `unknown` on a day
// whose year is not loaded (opening_hours.h). covered_until() is the last day
// the calendar speaks for, shown by /api/v1/health and /metrics.
//
// Text format (Calendar::parse, one item per line, UTF-8):
//   # comment                      ignored, as are blank lines
//   year 2025                      starts the section for that year
//   2025-01-28 holiday 春节        a public holiday (name optional)
//   2025-01-26 workday 春节调休    a make-up working day (must be Sat/Sun)
// A year appears at most once; a date appears at most once and must lie in
// its section's year. Errors are kUnprocessable naming the line number.
//
// Written here: no C++ library knows China's make-up working days; the data
// comes from the State Council notices (国办发明电) via scripts/gen-calendar.mjs.
//
// REQUIRES: nothing. Working-day arithmetic walks day by day, so callers bound
// n and hours to deadline sizes (days to weeks). Thread-safety: a Calendar is immutable after
// construction; share it freely across threads (see CalendarHolder for
// swapping it at run time). No I/O (see calendar_loader.h for files).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::core {

enum class DayKind {
  kHoliday,  // public holiday (法定节假日 incl. the weekend days of the break)
  kWorkday,  // make-up working day on a weekend (调休上班)
};

struct OfficialDay {
  LocalDate date;
  DayKind kind = DayKind::kHoliday;
  std::string name;  // e.g. "春节"; may be empty
};

// One period of a working day, in minutes after local midnight [start, end).
struct WorkPeriod {
  int start_minute = 0;
  int end_minute = 0;
};

// The office hours of a working day. Default: 09:00-12:00 and 13:30-17:30.
class WorkHours {
 public:
  WorkHours();
  // REQUIRES nothing; rejects (kInvalidArgument) an empty list, a period
  // outside 00:00-24:00, an empty period, or periods not in ascending,
  // non-overlapping order.
  static Result<WorkHours> make(std::vector<WorkPeriod> periods);
  const std::vector<WorkPeriod>& periods() const { return periods_; }

 private:
  explicit WorkHours(std::vector<WorkPeriod> periods) : periods_(std::move(periods)) {}
  std::vector<WorkPeriod> periods_;
};

class Calendar {
 public:
  Calendar() = default;  // knows no year: the plain Monday–Friday week

  static Result<Calendar> parse(std::string_view text);

  // A new calendar equal to this one with `year` replaced by `days` (added if
  // unknown). Rejects (kUnprocessable) a day outside `year`, a date listed
  // twice, or a workday that is not a Saturday or Sunday.
  Result<Calendar> with_year(int year, std::vector<OfficialDay> days) const;
  // A new calendar with every year of `other` replacing the same year here.
  Calendar merged(const Calendar& other) const;

  std::vector<int> known_years() const { return years_; }
  bool knows_year(int year) const;
  // The first known year after `year`, or nullopt.
  std::optional<int> next_known_year_after(int year) const;
  // Unbroken runs of known years as days (days_from_civil): [first, end).
  // For the opening-hours evaluator, which asks once per evaluation.
  struct DayRun {
    int64_t first = 0;
    int64_t end = 0;
  };
  // The run holding `day`, or nullopt when day's year is not known.
  std::optional<DayRun> run_holding(int64_t day) const;
  // The first day of the first run after `day`, or nullopt.
  std::optional<int64_t> next_run_start(int64_t day) const;
  // The last day of the unbroken run of known years that holds `today`; when
  // today's year is not known, the last day of the latest known year before
  // it (a date already past: the calendar has run out). nullopt when no year
  // up to today's is known.
  std::optional<LocalDate> covered_until(LocalDate today) const;
  std::vector<OfficialDay> days_of_year(int year) const;
  // The listed entry for d, or nullptr. The pointer lives as long as *this.
  const OfficialDay* find(LocalDate d) const;

  bool is_public_holiday(LocalDate d) const;
  // Mon–Fri unless a public holiday; Sat/Sun only if a make-up working day.
  bool is_working_day(LocalDate d) const;
  // The first working day strictly after d.
  LocalDate next_working_day(LocalDate d) const;
  // The first public holiday strictly after d, if the calendar lists one.
  std::optional<LocalDate> next_public_holiday_after(LocalDate d) const;

  // Deadline n working days after the instant: the same local time of day on
  // the n-th working day strictly after the start's local date. The start
  // day's own status does not count, so a request made on Saturday 15:00
  // with n=1 is due on the next working day at 15:00, exactly like one made
  // on Friday 15:00. n <= 0 returns unix unchanged.
  // Days in years the calendar does not know count as the ordinary week (an
  // estimate: that year's holidays are missing). When `beyond_calendar` is
  // not null it is set to whether the walk passed such a day; every such
  // deadline is also counted in deadlines_beyond_calendar().
  int64_t add_working_days(int64_t unix, int n, bool* beyond_calendar = nullptr) const;

  // Deadline after `hours` of office time: the clock runs only inside
  // `work_hours` on working days. A start outside office time begins at the
  // next period's start; a deadline landing exactly on a period's end is that
  // end (e.g. 12:00, not 13:30). hours <= 0 returns unix unchanged.
  // Unknown years as for add_working_days.
  int64_t add_working_hours(int64_t unix, int hours, const WorkHours& work_hours = WorkHours(),
                            bool* beyond_calendar = nullptr) const;

  // How many deadlines (add_working_days / add_working_hours) this process
  // computed through a year no calendar knew. Any thread.
  static uint64_t deadlines_beyond_calendar();

  // The same for a calendar and its copies, different for calendars made
  // apart (parsed, with_year, merged): a cache of answers that depend on the
  // calendar keys on it instead of comparing days.
  uint64_t serial() const { return serial_; }

 private:
  static uint64_t next_serial();
  static void count_beyond_calendar(bool beyond, bool* out);
  struct Entry {
    int64_t day;  // days_from_civil(date)
    OfficialDay official;
  };
  const Entry* find_day(int64_t day) const;

  void rebuild_runs();

  std::vector<Entry> entries_;  // sorted by day, unique
  std::vector<int> years_;      // sorted, unique
  std::vector<DayRun> runs_;    // years_ as runs of days, ascending
  uint64_t serial_ = next_serial();
};

}  // namespace warmcity::core
