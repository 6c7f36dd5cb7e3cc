// What the activities' and the clinics' routes share (route_values.h).
#include "activities/route_values.h"

#include <charconv>
#include <cmath>

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

http::Access organiser_staff_roles() {
  using http::Role;
  return http::Access::Roles(
      {Role::kWorker, Role::kVolunteer, Role::kKeeper, Role::kDepartment, Role::kAdmin});
}

}  // namespace warmcity::activities
