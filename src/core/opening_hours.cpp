#include "core/opening_hours.h"

#include "core/opening_hours_eval.h"
#include "core/opening_hours_parser.h"
#include "core/opening_hours_rules.h"

namespace warmcity::core {
namespace {

using oh_detail::Evaluation;
using oh_detail::kNever;

State state_of(const Evaluation& e) {
  if (e.open) return State::kOpen;
  return e.unknown ? State::kUnknown : State::kClosed;
}

std::optional<std::string> comment_of(const Evaluation& e) {
  if (e.unloaded_year != 0) return calendar_gap_comment(e.unloaded_year);
  if (e.comment == nullptr) return std::nullopt;
  return *e.comment;
}

bool same_comment(const std::optional<std::string>& a, const Evaluation& e) {
  if (e.unloaded_year != 0) return a == calendar_gap_comment(e.unloaded_year);
  if (!a.has_value()) return e.comment == nullptr;
  return e.comment != nullptr && *a == *e.comment;
}

}  // namespace

std::string calendar_gap_comment(int year) {
  return "holidays for " + std::to_string(year) + " not yet loaded";
}

std::string_view state_name(State s) {
  switch (s) {
    case State::kOpen:
      return "open";
    case State::kClosed:
      return "closed";
    case State::kUnknown:
      return "unknown";
  }
  return "closed";
}

Result<OpeningHours> OpeningHours::parse(std::string_view expr, ParseError* error) {
  auto program = std::make_shared<oh_detail::Program>();
  ParseError local;
  if (!oh_detail::parse_program(expr, program.get(), &local)) {
    std::string message = "opening_hours: at position " + std::to_string(local.position) +
                          ": expected " + local.expected;
    if (error != nullptr) *error = std::move(local);
    return Status::Unprocessable(std::move(message), {{"opening_hours", message}});
  }
  return OpeningHours(std::string(expr), std::move(program));
}

bool OpeningHours::uses_calendar() const { return program_->uses_calendar; }

State OpeningHours::state_at(int64_t unix, const Calendar& calendar) const {
  return state_of(oh_detail::evaluate(*program_, oh_detail::moment_of(unix), calendar, false));
}

StateInfo OpeningHours::info_at(int64_t unix, const Calendar& calendar) const {
  const Evaluation e = oh_detail::evaluate(*program_, oh_detail::moment_of(unix), calendar, false);
  return StateInfo{state_of(e), comment_of(e)};
}

std::optional<int64_t> OpeningHours::next_change(int64_t unix, const Calendar& calendar,
                                                 int64_t horizon_seconds) const {
  if (horizon_seconds <= 0) return std::nullopt;
  const int64_t limit = unix + horizon_seconds;
  Evaluation e = oh_detail::evaluate(*program_, oh_detail::moment_of(unix), calendar, true);
  const State initial = state_of(e);
  int64_t current = unix;
  for (;;) {
    if (e.change == kNever) return std::nullopt;
    const int64_t next = oh_detail::unix_of_local_minute(e.change);
    if (next <= current || next >= limit) return std::nullopt;
    current = next;
    e = oh_detail::evaluate(*program_, oh_detail::moment_of(current), calendar, true);
    if (state_of(e) != initial) return current;
  }
}

std::vector<Interval> OpeningHours::intervals(int64_t from, int64_t until,
                                              const Calendar& calendar) const {
  std::vector<Interval> out;
  if (until <= from) return out;
  int64_t current = from;
  Evaluation e = oh_detail::evaluate(*program_, oh_detail::moment_of(current), calendar, true);
  out.push_back(Interval{from, until, state_of(e), comment_of(e)});
  for (;;) {
    if (e.change == kNever) break;
    const int64_t next = oh_detail::unix_of_local_minute(e.change);
    if (next <= current || next >= until) break;
    current = next;
    e = oh_detail::evaluate(*program_, oh_detail::moment_of(current), calendar, true);
    Interval& last = out.back();
    if (last.state == state_of(e) && same_comment(last.comment, e)) continue;
    last.until = current;
    out.push_back(Interval{current, until, state_of(e), comment_of(e)});
  }
  return out;
}

}  // namespace warmcity::core
