// The day's rules of after-school care (day.h).
#include "afterschool/day.h"

namespace warmcity::afterschool {

std::string_view pickup_method_name(PickupMethod m) {
  switch (m) {
    case PickupMethod::kCode:
      return "code";
    case PickupMethod::kPhone:
      return "phone";
    case PickupMethod::kProxy:
      return "proxy";
  }
  return "code";
}

std::optional<PickupMethod> parse_pickup_method(std::string_view s) {
  if (s == "code") return PickupMethod::kCode;
  if (s == "phone") return PickupMethod::kPhone;
  if (s == "proxy") return PickupMethod::kProxy;
  return std::nullopt;
}

std::string_view attendance_state(const Attendance* a) {
  if (a == nullptr) return "expected";
  return a->checked_out_at ? "gone" : "here";
}

bool adult_active(const PickupAdultFacts& a, core::LocalDate today) {
  if (a.revoked_at) return false;
  if (!a.valid_until) return true;
  return *a.valid_until >= core::format_date(today);
}

Status check_out_state(const Attendance* a) {
  if (a == nullptr) return Status::Conflict("not_checked_in: the child was not checked in today");
  if (a->checked_out_at)
    return Status::Conflict("already_checked_out: the child has gone home already");
  return Status::Ok();
}

Status codes_left(const Attendance& a) {
  if (a.code_failures < kMaxCodeFailures) return Status::Ok();
  return Status::ResourceExhausted(
      "too_many_codes: too many wrong codes for this child today; use the phone and photo check");
}

int64_t late_from(core::LocalDate day, int end_minute) {
  return core::local_midnight_unix(day) + int64_t{end_minute + kLateAfterMinutes} * 60;
}

}  // namespace warmcity::afterschool
