// OpeningHours: parse and evaluate OpenStreetMap `opening_hours` expressions.
//
// Owns: an immutable compiled expression (cheap to copy: one shared_ptr) and
// the queries "is it open at t?", "when does that change?" and "list the
// states between two instants". Evaluation happens in district local time
// (fixed +08:00, see time.h) and takes the official Calendar for PH and the
// warmcity-only WD/OD selectors.
//
// Written here rather than taken from a library: there is no C++ library for
// OSM opening_hours in Debian (the reference implementation is the JavaScript
// npm package opening_hours), and the server must answer "open now?" for
// thousands of facilities per request without a JS engine. Semantics follow
// the reference for the supported syntax, checked by tests/diff/. The
// syntax, the known differences and the warmcity extension (WD, OD) are
// documented in docs/opening-hours.md.
//
// Supported: 24/7; weekdays Mo..Su as lists and ranges (wrapping: Sa-Mo);
// months Jan..Dec as lists and ranges (wrapping: Dec-Feb); date ranges
// (Dec 24-Jan 06, Jun 01-Aug 31, Jan 26-31, Dec 25); PH; WD and OD; time
// ranges HH:MM-HH:MM (overnight 22:00-02:00, ends up to 48:00, 24:00),
// open ends HH:MM+ and HH:MM-HH:MM+; several ranges per rule; rule
// separators ";", "," and "||"; open/closed/off/unknown; "comments".
// Not supported (parse error): years, week numbers, SH, sunrise/sunset,
// easter, constrained weekdays (Su[1]), periods (/n), day offsets.
//
// Beyond the calendar: an expression that uses PH, WD or OD cannot be
// answered on a day whose year the Calendar does not know (the holidays and
// make-up days of that year are not loaded). There it is `unknown` with the
// comment calendar_gap_comment(year), "holidays for 2027 not yet loaded",
// never a guess; expressions without them answer as always.
//
// REQUIRES: nothing. Thread-safety: all methods are const and safe to call
// concurrently; the Calendar passed in must outlive the call only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"

namespace warmcity::core {

namespace oh_detail {
struct Program;
}

enum class State { kOpen, kClosed, kUnknown };

std::string_view state_name(State s);  // "open", "closed", "unknown"

// The comment of an `unknown` answer on a day of a year the calendar lacks:
// "holidays for 2027 not yet loaded" (the web app shows it in Chinese).
std::string calendar_gap_comment(int year);

// Where and why parsing failed. position counts Unicode code points from 0
// (equal to the byte offset for ASCII text).
struct ParseError {
  size_t position = 0;
  std::string expected;
};

struct StateInfo {
  State state = State::kClosed;
  std::optional<std::string> comment;  // the rule's "comment", a PH name, or the open-end note
};

struct Interval {
  int64_t from = 0;   // unix seconds, inclusive
  int64_t until = 0;  // unix seconds, exclusive
  State state = State::kClosed;
  std::optional<std::string> comment;
};

class OpeningHours {
 public:
  static constexpr int64_t kDefaultHorizonSeconds = int64_t{366} * 86400;

  // Error: kUnprocessable, message "opening_hours: at position N: expected
  // ..."; if `error` is not null it receives the same position and text.
  static Result<OpeningHours> parse(std::string_view expr, ParseError* error = nullptr);

  const std::string& source() const { return source_; }
  // True if the expression uses PH, WD or OD, i.e. its answers depend on the
  // Calendar passed in.
  bool uses_calendar() const;

  State state_at(int64_t unix, const Calendar& calendar) const;
  StateInfo info_at(int64_t unix, const Calendar& calendar) const;

  // The first instant after `unix`, earlier than unix + horizon_seconds, at
  // which the state (open/closed/unknown) differs from the state at `unix`.
  std::optional<int64_t> next_change(int64_t unix, const Calendar& calendar,
                                     int64_t horizon_seconds = kDefaultHorizonSeconds) const;

  // The states covering [from, until), split wherever the state or comment
  // changes; adjacent equal pieces are merged. Empty if until <= from.
  std::vector<Interval> intervals(int64_t from, int64_t until, const Calendar& calendar) const;

 private:
  OpeningHours(std::string source, std::shared_ptr<const oh_detail::Program> program)
      : source_(std::move(source)), program_(std::move(program)) {}

  std::string source_;
  std::shared_ptr<const oh_detail::Program> program_;
};

}  // namespace warmcity::core
