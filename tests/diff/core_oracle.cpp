// core_oracle: answers questions about warmcity_core on stdin/stdout, for the
// differential tests in this folder (node --test *.test.mjs), which ask the
// same questions of the npm reference implementations and compare.
//
// Protocol: one JSON object per input line, one JSON answer per output line.
//   {"op":"oh","expr":E,"times":[unix…],"horizon":S}
//     → {"ok":true,"results":[{"state":"open|closed|unknown","next":unix|null,
//         "comment":string|null}…]}
//     | {"ok":false,"position":N,"expected":"…","message":"…"}
//   {"op":"cal","from":"YYYY-MM-DD","to":"YYYY-MM-DD"}
//     → {"days":[["YYYY-MM-DD",is_public_holiday,is_working_day]…]}
//   {"op":"geo","points":[[lon,lat]…]}   (lon/lat order, as gcoord)
//     → {"results":[{"wgs_to_gcj":[lon,lat],"gcj_to_wgs":[…],"gcj_to_bd":[…],
//         "bd_to_gcj":[…],"wgs_to_bd":[…],"bd_to_wgs":[…]}…]}
// Usage: core_oracle <calendar-dir>
// Test-only tool: not installed, not linked into the server.
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/calendar_loader.h"
#include "core/geo.h"
#include "core/opening_hours.h"
#include "core/time.h"

namespace {

using nlohmann::json;
using namespace warmcity::core;

json answer_oh(const json& q, const Calendar& calendar) {
  ParseError error;
  const auto parsed = OpeningHours::parse(q.at("expr").get<std::string>(), &error);
  if (!parsed.ok()) {
    return {{"ok", false},
            {"position", error.position},
            {"expected", error.expected},
            {"message", parsed.status().message()}};
  }
  const int64_t horizon = q.value("horizon", OpeningHours::kDefaultHorizonSeconds);
  json results = json::array();
  for (const json& t : q.at("times")) {
    const int64_t unix = t.get<int64_t>();
    const StateInfo info = parsed->info_at(unix, calendar);
    const std::optional<int64_t> next = parsed->next_change(unix, calendar, horizon);
    results.push_back({{"state", std::string(state_name(info.state))},
                       {"next", next ? json(*next) : json(nullptr)},
                       {"comment", info.comment ? json(*info.comment) : json(nullptr)}});
  }
  return {{"ok", true}, {"results", results}};
}

json answer_cal(const json& q, const Calendar& calendar) {
  const auto from = parse_date(q.at("from").get<std::string>());
  const auto to = parse_date(q.at("to").get<std::string>());
  if (!from.ok() || !to.ok()) return {{"error", "bad date"}};
  json days = json::array();
  for (int64_t d = days_from_civil(*from); d <= days_from_civil(*to); ++d) {
    const LocalDate date = civil_from_days(d);
    days.push_back(
        {format_date(date), calendar.is_public_holiday(date), calendar.is_working_day(date)});
  }
  return {{"days", days}};
}

json pair(LatLon p) { return json::array({p.lon, p.lat}); }

json answer_geo(const json& q) {
  json results = json::array();
  for (const json& p : q.at("points")) {
    const LatLon in{p.at(1).get<double>(), p.at(0).get<double>()};
    results.push_back({{"wgs_to_gcj", pair(wgs84_to_gcj02(in))},
                       {"gcj_to_wgs", pair(gcj02_to_wgs84(in))},
                       {"gcj_to_bd", pair(gcj02_to_bd09(in))},
                       {"bd_to_gcj", pair(bd09_to_gcj02(in))},
                       {"wgs_to_bd", pair(wgs84_to_bd09(in))},
                       {"bd_to_wgs", pair(bd09_to_wgs84(in))}});
  }
  return {{"results", results}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: core_oracle <calendar-dir>\n";
    return 2;
  }
  const auto calendar = load_calendar_dir(argv[1]);
  if (!calendar.ok()) {
    std::cerr << "core_oracle: " << calendar.status().message() << "\n";
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    json answer;
    const json q = json::parse(line, nullptr, false);
    if (q.is_discarded() || !q.is_object()) {
      answer = {{"error", "input line is not a JSON object"}};
    } else {
      const std::string op = q.value("op", "");
      if (op == "oh") {
        answer = answer_oh(q, *calendar);
      } else if (op == "cal") {
        answer = answer_cal(q, *calendar);
      } else if (op == "geo") {
        answer = answer_geo(q);
      } else {
        answer = {{"error", "unknown op"}};
      }
    }
    std::cout << answer.dump() << '\n';
  }
  return 0;
}
