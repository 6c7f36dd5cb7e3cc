// The day's JSON (day_json.h).
#include "afterschool/day_json.h"

#include <limits>
#include <string>

#include "accounts/resident_codes.h"
#include "activities/activity.h"
#include "core/phone.h"
#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

using nlohmann::ordered_json;

namespace {

constexpr int64_t kDayMaxId = std::numeric_limits<int64_t>::max();

ordered_json day_moment_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

template <class T>
ordered_json day_or_null(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

// A field another method brings: refused by name.
void not_with(http::FieldReader& in, const char* field, std::string_view method) {
  if (in.has(field)) in.fail(field, std::string("not with method ") + std::string(method));
}

}  // namespace

Result<CheckInRequest> read_check_in(const nlohmann::json& body) {
  http::FieldReader in(body);
  CheckInRequest r;
  r.child_id = in.required_int("child_id", 1, kDayMaxId).value_or(0);
  std::optional<std::string> brought = in.required_string("brought_by", 1, 20);
  if (brought && *brought != "from_school" && *brought != "adult")
    in.fail("brought_by", "from_school or adult");
  r.brought_by = brought.value_or("");
  r.adult_name = activities::trimmed_text(in, "adult_name", 1, 30, false);
  if (brought == "adult" && !in.has("adult_name"))
    in.fail("adult_name", "the name of the adult who brought the child");
  if (brought == "from_school" && in.has("adult_name"))
    in.fail("adult_name", "only when an adult brought the child");
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return r;
}

Result<CheckOutRequest> read_check_out(const nlohmann::json& body) {
  http::FieldReader in(body);
  CheckOutRequest r;
  r.child_id = in.required_int("child_id", 1, kDayMaxId).value_or(0);
  std::optional<std::string> name = in.required_string("method", 1, 10);
  std::optional<PickupMethod> method = name ? parse_pickup_method(*name) : std::nullopt;
  if (name && !method) in.fail("method", "code, phone or proxy");
  if (method == PickupMethod::kCode) {
    std::optional<std::string> code = in.required_string("code", 6, 6);
    if (code && !accounts::is_code_shaped(*code)) in.fail("code", "6 digits");
    r.code = code.value_or("");
    not_with(in, "phone", "code");
    not_with(in, "visual_check", "code");
    not_with(in, "pickup_adult_id", "code");
    not_with(in, "proxy_id", "code");
  } else if (method == PickupMethod::kPhone) {
    std::optional<std::string> phone = in.required_string("phone", 5, 20);
    if (phone && !core::is_valid_phone(*phone)) in.fail("phone", "not a valid phone number");
    r.phone = phone.value_or("");
    std::optional<bool> seen = in.optional_bool("visual_check");
    if (seen != true) in.fail("visual_check", "compare the adult's face with the photo first");
    r.visual_check = seen.value_or(false);
    r.pickup_adult_id = in.optional_int("pickup_adult_id", 1, kDayMaxId).value_or(0);
    not_with(in, "code", "phone");
    not_with(in, "proxy_id", "phone");
  } else if (method == PickupMethod::kProxy) {
    r.proxy_id = in.required_int("proxy_id", 1, kDayMaxId).value_or(0);
    not_with(in, "code", "proxy");
    not_with(in, "phone", "proxy");
    not_with(in, "visual_check", "proxy");
    not_with(in, "pickup_adult_id", "proxy");
  }
  if (method) r.method = *method;
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return r;
}

ordered_json picked_up_by_json(const Attendance& a) {
  if (!a.checked_out_at) return nullptr;
  return {{"name", day_or_null(a.pickup_name)},
          {"relation", day_or_null(a.pickup_relation)},
          {"method", day_or_null(a.pickup_method)},
          {"pickup_adult_id", day_or_null(a.pickup_adult_id)},
          {"pickup_proxy_id", day_or_null(a.pickup_proxy_id)}};
}

ordered_json attendance_json(const Attendance& a) {
  return {{"id", a.id},
          {"programme_id", a.programme_id},
          {"child_id", a.child_id},
          {"date", a.day},
          {"state", std::string(attendance_state(&a))},
          {"checked_in_at", core::format_rfc3339(a.checked_in_at)},
          {"checked_in_by", a.checked_in_by},
          {"brought_by", a.brought_by},
          {"brought_by_name", day_or_null(a.brought_by_name)},
          {"checked_out_at", day_moment_or_null(a.checked_out_at)},
          {"checked_out_by", day_or_null(a.checked_out_by)},
          {"picked_up_by", picked_up_by_json(a)},
          {"late", a.late}};
}

}  // namespace warmcity::afterschool
