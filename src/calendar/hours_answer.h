// The answer to "what do these opening hours say at this time?": the one
// function behind both `GET /api/v1/hours/evaluate` and `warmcity hours`, so
// the HTTP route and the command line print the same JSON.
//
//   HoursInput in{.expr = "Mo-Fr 08:00-18:00", .at = "2026-05-06T10:00:00+08:00"};
//   std::optional<core::ParseError> where;
//   Result<std::string> json = evaluate_hours(in, calendar, core::now_unix(), &where);
//
// Input rules (every broken one is reported, as kUnprocessable with errors[]):
//   expr   required, valid UTF-8, at most kMaxExprLength characters, and an
//          opening_hours value OpeningHours::parse accepts (field "expr";
//          then *parse_error receives the position and the expectation);
//   at     RFC 3339 in the years 1970 to 9999 (core::parse_rfc3339);
//          absent means `now`;
//   until  optional RFC 3339, after `at`, at most kMaxWindowSeconds later.
// Answer: {"state":"open|closed|unknown","comment":string|null,
//          "next_change":RFC 3339|null,
//          "intervals":[{"from","until","state","comment"}]}  (intervals only
// when `until` is given). Times are written with +08:00; a next change after
// 9999 is null.
//
// REQUIRES: nothing. Pure apart from reading `calendar`; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/calendar.h"
#include "core/opening_hours.h"
#include "core/status.h"

namespace warmcity::calendar {

inline constexpr size_t kMaxExprLength = 1000;            // characters
inline constexpr int64_t kMaxWindowSeconds = 31 * 86400;  // until - at

struct HoursInput {
  std::optional<std::string> expr;
  std::optional<std::string> at;     // RFC 3339; nullopt: now
  std::optional<std::string> until;  // RFC 3339; nullopt: no intervals
};

// The JSON text of the answer, or kUnprocessable listing every bad field.
// `parse_error`, when not null, is set only when `expr` failed to parse.
Result<std::string> evaluate_hours(const HoursInput& input, const core::Calendar& calendar,
                                   int64_t now,
                                   std::optional<core::ParseError>* parse_error = nullptr);

}  // namespace warmcity::calendar
