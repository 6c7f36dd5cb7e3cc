// Routes of the free clinic sessions (docs/clinics.md "Sessions"). HTTP
// only: every answer comes from ClinicService.
#include <memory>
#include <utility>

#include "activities/route_values.h"
#include "clinics/clinic_json.h"
#include "clinics/clinic_routes.h"
#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::clinics {

namespace {

using accounts::caller_of;
using ClinicRouteFn = void (*)(ClinicService&, http::Request&, http::Reply);

constexpr int64_t kDefaultDays = 14;

ClinicDone clinic_written_answer(http::Reply reply, int status, bool with_skipped) {
  return [reply = std::move(reply), status, with_skipped](Status s, ClinicWritten w) {
    if (!s.ok()) return reply(clinic_problem(s, &w.clashes));
    nlohmann::ordered_json j = session_json(w.session);
    if (with_skipped) j["skipped"] = nlohmann::ordered_json(activities::clashes_json(w.skipped));
    reply(clinic_answer(j, status));
  };
}

void clinic_create(ClinicService& service, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(clinic_problem(doc.status()));
  Result<ClinicFields> f = read_clinic(*doc, service.today());
  if (!f.ok()) return reply(clinic_problem(f.status()));
  service.create(std::move(*f), caller_of(req), clinic_written_answer(std::move(reply), 201, true));
}

void clinic_read(ClinicService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(clinic_problem(Status::NotFound("no clinic session with that id")));
  Result<ClinicSession> s = service.get(*id);
  if (!s.ok()) return reply(clinic_problem(s.status()));
  reply(clinic_answer(session_json(*s)));
}

void clinic_update(ClinicService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(clinic_problem(Status::NotFound("no clinic session with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(clinic_problem(doc.status()));
  Result<ClinicPatch> p = read_clinic_patch(*doc);
  if (!p.ok()) return reply(clinic_problem(p.status()));
  service.update(*id, std::move(*p), caller_of(req),
                 clinic_written_answer(std::move(reply), 200, false));
}

void clinic_list(ClinicService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  const activities::DateWindow window =
      activities::date_window_param(req, service.today(), kDefaultDays, 62, errors);
  std::optional<int64_t> community_id;
  if (std::optional<std::string> s = req.query_param("community_id")) {
    community_id = activities::whole_param(*s, 1, INT64_MAX);
    if (!community_id) errors.push_back({"community_id", "an id"});
  }
  if (!errors.empty())
    return reply(clinic_problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  const int64_t start = core::local_midnight_unix(window.from);
  Result<std::vector<ClinicSession>> list =
      service.list(start, start + window.days * core::kSecondsPerDay, community_id);
  if (!list.ok()) return reply(clinic_problem(list.status()));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const ClinicSession& s : *list) items.push_back(session_json(s));
  reply(clinic_answer({{"items", std::move(items)}}));
}

void clinic_desk_list(ClinicService& service, http::Request& req, http::Reply reply) {
  Result<std::vector<ClinicSession>> list = service.organiser_sessions(caller_of(req));
  if (!list.ok()) return reply(clinic_problem(list.status()));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const ClinicSession& s : *list) items.push_back(session_json(s));
  reply(clinic_answer({{"items", std::move(items)}}));
}

}  // namespace

void register_clinic_routes(http::Router& router, std::shared_ptr<ClinicService> service) {
  using http::Method;
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access anyone = http::Access::Public();
  auto h = [&service](ClinicRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/clinic-sessions", staff, h(clinic_create),
             {.body_limit = 32 * 1024,
              .summary = "Create a free clinic session: its activity, one detached occurrence per "
                         "slot, its doctors (clinic staff, admins); 409 on clashes unless "
                         "skip_clashes"});
  router.add(
      Method::kGet, "/api/v1/clinic-sessions", anyone, h(clinic_list),
      {.summary = "Free clinic sessions with a slot in the window (?from&days&community_id), "
                  "by their first slot"});
  router.add(Method::kGet, "/api/v1/clinic-sessions/{id}", anyone, h(clinic_read),
             {.summary = "A free clinic session: filing number, doctors, slots with places left"});
  router.add(Method::kGet, "/api/v1/organiser-clinic-sessions", staff, h(clinic_desk_list),
             {.summary = "The caller's organisers' clinic sessions, newest first (admins: all; "
                         "at most 200)"});
  router.add(Method::kPut, "/api/v1/clinic-sessions/{id}", staff, h(clinic_update),
             {.body_limit = 32 * 1024,
              .summary = "Edit a session's filing number or doctors (clinic staff, admins)"});
}

}  // namespace warmcity::clinics
