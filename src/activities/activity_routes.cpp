// Routes of the activities and their series (docs/activities.md "Who
// organises", "Activities and their series", "Finding activities"). HTTP
// only: every answer comes from ActivityService.
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "activities/activity_json.h"
#include "activities/activity_service.h"
#include "activities/route_values.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::activities {

namespace {

using accounts::caller_of;
using ActivityRouteFn = void (*)(ActivityService&, http::Request&, http::Reply);

http::Handler activity_handler(const std::shared_ptr<ActivityService>& service, ActivityRouteFn f) {
  return
      [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
}

std::string activity_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The problem of a refusal, with the contract's members: 422 `error` and
// `field` (the first bad field), 409 `error` (the status's message) and the
// clashes or the dates below the places held.
http::Response activity_refusal(const Status& s, const ActivityWritten* w = nullptr) {
  http::Response r = http::problem(s);
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  if (!body.is_object()) return r;
  if (s.code() == Code::kUnprocessable) {
    body["error"] = s.message();
    if (!s.field_errors().empty()) body["field"] = s.field_errors().front().field;
  } else if (s.code() == Code::kConflict) {
    body["error"] = s.message();
    if (w && !w->clashes.empty()) body["clashes"] = clashes_json(w->clashes);
    if (w && !w->capacity_below_taken.empty()) body["dates"] = w->capacity_below_taken;
  }
  r.body = activity_dump(body);
  return r;
}

nlohmann::json activity_with_occurrences(const ActivityWritten& w, bool with_skipped) {
  nlohmann::json occ = nlohmann::json::array();
  for (const OccurrenceRecord& o : w.occurrences) occ.push_back(occurrence_json(o));
  nlohmann::json j = {{"activity", activity_json(w.activity)}, {"occurrences", std::move(occ)}};
  if (with_skipped) j["skipped"] = clashes_json(w.skipped);
  return j;
}

ActivityDone activity_answer(http::Reply reply, int status = 200) {
  return [reply = std::move(reply), status](Status s, ActivityWritten w) mutable {
    if (!s.ok()) return reply(activity_refusal(s, &w));
    reply(http::json_response(activity_dump(activity_with_occurrences(w, true)), status));
  };
}

// One occurrence's edit or cancellation: the occurrence view with activity.
ActivityDone occurrence_answer(http::Reply reply) {
  return [reply = std::move(reply)](Status s, ActivityWritten w) mutable {
    if (!s.ok()) return reply(activity_refusal(s, &w));
    nlohmann::json j = occurrence_json(w.occurrences.front());
    j["activity"] = activity_json(w.activity);
    j["skipped"] = clashes_json(w.skipped);
    reply(http::json_response(activity_dump(j)));
  };
}

Result<int64_t> activity_path_id(const http::Request& req, const char* what) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound(std::string("no ") + what + " with that id");
  return *id;
}

void organisers_route(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<std::vector<Organiser>> orgs = service.organisers(caller_of(req));
  if (!orgs.ok()) return reply(activity_refusal(orgs.status()));
  nlohmann::json out = nlohmann::json::array();
  for (const Organiser& o : *orgs)
    out.push_back({{"id", o.id}, {"name", o.name}, {"kind", o.kind}});
  reply(http::json_response(activity_dump(out)));
}

void activity_create(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(activity_refusal(doc.status()));
  Result<ActivityFields> f = read_activity(*doc, service.today());
  if (!f.ok()) return reply(activity_refusal(f.status()));
  service.create(std::move(*f), caller_of(req), activity_answer(std::move(reply), 201));
}

void activity_read(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = activity_path_id(req, "activity");
  if (!id.ok()) return reply(activity_refusal(id.status()));
  Result<ActivityWritten> w = service.get(*id);
  if (!w.ok()) return reply(activity_refusal(w.status()));
  reply(http::json_response(activity_dump(activity_with_occurrences(*w, false))));
}

void activity_update(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = activity_path_id(req, "activity");
  if (!id.ok()) return reply(activity_refusal(id.status()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(activity_refusal(doc.status()));
  Result<SeriesPatch> p = read_series_patch(*doc);
  if (!p.ok()) return reply(activity_refusal(p.status()));
  service.update(*id, std::move(*p), caller_of(req), activity_answer(std::move(reply)));
}

Result<std::string> activity_note_of(const http::Request& req) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return doc.status();
  return read_cancel_note(*doc);
}

void activity_cancel(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = activity_path_id(req, "activity");
  if (!id.ok()) return reply(activity_refusal(id.status()));
  Result<std::string> note = activity_note_of(req);
  if (!note.ok()) return reply(activity_refusal(note.status()));
  service.cancel(*id, std::move(*note), caller_of(req), activity_answer(std::move(reply)));
}

void occurrence_update(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = activity_path_id(req, "activity occurrence");
  if (!id.ok()) return reply(activity_refusal(id.status()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(activity_refusal(doc.status()));
  Result<OccurrencePatch> p = read_occurrence_patch(*doc, service.today());
  if (!p.ok()) return reply(activity_refusal(p.status()));
  service.update_occurrence(*id, std::move(*p), caller_of(req),
                            occurrence_answer(std::move(reply)));
}

void occurrence_cancel(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = activity_path_id(req, "activity occurrence");
  if (!id.ok()) return reply(activity_refusal(id.status()));
  Result<std::string> note = activity_note_of(req);
  if (!note.ok()) return reply(activity_refusal(note.status()));
  service.cancel_occurrence(*id, std::move(*note), caller_of(req),
                            occurrence_answer(std::move(reply)));
}

void organiser_activities(ActivityService& service, http::Request& req, http::Reply reply) {
  const std::string status = req.query_param("status").value_or("active");
  if (status != "active" && status != "cancelled")
    return reply(
        activity_refusal(Status::Unprocessable("bad status", {{"status", "active or cancelled"}})));
  Result<std::vector<ActivityRecord>> list = service.organiser_activities(status, caller_of(req));
  if (!list.ok()) return reply(activity_refusal(list.status()));
  nlohmann::json items = nlohmann::json::array();
  for (const ActivityRecord& a : *list) items.push_back(activity_json(a));
  reply(http::json_response(activity_dump({{"items", std::move(items)}})));
}

std::string occurrence_cursor(std::pair<int64_t, int64_t> key) {
  return std::to_string(key.first) + "_" + std::to_string(key.second);
}

std::optional<std::pair<int64_t, int64_t>> decode_occurrence_cursor(const std::string& s) {
  const size_t cut = s.find('_');
  if (cut == std::string::npos) return std::nullopt;
  std::optional<int64_t> t = whole_param(s.substr(0, cut), core::kFirstTime, core::kLastTime);
  std::optional<int64_t> id = whole_param(s.substr(cut + 1), 1, INT64_MAX);
  if (!t || !id) return std::nullopt;
  return std::make_pair(*t, *id);
}

void occurrence_list(ActivityService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  OccurrenceFilter f;
  core::LocalDate from = service.today();
  if (std::optional<std::string> s = req.query_param("from")) {
    Result<core::LocalDate> d = core::parse_date(*s);
    if (d.ok()) {
      from = *d;
    } else {
      errors.push_back({"from", "a date YYYY-MM-DD"});
    }
  }
  int64_t days = 7;
  if (std::optional<std::string> s = req.query_param("days")) {
    std::optional<int64_t> v = whole_param(*s, 1, 62);
    if (!v) errors.push_back({"days", "a whole number from 1 to 62"});
    days = v.value_or(7);
  }
  f.from = core::local_midnight_unix(from);
  f.until = f.from + days * core::kSecondsPerDay;
  auto id_param = [&](const char* name, std::optional<int64_t>& into) {
    if (std::optional<std::string> s = req.query_param(name)) {
      into = whole_param(*s, 1, INT64_MAX);
      if (!into) errors.push_back({name, "an id"});
    }
  };
  id_param("community_id", f.community_id);
  id_param("venue_id", f.venue_id);
  id_param("organiser_org_id", f.organiser_org_id);
  if (std::optional<std::string> k = req.query_param("kind")) {
    if (*k != "activity" && *k != "job_fair") errors.push_back({"kind", "activity or job_fair"});
    f.kind = *k;
  }
  if (std::optional<std::string> near = req.query_param("near")) {
    const size_t comma = near->find(',');
    std::optional<double> lat, lon;
    if (comma != std::string::npos) {
      lat = real_param(std::string_view(*near).substr(0, comma), -90, 90);
      lon = real_param(std::string_view(*near).substr(comma + 1), -180, 180);
    }
    if (!lat || !lon) errors.push_back({"near", "lat,lon"});
    f.near_lat = lat;
    f.near_lon = lon;
    if (!lat || !lon) f.near_lat.reset();
  }
  if (std::optional<std::string> r = req.query_param("radius_m")) {
    std::optional<int64_t> v = whole_param(*r, 100, 20000);
    if (!v) errors.push_back({"radius_m", "a whole number of metres from 100 to 20000"});
    f.radius_m = static_cast<double>(v.value_or(3000));
  }
  if (std::optional<std::string> l = req.query_param("limit")) {
    std::optional<int64_t> v = whole_param(*l, 1, 100);
    if (!v) errors.push_back({"limit", "a whole number from 1 to 100"});
    f.limit = static_cast<int>(v.value_or(50));
  }
  if (std::optional<std::string> c = req.query_param("cursor")) {
    f.after = decode_occurrence_cursor(*c);
    if (!f.after) errors.push_back({"cursor", "is not a cursor this list gave out"});
  }
  if (!errors.empty())
    return reply(activity_refusal(Status::Unprocessable("bad list parameters", std::move(errors))));
  Result<OccurrencePage> page = service.find(std::move(f));
  if (!page.ok()) return reply(activity_refusal(page.status()));
  nlohmann::json items = nlohmann::json::array();
  for (const OccurrenceItem& it : page->items) items.push_back(occurrence_item_json(it));
  nlohmann::json out = {{"items", std::move(items)}, {"next_cursor", nullptr}};
  if (page->next) out["next_cursor"] = occurrence_cursor(*page->next);
  reply(http::json_response(activity_dump(out)));
}

void occurrence_read(ActivityService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = activity_path_id(req, "activity occurrence");
  if (!id.ok()) return reply(activity_refusal(id.status()));
  Result<OccurrenceRecord> o = service.occurrence(*id);
  if (!o.ok()) return reply(activity_refusal(o.status()));
  Result<ActivityWritten> a = service.get(o->activity_id);
  if (!a.ok()) return reply(activity_refusal(a.status()));
  nlohmann::json j = occurrence_json(*o);
  j["activity"] = activity_json(a->activity);
  reply(http::json_response(activity_dump(j)));
}

}  // namespace

void register_activity_routes(http::Router& router, std::shared_ptr<ActivityService> service) {
  using http::Method;
  const http::Access staff = organiser_staff_roles();
  const http::Access anyone = http::Access::Public();
  auto h = [&](ActivityRouteFn f) { return activity_handler(service, f); };
  router.add(Method::kGet, "/api/v1/activity-organisers", staff, h(organisers_route),
             {.summary = "The organisations the caller may organise activities for"});
  router.add(Method::kPost, "/api/v1/activities", staff, h(activity_create),
             {.body_limit = 16 * 1024,
              .summary = "Create an activity and its series of occurrences (organiser staff, "
                         "admins); 409 on clashes unless skip_clashes"});
  router.add(Method::kGet, "/api/v1/activities/{id}", anyone, h(activity_read),
             {.summary = "An activity with its occurrences from 30 days ago to 6 months ahead"});
  router.add(Method::kPut, "/api/v1/activities/{id}", staff, h(activity_update),
             {.body_limit = 16 * 1024,
              .summary = "Edit the series: its scheduled, not started, not detached "
                         "occurrences follow (organiser staff, admins)"});
  router.add(Method::kPost, "/api/v1/activities/{id}/cancel", staff, h(activity_cancel),
             {.body_limit = 4096,
              .summary = "Cancel the activity, its occurrences to come and their sign-ups"});
  router.add(Method::kPut, "/api/v1/activity-occurrences/{id}", staff, h(occurrence_update),
             {.body_limit = 4096, .summary = "Edit one occurrence (it becomes detached)"});
  router.add(Method::kPost, "/api/v1/activity-occurrences/{id}/cancel", staff, h(occurrence_cancel),
             {.body_limit = 4096, .summary = "Cancel one occurrence and its sign-ups"});
  router.add(Method::kGet, "/api/v1/organiser-activities", staff, h(organiser_activities),
             {.summary = "The caller's organisers' activities, newest first (?status)"});
  router.add(Method::kGet, "/api/v1/activity-occurrences", anyone, h(occurrence_list),
             {.summary = "Occurrences in time order (?from&days&community_id&venue_id&"
                         "organiser_org_id&kind&near&radius_m&limit&cursor)"});
  router.add(Method::kGet, "/api/v1/activity-occurrences/{id}", anyone, h(occurrence_read),
             {.summary = "One occurrence with its activity"});
}

}  // namespace warmcity::activities
