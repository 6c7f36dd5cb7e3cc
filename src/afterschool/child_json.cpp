// The families' JSON (child_json.h).
#include "afterschool/child_json.h"

#include <string>

#include "afterschool/pickup_json.h"
#include "http/problem.h"

namespace warmcity::afterschool {

using nlohmann::ordered_json;

namespace {

ordered_json family_time(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json family_text(const std::optional<std::string>& s) {
  return s ? ordered_json(*s) : ordered_json(nullptr);
}

ordered_json child_today_json(const ChildToday& t) {
  ordered_json j = {
      {"programme_id", t.programme_id}, {"programme_name", t.programme_name}, {"state", t.state}};
  const std::optional<AttendanceToday>& a = t.attendance;
  j["checked_in_at"] = a ? family_time(a->checked_in_at) : ordered_json(nullptr);
  j["brought_by"] = a ? ordered_json(a->brought_by) : ordered_json(nullptr);
  j["checked_out_at"] = a ? family_time(a->checked_out_at) : ordered_json(nullptr);
  if (a && a->checked_out_at) {
    j["picked_up_by"] = {{"name", family_text(a->pickup_name)},
                         {"relation", family_text(a->pickup_relation)},
                         {"method", family_text(a->pickup_method)}};
  } else {
    j["picked_up_by"] = nullptr;
  }
  j["late_alert"] = t.late_alert;
  return j;
}

}  // namespace

ordered_json guardians_json(const std::vector<GuardianRow>& g) {
  ordered_json out = ordered_json::array();
  for (const GuardianRow& r : g)
    out.push_back({{"user_id", r.user_id},
                   {"display_name", r.display_name},
                   {"relation", r.relation},
                   {"phone", family_text(r.phone)}});
  return out;
}

ordered_json child_json(const ChildRecord& r, core::LocalDate today) {
  const ChildRow& c = r.child;
  Result<core::LocalDate> birth = core::parse_date(c.birth_date);
  return {{"id", c.id},
          {"name", c.name},
          {"school", c.school},
          {"grade", c.grade},
          {"birth_date", c.birth_date},
          {"age", birth.ok() ? ordered_json(age_on(*birth, today)) : ordered_json(nullptr)},
          {"health_notes", family_text(c.health_notes)},
          {"has_photo", c.photo_file.has_value()},
          {"guardians", guardians_json(r.guardians)},
          {"created_at", core::format_rfc3339(c.created_at)}};
}

ordered_json enrolment_json(const EnrolmentRow& e) {
  return {{"id", e.id},
          {"programme_id", e.programme_id},
          {"programme_name", e.programme_name},
          {"child_id", e.child_id},
          {"status", e.status},
          {"created_at", core::format_rfc3339(e.created_at)},
          {"withdrawn_at", family_time(e.withdrawn_at)}};
}

ordered_json my_child_json(const MyChild& m, core::LocalDate today) {
  ordered_json j = child_json(m.record, today);
  ordered_json adults = ordered_json::array();
  for (const PickupAdultRow& a : m.pickup_adults) adults.push_back(pickup_adult_json(a, today));
  ordered_json enrolments = ordered_json::array();
  for (const EnrolmentRow& e : m.enrolments) enrolments.push_back(enrolment_json(e));
  ordered_json days = ordered_json::array();
  for (const ChildToday& t : m.today) days.push_back(child_today_json(t));
  j["pickup_adults"] = std::move(adults);
  j["enrolments"] = std::move(enrolments);
  j["today"] = std::move(days);
  j["late_pickups_this_month"] = m.late_pickups_this_month;
  return j;
}

http::Response family_problem(const Status& s) { return http::coded_problem(s); }

http::Response family_answer(const ordered_json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

}  // namespace warmcity::afterschool
