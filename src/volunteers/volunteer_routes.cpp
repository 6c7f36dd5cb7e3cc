// Routes of the volunteer registry (docs/volunteers.md "Volunteers"). HTTP
// only: every answer comes from VolunteerService.
#include <memory>
#include <string>
#include <utility>

#include "activities/route_values.h"
#include "http/json_input.h"
#include "volunteers/routes.h"
#include "volunteers/volunteer_input.h"
#include "volunteers/volunteer_json.h"
#include "volunteers/volunteer_service.h"

namespace warmcity::volunteers {

namespace {

using accounts::caller_of;
using RegistryRouteFn = void (*)(VolunteerService&, http::Request&, http::Reply);

constexpr size_t kVolunteerBodyLimit = 16 * 1024;

Status no_volunteer() { return Status::NotFound("no volunteer with that id"); }

VolunteerWriteDone written_answer(VolunteerService& service, http::Reply reply, int status) {
  return [&service, reply = std::move(reply), status](Status s, VolunteerWritten w) {
    if (!s.ok()) return reply(volunteer_problem(s, w.already_registered));
    reply(volunteer_answer(volunteer_json(w.view.row, w.view.standing, service.today()), status));
  };
}

VolunteerDone view_answer(VolunteerService& service, http::Reply reply, int status = 200) {
  return [&service, reply = std::move(reply), status](Result<VolunteerView> v) {
    if (!v.ok()) return reply(volunteer_problem(v.status()));
    reply(volunteer_answer(volunteer_json(v->row, v->standing, service.today()), status));
  };
}

void volunteer_create(VolunteerService& service, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(volunteer_problem(doc.status()));
  Result<VolunteerFields> f = read_volunteer(*doc, service.today());
  if (!f.ok()) return reply(volunteer_problem(f.status()));
  service.create(std::move(*f), caller_of(req), written_answer(service, std::move(reply), 201));
}

void volunteer_list(VolunteerService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  TeamVolunteerQuery q;
  std::optional<std::string> team = req.query_param("team_id");
  std::optional<int64_t> team_id =
      team ? activities::whole_param(*team, 1, INT64_MAX) : std::optional<int64_t>();
  if (!team_id) errors.push_back({"team_id", "the team's id is required"});
  if (std::optional<std::string> status = req.query_param("status")) {
    if (*status != "active" && *status != "left") errors.push_back({"status", "active | left"});
    q.status = *status;
  }
  if (std::optional<std::string> text = req.query_param("q")) {
    if (text->size() > 40) errors.push_back({"q", "at most 40 characters"});
    if (!text->empty()) q.q = *text;
  }
  if (!errors.empty())
    return reply(
        volunteer_problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  q.team_id = *team_id;
  service.list(std::move(q), caller_of(req),
               [&service, reply = std::move(reply)](Result<std::vector<VolunteerView>> r) {
                 if (!r.ok()) return reply(volunteer_problem(r.status()));
                 nlohmann::ordered_json items = nlohmann::ordered_json::array();
                 const core::LocalDate today = service.today();
                 for (const VolunteerView& v : *r)
                   items.push_back(volunteer_json(v.row, v.standing, today));
                 reply(volunteer_answer({{"items", std::move(items)}}));
               });
}

void volunteer_read(VolunteerService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(volunteer_problem(no_volunteer()));
  service.read(*id, caller_of(req), view_answer(service, std::move(reply)));
}

void volunteer_update(VolunteerService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(volunteer_problem(no_volunteer()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(volunteer_problem(doc.status()));
  Result<VolunteerPatch> p = read_volunteer_patch(*doc, service.today());
  if (!p.ok()) return reply(volunteer_problem(p.status()));
  service.update(*id, std::move(*p), caller_of(req),
                 written_answer(service, std::move(reply), 200));
}

void volunteer_join(VolunteerService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(volunteer_problem(no_volunteer()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(volunteer_problem(doc.status()));
  Result<int64_t> team = read_team_join(*doc);
  if (!team.ok()) return reply(volunteer_problem(team.status()));
  service.join_team(*id, *team, caller_of(req), view_answer(service, std::move(reply), 201));
}

void volunteer_leave(VolunteerService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(volunteer_problem(no_volunteer()));
  std::optional<int64_t> team = req.path_id("team_id");
  if (!team) return reply(volunteer_problem(Status::NotFound("no such volunteer team")));
  service.leave_team(*id, *team, caller_of(req), view_answer(service, std::move(reply)));
}

void volunteer_mine(VolunteerService& service, http::Request& req, http::Reply reply) {
  Result<VolunteerView> v = service.mine(caller_of(req));
  if (!v.ok()) return reply(volunteer_problem(v.status()));
  reply(volunteer_answer(volunteer_json(v->row, v->standing, service.today())));
}

}  // namespace

void register_volunteer_routes(http::Router& router, const RouteContext& ctx) {
  using http::Method;
  auto service = std::make_shared<VolunteerService>(ctx.db, ctx.now);
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access signed_in = http::Access::AnyUser();
  auto h = [&service](RegistryRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/volunteers", staff, h(volunteer_create),
             {.body_limit = kVolunteerBodyLimit,
              .summary = "Register a volunteer into a team (its team admins); 409 "
                         "already_registered with volunteer_id; audited"});
  router.add(Method::kGet, "/api/v1/volunteers", staff, h(volunteer_list),
             {.summary = "A team's current volunteers (its team admins; ?team_id=&status=&q=), "
                         "at most 500 by name; audited read"});
  router.add(Method::kGet, "/api/v1/volunteers/{id}", signed_in, h(volunteer_read),
             {.summary = "A volunteer (the team admins of their teams, audited; the volunteer)"});
  router.add(Method::kPut, "/api/v1/volunteers/{id}", staff, h(volunteer_update),
             {.body_limit = kVolunteerBodyLimit,
              .summary = "Edit a volunteer (the team admins of their teams); audited with the "
                         "changed fields' names"});
  router.add(Method::kPost, "/api/v1/volunteers/{id}/teams", staff, h(volunteer_join),
             {.body_limit = 4096,
              .summary = "Add a volunteer to a team (its team admins); 409 already_member; "
                         "audited"});
  router.add(Method::kDelete, "/api/v1/volunteers/{id}/teams/{team_id}", staff, h(volunteer_leave),
             {.summary = "A volunteer leaves a team (its team admins); the membership keeps "
                         "joined_at and gets left_at; audited"});
  router.add(Method::kGet, "/api/v1/me/volunteer", signed_in, h(volunteer_mine),
             {.summary = "The caller's own volunteer record (ID masked), or 404"});
}

}  // namespace warmcity::volunteers
