// The free clinics' JSON (clinic_json.h).
#include "clinics/clinic_json.h"

#include <string>

#include "activities/activity_json.h"
#include "activities/signup_json.h"
#include "core/time.h"
#include "http/problem.h"

namespace warmcity::clinics {

using nlohmann::ordered_json;

namespace {

ordered_json slot_json(const activities::OccurrenceRecord& o) {
  return {{"occurrence_id", o.id},
          {"seq", o.seq},
          {"starts_at", core::format_rfc3339(o.starts_at)},
          {"ends_at", core::format_rfc3339(o.ends_at)},
          {"capacity", o.capacity},
          {"places_left", o.status == "scheduled" ? o.capacity - o.taken : 0},
          {"waiting", o.waiting},
          {"status", o.status}};
}

void clinic_add_notes(ordered_json& entries, const ClinicDoorList& d) {
  for (ordered_json& e : entries) {
    if (!d.notes) continue;
    auto it = d.notes->find(e.at("id").get<int64_t>());
    e["health_note"] = it == d.notes->end() ? ordered_json(nullptr) : ordered_json(it->second);
  }
}

}  // namespace

ordered_json session_json(const ClinicSession& s) {
  ordered_json doctors = ordered_json::array();
  ordered_json departments = ordered_json::array();
  for (const Doctor& d : s.doctors) {
    doctors.push_back({{"department", d.department},
                       {"name", d.name},
                       {"title", d.title},
                       {"licence_number", d.licence_number}});
    bool seen = false;
    for (const ordered_json& x : departments) seen = seen || x == d.department;
    if (!seen) departments.push_back(d.department);
  }
  ordered_json slots = ordered_json::array();
  int64_t total = 0;
  int64_t taken = 0;
  for (const activities::OccurrenceRecord& o : s.slots) {
    slots.push_back(slot_json(o));
    if (o.status != "scheduled") continue;
    total += o.capacity;
    taken += o.taken;
  }
  return {{"activity", ordered_json(activities::activity_json(s.activity))},
          {"filing_number", s.clinic.filing_number},
          {"slot_minutes", s.clinic.slot_minutes},
          {"places_per_slot", s.clinic.places_per_slot},
          {"doctors", std::move(doctors)},
          {"departments", std::move(departments)},
          {"slots", std::move(slots)},
          {"places_total", total},
          {"places_taken", taken}};
}

ordered_json booking_json(const Booking& b) {
  return {{"signup", b.signup ? activities::signup_view_json(*b.signup) : ordered_json(nullptr)},
          {"health_note", b.health_note ? ordered_json(*b.health_note) : ordered_json(nullptr)}};
}

ordered_json clinic_door_list_json(const ClinicDoorList& d) {
  ordered_json j = activities::door_list_json(d.list);
  for (const char* status : {"confirmed", "offered", "waiting"}) clinic_add_notes(j[status], d);
  j["health_notes_hidden"] = !d.notes.has_value();
  return j;
}

http::Response clinic_problem(const Status& s, const std::vector<activities::Clash>* clashes) {
  http::Response res = http::coded_problem(s);
  if (s.code() != Code::kConflict || !clashes || clashes->empty()) return res;
  nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
  if (!body.is_object()) return res;
  body["clashes"] = activities::clashes_json(*clashes);
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

http::Response clinic_answer(const ordered_json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

}  // namespace warmcity::clinics
