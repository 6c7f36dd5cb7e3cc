// The day's duty routes (day_routes.h): the organiser desk's read and the
// confirmation. HTTP only: the answers come from DutyService.
#include <utility>

#include "activities/route_values.h"
#include "afterschool/day_routes.h"
#include "afterschool/programme_json.h"
#include "core/time.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

using DutyRouteFn = void (*)(DutyService&, http::Request&, http::Reply);

// {date, open, reason, holiday_name?, ends_at, session_over, duty:
// [{user_id, display_name, role}], duty_confirmation: null | {...}}
nlohmann::ordered_json duty_day_json(const DutyDay& d) {
  nlohmann::ordered_json j = day_json(DayView{d.date, d.day});
  nlohmann::ordered_json duty = nlohmann::ordered_json::array();
  for (const StaffMember& m : d.duty)
    duty.push_back({{"user_id", m.user_id}, {"display_name", m.display_name}, {"role", m.role}});
  j["ends_at"] = core::format_rfc3339(d.ends_at);
  j["session_over"] = d.session_over;
  j["duty"] = std::move(duty);
  j["duty_confirmation"] =
      d.confirmation ? duty_confirmation_json(*d.confirmation) : nlohmann::ordered_json(nullptr);
  return j;
}

// The path's programme id and date, or the problem to answer.
Result<std::pair<int64_t, core::LocalDate>> duty_path(http::Request& req) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no programme with that id");
  Result<core::LocalDate> date = core::parse_date(req.path_param("date"));
  if (!date.ok()) return Status::Unprocessable("bad date", {{"date", "a date YYYY-MM-DD"}});
  return std::make_pair(*id, *date);
}

void duty_read(DutyService& service, http::Request& req, http::Reply reply) {
  Result<std::pair<int64_t, core::LocalDate>> at = duty_path(req);
  if (!at.ok()) return reply(programme_problem(at.status()));
  Result<DutyDay> d = service.day(at->first, at->second, accounts::caller_of(req));
  if (!d.ok()) return reply(programme_problem(d.status()));
  reply(programme_answer(duty_day_json(*d)));
}

void duty_confirm(DutyService& service, http::Request& req, http::Reply reply) {
  Result<std::pair<int64_t, core::LocalDate>> at = duty_path(req);
  if (!at.ok()) return reply(programme_problem(at.status()));
  // Nothing to say but the day: an empty body or {}.
  Result<nlohmann::json> doc = http::parse_json_object(req.body.empty() ? "{}" : req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  if (!doc->empty()) {
    const std::string field = doc->begin().key();
    return reply(programme_problem(Status::Unprocessable(
        "unknown field " + field, {{field, "the confirmation takes no fields"}})));
  }
  service.confirm(at->first, at->second, accounts::caller_of(req),
                  [reply = std::move(reply)](Status s, DutyConfirmationView v) {
                    if (!s.ok()) return reply(programme_problem(s));
                    nlohmann::ordered_json body = duty_confirmation_json(v.confirmation);
                    body["duty"] = v.duty;
                    body["volunteer_user_ids"] = v.volunteers;
                    reply(programme_answer(body, 201));
                  });
}

}  // namespace

void register_duty_routes(http::Router& router, std::shared_ptr<DutyService> service) {
  using http::Method;
  auto h = [&service](DutyRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access staff = activities::organiser_staff_roles();
  router.add(Method::kGet, "/api/v1/afterschool-programmes/{id}/days/{date}/duty", staff,
             h(duty_read),
             {.summary = "A day's duty for the desk (programme staff, organiser staff, admins): "
                         "the session and its end, the duty adults, the confirmation"});
  router.add(Method::kPost, "/api/v1/afterschool-programmes/{id}/days/{date}/duty/confirm", staff,
             h(duty_confirm),
             {.body_limit = 1024,
              .summary = "Confirm a session day's duty once the session is over (organiser "
                         "staff, admins): the list is fixed and its volunteers get their hours "
                         "in the volunteers' ledger"});
}

}  // namespace warmcity::afterschool
