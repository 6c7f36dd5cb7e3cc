// Opening hours, internal: the compiled form of an opening_hours expression.
//
// Owns: the data shared by the parser (opening_hours_parser.*), which builds
// it, and the evaluator (opening_hours_eval.*), which runs it. Not part of the
// public API; include core/opening_hours.h instead.
//
// The shape mirrors the reference implementation (npm opening_hours, "the
// reference" below) so its semantics carry over one to one:
//  - one Rule per rule of the expression, plus one extra "wrapped" Rule right
//    after any rule whose time ranges run past midnight: it selects the day
//    *after* each day the original rule selects (its date selectors are
//    evaluated one day earlier) and holds the after-midnight part;
//  - a Rule's date selectors come in groups: a day matches a group if any
//    selector in it matches, and matches the rule if every group matches;
//    groups are kept in the reference's evaluation order (holiday, month,
//    monthday, weekday) because evaluation stops at the first failing group;
//  - times are minutes after local midnight; an end past 24:00 wraps.
//
// REQUIRES: nothing; plain values.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace warmcity::core::oh_detail {

constexpr int kMinutesPerDay = 24 * 60;
// "No further change": the reference's `undefined` change date.
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

enum class DateKind {
  kWeekdays,       // a, b: first/last weekday (0=Sunday as in JS), inside
  kMonths,         // a, b: first/last month (0=January), inside
  kMonthDayRange,  // a/b: start month/day, c/d: end month/day ("Dec 24-Jan 06")
  kMonthDays,      // a: month, b: first day, c: last day ("Jan 26-31", "Dec 25")
  kPublicHoliday,  // PH: a public holiday in the Calendar
  kWorkingDay,     // WD (warmcity): an official working day
  kOffDay,         // OD (warmcity): not an official working day
};

struct DateSelector {
  DateKind kind = DateKind::kWeekdays;
  int a = 0, b = 0, c = 0, d = 0;
  bool inside = true;     // kWeekdays / kMonths: false when the range wraps
  bool full = false;      // kWeekdays / kMonths: selects everything, no change date
  bool is_range = false;  // kMonthDays: written as a range ("Feb 01-28")
};

struct TimeSelector {
  bool always = false;  // 24/7 or 00:00-24:00: matches, never changes
  int from = 0;         // minutes; may reach 2880 for an extended open end
  int to = 0;           // minutes; > 1440 means the range wraps past midnight
  bool open_end = false;
};

struct Rule {
  std::vector<std::vector<DateSelector>> date;  // groups, in evaluation order
  std::vector<TimeSelector> time;
  bool meaning = true;  // open (true) or closed/off (false)
  bool unknown = false;
  bool has_comment = false;
  std::string comment;
  bool fallback = false;    // after "||"
  bool additional = false;  // after "," inside a rule
  bool wrapped = false;     // the after-midnight part of the previous rule
};

struct Program {
  std::vector<Rule> rules;
  bool uses_calendar = false;  // PH, WD or OD appear
};

}  // namespace warmcity::core::oh_detail
