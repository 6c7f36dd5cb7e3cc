#include "core/calendar.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "core/text.h"

namespace warmcity::core {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

// Splits off the first whitespace-delimited word of s.
std::string_view next_word(std::string_view* s) {
  *s = trim_blanks(*s);
  size_t end = 0;
  while (end < s->size() && (*s)[end] != ' ' && (*s)[end] != '\t') ++end;
  std::string_view word = s->substr(0, end);
  s->remove_prefix(end);
  *s = trim_blanks(*s);
  return word;
}

bool is_weekend(LocalDate d) { return weekday(d) >= 5; }

Status line_error(size_t line, const std::string& what) {
  return Status::Unprocessable("calendar line " + std::to_string(line) + ": " + what);
}

// Validates one year's days; on success returns them sorted by date.
Result<std::vector<OfficialDay>> checked_year(int year, std::vector<OfficialDay> days) {
  for (const OfficialDay& d : days) {
    if (d.date.year != year) {
      return Status::Unprocessable(format_date(d.date) + " lies outside year " +
                                   std::to_string(year));
    }
    if (d.kind == DayKind::kWorkday && !is_weekend(d.date)) {
      return Status::Unprocessable(
          format_date(d.date) + " is listed as a make-up workday but is not a Saturday or Sunday");
    }
  }
  std::sort(days.begin(), days.end(),
            [](const OfficialDay& a, const OfficialDay& b) { return a.date < b.date; });
  for (size_t i = 1; i < days.size(); ++i) {
    if (days[i].date == days[i - 1].date) {
      return Status::Unprocessable(format_date(days[i].date) + " is listed twice");
    }
  }
  return days;
}

}  // namespace

WorkHours::WorkHours() : periods_{{9 * 60, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}} {}

Result<WorkHours> WorkHours::make(std::vector<WorkPeriod> periods) {
  if (periods.empty()) return Status::InvalidArgument("work hours: at least one period is needed");
  int previous_end = 0;
  for (const WorkPeriod& p : periods) {
    if (p.start_minute < 0 || p.end_minute > kMinutesPerDay) {
      return Status::InvalidArgument("work hours: a period lies outside 00:00-24:00");
    }
    if (p.start_minute >= p.end_minute) {
      return Status::InvalidArgument("work hours: a period must end after it starts");
    }
    if (p.start_minute < previous_end) {
      return Status::InvalidArgument("work hours: periods must be ascending and not overlap");
    }
    previous_end = p.end_minute;
  }
  return WorkHours(std::move(periods));
}

uint64_t Calendar::next_serial() {
  static std::atomic<uint64_t> last{0};
  return last.fetch_add(1, std::memory_order_relaxed) + 1;
}

namespace {
std::atomic<uint64_t> g_beyond_calendar{0};
}  // namespace

uint64_t Calendar::deadlines_beyond_calendar() {
  return g_beyond_calendar.load(std::memory_order_relaxed);
}

void Calendar::count_beyond_calendar(bool beyond, bool* out) {
  if (beyond) g_beyond_calendar.fetch_add(1, std::memory_order_relaxed);
  if (out != nullptr) *out = beyond;
}

Result<Calendar> Calendar::parse(std::string_view text) {
  Calendar result;
  std::vector<OfficialDay> days;
  int year = 0;
  bool in_year = false;
  size_t year_line = 0;

  auto flush = [&]() -> Status {
    if (!in_year) return Status::Ok();
    Result<Calendar> next = result.with_year(year, std::move(days));
    days.clear();
    if (!next.ok()) return line_error(year_line, next.status().message());
    result = std::move(next).value();
    return Status::Ok();
  };

  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    line = trim_blanks(line);
    if (line.empty() || line.front() == '#') continue;

    std::string_view rest = line;
    const std::string_view first = next_word(&rest);
    if (first == "year") {
      if (Status s = flush(); !s.ok()) return s;
      const std::string_view y = next_word(&rest);
      if (y.size() != 4 ||
          !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          !rest.empty()) {
        return line_error(line_no, "expected \"year YYYY\"");
      }
      year = std::stoi(std::string(y));
      if (result.knows_year(year)) {
        return line_error(line_no, "year " + std::string(y) + " appears twice");
      }
      in_year = true;
      year_line = line_no;
      continue;
    }
    Result<LocalDate> date = parse_date(first);
    if (!date.ok()) {
      return line_error(line_no, "expected \"year YYYY\" or \"YYYY-MM-DD holiday|workday [name]\"");
    }
    if (!in_year) return line_error(line_no, "a \"year YYYY\" line must come before the days");
    if (date->year != year) {
      return line_error(line_no, std::string(first) + " lies outside year " + std::to_string(year));
    }
    const std::string_view kind = next_word(&rest);
    OfficialDay day{*date, DayKind::kHoliday, std::string(rest)};
    if (kind == "holiday") {
      day.kind = DayKind::kHoliday;
    } else if (kind == "workday") {
      day.kind = DayKind::kWorkday;
      if (!is_weekend(*date)) {
        return line_error(
            line_no,
            std::string(first) + " is not a Saturday or Sunday, so it cannot be a make-up workday");
      }
    } else {
      return line_error(line_no, "expected \"holiday\" or \"workday\" after the date");
    }
    for (const OfficialDay& seen : days) {
      if (seen.date == day.date) {
        return line_error(line_no, std::string(first) + " is listed twice");
      }
    }
    days.push_back(std::move(day));
  }
  if (Status s = flush(); !s.ok()) return s;
  return result;
}

Result<Calendar> Calendar::with_year(int year, std::vector<OfficialDay> days) const {
  Result<std::vector<OfficialDay>> checked = checked_year(year, std::move(days));
  if (!checked.ok()) return checked.status();
  Calendar out;
  out.years_ = years_;
  if (!knows_year(year)) {
    out.years_.insert(std::upper_bound(out.years_.begin(), out.years_.end(), year), year);
  }
  out.entries_.reserve(entries_.size() + checked->size());
  for (const Entry& e : entries_) {
    if (e.official.date.year != year) out.entries_.push_back(e);
  }
  for (OfficialDay& d : *checked) {
    const int64_t day = days_from_civil(d.date);
    out.entries_.push_back(Entry{day, std::move(d)});
  }
  std::sort(out.entries_.begin(), out.entries_.end(),
            [](const Entry& a, const Entry& b) { return a.day < b.day; });
  out.rebuild_runs();
  return out;
}

void Calendar::rebuild_runs() {
  runs_.clear();
  for (size_t i = 0; i < years_.size();) {
    size_t j = i;
    while (j + 1 < years_.size() && years_[j + 1] == years_[j] + 1) ++j;
    runs_.push_back(DayRun{days_from_civil(LocalDate{years_[i], 1, 1}),
                           days_from_civil(LocalDate{years_[j] + 1, 1, 1})});
    i = j + 1;
  }
}

std::optional<Calendar::DayRun> Calendar::run_holding(int64_t day) const {
  for (const DayRun& r : runs_) {
    if (day < r.first) return std::nullopt;
    if (day < r.end) return r;
  }
  return std::nullopt;
}

std::optional<int64_t> Calendar::next_run_start(int64_t day) const {
  for (const DayRun& r : runs_) {
    if (r.first > day) return r.first;
  }
  return std::nullopt;
}

Calendar Calendar::merged(const Calendar& other) const {
  Calendar out = *this;
  for (int year : other.years_) {
    // Every year of `other` already passed validation, so this cannot fail.
    out = std::move(out.with_year(year, other.days_of_year(year))).value();
  }
  return out;
}

bool Calendar::knows_year(int year) const {
  return std::binary_search(years_.begin(), years_.end(), year);
}

std::optional<int> Calendar::next_known_year_after(int year) const {
  auto it = std::upper_bound(years_.begin(), years_.end(), year);
  if (it == years_.end()) return std::nullopt;
  return *it;
}

std::optional<LocalDate> Calendar::covered_until(LocalDate today) const {
  auto it = std::upper_bound(years_.begin(), years_.end(), today.year);
  if (it == years_.begin()) return std::nullopt;  // no year up to today's
  int last = *(it - 1);
  if (last == today.year) {
    while (it != years_.end() && *it == last + 1) last = *it++;
  }
  return LocalDate{last, 12, 31};
}

std::vector<OfficialDay> Calendar::days_of_year(int year) const {
  std::vector<OfficialDay> out;
  for (const Entry& e : entries_) {
    if (e.official.date.year == year) out.push_back(e.official);
  }
  return out;
}

const Calendar::Entry* Calendar::find_day(int64_t day) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), day,
                             [](const Entry& e, int64_t d) { return e.day < d; });
  return (it != entries_.end() && it->day == day) ? &*it : nullptr;
}

const OfficialDay* Calendar::find(LocalDate d) const {
  const Entry* e = find_day(days_from_civil(d));
  return e ? &e->official : nullptr;
}

bool Calendar::is_public_holiday(LocalDate d) const {
  const OfficialDay* o = find(d);
  return o && o->kind == DayKind::kHoliday;
}

bool Calendar::is_working_day(LocalDate d) const {
  if (const OfficialDay* o = find(d)) return o->kind == DayKind::kWorkday;
  return !is_weekend(d);
}

LocalDate Calendar::next_working_day(LocalDate d) const {
  int64_t day = days_from_civil(d);
  for (;;) {
    const LocalDate next = civil_from_days(++day);
    if (is_working_day(next)) return next;
  }
}

std::optional<LocalDate> Calendar::next_public_holiday_after(LocalDate d) const {
  const int64_t day = days_from_civil(d);
  auto it = std::upper_bound(entries_.begin(), entries_.end(), day,
                             [](int64_t v, const Entry& e) { return v < e.day; });
  for (; it != entries_.end(); ++it) {
    if (it->official.kind == DayKind::kHoliday) return it->official.date;
  }
  return std::nullopt;
}

int64_t Calendar::add_working_days(int64_t unix, int n, bool* beyond_calendar) const {
  if (n <= 0) {
    if (beyond_calendar != nullptr) *beyond_calendar = false;
    return unix;
  }
  LocalDate d = local_date_of(unix);
  const int64_t time_of_day = unix - local_midnight_unix(d);
  for (int i = 0; i < n; ++i) d = next_working_day(d);
  // The days walked are those after the start up to d: their years are the
  // start's year to d's.
  bool beyond = false;
  for (int y = local_date_of(unix).year; y <= d.year && !beyond; ++y) beyond = !knows_year(y);
  count_beyond_calendar(beyond, beyond_calendar);
  return local_midnight_unix(d) + time_of_day;
}

int64_t Calendar::add_working_hours(int64_t unix, int hours, const WorkHours& work_hours,
                                    bool* beyond_calendar) const {
  if (hours <= 0) {
    if (beyond_calendar != nullptr) *beyond_calendar = false;
    return unix;
  }
  int64_t remaining = int64_t{hours} * 3600;
  int64_t cursor = unix;
  LocalDate d = local_date_of(unix);
  bool beyond = false;
  for (;;) {
    beyond = beyond || !knows_year(d.year);
    if (is_working_day(d)) {
      const int64_t midnight = local_midnight_unix(d);
      for (const WorkPeriod& p : work_hours.periods()) {
        const int64_t start = std::max(cursor, midnight + int64_t{p.start_minute} * 60);
        const int64_t end = midnight + int64_t{p.end_minute} * 60;
        if (start >= end) continue;
        if (remaining <= end - start) {
          count_beyond_calendar(beyond, beyond_calendar);
          return start + remaining;
        }
        remaining -= end - start;
        cursor = end;
      }
    }
    d = civil_from_days(days_from_civil(d) + 1);
    cursor = std::max(cursor, local_midnight_unix(d));
  }
}

}  // namespace warmcity::core
