// The programmes' JSON (programme_json.h).
#include "afterschool/programme_json.h"

#include <algorithm>

#include "core/time.h"
#include "http/problem.h"

namespace warmcity::afterschool {

namespace {

using nlohmann::ordered_json;

}  // namespace

ordered_json programme_json(const ProgrammeView& v) {
  const Programme& p = v.programme;
  ordered_json weekdays = ordered_json::array();
  for (char d : p.weekdays) weekdays.push_back(d - '0');
  ordered_json j = {
      {"id", p.id},
      {"name", p.name},
      {"organiser", {{"id", p.organiser_org_id}, {"name", v.organiser_name}}},
      {"site", {{"id", p.site_id}, {"name", v.site_name}, {"address", v.site_address}}},
      {"community_id", v.community_id ? ordered_json(*v.community_id) : ordered_json(nullptr)},
      {"weekdays", std::move(weekdays)},
      {"start_time", p.start_time},
      {"end_time", p.end_time},
      {"capacity", p.capacity},
      {"enrolled", v.enrolled},
      {"places_left", std::max<int64_t>(0, p.capacity - v.enrolled)},
      {"term_start", p.term_start},
      {"term_end", p.term_end},
      {"on_makeup_days", p.on_makeup_days},
      {"staffing",
       {{"min_adults", p.staffing.min_adults},
        {"base_children", p.staffing.base_children},
        {"per_extra_children", p.staffing.per_extra_children}}},
      {"status", p.status},
      {"created_at", core::format_rfc3339(p.created_at)}};
  if (!v.my_part.empty()) j["my_part"] = v.my_part;
  return j;
}

ordered_json day_json(const DayView& d) {
  ordered_json j = {{"date", d.date},
                    {"open", d.day.open},
                    {"reason", d.day.open ? ordered_json(nullptr) : ordered_json(d.day.reason)}};
  if (d.day.reason == "holiday") j["holiday_name"] = d.day.holiday_name;
  return j;
}

ordered_json staff_json(const StaffView& s) {
  return {{"user_id", s.member.user_id},
          {"display_name", s.member.display_name},
          {"role", s.member.role},
          {"background_checked_on", s.member.background_checked_on},
          {"recheck_due_on", s.recheck_due_on},
          {"recheck_due", s.recheck_due}};
}

ordered_json staffing_json(const DayStaffing& s) {
  return {
      {"children", s.children}, {"required", s.required}, {"on_duty", s.on_duty}, {"met", s.met}};
}

ordered_json duty_confirmation_json(const DutyConfirmation& d) {
  return {{"programme_id", d.programme_id},
          {"date", d.day},
          {"minutes", d.minutes},
          {"adults", d.adults},
          {"volunteers", d.volunteers},
          {"confirmed_by", d.confirmed_by},
          {"confirmed_by_name", d.confirmed_by_name},
          {"confirmed_at", core::format_rfc3339(d.confirmed_at)}};
}

http::Response programme_problem(const Status& s) { return http::coded_problem(s); }

http::Response programme_answer(const ordered_json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

}  // namespace warmcity::afterschool
