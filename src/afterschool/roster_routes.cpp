// The roster's routes (day_routes.h).
#include <utility>

#include "activities/route_values.h"
#include "afterschool/day_routes.h"
#include "afterschool/programme_json.h"
#include "afterschool/roster_json.h"

namespace warmcity::afterschool {

namespace {

using accounts::caller_of;
using RosterRouteFn = void (*)(RosterService&, http::Request&, http::Reply);

// The ?date= of a roster (nullopt: today), or a 422 naming it.
Result<std::optional<core::LocalDate>> roster_date(const http::Request& req) {
  std::optional<std::string> text = req.query_param("date");
  if (!text) return std::optional<core::LocalDate>();
  Result<core::LocalDate> d = core::parse_date(*text);
  if (!d.ok()) return Status::Unprocessable("invalid: date", {{"date", "a date YYYY-MM-DD"}});
  return std::optional<core::LocalDate>(*d);
}

void roster_read(RosterService& service, http::Request& req, http::Reply reply,
                 RosterFormat format) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(Status::NotFound("no programme with that id")));
  Result<std::optional<core::LocalDate>> date = roster_date(req);
  if (!date.ok()) return reply(programme_problem(date.status()));
  service.roster(
      *id, *date, format, caller_of(req), [reply = std::move(reply), format](Result<Roster> r) {
        if (!r.ok()) return reply(programme_problem(r.status()));
        if (format == RosterFormat::kJson) return reply(programme_answer(roster_json(*r)));
        http::Response res;
        res.content_type = "text/csv; charset=utf-8";
        res.body = roster_csv(*r);
        res.set_header("Content-Disposition", "attachment; filename=\"roster-" +
                                                  std::to_string(r->programme.programme.id) + "-" +
                                                  r->date + ".csv\"");
        reply(std::move(res));
      });
}

void roster_json_route(RosterService& service, http::Request& req, http::Reply reply) {
  roster_read(service, req, std::move(reply), RosterFormat::kJson);
}

void roster_csv_route(RosterService& service, http::Request& req, http::Reply reply) {
  roster_read(service, req, std::move(reply), RosterFormat::kCsv);
}

}  // namespace

void register_roster_routes(http::Router& router, std::shared_ptr<RosterService> service) {
  using http::Method;
  const http::Access staff = activities::organiser_staff_roles();
  auto h = [&service](RosterRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kGet, "/api/v1/afterschool-programmes/{id}/roster", staff,
             h(roster_json_route),
             {.summary = "A programme's roster on a day for its staff (late alerts raised "
                         "first); audited"});
  router.add(Method::kGet, "/api/v1/afterschool-programmes/{id}/roster.csv", staff,
             h(roster_csv_route),
             {.summary = "The roster as CSV (UTF-8 with BOM) for the school; audited"});
}

}  // namespace warmcity::afterschool
