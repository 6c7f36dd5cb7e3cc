// The day's routes: check-in and check-out (day_routes.h).
#include "afterschool/day_routes.h"

#include <utility>

#include "activities/route_values.h"
#include "afterschool/day_json.h"
#include "afterschool/programme_json.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

using accounts::caller_of;
using DayRouteFn = void (*)(DayService&, http::Request&, http::Reply);

Status day_no_programme() { return Status::NotFound("no programme with that id"); }

AttendanceDone day_answer_with(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Attendance> a) {
    if (!a.ok()) return reply(programme_problem(a.status()));
    reply(programme_answer(attendance_json(*a), status));
  };
}

void day_check_in(DayService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(day_no_programme()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<CheckInRequest> in = read_check_in(*doc);
  if (!in.ok()) return reply(programme_problem(in.status()));
  service.check_in(*id, std::move(*in), caller_of(req), day_answer_with(std::move(reply), 201));
}

void day_check_out(DayService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(day_no_programme()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<CheckOutRequest> in = read_check_out(*doc);
  if (!in.ok()) return reply(programme_problem(in.status()));
  service.check_out(*id, std::move(*in), caller_of(req), day_answer_with(std::move(reply), 200));
}

}  // namespace

void register_day_routes(http::Router& router, std::shared_ptr<DayService> service) {
  using http::Method;
  const http::Access staff = activities::organiser_staff_roles();
  auto h = [&service](DayRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/afterschool-programmes/{id}/check-ins", staff, h(day_check_in),
             {.body_limit = 4096,
              .summary = "Check a child in today (the programme's staff; a session day, the "
                         "child enrolled)"});
  router.add(Method::kPost, "/api/v1/afterschool-programmes/{id}/check-outs", staff,
             h(day_check_out),
             {.body_limit = 4096,
              .summary = "Check a child out today by a pickup adult's code, their phone and "
                         "photo, or a confirmed proxy; records who, how, when and which staff"});
}

}  // namespace warmcity::afterschool
