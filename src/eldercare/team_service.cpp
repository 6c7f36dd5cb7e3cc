// ElderService's grid teams: creating them, pairing an elder with one, and
// the team on duty for an elder now (elder_service.h).
#include <algorithm>
#include <utility>

#include "core/opening_hours.h"
#include "core/phone.h"
#include "core/utf8.h"
#include "eldercare/elder_json.h"
#include "eldercare/elder_service.h"
#include "eldercare/service_jobs.h"

namespace warmcity::eldercare {

namespace {

// The field rules that need no database.
std::vector<FieldError> check_team(const TeamInput& in) {
  std::vector<FieldError> errors;
  std::optional<size_t> n = core::utf8_length(in.name);
  if (!n || *n < 1 || *n > 32) errors.push_back({"name", "1 to 32 characters"});
  if (!core::is_valid_phone(in.phone)) {
    errors.push_back({"phone", "not a phone: a mainland mobile or a landline with area code"});
  }
  core::ParseError where;
  if (!core::OpeningHours::parse(in.rota, &where).ok()) {
    errors.push_back({"rota", "not a rota: at position " + std::to_string(where.position) +
                                  " expected " + where.expected + " (e.g. Mo-Fr 08:30-17:30)"});
  }
  if (in.worker_user_id == in.volunteer_user_id) {
    errors.push_back({"volunteer_user_id", "a team is two people"});
  }
  return errors;
}

}  // namespace

void ElderService::create_team(TeamInput in, Caller by, Done<Team> done) {
  if (!teams_.grid_of || !teams_.role_of) return done(Status::Internal("teams are not wired"));
  if (std::vector<FieldError> errors = check_team(in); !errors.empty()) {
    return done(Status::Unprocessable("the team is not valid", std::move(errors)));
  }
  Result<GridRef> grid = teams_.grid_of(in.grid_id);
  if (!grid.ok()) {
    return done(Status::Unprocessable("the team is not valid",
                                      {{"grid_id", "not a grid: " + grid.status().message()}}));
  }
  if (by.role != "admin" &&
      !(by.role == "worker" &&
        (holds_area(by.area_ids, grid->grid_id) || holds_area(by.area_ids, grid->community_id)))) {
    return done(Status::PermissionDenied(
        "only admins and the workers of the grid or its community form its teams"));
  }
  auto out = std::make_shared<Team>();
  db_.submit(
      [this, in = std::move(in), grid = *grid, by, out](store::Connection& c) {
        std::vector<FieldError> errors;
        Result<std::optional<std::string>> worker = teams_.role_of(c, in.worker_user_id);
        if (!worker.ok()) return worker.status();
        if (*worker != "worker") {
          errors.push_back({"worker_user_id", "not an enabled user with the worker role"});
        }
        Result<std::optional<std::string>> volunteer = teams_.role_of(c, in.volunteer_user_id);
        if (!volunteer.ok()) return volunteer.status();
        if (*volunteer != "volunteer" && *volunteer != "worker") {
          errors.push_back(
              {"volunteer_user_id", "not an enabled user with the volunteer or worker role"});
        }
        if (!errors.empty()) return Status::Unprocessable("the team is not valid", errors);
        const int64_t at = now();
        Team t{0,         grid.grid_id,      grid.community_id,
               in.name,   in.worker_user_id, in.volunteer_user_id,
               in.phone,  in.rota,           at,
               by.user_id};
        if (Status s = insert_team(c, t); !s.ok()) return s;
        if (Status s = accounts::append_audit(
                c, entry(by, "elder_team.create", "elder_team", std::to_string(t.id), "{}"), at);
            !s.ok()) {
          return s;
        }
        *out = std::move(t);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<std::vector<Team>> ElderService::teams(std::optional<int64_t> community_id,
                                              const Caller& by) const {
  TeamFilter f;
  f.community_id = community_id;
  f.in_areas = listable_areas(by);
  if (f.in_areas && f.in_areas->empty()) return std::vector<Team>{};
  return list_teams(db_.reader(), f);
}

void ElderService::pair(int64_t id, std::optional<int64_t> team_id, Caller by,
                        Done<ElderView> done) {
  auto out = std::make_shared<ElderView>();
  db_.submit(
      [this, id, team_id, by, out](store::Connection& c) {
        Result<Elder> e = changeable(c, id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the record is closed: it is kept, not changed");
        const Elder before = *e;
        e->team_id = team_id;
        e->team_members.clear();
        if (team_id) {
          Result<Team> t = get_team(c, *team_id);
          if (!t.ok() && t.status().code() != Code::kNotFound) return t.status();
          if (!t.ok() || t->community_id != e->community_id) {
            return Status::Unprocessable("no such team",
                                         {{"team_id", "not a team of the elder's community"}});
          }
          e->team_members = {t->worker_user_id, t->volunteer_user_id};
        }
        const Changes changes = changes_of(before, *e);
        if (!changes.fields.empty()) {
          const int64_t at = now();
          e->updated_at = at;
          if (Status s = update_elder(c, *e); !s.ok()) return s;
          if (Status s = record_changes(c, by, id, "pair", changes, at); !s.ok()) return s;
        }
        *out = {std::move(*e), View::kFull};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<OnDuty> ElderService::on_duty(int64_t id, const Caller& by, int64_t at) const {
  store::Connection& c = db_.reader();
  Result<Elder> e = get_elder(c, id);
  if (!e.ok()) return e.status();
  if (view_of(*e, by) == View::kNone) return Status::PermissionDenied(kNoAccess);
  std::shared_ptr<const core::Calendar> calendar = teams_.calendar ? teams_.calendar() : nullptr;
  const core::Calendar plain;
  auto on = [&](const Team& t) {
    Result<core::OpeningHours> rota = core::OpeningHours::parse(t.rota);
    return rota.ok() && rota->state_at(at, calendar ? *calendar : plain) == core::State::kOpen;
  };
  OnDuty out;
  out.her_team_id = e->team_id;
  if (e->team_id) {
    Result<Team> mine = get_team(c, *e->team_id);
    if (!mine.ok()) return mine.status();
    if (on(*mine)) {
      out.team = std::move(*mine);
      out.reason = "her_team";
      return out;
    }
  }
  if (!e->community_id) {
    out.reason = "none_on_duty";
    return out;
  }
  TeamFilter f;
  f.community_id = e->community_id;
  Result<std::vector<Team>> others = list_teams(c, f);
  if (!others.ok()) return others.status();
  for (Team& t : *others) {
    if (t.id == e->team_id || !on(t)) continue;
    out.team = std::move(t);
    out.reason = e->team_id ? "her_team_off_duty" : "no_team_paired";
    return out;
  }
  out.reason = "none_on_duty";
  return out;
}

}  // namespace warmcity::eldercare
