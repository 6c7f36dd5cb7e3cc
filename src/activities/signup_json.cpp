// The sign-ups' JSON (signup_json.h).
#include "activities/signup_json.h"

#include "core/phone.h"
#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::activities {

using nlohmann::json;
using nlohmann::ordered_json;

Result<SignupRequest> read_signup_request(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  SignupRequest out;
  out.name = in.optional_string("name", 1, 200);
  out.phone = in.optional_string("phone", 1, 20);
  out.birth_date = in.optional_string("birth_date", 10, 10);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

Result<std::string> read_check_in_code(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  std::optional<std::string> code = in.required_string("code", 6, 6);
  in.reject_unknown();
  if (code && !is_door_code(*code)) in.fail("code", "six digits");
  if (!in.ok()) return in.status();
  return *code;
}

Result<std::string> read_attendance(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  std::optional<std::string> a = in.required_string("attendance", 0, 16);
  in.reject_unknown();
  if (a && *a != "attended" && *a != "no_show" && !a->empty()) {
    in.fail("attendance", "attended, no_show or '' (clear)");
  }
  if (!in.ok()) return in.status();
  return *a;
}

ordered_json signup_view_json(const SignupRecord& r) {
  const bool offered = r.status == "offered" && r.offer_expires_at;
  return {{"id", r.id},
          {"occurrence_id", r.occurrence_id},
          {"status", r.status},
          {"position", r.status == "waiting" ? r.position : 0},
          {"offer_expires_at", offered ? ordered_json(core::format_rfc3339(*r.offer_expires_at))
                                       : ordered_json(nullptr)},
          {"code", r.code},
          {"attendance", r.attendance},
          {"created_at", core::format_rfc3339(r.created_at)},
          {"by_staff", r.by_staff()}};
}

ordered_json my_signup_json(const MySignup& m) {
  ordered_json j = signup_view_json(m.signup);
  j["title"] = m.occurrence.title;
  j["occurrence"] = {
      {"id", m.occurrence.id},
      {"activity_id", m.occurrence.activity_id},
      {"date", m.occurrence.local_date},
      {"starts_at", core::format_rfc3339(m.occurrence.starts_at)},
      {"ends_at", core::format_rfc3339(m.occurrence.ends_at)},
      {"status", m.occurrence_status},
      {"title", m.occurrence.title},
      {"venue_name", m.venue_name ? ordered_json(*m.venue_name) : ordered_json(nullptr)},
      {"address", m.address}};
  return j;
}

namespace {

ordered_json door_entries_json(const std::vector<SignupRecord>& rows) {
  ordered_json list = ordered_json::array();
  for (const SignupRecord& r : rows) {
    list.push_back(
        {{"id", r.id},
         {"name", r.name},
         {"phone", core::mask_phone(r.phone)},
         {"status", r.status},
         {"position", r.status == "waiting" ? r.position : 0},
         {"attendance", r.attendance},
         {"code", r.code},
         {"by_staff", r.by_staff()},
         {"offer_expires_at", r.status == "offered" && r.offer_expires_at
                                  ? ordered_json(core::format_rfc3339(*r.offer_expires_at))
                                  : ordered_json(nullptr)}});
  }
  return list;
}

}  // namespace

ordered_json door_list_json(const DoorList& d) {
  return {{"confirmed", door_entries_json(d.confirmed)},
          {"offered", door_entries_json(d.offered)},
          {"waiting", door_entries_json(d.waiting)},
          {"cancelled", d.cancelled},
          {"lapsed", d.lapsed}};
}

}  // namespace warmcity::activities
