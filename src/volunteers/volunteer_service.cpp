// The volunteer registry (volunteer_service.h).
#include "volunteers/volunteer_service.h"

#include <memory>
#include <string>
#include <utility>

#include "accounts/audit.h"
#include "volunteers/volunteer_number.h"

namespace warmcity::volunteers {

using accounts::audit_entry;
using accounts::AuditDetail;

namespace {

// Runs `job` as one write job; `done` gets its T after the commit, or the
// refusal (and the T as the job left it).
template <class T, class Done>
void submit_registry_job(store::Database& db, std::function<Status(store::Connection&, T&)> job,
                         Done done) {
  auto out = std::make_shared<T>();
  db.submit([job = std::move(job), out](store::Connection& c) { return job(c, *out); },
            [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

// An unknown team named in a body or a query: 422 team_id.
Status registry_team_check(store::Connection& c, const Caller& by, int64_t team_id) {
  Status s = require_team_admin(c, by, team_id);
  if (s.code() == Code::kNotFound)
    return Status::Unprocessable("team_id: no such volunteer team",
                                 {{"team_id", "no such volunteer team"}});
  return s;
}

Result<VolunteerView> registry_view(store::Connection& c, const Caller& by, int64_t id) {
  Result<std::optional<VolunteerRow>> row = find_volunteer(c, id);
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such volunteer");
  Result<Standing> standing = standing_to_volunteer(c, by, id);
  if (!standing.ok()) return standing.status();
  return VolunteerView{std::move(**row), *standing};
}

Status already_registered(VolunteerWritten& out, int64_t existing, const char* what) {
  out.already_registered = existing;
  return Status::Conflict(std::string("already_registered: ") + what +
                          " is a volunteer's already; add them to the team instead");
}

// The account to link: it exists (else 422 user_id) and is no other
// volunteer's (else 409 already_registered).
Status registry_user_check(store::Connection& c, int64_t user_id, int64_t self,
                           VolunteerWritten& out) {
  Result<bool> exists = user_exists(c, user_id);
  if (!exists.ok()) return exists.status();
  if (!*exists)
    return Status::Unprocessable("user_id: no such user", {{"user_id", "no such user"}});
  Result<std::optional<int64_t>> other = volunteer_of_user(c, user_id);
  if (!other.ok()) return other.status();
  if (*other && **other != self) return already_registered(out, **other, "that account");
  return Status::Ok();
}

}  // namespace

VolunteerService::VolunteerService(store::Database& db, std::function<int64_t()> now)
    : db_(db), now_(std::move(now)) {}

int64_t VolunteerService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate VolunteerService::today() const { return core::local_date_of(now()); }

void VolunteerService::create(VolunteerFields f, Caller by, VolunteerWriteDone done) {
  submit_registry_job<VolunteerWritten>(
      db_,
      [this, f = std::move(f), by](store::Connection& c, VolunteerWritten& out) -> Status {
        if (Status s = registry_team_check(c, by, f.team_id); !s.ok()) return s;
        const int64_t t = now();
        if (Status s = check_age(f.birth_date, f.guardian, core::local_date_of(t)); !s.ok())
          return s;
        Result<std::optional<int64_t>> same = volunteer_with_identity(c, f.id_type, f.id_number);
        if (!same.ok()) return same.status();
        if (*same) return already_registered(out, **same, "this ID");
        if (f.user_id) {
          if (Status s = registry_user_check(c, *f.user_id, 0, out); !s.ok()) return s;
        }
        Result<std::string> number = new_volunteer_no(c);
        if (!number.ok()) return number.status();
        Result<int64_t> id = insert_volunteer(c, f, *number, by.user_id, t);
        if (!id.ok()) return id.status();
        Result<VolunteerView> view = registry_view(c, by, *id);
        if (!view.ok()) return view.status();
        out.view = std::move(*view);
        AuditDetail detail;
        detail.add("team_id", f.team_id).add("volunteer_no", *number);
        const std::optional<int> age = volunteer_age(f.birth_date, core::local_date_of(t));
        detail.add("minor", age.has_value() && *age < kVolunteerAdultAge);
        if (f.user_id) detail.add("user_id", *f.user_id);
        return accounts::append_audit(
            c, audit_entry(by, "volunteer.create", "volunteer", std::to_string(*id), detail.str()),
            t);
      },
      std::move(done));
}

void VolunteerService::list(TeamVolunteerQuery q, Caller by, VolunteerListDone done) {
  submit_registry_job<std::vector<VolunteerView>>(
      db_,
      [this, q = std::move(q), by](store::Connection& c, std::vector<VolunteerView>& out) {
        if (Status s = registry_team_check(c, by, q.team_id); !s.ok()) return s;
        Result<bool> staff = is_team_staff(c, by, q.team_id);
        if (!staff.ok()) return staff.status();
        Result<std::vector<VolunteerRow>> rows = team_volunteers(c, q);
        if (!rows.ok()) return rows.status();
        std::vector<int64_t> ids;
        for (VolunteerRow& r : *rows) {
          ids.push_back(r.id);
          out.push_back({std::move(r), *staff ? Standing::kTeamStaff : Standing::kAdmin});
        }
        if (ids.empty()) return Status::Ok();
        return accounts::append_audit(
            c,
            audit_entry(by, "personal_data.read", "volunteer_list", std::to_string(q.team_id),
                        AuditDetail()
                            .add_ints("ids", ids)
                            .add("team_id", q.team_id)
                            .add("view", *staff ? "full" : "id_masked")
                            .add("purpose", "volunteer")
                            .str()),
            now());
      },
      [done = std::move(done)](const Status& s, std::vector<VolunteerView> out) {
        if (!s.ok()) return done(s);
        done(std::move(out));
      });
}

void VolunteerService::read(int64_t id, Caller by, VolunteerDone done) {
  Result<Standing> standing = standing_to_volunteer(db_.reader(), by, id);
  if (!standing.ok()) return done(standing.status());
  if (*standing == Standing::kNone)
    return done(Status::PermissionDenied(
        "only the volunteer, the leaders and staff of their teams, and admins, may read them"));
  if (*standing == Standing::kSelf) return done(registry_view(db_.reader(), by, id));
  // Someone else's read: checked again and audited in one job.
  submit_registry_job<VolunteerView>(
      db_,
      [this, id, by](store::Connection& c, VolunteerView& out) -> Status {
        Result<Standing> again = require_volunteer_admin(c, by, id);
        if (!again.ok()) return again.status();
        Result<VolunteerView> view = registry_view(c, by, id);
        if (!view.ok()) return view.status();
        out = std::move(*view);
        return accounts::append_audit(
            c,
            audit_entry(by, "personal_data.read", "volunteer", std::to_string(id),
                        AuditDetail()
                            .add("view", sees_id_number(out.standing) ? "full" : "id_masked")
                            .add("purpose", "volunteer")
                            .str()),
            now());
      },
      [done = std::move(done)](const Status& s, VolunteerView out) {
        if (!s.ok()) return done(s);
        done(std::move(out));
      });
}

void VolunteerService::update(int64_t id, VolunteerPatch p, Caller by, VolunteerWriteDone done) {
  submit_registry_job<VolunteerWritten>(
      db_,
      [this, id, p = std::move(p), by](store::Connection& c, VolunteerWritten& out) -> Status {
        Result<Standing> standing = require_volunteer_admin(c, by, id);
        if (!standing.ok()) return standing.status();
        Result<std::optional<VolunteerRow>> row = find_volunteer(c, id);
        if (!row.ok()) return row.status();
        if (!*row) return Status::NotFound("no such volunteer");
        const int64_t t = now();
        std::vector<std::string> changed;
        const VolunteerRow next = apply_patch(**row, p, by.user_id, t, changed);
        if (Status s = check_volunteer(next, core::local_date_of(next.created_at)); !s.ok())
          return s;
        if (next.id_type &&
            (next.id_type != (*row)->id_type || next.id_number != (*row)->id_number)) {
          Result<std::optional<int64_t>> same =
              volunteer_with_identity(c, *next.id_type, *next.id_number);
          if (!same.ok()) return same.status();
          if (*same && **same != id) return already_registered(out, **same, "this ID");
        }
        if (next.user_id && next.user_id != (*row)->user_id) {
          if (Status s = registry_user_check(c, *next.user_id, id, out); !s.ok()) return s;
        }
        if (Status s = update_volunteer(c, next, t); !s.ok()) return s;
        Result<VolunteerView> view = registry_view(c, by, id);
        if (!view.ok()) return view.status();
        out.view = std::move(*view);
        return accounts::append_audit(
            c,
            audit_entry(by, "volunteer.update", "volunteer", std::to_string(id),
                        AuditDetail().add_strings("changed", changed).str()),
            t);
      },
      std::move(done));
}

void VolunteerService::join_team(int64_t id, int64_t team_id, Caller by, VolunteerDone done) {
  submit_registry_job<VolunteerView>(
      db_,
      [this, id, team_id, by](store::Connection& c, VolunteerView& out) -> Status {
        if (!by.signed_in()) return Status::Unauthenticated("sign in first");
        Result<std::optional<VolunteerRow>> row = find_volunteer(c, id);
        if (!row.ok()) return row.status();
        if (!*row) return Status::NotFound("no such volunteer");
        if (Status s = registry_team_check(c, by, team_id); !s.ok()) return s;
        Result<bool> member = is_current_member(c, id, team_id);
        if (!member.ok()) return member.status();
        if (*member) return Status::Conflict("already_member: the volunteer is in the team");
        const int64_t t = now();
        if (Status s = insert_membership(c, id, team_id, by.user_id, t); !s.ok()) return s;
        Result<VolunteerView> view = registry_view(c, by, id);
        if (!view.ok()) return view.status();
        out = std::move(*view);
        return accounts::append_audit(
            c,
            audit_entry(by, "volunteer.team_join", "volunteer", std::to_string(id),
                        AuditDetail().add("team_id", team_id).str()),
            t);
      },
      [done = std::move(done)](const Status& s, VolunteerView out) {
        if (!s.ok()) return done(s);
        done(std::move(out));
      });
}

void VolunteerService::leave_team(int64_t id, int64_t team_id, Caller by, VolunteerDone done) {
  submit_registry_job<VolunteerView>(
      db_,
      [this, id, team_id, by](store::Connection& c, VolunteerView& out) -> Status {
        if (Status s = require_team_admin(c, by, team_id); !s.ok()) return s;
        Result<std::optional<VolunteerRow>> row = find_volunteer(c, id);
        if (!row.ok()) return row.status();
        if (!*row) return Status::NotFound("no such volunteer");
        const int64_t t = now();
        Result<bool> ended = end_membership(c, id, team_id, by.user_id, t);
        if (!ended.ok()) return ended.status();
        if (!*ended) return Status::NotFound("not_member: the volunteer is not in the team");
        Result<VolunteerView> view = registry_view(c, by, id);
        if (!view.ok()) return view.status();
        out = std::move(*view);
        return accounts::append_audit(
            c,
            audit_entry(by, "volunteer.team_leave", "volunteer", std::to_string(id),
                        AuditDetail().add("team_id", team_id).str()),
            t);
      },
      [done = std::move(done)](const Status& s, VolunteerView out) {
        if (!s.ok()) return done(s);
        done(std::move(out));
      });
}

Result<VolunteerView> VolunteerService::mine(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& c = db_.reader();
  Result<std::optional<int64_t>> id = volunteer_of_user(c, by.user_id);
  if (!id.ok()) return id.status();
  if (!*id) return Status::NotFound("you are no volunteer");
  Result<std::optional<VolunteerRow>> row = find_volunteer(c, **id);
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("you are no volunteer");
  return VolunteerView{std::move(**row), Standing::kSelf};
}

}  // namespace warmcity::volunteers
