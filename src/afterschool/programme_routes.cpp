// Routes of the after-school programmes (programme_routes.h). HTTP only:
// every answer comes from ProgrammeService.
#include "afterschool/programme_routes.h"

#include <utility>

#include "accounts/caller.h"
#include "activities/route_values.h"
#include "afterschool/programme_json.h"
#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

using accounts::caller_of;
using ProgrammeRouteFn = void (*)(ProgrammeService&, http::Request&, http::Reply);

constexpr int64_t kProgrammeDefaultDays = 14;
constexpr int64_t kProgrammeMaxDays = 62;

Status programme_no_id() { return Status::NotFound("no after-school programme with that id"); }

ProgrammeDone programme_written_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Status s, ProgrammeView v) {
    if (!s.ok()) return reply(programme_problem(s));
    reply(programme_answer(programme_json(v), status));
  };
}

nlohmann::ordered_json programme_items(const std::vector<ProgrammeView>& list) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const ProgrammeView& v : list) items.push_back(programme_json(v));
  return {{"items", std::move(items)}};
}

nlohmann::ordered_json programme_staff_items(const std::vector<StaffView>& list) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const StaffView& s : list) items.push_back(staff_json(s));
  return {{"items", std::move(items)}};
}

void programme_create(ProgrammeService& service, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<ProgrammeFields> f = read_programme(*doc);
  if (!f.ok()) return reply(programme_problem(f.status()));
  service.create(std::move(*f), caller_of(req), programme_written_answer(std::move(reply), 201));
}

void programme_read(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(programme_no_id()));
  Result<ProgrammeView> v = service.get(*id);
  if (!v.ok()) return reply(programme_problem(v.status()));
  reply(programme_answer(programme_json(*v)));
}

void programme_update(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(programme_no_id()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<ProgrammePatch> p = read_programme_patch(*doc);
  if (!p.ok()) return reply(programme_problem(p.status()));
  service.update(*id, std::move(*p), caller_of(req),
                 programme_written_answer(std::move(reply), 200));
}

void programme_list(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> community_id;
  if (std::optional<std::string> s = req.query_param("community_id")) {
    community_id = activities::whole_param(*s, 1, INT64_MAX);
    if (!community_id)
      return reply(programme_problem(
          Status::Unprocessable("bad list parameters", {{"community_id", "an id"}})));
  }
  Result<std::vector<ProgrammeView>> list = service.list(community_id);
  if (!list.ok()) return reply(programme_problem(list.status()));
  reply(programme_answer(programme_items(*list)));
}

void programme_days(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(programme_no_id()));
  std::vector<FieldError> errors;
  const activities::DateWindow window = activities::date_window_param(
      req, service.today(), kProgrammeDefaultDays, kProgrammeMaxDays, errors);
  if (!errors.empty())
    return reply(
        programme_problem(Status::Unprocessable("bad days parameters", std::move(errors))));
  Result<std::vector<DayView>> list = service.days(*id, window.from, static_cast<int>(window.days));
  if (!list.ok()) return reply(programme_problem(list.status()));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const DayView& d : *list) items.push_back(day_json(d));
  reply(programme_answer({{"items", std::move(items)}}));
}

void programme_desk_list(ProgrammeService& service, http::Request& req, http::Reply reply) {
  Result<std::vector<ProgrammeView>> list = service.desk_list(caller_of(req));
  if (!list.ok()) return reply(programme_problem(list.status()));
  reply(programme_answer(programme_items(*list)));
}

void programme_staff_read(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(programme_no_id()));
  Result<std::vector<StaffView>> list = service.staff(*id, caller_of(req));
  if (!list.ok()) return reply(programme_problem(list.status()));
  reply(programme_answer(programme_staff_items(*list)));
}

void programme_staff_set(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(programme_no_id()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<std::vector<StaffEntry>> staff = read_staff_list(*doc, service.today());
  if (!staff.ok()) return reply(programme_problem(staff.status()));
  service.set_staff(*id, std::move(*staff), caller_of(req),
                    [reply = std::move(reply)](Status s, std::vector<StaffView> list) {
                      if (!s.ok()) return reply(programme_problem(s));
                      reply(programme_answer(programme_staff_items(list)));
                    });
}

void programme_duty(ProgrammeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(programme_no_id()));
  Result<core::LocalDate> date = core::parse_date(req.path_param("date"));
  if (!date.ok())
    return reply(
        programme_problem(Status::Unprocessable("bad date", {{"date", "a date YYYY-MM-DD"}})));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<std::vector<int64_t>> users = read_duty(*doc);
  if (!users.ok()) return reply(programme_problem(users.status()));
  service.set_duty(*id, *date, std::move(*users), caller_of(req),
                   [reply = std::move(reply)](Status s, DayStaffing st) {
                     if (!s.ok()) return reply(programme_problem(s));
                     reply(programme_answer(staffing_json(st)));
                   });
}

}  // namespace

void register_programme_routes(http::Router& router, store::Database& db, accounts::AuditLog& audit,
                               std::function<std::shared_ptr<const core::Calendar>()> calendar,
                               std::function<int64_t()> now) {
  using http::Method;
  auto service = std::make_shared<ProgrammeService>(db, audit, std::move(calendar), std::move(now));
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access anyone = http::Access::Public();
  auto h = [&service](ProgrammeRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/afterschool-programmes", staff, h(programme_create),
             {.body_limit = 16 * 1024,
              .summary = "Create an after-school programme at an afterschool_site facility "
                         "(organiser staff, admins)"});
  router.add(Method::kGet, "/api/v1/afterschool-programmes", anyone, h(programme_list),
             {.summary = "Active after-school programmes (?community_id), by name, at most 200"});
  router.add(Method::kGet, "/api/v1/afterschool-programmes/{id}", anyone, h(programme_read),
             {.summary = "An after-school programme: times, term, places left, staffing rule"});
  router.add(Method::kPut, "/api/v1/afterschool-programmes/{id}", staff, h(programme_update),
             {.body_limit = 16 * 1024,
              .summary = "Edit an after-school programme or close it (organiser staff, admins)"});
  router.add(Method::kGet, "/api/v1/afterschool-programmes/{id}/days", anyone, h(programme_days),
             {.summary = "A programme's session days (?from&days=1..62): open, or why not"});
  router.add(Method::kGet, "/api/v1/organiser-afterschool-programmes", staff,
             h(programme_desk_list),
             {.summary = "The programmes the caller organises or is on the staff of, with my_part "
                         "(admins: all)"});
  router.add(Method::kGet, "/api/v1/afterschool-programmes/{id}/staff", staff,
             h(programme_staff_read),
             {.summary = "A programme's staff and volunteers with their background checks "
                         "(programme staff, organiser staff, admins)"});
  router.add(Method::kPut, "/api/v1/afterschool-programmes/{id}/staff", staff,
             h(programme_staff_set),
             {.body_limit = 32 * 1024,
              .summary = "Replace a programme's staff list (organiser staff, admins)"});
  router.add(Method::kPut, "/api/v1/afterschool-programmes/{id}/days/{date}/duty", staff,
             h(programme_duty),
             {.body_limit = 8 * 1024,
              .summary = "The adults on duty on a session day: the day's staffing (programme "
                         "staff, organiser staff)"});
}

}  // namespace warmcity::afterschool
