// The activity and occurrence views (activity_json.h).
#include "activities/activity_json.h"

#include <nlohmann/json.hpp>

#include "activities/activity.h"
#include "core/time.h"

namespace warmcity::activities {

namespace {

template <class T>
nlohmann::json activity_opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

std::string activity_url(int64_t id) { return "/#/activities/" + std::to_string(id); }

nlohmann::json activity_json(const ActivityRecord& a) {
  nlohmann::json venue = nullptr;
  if (a.venue_id)
    venue = {{"id", *a.venue_id},
             {"name", a.venue_name},
             {"address", a.venue_address},
             {"lat", a.venue_lat},
             {"lon", a.venue_lon}};
  nlohmann::json community = nullptr;
  if (a.community_id) community = {{"id", *a.community_id}, {"name", a.community_name}};
  return {{"id", a.id},
          {"kind", a.kind},
          {"title", a.title},
          {"description", a.description},
          {"organiser", {{"id", a.organiser_org_id}, {"name", a.organiser_name}}},
          {"venue", std::move(venue)},
          {"address", a.address},
          {"community", std::move(community)},
          {"capacity", a.capacity},
          {"age_min", activity_opt(a.age_min)},
          {"age_max", activity_opt(a.age_max)},
          {"offer_window_minutes", a.offer_window_minutes},
          {"first_date", a.first_date},
          {"start_time", format_hhmm(a.start_minute)},
          {"duration_minutes", a.duration_minutes},
          {"repeat", a.repeat},
          {"repeat_until", activity_opt(a.repeat_until)},
          {"repeat_count", activity_opt(a.repeat_count)},
          {"status", a.status},
          {"cancel_note", a.cancel_note},
          {"created_at", core::format_rfc3339(a.created_at)},
          {"updated_at", core::format_rfc3339(a.updated_at)},
          {"url", activity_url(a.id)}};
}

nlohmann::json occurrence_json(const OccurrenceRecord& o) {
  return {{"id", o.id},
          {"activity_id", o.activity_id},
          {"seq", o.seq},
          {"date", o.date},
          {"starts_at", core::format_rfc3339(o.starts_at)},
          {"ends_at", core::format_rfc3339(o.ends_at)},
          {"capacity", o.capacity},
          {"places_left", o.status == "scheduled" ? o.capacity - o.taken : 0},
          {"waiting", o.waiting},
          {"status", o.status},
          {"cancel_note", o.cancel_note},
          {"revision", o.revision},
          {"detached", o.detached}};
}

nlohmann::json occurrence_item_json(const OccurrenceItem& it) {
  nlohmann::json j = occurrence_json(it.o);
  j["title"] = it.title;
  j["kind"] = it.kind;
  j["organiser_name"] = it.organiser_name;
  j["venue_name"] = it.venue_id ? nlohmann::json(it.venue_name) : nlohmann::json(nullptr);
  j["address"] = it.address;
  j["community_id"] = activity_opt(it.community_id);
  j["lat"] = activity_opt(it.lat);
  j["lon"] = activity_opt(it.lon);
  if (it.distance_m) j["distance_m"] = static_cast<int64_t>(*it.distance_m);
  return j;
}

nlohmann::json clashes_json(const std::vector<Clash>& clashes) {
  nlohmann::json out = nlohmann::json::array();
  for (const Clash& c : clashes) {
    nlohmann::json j = {{"date", c.date}, {"reason", c.reason}};
    if (c.activity_id) {
      j["activity_id"] = *c.activity_id;
      j["title"] = c.title;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace warmcity::activities
