// Routes of the sign-ups, the waitlist and the door (signup_service.h,
// docs/activities.md "Sign-ups and the waitlist", "At the door"). HTTP only.
#include <cctype>
#include <memory>
#include <utility>

#include "accounts/caller.h"
#include "activities/route_values.h"
#include "activities/signup_json.h"
#include "activities/signup_service.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::activities {

namespace {

using nlohmann::ordered_json;

std::string signup_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// problem(s), with the refusal's code as `error` ("already_signed_up: …" →
// error already_signed_up) and a 422's first field as `field`.
http::Response signup_problem(const Status& s) {
  http::Response res = http::problem(s);
  const std::string& m = s.message();
  std::string code;
  size_t i = 0;
  while (i < m.size() && (std::islower(static_cast<unsigned char>(m[i])) || m[i] == '_')) ++i;
  if (i > 0 && i < m.size() && m[i] == ':') code = m.substr(0, i);
  const bool field = s.code() == Code::kUnprocessable && !s.field_errors().empty();
  if (code.empty() && !field) return res;
  nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
  if (!body.is_object()) return res;
  if (!code.empty()) body["error"] = code;
  if (field) {
    body["error"] = code.empty() ? "invalid" : code;
    body["field"] = s.field_errors().front().field;
  }
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

void answer_signup(const http::Reply& reply, Result<SignupRecord> r, int status = 200) {
  if (!r.ok()) return reply(signup_problem(r.status()));
  reply(http::json_response(signup_dump(signup_view_json(*r)), status));
}

SignupDone signup_answer(http::Reply reply, int status = 200) {
  return [reply = std::move(reply), status](Result<SignupRecord> r) {
    answer_signup(reply, std::move(r), status);
  };
}

void signup_create_route(SignupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = req.path_id("id");
  if (!occ) return reply(signup_problem(Status::NotFound("no activity occurrence with that id")));
  Result<SignupRequest> in = read_signup_request(req.body);
  if (!in.ok()) return reply(signup_problem(in.status()));
  service.sign_up(*occ, std::move(*in), accounts::caller_of(req), signup_answer(reply, 201));
}

void signup_my_one_route(SignupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = req.path_id("id");
  if (!occ) return reply(signup_problem(Status::NotFound("no activity occurrence with that id")));
  Result<std::optional<SignupRecord>> r = service.my_signup(*occ, accounts::caller_of(req));
  if (!r.ok()) return reply(signup_problem(r.status()));
  reply(http::json_response(
      signup_dump({{"signup", *r ? signup_view_json(**r) : ordered_json(nullptr)}})));
}

void signup_mine_route(SignupService& service, http::Request& req, http::Reply reply) {
  const std::string scope = req.query_param("scope").value_or("upcoming");
  if (scope != "upcoming" && scope != "past") {
    return reply(
        signup_problem(Status::Unprocessable("bad scope", {{"scope", "upcoming or past"}})));
  }
  Result<std::vector<MySignup>> rows = service.mine(accounts::caller_of(req), scope == "upcoming");
  if (!rows.ok()) return reply(signup_problem(rows.status()));
  ordered_json items = ordered_json::array();
  for (const MySignup& m : *rows) items.push_back(my_signup_json(m));
  reply(http::json_response(signup_dump({{"items", std::move(items)}})));
}

void signup_door_list_route(SignupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = req.path_id("id");
  if (!occ) return reply(signup_problem(Status::NotFound("no activity occurrence with that id")));
  service.door_list(*occ, accounts::caller_of(req), [reply = std::move(reply)](Result<DoorList> d) {
    if (!d.ok()) return reply(signup_problem(d.status()));
    reply(http::json_response(signup_dump(door_list_json(*d))));
  });
}

void signup_check_in_route(SignupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> occ = req.path_id("id");
  if (!occ) return reply(signup_problem(Status::NotFound("no activity occurrence with that id")));
  Result<std::string> code = read_check_in_code(req.body);
  if (!code.ok()) return reply(signup_problem(code.status()));
  service.check_in(*occ, std::move(*code), accounts::caller_of(req), signup_answer(reply));
}

using SignupAct = void (SignupService::*)(int64_t, accounts::Caller, SignupDone);

template <SignupAct act>
void signup_act_route(SignupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(signup_problem(Status::NotFound("no sign-up with that id")));
  if (!req.body.empty()) {
    Result<nlohmann::json> doc = http::parse_json_object(req.body);
    if (!doc.ok()) return reply(signup_problem(doc.status()));
    http::FieldReader in(*doc);
    in.reject_unknown();
    if (!in.ok()) return reply(signup_problem(in.status()));
  }
  (service.*act)(*id, accounts::caller_of(req), signup_answer(reply));
}

void signup_attendance_route(SignupService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(signup_problem(Status::NotFound("no sign-up with that id")));
  Result<std::string> a = read_attendance(req.body);
  if (!a.ok()) return reply(signup_problem(a.status()));
  service.set_attendance(*id, std::move(*a), accounts::caller_of(req), signup_answer(reply));
}

}  // namespace

void register_signup_routes(http::Router& router, std::shared_ptr<SignupService> service) {
  using http::Method;
  using Fn = void (*)(SignupService&, http::Request&, http::Reply);
  auto bind = [service](Fn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access staff = organiser_staff_roles();
  const http::Access anyone = http::Access::AnyUser();
  router.add(Method::kPost, "/api/v1/activity-occurrences/{id}/signups", anyone,
             bind(signup_create_route),
             {.body_limit = 4096,
              .summary = "Sign up for an occurrence: a resident themselves, organiser staff a "
                         "caller by name and phone (a place, or the waitlist)"});
  router.add(Method::kGet, "/api/v1/activity-occurrences/{id}/signups", staff,
             bind(signup_door_list_route),
             {.summary = "The door list of an occurrence (organiser staff, admins; phones "
                         "masked; audited)"});
  router.add(Method::kGet, "/api/v1/activity-occurrences/{id}/my-signup", anyone,
             bind(signup_my_one_route),
             {.summary = "The caller's latest sign-up on an occurrence, or null"});
  router.add(Method::kPost, "/api/v1/activity-occurrences/{id}/check-in", staff,
             bind(signup_check_in_route),
             {.body_limit = 1024,
              .summary = "Check a confirmed sign-up in by its door code (organiser staff)"});
  router.add(Method::kGet, "/api/v1/my/activity-signups", anyone, bind(signup_mine_route),
             {.summary = "The caller's sign-ups, upcoming or past"});
  router.add(Method::kPost, "/api/v1/activity-signups/{id}/cancel", anyone,
             bind(signup_act_route<&SignupService::cancel>),
             {.body_limit = 1024,
              .summary = "Cancel a sign-up (its person, organiser staff, admins); the place "
                         "goes to the first in line"});
  router.add(Method::kPost, "/api/v1/activity-signups/{id}/accept", anyone,
             bind(signup_act_route<&SignupService::accept>),
             {.body_limit = 1024, .summary = "Accept a place offered from the waitlist"});
  router.add(Method::kPost, "/api/v1/activity-signups/{id}/decline", anyone,
             bind(signup_act_route<&SignupService::decline>),
             {.body_limit = 1024,
              .summary = "Decline a place offered from the waitlist; it goes to the next in line"});
  router.add(Method::kPut, "/api/v1/activity-signups/{id}/attendance", staff,
             bind(signup_attendance_route),
             {.body_limit = 1024,
              .summary = "Mark attended or no_show, or clear the mark (organiser staff)"});
}

}  // namespace warmcity::activities
