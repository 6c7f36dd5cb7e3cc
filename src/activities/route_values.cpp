// What the activities' and the clinics' routes share (route_values.h).
#include "activities/route_values.h"

#include <charconv>
#include <cmath>
#include <string>

namespace warmcity::activities {

std::optional<int64_t> whole_param(std::string_view s, int64_t min, int64_t max) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
    return std::nullopt;
  return v;
}

std::optional<double> real_param(std::string_view s, double min, double max) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) ||
      v < min || v > max)
    return std::nullopt;
  return v;
}

DateWindow date_window_param(const http::Request& req, core::LocalDate today, int64_t default_days,
                             int64_t max_days, std::vector<FieldError>& errors) {
  DateWindow w{today, default_days};
  if (std::optional<std::string> s = req.query_param("from")) {
    Result<core::LocalDate> d = core::parse_date(*s);
    if (d.ok()) {
      w.from = *d;
    } else {
      errors.push_back({"from", "a date YYYY-MM-DD"});
    }
  }
  if (std::optional<std::string> s = req.query_param("days")) {
    std::optional<int64_t> v = whole_param(*s, 1, max_days);
    if (!v) errors.push_back({"days", "a whole number from 1 to " + std::to_string(max_days)});
    w.days = v.value_or(default_days);
  }
  return w;
}

http::Access organiser_staff_roles() {
  using http::Role;
  return http::Access::Roles(
      {Role::kWorker, Role::kVolunteer, Role::kKeeper, Role::kDepartment, Role::kAdmin});
}

}  // namespace warmcity::activities
