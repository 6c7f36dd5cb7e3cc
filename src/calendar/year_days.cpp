#include "calendar/year_days.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::calendar {

namespace {

using nlohmann::json;

bool has_control_character(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool is_padded(std::string_view s) { return !s.empty() && (s.front() == ' ' || s.back() == ' '); }

// Checks one entry of `days`; its problems are added to `errors` under
// "days[i]." and a good entry is returned.
std::optional<core::OfficialDay> read_day(int year, const json& item, const std::string& prefix,
                                          std::vector<FieldError>& errors) {
  if (!item.is_object()) {
    errors.push_back({prefix, "must be an object with date, kind and name"});
    return std::nullopt;
  }
  http::FieldReader in(item);
  std::optional<std::string> date_text = in.required_string("date", 10, 10);
  std::optional<std::string> kind = in.required_string("kind", 1, 16);
  std::optional<std::string> name = in.required_string("name", 1, kMaxDayNameLength);
  in.reject_unknown();

  std::optional<core::LocalDate> date;
  if (date_text) {
    Result<core::LocalDate> parsed = core::parse_date(*date_text);
    if (!parsed.ok()) {
      in.fail("date", "must be a date such as " + std::to_string(year) + "-01-01");
    } else if (parsed->year != year) {
      in.fail("date", "must lie in " + std::to_string(year));
    } else {
      date = *parsed;
    }
  }
  if (kind && *kind != "holiday" && *kind != "workday") {
    in.fail("kind", "must be holiday or workday");
  } else if (kind && *kind == "workday" && date && core::weekday(*date) < 5) {
    in.fail("date", "a make-up workday must be a Saturday or Sunday");
  }
  if (name && (has_control_character(*name) || is_padded(*name))) {
    in.fail("name", "must not contain control characters or start or end with a space");
  }
  if (!in.ok()) {
    const Status problems = in.status();
    for (const FieldError& e : problems.field_errors()) {
      errors.push_back({prefix + "." + e.field, e.message});
    }
    return std::nullopt;
  }
  const core::DayKind day_kind =
      *kind == "workday" ? core::DayKind::kWorkday : core::DayKind::kHoliday;
  return core::OfficialDay{*date, day_kind, *name};
}

}  // namespace

Result<std::vector<core::OfficialDay>> read_year_days(int year, std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();

  std::vector<FieldError> errors;
  for (auto it = doc->begin(); it != doc->end(); ++it) {
    if (it.key() != "days") errors.push_back({it.key(), "is not a known field"});
  }
  std::vector<core::OfficialDay> days;
  auto list = doc->find("days");
  if (list == doc->end() || list->is_null()) {
    errors.push_back({"days", "is required"});
  } else if (!list->is_array() || list->size() > kMaxDaysPerYear) {
    errors.push_back(
        {"days", "must be a list of at most " + std::to_string(kMaxDaysPerYear) + " days"});
  } else {
    std::map<core::LocalDate, size_t> first_index;
    for (size_t i = 0; i < list->size(); ++i) {
      const std::string prefix = "days[" + std::to_string(i) + "]";
      std::optional<core::OfficialDay> day = read_day(year, (*list)[i], prefix, errors);
      if (!day) continue;
      auto [seen, fresh] = first_index.emplace(day->date, i);
      if (!fresh) {
        errors.push_back(
            {prefix + ".date", "is already listed as days[" + std::to_string(seen->second) + "]"});
        continue;
      }
      days.push_back(std::move(*day));
    }
  }
  if (!errors.empty()) return Status::Unprocessable("the calendar is not valid", std::move(errors));
  return days;
}

}  // namespace warmcity::calendar
