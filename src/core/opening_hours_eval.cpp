#include "core/opening_hours_eval.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/time.h"

namespace warmcity::core::oh_detail {
namespace {

constexpr int64_t kOffsetSeconds = int64_t{kDistrictOffsetMinutes} * 60;

// The reference's text, kept identical so comments compare equal.
const std::string& open_end_comment() {
  static const std::string* text =
      new std::string("Specified as open end. Closing time was guessed.");
  return *text;
}

// What the selectors need to know about one local day, computed on demand.
class DayFacts {
 public:
  DayFacts(int64_t day, const Calendar& calendar) : day_(day), calendar_(calendar) {}

  int64_t day() const { return day_; }
  const LocalDate& date() {
    if (!have_date_) {
      date_ = civil_from_days(day_);
      have_date_ = true;
    }
    return date_;
  }
  int js_weekday() {  // 0=Sunday … 6=Saturday
    const int monday_based = weekday(date());
    return monday_based == 6 ? 0 : monday_based + 1;
  }
  const OfficialDay* official() {
    if (!have_official_) {
      official_ = calendar_.find(date());
      have_official_ = true;
    }
    return official_;
  }
  bool is_public_holiday() { return official() && official()->kind == DayKind::kHoliday; }
  bool is_working_day() {
    if (const OfficialDay* o = official()) return o->kind == DayKind::kWorkday;
    return js_weekday() >= 1 && js_weekday() <= 5;
  }
  const Calendar& calendar() const { return calendar_; }

 private:
  int64_t day_;
  const Calendar& calendar_;
  LocalDate date_;
  bool have_date_ = false;
  const OfficialDay* official_ = nullptr;
  bool have_official_ = false;
};

struct Match {
  bool match = false;
  int64_t change = kNever;  // local minute
  const std::string* name = nullptr;
  bool open_end = false;
};

// JavaScript's new Date(year, month0, day) as a day number: days overflow
// into the following months, as they do there.
int64_t js_day(int year, int month0, int day) {
  const int y = year + month0 / 12;
  return days_from_civil(LocalDate{y, month0 % 12 + 1, 1}) + day - 1;
}

int64_t minute_of_day(int64_t day) { return day * kMinutesPerDay; }

Match eval_date(const DateSelector& s, DayFacts& f, bool want_change) {
  switch (s.kind) {
    case DateKind::kWeekdays: {
      if (s.full) return {true, kNever};
      const int w = f.js_weekday();
      auto next_weekday = [&](int wd) {
        const int delta = wd - w;
        return minute_of_day(f.day() + delta + (delta < 0 ? 7 : 0));
      };
      if (w < s.a || w > s.b) return {!s.inside, want_change ? next_weekday(s.a) : kNever};
      return {s.inside, want_change ? next_weekday(s.b + 1) : kNever};
    }
    case DateKind::kMonths: {
      if (s.full) return {!s.inside, kNever};
      const int m = f.date().month - 1;
      auto month_start = [&](int month) {
        return minute_of_day(js_day(f.date().year, month < m ? month + 12 : month, 1));
      };
      if (m < s.a || m > s.b) return {!s.inside, want_change ? month_start(s.a) : kNever};
      return {s.inside, want_change ? month_start(s.b + 1) : kNever};
    }
    case DateKind::kMonthDayRange: {
      const int y = f.date().year;
      int64_t from = js_day(y, s.a, s.b);
      int64_t to = js_day(y, s.c, s.d + 1);
      bool inside = true;
      if (to < from) {
        std::swap(from, to);
        inside = false;
      }
      if (f.day() < from) return {!inside, minute_of_day(from)};
      if (f.day() < to) return {inside, minute_of_day(to)};
      return {!inside, minute_of_day(js_day(y + 1, 0, 1))};
    }
    case DateKind::kMonthDays: {
      const int y = f.date().year;
      // As the reference: a February day that does not exist this year never
      // matches, and neither does a February range unless the day after its
      // last day is still in February ("Feb 01-28" only in leap years,
      // "Feb 20-29" never); no change date is reported then.
      if (s.a == 1 && s.b > days_in_month(y, 2)) return {false, kNever};
      if (s.a == 1 && s.is_range && s.c + 1 > days_in_month(y, 2)) return {false, kNever};
      const int64_t from = js_day(y, s.a, s.b);
      const int64_t to = js_day(y, s.a, s.c + 1);
      if (f.day() < from) return {false, minute_of_day(from)};
      if (f.day() >= to) return {false, minute_of_day(js_day(y + 1, 0, 1))};
      return {true, minute_of_day(to)};
    }
    case DateKind::kPublicHoliday: {
      if (f.is_public_holiday()) return {true, minute_of_day(f.day() + 1), &f.official()->name};
      if (!want_change) return {false, kNever};
      const std::optional<LocalDate> next = f.calendar().next_public_holiday_after(f.date());
      return {false, next ? minute_of_day(days_from_civil(*next)) : kNever};
    }
    case DateKind::kWorkingDay:
      return {f.is_working_day(), minute_of_day(f.day() + 1)};
    case DateKind::kOffDay:
      return {!f.is_working_day(), minute_of_day(f.day() + 1)};
  }
  return {false, kNever};
}

Match eval_time(const TimeSelector& t, bool wrapped, int64_t day, int minute) {
  const int64_t base = minute_of_day(day);
  if (t.always) return {true, kNever};
  if (wrapped) {
    if (minute < t.to) return {true, base + t.to, nullptr, t.open_end};
    return {false, kNever};
  }
  if (minute < t.from) return {false, base + t.from};
  if (t.to > kMinutesPerDay || minute < t.to) return {true, base + t.to, nullptr, t.open_end};
  return {false, base + t.from + kMinutesPerDay};
}

// Rule indices in evaluation order, without allocating for common sizes.
class IndexList {
 public:
  explicit IndexList(size_t capacity) {
    if (capacity > kInline) {
      heap_ = std::make_unique<int[]>(capacity);
      data_ = heap_.get();
    }
  }
  void clear() { size_ = 0; }
  void push(int v) { data_[size_++] = v; }
  const int* begin() const { return data_; }
  const int* end() const { return data_ + size_; }

 private:
  static constexpr size_t kInline = 64;
  int inline_[kInline];
  std::unique_ptr<int[]> heap_;
  int* data_ = inline_;
  size_t size_ = 0;
};

// The answer for a calendar-dependent program at a moment the calendar does
// not cover, or nullopt when it does; then *boundary is the next midnight
// into an unknown year (the end of the run of known years holding the day).
std::optional<Evaluation> beyond_calendar(const Program& program, Moment at,
                                          const Calendar& calendar, int64_t* boundary) {
  const std::optional<Calendar::DayRun> run = calendar.run_holding(at.day);
  if (!run) {
    Evaluation out;
    out.unknown = true;
    out.unloaded_year = civil_from_days(at.day).year;
    if (std::optional<int64_t> next = calendar.next_run_start(at.day)) {
      out.change = minute_of_day(*next);
    }
    return out;
  }
  if (at.day == run->first) {
    // 1 January after an unknown year: the after-midnight part of an
    // overnight rule belongs to that year's 31 December.
    int spill = 0;
    for (const Rule& rule : program.rules) {
      if (!rule.wrapped) continue;
      for (const TimeSelector& t : rule.time)
        spill = std::max(spill, std::min(t.to, kMinutesPerDay));
    }
    if (at.minute < spill) {
      Evaluation out;
      out.unknown = true;
      out.unloaded_year = civil_from_days(at.day).year - 1;
      out.change = minute_of_day(at.day) + spill;
      return out;
    }
  }
  *boundary = minute_of_day(run->end);
  return std::nullopt;
}

}  // namespace

Moment moment_of(int64_t unix_seconds) {
  const int64_t local = unix_seconds + kOffsetSeconds;
  int64_t day = local / kSecondsPerDay;
  if (local % kSecondsPerDay < 0) --day;
  const int64_t second_of_day = local - day * kSecondsPerDay;
  return Moment{day, static_cast<int>(second_of_day / 60), second_of_day % 60 == 0};
}

int64_t unix_of_local_minute(int64_t local_minute) { return local_minute * 60 - kOffsetSeconds; }

Evaluation evaluate(const Program& program, Moment at, const Calendar& calendar, bool want_change) {
  int64_t calendar_boundary = kNever;
  if (program.uses_calendar) {
    if (std::optional<Evaluation> gap =
            beyond_calendar(program, at, calendar, &calendar_boundary)) {
      return *gap;
    }
  }
  const std::vector<Rule>& rules = program.rules;
  DayFacts today(at.day, calendar);
  DayFacts yesterday(at.day - 1, calendar);

  int64_t change = kNever;
  const std::string* comment = nullptr;
  int comment_rule = -1;
  IndexList matching(rules.size());

  // Date phase: which rules select this day; a later rule that selects it
  // replaces the earlier ones (the reference's override logic, verbatim).
  for (size_t n = 0; n < rules.size(); ++n) {
    const Rule& rule = rules[n];
    DayFacts& facts = rule.wrapped ? yesterday : today;
    bool matches = true;
    for (const std::vector<DateSelector>& group : rule.date) {
      bool any = false;
      for (const DateSelector& s : group) {
        const Match m = eval_date(s, facts, want_change);
        if (m.match) {
          any = true;
          if (m.name && !rule.wrapped) {
            comment = m.name;
            comment_rule = static_cast<int>(n);
          }
        }
        if (want_change && m.change != kNever) {
          change = std::min(change, rule.wrapped ? m.change + kMinutesPerDay : m.change);
        }
      }
      if (!any) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    const bool overrides =
        (!rule.date.empty() || (n > 0 && rule.meaning && rules[n - 1].date.empty())) &&
        (rule.meaning || rule.unknown) && !rule.wrapped && !rule.additional && !rule.fallback;
    if (overrides) matching.clear();
    matching.push(static_cast<int>(n));
  }

  // Time phase.
  bool open = false;
  bool unknown = false;
  int match_rule = -1;
  const int previous_minute =
      at.on_minute_boundary ? (at.minute == 0 ? kMinutesPerDay - 1 : at.minute - 1) : at.minute;
  for (int n : matching) {
    const Rule& rule = rules[n];
    if (rule.time.empty() && (!rule.fallback || !(open || unknown))) {
      open = rule.meaning;
      unknown = rule.unknown;
      match_rule = n;
    }
    for (size_t i = 0; i < rule.time.size(); ++i) {
      const Match m = eval_time(rule.time[i], rule.wrapped, at.day, at.minute);
      if (m.match && (!rule.fallback || !(open || unknown))) {
        open = rule.meaning;
        unknown = rule.unknown;
        match_rule = n;
        if (comment == &open_end_comment()) comment = nullptr;
        if (m.open_end && (open || unknown)) {
          comment = &open_end_comment();
          comment_rule = match_rule;
          open = false;
          unknown = true;
          // The reference closes an open end once a later range of the same
          // rule has ended ("07:00+,12:00-16:00").
          if (i + 1 < rule.time.size()) {
            const Match next = eval_time(rule.time[i + 1], rule.wrapped, at.day, at.minute);
            if (!next.match && next.change != kNever &&
                eval_time(rule.time[i], rule.wrapped, at.day, previous_minute).match) {
              open = false;
              unknown = false;
            }
          }
        }
      }
      if (want_change) change = std::min(change, m.change);
    }
  }

  Evaluation out;
  out.open = open;
  out.unknown = unknown;
  out.change = std::min(change, calendar_boundary);
  if (match_rule >= 0 && rules[match_rule].has_comment) {
    out.comment = &rules[match_rule].comment;
  } else if (comment != nullptr && comment_rule == match_rule && match_rule >= 0) {
    out.comment = comment;
  }
  return out;
}

}  // namespace warmcity::core::oh_detail
