// Shifts and their sign-ups (shift_service.h); check-in and check-out are in
// attendance_service.cpp.
#include "volunteers/shift_service.h"

#include <memory>
#include <set>
#include <utility>

#include "accounts/resident_codes.h"
#include "activities/activity_store.h"
#include "activities/organiser_access.h"
#include "core/time.h"
#include "store/turn.h"
#include "volunteers/shift_access.h"
#include "volunteers/team_store.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

namespace {

Status shift_not_found(int64_t id) {
  return Status::NotFound("no volunteer shift " + std::to_string(id));
}
Status signup_not_found(int64_t id) {
  return Status::NotFound("no volunteer sign-up " + std::to_string(id));
}

// The shift's turn (store/turn.h), taken first in every write job that reads
// the shift or its sign-ups to change them (sign-up, its cancellation, the
// shift's cancellation, check-in in attendance_service.cpp): with several
// instances on one PostgreSQL database, each then reads the others' commits.
Status shift_turn(store::Connection& c, int64_t shift_id) {
  return store::wait_turn(c, "volunteer_shift:" + std::to_string(shift_id));
}

Result<ShiftRow> shift_or_404(store::Connection& c, int64_t id) {
  Result<std::optional<ShiftRow>> s = load_shift(c, id);
  if (!s.ok()) return s.status();
  if (!*s) return shift_not_found(id);
  return std::move(**s);
}

// The shift's refusal when it takes no more sign-ups for what it is on.
Status shift_open(const ShiftRow& s) {
  if (s.occurrence_status == "cancelled" || s.activity_status == "cancelled")
    return Status::Conflict("occurrence_cancelled: the activity or its occurrence is cancelled");
  if (s.status != "active") return Status::Conflict("shift_cancelled: the shift is cancelled");
  return Status::Ok();
}

std::string shift_audit_detail(const ShiftRow& s) {
  return accounts::AuditDetail()
      .add("occurrence_id", s.occurrence_id)
      .add("title", s.title)
      .add("date", s.date)
      .add("capacity", s.capacity)
      .str();
}

// Whose volunteer signs up: the caller's own, or (staff) the one given.
Result<int64_t> signing_volunteer(store::Connection& c, const Caller& by, const ShiftRow& shift,
                                  std::optional<int64_t> volunteer_id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<std::optional<int64_t>> own = volunteer_of_user(c, by.user_id);
  if (!own.ok()) return own.status();
  if (!volunteer_id) {
    if (!*own) return Status::PermissionDenied("not_a_volunteer: the caller is no volunteer");
    return **own;
  }
  if (*own && **own == *volunteer_id) return *volunteer_id;
  if (Status s = require_shift_staff(c, by, shift); !s.ok()) return s;
  return *volunteer_id;
}

}  // namespace

ShiftService::ShiftService(store::Database& db, accounts::AuditLog& audit,
                           std::function<int64_t()> now)
    : db_(db), audit_(audit), now_(std::move(now)) {}

int64_t ShiftService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate ShiftService::today() const { return core::local_date_of(now()); }

void ShiftService::create(int64_t occurrence_id, NewShift f, Caller by, ShiftDone done) {
  auto out = std::make_shared<ShiftView>();
  db_.submit(
      [this, occurrence_id, f = std::move(f), by, out](store::Connection& c) -> Status {
        Result<activities::OccurrenceRecord> o = activities::load_occurrence(c, occurrence_id);
        if (!o.ok()) return o.status();
        Result<activities::ActivityRecord> a = activities::load_activity(c, o->activity_id);
        if (!a.ok()) return a.status();
        if (Status s = activities::require_organiser(c, by, a->organiser_org_id); !s.ok()) return s;
        if (o->status == "cancelled" || a->status == "cancelled")
          return Status::Conflict(
              "occurrence_cancelled: the activity or its occurrence is "
              "cancelled");
        if (f.team_id) {
          Result<bool> team = is_volunteer_team(c, *f.team_id);
          if (!team.ok()) return team.status();
          if (!*team)
            return Status::Unprocessable("invalid: team_id", {{"team_id", "no volunteer team"}});
        }
        Result<core::LocalDate> day = core::parse_date(o->date);
        if (!day.ok()) return Status::Internal("occurrence date " + o->date);
        const int64_t midnight = core::local_midnight_unix(*day);
        ShiftRow row;
        row.occurrence_id = occurrence_id;
        row.title = f.title;
        row.starts_at = midnight + int64_t{f.start_minute} * 60;
        row.ends_at = midnight + int64_t{f.end_minute} * 60;
        row.capacity = f.capacity;
        row.min_age = f.min_age.value_or(f.risky ? 18 : 14);
        row.risky = f.risky;
        row.training = f.training;
        row.team_org_id = f.team_id;
        row.code = accounts::new_code();
        row.created_by = by.user_id;
        row.created_at = now();
        Result<int64_t> id = insert_shift(c, row);
        if (!id.ok()) return id.status();
        Result<ShiftRow> made = shift_or_404(c, *id);
        if (!made.ok()) return made.status();
        out->shift = std::move(*made);
        return audit_.append_job(accounts::audit_entry(by, "volunteer_shift.create",
                                                       "volunteer_shift", std::to_string(*id),
                                                       shift_audit_detail(out->shift)))(c);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<std::vector<ShiftRow>> ShiftService::public_list(int64_t occurrence_id) {
  store::Connection& c = db_.reader();
  Result<activities::OccurrenceRecord> o = activities::load_occurrence(c, occurrence_id);
  if (!o.ok()) return o.status();
  Result<std::vector<ShiftRow>> all = shifts_of_occurrence(c, occurrence_id);
  if (!all.ok()) return all.status();
  std::vector<ShiftRow> active;
  for (ShiftRow& s : *all)
    if (s.status == "active") active.push_back(std::move(s));
  return active;
}

Result<std::vector<MySignup>> ShiftService::mine(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& c = db_.reader();
  Result<std::optional<int64_t>> me = volunteer_of_user(c, by.user_id);
  if (!me.ok()) return me.status();
  if (!*me) return Status::NotFound("you are not registered as a volunteer");
  Result<std::vector<SignupRow>> signups = signups_of_volunteer(c, **me, kMySignupsMax);
  if (!signups.ok()) return signups.status();
  std::vector<MySignup> out;
  for (SignupRow& g : *signups) {
    Result<std::optional<ShiftRow>> shift = load_shift(c, g.shift_id);
    if (!shift.ok()) return shift.status();
    if (!*shift) return Status::Internal("a sign-up's shift is missing");
    out.push_back({std::move(g), std::move(**shift)});
  }
  return out;
}

void ShiftService::view(int64_t shift_id, Caller by, ShiftDone done) {
  auto out = std::make_shared<ShiftView>();
  db_.submit(
      [this, shift_id, by, out](store::Connection& c) -> Status {
        Result<ShiftRow> s = shift_or_404(c, shift_id);
        if (!s.ok()) return s.status();
        if (Status st = require_shift_staff(c, by, *s); !st.ok()) return st;
        Result<std::vector<SignupRow>> signups = signups_of_shift(c, shift_id);
        if (!signups.ok()) return signups.status();
        out->shift = std::move(*s);
        out->signups = std::move(*signups);
        if (out->signups.empty()) return Status::Ok();
        std::vector<int64_t> ids;
        for (const SignupRow& g : out->signups) ids.push_back(g.volunteer_id);
        accounts::AuditEntry e = accounts::audit_entry(
            by, "personal_data.read", "volunteer_shift", std::to_string(shift_id),
            accounts::AuditDetail()
                .add_strings("fields", {"name", "volunteer_no"})
                .add("purpose", "volunteer")
                .add_ints("volunteer_ids", ids)
                .str());
        return accounts::append_audit(c, e, now());
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ShiftService::sign_up(int64_t shift_id, SignupFor who, Caller by, SignupDone done) {
  auto out = std::make_shared<SignupRow>();
  db_.submit(
      [this, shift_id, who = std::move(who), by, out](store::Connection& c) -> Status {
        // A cancel or the last place taken on another instance: seen.
        if (Status st = shift_turn(c, shift_id); !st.ok()) return st;
        Result<ShiftRow> s = shift_or_404(c, shift_id);
        if (!s.ok()) return s.status();
        std::optional<int64_t> volunteer_id = who.volunteer_id;
        if (who.volunteer_no) {
          Result<std::optional<int64_t>> numbered = volunteer_by_no(c, *who.volunteer_no);
          if (!numbered.ok()) return numbered.status();
          if (!*numbered)
            return Status::Unprocessable("invalid: volunteer_no",
                                         {{"volunteer_no", "no volunteer has that number"}});
          volunteer_id = **numbered;
        }
        Result<int64_t> vid = signing_volunteer(c, by, *s, volunteer_id);
        if (!vid.ok()) return vid.status();
        Result<std::optional<SignupVolunteer>> facts = load_signup_volunteer(c, *vid);
        if (!facts.ok()) return facts.status();
        if (!*facts)
          return Status::Unprocessable("invalid: volunteer_id",
                                       {{"volunteer_id", "no such volunteer"}});
        if (Status st = shift_open(*s); !st.ok()) return st;
        const int64_t t = now();
        if ((*facts)->status != "active")
          return Status::Conflict("volunteer_left: the volunteer has left");
        if (t >= s->ends_at) return Status::Conflict("shift_over: the shift has ended");
        Result<bool> twice = is_signed_up(c, shift_id, *vid);
        if (!twice.ok()) return twice.status();
        if (*twice) return Status::Conflict("already_signed_up: the volunteer is signed up");
        if (s->signed_up >= s->capacity) return Status::Conflict("full: no place left");
        Result<core::LocalDate> day = core::parse_date(s->date);
        if (!day.ok()) return Status::Internal("occurrence date " + s->date);
        const std::string refusal =
            signup_refusal(**facts, ShiftNeeds{*day, s->min_age, s->risky, s->training});
        if (!refusal.empty())
          return Status::Conflict(refusal + ": the volunteer does not meet the shift's needs");
        Result<int64_t> id = insert_signup(c, shift_id, *vid, by.user_id, t);
        if (!id.ok()) return id.status();
        Result<std::optional<SignupRow>> made = load_signup(c, *id);
        if (!made.ok()) return made.status();
        if (!*made) return signup_not_found(*id);
        *out = std::move(**made);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ShiftService::cancel(int64_t signup_id, Caller by, SignupDone done) {
  auto out = std::make_shared<SignupRow>();
  db_.submit(
      [this, signup_id, by, out](store::Connection& c) -> Status {
        Result<std::optional<SignupRow>> g = load_signup(c, signup_id);
        if (!g.ok()) return g.status();
        if (!*g) return signup_not_found(signup_id);
        if (!by.signed_in()) return Status::Unauthenticated("sign in first");
        // The shift's cancellation counts the sign-ups it cancels: read again
        // after any other instance's.
        if (Status st = shift_turn(c, (*g)->shift_id); !st.ok()) return st;
        g = load_signup(c, signup_id);
        if (!g.ok()) return g.status();
        if (!*g) return signup_not_found(signup_id);
        if ((*g)->volunteer_user_id != by.user_id) {
          Result<ShiftRow> s = shift_or_404(c, (*g)->shift_id);
          if (!s.ok()) return s.status();
          if (Status st = require_shift_staff(c, by, *s); !st.ok()) return st;
        }
        if ((*g)->status == "cancelled")
          return Status::Conflict("cancelled: the sign-up is cancelled already");
        if ((*g)->checked_in_at)
          return Status::Conflict("checked_in: the volunteer has checked in");
        if (Status st = cancel_signup_row(c, signup_id, now()); !st.ok()) return st;
        Result<std::optional<SignupRow>> fresh = load_signup(c, signup_id);
        if (!fresh.ok()) return fresh.status();
        if (!*fresh) return signup_not_found(signup_id);
        *out = std::move(**fresh);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void ShiftService::confirm(int64_t shift_id, Caller by, std::function<void(Result<int64_t>)> done) {
  auto out = std::make_shared<int64_t>(0);
  db_.submit(
      [this, shift_id, by, out](store::Connection& c) -> Status {
        Result<ShiftRow> s = shift_or_404(c, shift_id);
        if (!s.ok()) return s.status();
        if (Status st = activities::require_organiser(c, by, s->organiser_org_id); !st.ok())
          return st;
        const int64_t t = now();
        Result<int64_t> n = confirm_shift_records(c, shift_id, by.user_id, t);
        if (!n.ok()) return n.status();
        *out = *n;
        return audit_.append_job(accounts::audit_entry(
            by, "volunteer_shift.confirm", "volunteer_shift", std::to_string(shift_id),
            accounts::AuditDetail().add("confirmed", *n).str()))(c);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*out);
      });
}

void ShiftService::cancel_shift(int64_t shift_id, std::string reason, Caller by,
                                ShiftCancelDone done) {
  auto out = std::make_shared<ShiftCancelled>();
  db_.submit(
      [this, shift_id, reason = std::move(reason), by, out](store::Connection& c) -> Status {
        if (Status st = shift_turn(c, shift_id); !st.ok()) return st;
        Result<ShiftRow> s = shift_or_404(c, shift_id);
        if (!s.ok()) return s.status();
        if (Status st = activities::require_organiser(c, by, s->organiser_org_id); !st.ok())
          return st;
        if (s->status == "cancelled")
          return Status::Conflict("cancelled: the shift is cancelled already");
        const int64_t t = now();
        if (t >= s->ends_at) return Status::Conflict("shift_over: the shift has ended");
        // The sign-ups it cancels, for the audit (ids, no names): under the
        // shift's turn none changes between this read and the update.
        Result<std::vector<SignupRow>> signups = signups_of_shift(c, shift_id);
        if (!signups.ok()) return signups.status();
        std::vector<int64_t> open;
        for (const SignupRow& g : *signups)
          if (g.status == "signed" && !g.checked_in_at) open.push_back(g.id);
        if (Status st = cancel_shift_row(c, shift_id, reason, by.user_id, t); !st.ok()) return st;
        Result<int64_t> n = cancel_open_signups(c, shift_id, t);
        if (!n.ok()) return n.status();
        if (*n != static_cast<int64_t>(open.size()))
          return Status::Internal("the shift's open sign-ups changed while it was cancelled");
        Result<ShiftRow> fresh = shift_or_404(c, shift_id);
        if (!fresh.ok()) return fresh.status();
        out->shift = std::move(*fresh);
        out->signups_cancelled = *n;
        return audit_.append_job(accounts::audit_entry(
            by, "volunteer_shift.cancel", "volunteer_shift", std::to_string(shift_id),
            accounts::AuditDetail()
                .add("occurrence_id", out->shift.occurrence_id)
                .add("title", out->shift.title)
                .add("date", out->shift.date)
                .add("reason", reason)
                .add("signups_cancelled", *n)
                .add_ints("signup_ids", open)
                .str()))(c);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<std::vector<TeamShift>> ShiftService::team_shifts(int64_t team_id, const DatePeriod& p,
                                                         const Caller& by) {
  store::Connection& c = db_.reader();
  // The team's admins see every code; the parent's organiser staff the
  // codes of the shifts they organise (as the staff's view would).
  Status team_admin = require_team_admin(c, by, team_id);
  if (!team_admin.ok() && team_admin.code() != Code::kPermissionDenied) return team_admin;
  std::set<int64_t> organises;
  if (!team_admin.ok()) {
    Result<std::optional<TeamItem>> team = find_team(c, team_id);
    if (!team.ok()) return team.status();
    if (!*team) return Status::NotFound("no such volunteer team");
    Result<std::vector<activities::Organiser>> mine = activities::organisers_of(c, by);
    if (!mine.ok()) return mine.status();
    for (const activities::Organiser& o : *mine) organises.insert(o.id);
    if (!(*team)->parent || organises.count((*team)->parent->id) == 0)
      return Status::PermissionDenied(
          "only the team's admins and the staff of the organisation it belongs to may list its "
          "shifts");
  }
  Result<std::vector<ShiftRow>> rows = shifts_of_team(
      c, team_id, core::local_midnight_unix(p.from),
      core::local_midnight_unix(core::civil_from_days(core::days_from_civil(p.to) + 1)),
      kTeamShiftsMax);
  if (!rows.ok()) return rows.status();
  std::vector<TeamShift> out;
  out.reserve(rows->size());
  for (ShiftRow& s : *rows) {
    const bool with_code = team_admin.ok() || organises.count(s.organiser_org_id) > 0;
    out.push_back({std::move(s), with_code});
  }
  return out;
}

}  // namespace warmcity::volunteers
