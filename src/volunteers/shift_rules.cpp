// The rules of a volunteer shift that need no database (shift_rules.h).
#include "volunteers/shift_rules.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace warmcity::volunteers {

int64_t counted_minutes(int64_t checked_in_at, int64_t checked_out_at, int64_t starts_at,
                        int64_t ends_at) {
  const int64_t from = std::max(checked_in_at, starts_at - kShiftGraceSeconds);
  const int64_t until = std::min(checked_out_at, ends_at + kShiftGraceSeconds);
  if (until <= from) return 0;
  return (until - from) / 60;
}

bool check_in_open(int64_t at, int64_t starts_at, int64_t ends_at) {
  return at >= starts_at - kCheckInEarlySeconds && at <= ends_at;
}

std::vector<Training> parse_trainings(std::string_view json) {
  std::vector<Training> out;
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_array()) return out;
  for (const nlohmann::json& t : doc) {
    if (!t.is_object()) continue;
    auto name = t.find("name");
    auto on = t.find("completed_on");
    if (name == t.end() || on == t.end() || !name->is_string() || !on->is_string()) continue;
    out.push_back({name->get<std::string>(), on->get<std::string>()});
  }
  return out;
}

std::string signup_refusal(const SignupVolunteer& v, const ShiftNeeds& s) {
  if (v.status != "active") return "volunteer_left";
  if (s.min_age > 0) {
    const std::optional<int> age =
        v.birth_date ? volunteer_age(*v.birth_date, s.day) : std::nullopt;
    if (!age || *age < s.min_age) return "too_young";
  }
  const std::string day = core::format_date(s.day);
  if (s.risky && (!v.insurance_until || *v.insurance_until < day)) return "no_insurance";
  if (s.training) {
    const bool has = std::any_of(v.trainings.begin(), v.trainings.end(), [&](const Training& t) {
      return t.name == *s.training && core::parse_date(t.completed_on).ok() &&
             t.completed_on <= day;
    });
    if (!has) return "no_training";
  }
  return "";
}

Result<DatePeriod> team_shift_period(const std::optional<std::string>& from,
                                     const std::optional<std::string>& to, core::LocalDate today) {
  std::vector<FieldError> errors;
  DatePeriod p{today, today};
  if (from) {
    Result<core::LocalDate> d = core::parse_date(*from);
    if (d.ok()) {
      p.from = *d;
    } else {
      errors.push_back({"from", "a date YYYY-MM-DD"});
    }
  }
  const int64_t first = core::days_from_civil(p.from);
  p.to = core::civil_from_days(first + kTeamShiftDefaultDays);
  if (to) {
    Result<core::LocalDate> d = core::parse_date(*to);
    if (!d.ok()) {
      errors.push_back({"to", "a date YYYY-MM-DD"});
    } else if (errors.empty()) {
      const int64_t last = core::days_from_civil(*d);
      if (last < first) {
        errors.push_back({"to", "not before from"});
      } else if (last - first >= kTeamShiftMaxDays) {
        errors.push_back({"to", "at most 92 days from `from`, both included"});
      }
      p.to = *d;
    }
  }
  if (!errors.empty()) return Status::Unprocessable("bad period", std::move(errors));
  return p;
}

std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_clock(int minutes) {
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + minutes / 600);
  out[1] = static_cast<char>('0' + minutes / 60 % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + minutes % 60 / 10);
  out[4] = static_cast<char>('0' + minutes % 10);
  return out;
}

}  // namespace warmcity::volunteers
