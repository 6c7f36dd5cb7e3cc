#include "calendar/hours_answer.h"

#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "core/utf8.h"

namespace warmcity::calendar {

namespace {

using nlohmann::ordered_json;

constexpr char kTimeHint[] =
    "must be an RFC 3339 time in the years 1970 to 9999 (district time), such as "
    "2026-05-01T08:00:00+08:00";

ordered_json comment_json(const std::optional<std::string>& comment) {
  return comment ? ordered_json(*comment) : ordered_json(nullptr);
}

// Reads an RFC 3339 parameter; nullopt (and an error) when it is malformed.
std::optional<int64_t> read_time(const std::string& field, const std::string& text,
                                 std::vector<FieldError>& errors) {
  Result<int64_t> t = core::parse_rfc3339(text);
  if (t.ok()) return *t;
  errors.push_back({field, kTimeHint});
  return std::nullopt;
}

std::optional<core::OpeningHours> read_expr(const std::optional<std::string>& expr,
                                            std::vector<FieldError>& errors,
                                            std::optional<core::ParseError>* parse_error) {
  if (!expr) {
    errors.push_back({"expr", "is required"});
    return std::nullopt;
  }
  std::optional<size_t> length = core::utf8_length(*expr);
  if (!length) {
    errors.push_back({"expr", "is not valid UTF-8"});
    return std::nullopt;
  }
  if (*length > kMaxExprLength) {
    errors.push_back(
        {"expr", "must be at most " + std::to_string(kMaxExprLength) + " characters long"});
    return std::nullopt;
  }
  core::ParseError where;
  Result<core::OpeningHours> parsed = core::OpeningHours::parse(*expr, &where);
  if (!parsed.ok()) {
    errors.push_back({"expr", parsed.status().message()});
    *parse_error = where;
    return std::nullopt;
  }
  return std::move(parsed).value();
}

std::string answer(const core::OpeningHours& hours, int64_t at, std::optional<int64_t> until,
                   const core::Calendar& calendar) {
  const core::StateInfo info = hours.info_at(at, calendar);
  const std::optional<int64_t> next = hours.next_change(at, calendar);
  ordered_json body = {
      {"state", core::state_name(info.state)},
      {"comment", comment_json(info.comment)},
      // A change after the last year warmcity writes is no change it can name.
      {"next_change", next && core::in_supported_years(*next)
                          ? ordered_json(core::format_rfc3339(*next))
                          : ordered_json(nullptr)},
  };
  if (until) {
    ordered_json list = ordered_json::array();
    for (const core::Interval& i : hours.intervals(at, *until, calendar)) {
      list.push_back({{"from", core::format_rfc3339(i.from)},
                      {"until", core::format_rfc3339(i.until)},
                      {"state", core::state_name(i.state)},
                      {"comment", comment_json(i.comment)}});
    }
    body["intervals"] = std::move(list);
  }
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

Result<std::string> evaluate_hours(const HoursInput& input, const core::Calendar& calendar,
                                   int64_t now, std::optional<core::ParseError>* parse_error) {
  std::vector<FieldError> errors;
  std::optional<core::ParseError> where;
  std::optional<core::OpeningHours> hours = read_expr(input.expr, errors, &where);
  if (parse_error) *parse_error = where;
  std::optional<int64_t> at = input.at ? read_time("at", *input.at, errors) : now;
  std::optional<int64_t> until;
  if (input.until) {
    until = read_time("until", *input.until, errors);
    if (until && at && *until <= *at) {
      errors.push_back({"until", "must be after at"});
    } else if (until && at && *until - *at > kMaxWindowSeconds) {
      errors.push_back({"until", "must be at most 31 days after at"});
    }
  }
  if (!errors.empty()) {
    // One problem is named in `detail` itself; a parse error already reads
    // "opening_hours: at position N: expected ...".
    std::string detail = "some parameters are not valid";
    if (errors.size() == 1) {
      const FieldError& only = errors.front();
      detail = where ? only.message : only.field + " " + only.message;
    }
    return Status::Unprocessable(std::move(detail), std::move(errors));
  }
  return answer(*hours, *at, until, calendar);
}

}  // namespace warmcity::calendar
