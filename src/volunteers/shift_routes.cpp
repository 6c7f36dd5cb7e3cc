// Routes of the volunteer shifts (docs/volunteers.md "Shifts"): HTTP only,
// every answer comes from ShiftService.
#include <memory>
#include <utility>

#include "activities/route_values.h"
#include "core/time.h"
#include "http/json_input.h"
#include "volunteers/routes.h"
#include "volunteers/shift_json.h"

namespace warmcity::volunteers {

namespace {

using accounts::caller_of;
using nlohmann::ordered_json;
using ShiftRouteFn = void (*)(ShiftService&, http::Request&, http::Reply);

// The body as a JSON object; an empty body counts as {}.
Result<nlohmann::json> shift_body_of(const http::Request& req) {
  if (req.body.empty()) return nlohmann::json::object();
  return http::parse_json_object(req.body);
}

ShiftDone shift_view_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<ShiftView> v) {
    if (!v.ok()) return reply(shift_problem(v.status()));
    reply(shift_answer(shift_view_json(*v), status));
  };
}

SignupDone signup_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<SignupRow> g) {
    if (!g.ok()) return reply(shift_problem(g.status()));
    reply(shift_answer(signup_json(*g), status));
  };
}

void shift_create(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no occurrence with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<NewShift> f = read_new_shift(*doc);
  if (!f.ok()) return reply(shift_problem(f.status()));
  service.create(*id, std::move(*f), caller_of(req), shift_view_answer(std::move(reply), 201));
}

void shift_list(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no occurrence with that id")));
  Result<std::vector<ShiftRow>> list = service.public_list(*id);
  if (!list.ok()) return reply(shift_problem(list.status()));
  ordered_json items = ordered_json::array();
  for (const ShiftRow& s : *list) items.push_back(shift_public_json(s));
  reply(shift_answer({{"items", std::move(items)}}));
}

void shift_read(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no volunteer shift with that id")));
  service.view(*id, caller_of(req), shift_view_answer(std::move(reply), 200));
}

void my_signups(ShiftService& service, http::Request& req, http::Reply reply) {
  Result<std::vector<MySignup>> mine = service.mine(caller_of(req));
  if (!mine.ok()) return reply(shift_problem(mine.status()));
  ordered_json items = ordered_json::array();
  for (const MySignup& m : *mine) {
    ordered_json j = signup_json(m.signup);
    ordered_json shift = shift_public_json(m.shift);
    shift["date"] = m.shift.date;
    shift["status"] = m.shift.status;
    j["shift"] = std::move(shift);
    items.push_back(std::move(j));
  }
  reply(shift_answer({{"items", std::move(items)}}));
}

void shift_sign_up(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no volunteer shift with that id")));
  Result<nlohmann::json> doc = shift_body_of(req);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<SignupFor> who = read_signup_body(*doc);
  if (!who.ok()) return reply(shift_problem(who.status()));
  service.sign_up(*id, std::move(*who), caller_of(req), signup_answer(std::move(reply), 201));
}

void signup_cancel(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no volunteer sign-up with that id")));
  service.cancel(*id, caller_of(req), signup_answer(std::move(reply), 200));
}

void attendance_route(ShiftService& service, http::Request& req, http::Reply reply, bool in) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no volunteer sign-up with that id")));
  Result<nlohmann::json> doc = shift_body_of(req);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<Attendance> a = read_attendance(*doc);
  if (!a.ok()) return reply(shift_problem(a.status()));
  if (in) return service.check_in(*id, std::move(*a), caller_of(req), signup_answer(reply, 200));
  service.check_out(*id, std::move(*a), caller_of(req), signup_answer(std::move(reply), 200));
}

void signup_check_in(ShiftService& service, http::Request& req, http::Reply reply) {
  attendance_route(service, req, std::move(reply), true);
}

void signup_check_out(ShiftService& service, http::Request& req, http::Reply reply) {
  attendance_route(service, req, std::move(reply), false);
}

void shift_confirm(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no volunteer shift with that id")));
  service.confirm(*id, caller_of(req), [reply = std::move(reply)](Result<int64_t> n) {
    if (!n.ok()) return reply(shift_problem(n.status()));
    reply(shift_answer({{"confirmed", *n}}));
  });
}

void shift_cancel(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no volunteer shift with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<std::string> reason = read_shift_cancel(*doc);
  if (!reason.ok()) return reply(shift_problem(reason.status()));
  service.cancel_shift(*id, std::move(*reason), caller_of(req),
                       [reply = std::move(reply)](Result<ShiftCancelled> c) {
                         if (!c.ok()) return reply(shift_problem(c.status()));
                         reply(shift_answer(shift_cancelled_json(*c)));
                       });
}

// A team's shifts over ?from=&to= (shift_rules.h team_shift_period).
void team_shift_list(ShiftService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no such volunteer team")));
  Result<DatePeriod> p =
      team_shift_period(req.query_param("from"), req.query_param("to"), service.today());
  if (!p.ok()) return reply(shift_problem(p.status()));
  Result<std::vector<TeamShift>> list = service.team_shifts(*id, *p, caller_of(req));
  if (!list.ok()) return reply(shift_problem(list.status()));
  ordered_json items = ordered_json::array();
  for (const TeamShift& s : *list) items.push_back(shift_line_json(s.shift, s.with_code));
  reply(shift_answer({{"team_id", *id},
                      {"from", core::format_date(p->from)},
                      {"to", core::format_date(p->to)},
                      {"items", std::move(items)}}));
}

}  // namespace

void register_shift_routes(http::Router& router, const RouteContext& ctx) {
  using http::Method;
  auto service = std::make_shared<ShiftService>(ctx.db, ctx.audit, ctx.now);
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access anyone = http::Access::Public();
  const http::Access signed_in = http::Access::AnyUser();
  auto h = [&service](ShiftRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/activity-occurrences/{id}/shifts", staff, h(shift_create),
             {.body_limit = 8 * 1024,
              .summary = "Create a volunteer shift on an activity occurrence (its organiser's "
                         "staff): the shift with its six-digit check-in code"});
  router.add(Method::kGet, "/api/v1/activity-occurrences/{id}/shifts", anyone, h(shift_list),
             {.summary = "An occurrence's volunteer shifts with places left (no code, no names)"});
  router.add(Method::kGet, "/api/v1/volunteer-shifts/{id}", staff, h(shift_read),
             {.summary = "A volunteer shift with its code and sign-ups (organiser staff, the "
                         "shift's team admins); audited"});
  router.add(Method::kPost, "/api/v1/volunteer-shifts/{id}/signups", signed_in, h(shift_sign_up),
             {.body_limit = 4 * 1024,
              .summary = "Sign up for a shift: the volunteer for themself ({}), or the shift's "
                         "staff for a volunteer ({volunteer_id}); 409 with the refusal's code"});
  router.add(Method::kGet, "/api/v1/me/volunteer/signups", signed_in, h(my_signups),
             {.summary = "The caller's own shift sign-ups, newest first, each with its shift "
                         "(404 when the caller is no volunteer)"});
  router.add(Method::kDelete, "/api/v1/volunteer-signups/{id}", signed_in, h(signup_cancel),
             {.summary = "Cancel a shift sign-up before check-in (the volunteer, the shift's "
                         "staff)"});
  router.add(Method::kPost, "/api/v1/volunteer-signups/{id}/check-in", signed_in,
             h(signup_check_in),
             {.body_limit = 4 * 1024,
              .summary = "Check in: the volunteer with the shift's code, or the shift's staff "
                         "(optionally `at`)"});
  router.add(Method::kPost, "/api/v1/volunteer-signups/{id}/check-out", signed_in,
             h(signup_check_out),
             {.body_limit = 4 * 1024,
              .summary = "Check out: counts the minutes and writes the submitted ledger record"});
  router.add(Method::kPost, "/api/v1/volunteer-shifts/{id}/confirm", staff, h(shift_confirm),
             {.body_limit = 4 * 1024,
              .summary = "Confirm every submitted ledger record of a shift (organiser staff)"});
  router.add(Method::kPost, "/api/v1/volunteer-shifts/{id}/cancel", staff, h(shift_cancel),
             {.body_limit = 4 * 1024,
              .summary = "Cancel a shift that has not ended ({reason}; organiser staff): its "
                         "sign-ups not checked in are cancelled with it; audited"});
  router.add(Method::kGet, "/api/v1/volunteer-teams/{id}/shifts", staff, h(team_shift_list),
             {.summary = "A team's shifts ?from&to (default today + 30 days, at most 92 days) "
                         "with counts, no names (the team's admins, the staff of the "
                         "organisation it belongs to)"});
}

}  // namespace warmcity::volunteers
