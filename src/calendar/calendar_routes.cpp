// HTTP routes of the calendar module (see calendar_module.h).
#include <charconv>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar/calendar_module.h"
#include "calendar/hours_answer.h"
#include "calendar/year_days.h"
#include "core/time.h"
#include "http/problem.h"

namespace warmcity::calendar {

namespace {

using nlohmann::json;

Status no_such_year(std::string_view year) {
  return Status::NotFound("the official calendar of " + std::string(year) + " is not loaded");
}

constexpr size_t kYearBodyLimit = 64 * 1024;

std::string dump(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

// {"year":2026,"days":[{"date","kind","name"}]}
std::string year_json(int year, const std::vector<core::OfficialDay>& days) {
  json list = json::array();
  for (const core::OfficialDay& d : days) {
    list.push_back({{"date", core::format_date(d.date)},
                    {"kind", d.kind == core::DayKind::kWorkday ? "workday" : "holiday"},
                    {"name", d.name}});
  }
  return dump(json{{"year", year}, {"days", std::move(list)}});
}

// The {year} path segment: four digits within kFirstYear..kLastYear. A
// segment that is no whole number (or not four digits, like "02026") names no
// calendar: 404. A whole number outside the years is refused: 422.
Result<int> path_year(const http::Request& req) {
  std::string_view text = req.path_param("year");
  int64_t year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  const bool number = !text.empty() && end == text.data() + text.size() &&
                      (ec == std::errc() || ec == std::errc::result_out_of_range);
  if (number && (ec != std::errc() || year < kFirstYear || year > kLastYear)) {
    return Status::Unprocessable(
        year_out_of_range(text),
        {{"year", "must be " + std::to_string(kFirstYear) + " to " + std::to_string(kLastYear)}});
  }
  if (!number || text.size() != 4) return no_such_year(text);
  return static_cast<int>(year);
}

void evaluate(CalendarService& service, http::Request& req, http::Reply reply) {
  HoursInput input{req.query_param("expr"), req.query_param("at"), req.query_param("until")};
  std::optional<core::ParseError> where;
  Result<std::string> answer = evaluate_hours(input, *service.current(), core::now_unix(), &where);
  if (!answer.ok()) {
    return reply(where ? http::parse_problem(answer.status(), where->position, where->expected)
                       : http::problem(answer.status()));
  }
  reply(http::json_response(std::move(answer).value()));
}

void get_year(CalendarService& service, http::Request& req, http::Reply reply) {
  Result<int> year = path_year(req);
  if (!year.ok()) return reply(http::problem(year.status()));
  std::shared_ptr<const core::Calendar> calendar = service.current();
  if (!calendar->knows_year(*year)) {
    return reply(http::problem(no_such_year(req.path_param("year"))));
  }
  reply(http::json_response(year_json(*year, calendar->days_of_year(*year))));
}

void put_year(CalendarService& service, http::Request& req, http::Reply reply) {
  Result<int> year = path_year(req);
  if (!year.ok()) return reply(http::problem(year.status()));
  Result<std::vector<core::OfficialDay>> days = read_year_days(*year, req.body);
  if (!days.ok()) return reply(http::problem(days.status()));
  Editor by{req.principal->user_id, req.client_address};
  service.replace_year(*year, std::move(days).value(), std::move(by),
                       [year = *year, reply](Result<std::vector<core::OfficialDay>> stored) {
                         if (!stored.ok()) return reply(http::problem(stored.status()));
                         reply(http::json_response(year_json(year, *stored)));
                       });
}

}  // namespace

void register_routes(http::Router& router, CalendarService& service) {
  using http::Access;
  using http::Method;
  router.add(Method::kGet, "/api/v1/hours/evaluate", Access::Public(),
             [&service](http::Request& req, http::Reply reply) { evaluate(service, req, reply); },
             {.summary = "evaluate an opening_hours expression"});
  router.add(Method::kGet, "/api/v1/calendar/{year}", Access::Public(),
             [&service](http::Request& req, http::Reply reply) { get_year(service, req, reply); },
             {.summary = "one year of the official calendar"});
  router.add(Method::kPut, "/api/v1/calendar/{year}", Access::Roles({http::Role::kAdmin}),
             [&service](http::Request& req, http::Reply reply) { put_year(service, req, reply); },
             {.body_limit = kYearBodyLimit, .json_body = true, .summary = "replace one year"});
}

}  // namespace warmcity::calendar
