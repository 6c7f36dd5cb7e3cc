// Sign-ups, the waitlist and the door (signup_service.h).
#include "activities/signup_service.h"

#include <utility>

#include "accounts/audit.h"
#include "activities/organiser_access.h"
#include "core/phone.h"
#include "core/time.h"
#include "store/turn.h"

namespace warmcity::activities {

using accounts::Caller;

namespace {

// Who the caller is to a sign-up: its own person, the organiser's staff
// (admins too), or nobody.
struct SignupParty {
  bool person = false;
  bool staff = false;
};

Result<SignupParty> signup_party_of(store::Connection& c, const SignupRecord& r,
                                    const OccurrenceFacts& f, const Caller& by) {
  SignupParty p;
  p.person = by.signed_in() && r.user_id && *r.user_id == by.user_id;
  if (by.signed_in() && !by.is_resident()) {
    Status s = require_organiser(c, by, f.organiser_org_id);
    if (s.ok()) {
      p.staff = true;
    } else if (s.code() != Code::kPermissionDenied && s.code() != Code::kUnauthenticated) {
      return s;
    }
  }
  return p;
}

Status signup_not_found(int64_t id) { return Status::NotFound("no sign-up " + std::to_string(id)); }

// Who may answer an offer: the sign-up's own person (false), or, for a
// sign-up staff made for a caller, the organiser's staff and admins (true);
// anybody else gets the sign-up's 404. Then a sign-up that holds no offer is
// 409 not_offered.
Result<bool> signup_answerer(store::Connection& c, const SignupRecord& r, const OccurrenceFacts& f,
                             const Caller& by) {
  bool staff = true;
  if (by.signed_in() && r.user_id && *r.user_id == by.user_id) {
    staff = false;
  } else {
    if (!r.by_staff() || !by.signed_in() || by.is_resident()) return signup_not_found(r.id);
    Status s = require_organiser(c, by, f.organiser_org_id);
    if (s.code() == Code::kPermissionDenied || s.code() == Code::kUnauthenticated)
      return signup_not_found(r.id);
    if (!s.ok()) return s;
  }
  if (r.status != "offered") return Status::Conflict("not_offered: the sign-up is " + r.status);
  return staff;
}

Status signup_occurrence_not_found(int64_t id) {
  return Status::NotFound("no activity occurrence " + std::to_string(id));
}

// The sign-up and its occurrence, read in the job after holding the
// occurrence (a sign-up never moves to another occurrence).
struct SignupAndFacts {
  SignupRecord signup;
  OccurrenceFacts facts;
};

Result<SignupAndFacts> signup_held(store::Connection& c, int64_t id) {
  Result<std::optional<SignupRecord>> first = get_signup(c, id);
  if (!first.ok()) return first.status();
  if (!*first) return signup_not_found(id);
  if (Status s = hold_occurrence(c, (*first)->occurrence_id); !s.ok()) return s;
  Result<std::optional<SignupRecord>> r = get_signup(c, id);  // as it is now we hold the turn
  if (!r.ok()) return r.status();
  Result<std::optional<OccurrenceFacts>> f = get_occurrence_facts(c, (*r)->occurrence_id);
  if (!f.ok()) return f.status();
  if (!*f) return signup_occurrence_not_found((*r)->occurrence_id);
  return SignupAndFacts{std::move(**r), std::move(**f)};
}

// The write job of a change to one sign-up: reads it and its occurrence under
// the occurrence's turn (signup_held), then runs `step` on them.
template <class Step>
auto held_signup_job(int64_t signup_id, Step step) {
  return [signup_id, step = std::move(step)](store::Connection& c, int64_t* id) -> Status {
    *id = signup_id;
    Result<SignupAndFacts> sf = signup_held(c, signup_id);
    if (!sf.ok()) return sf.status();
    return step(c, *sf);
  };
}

// Moves a held sign-up from `from` to `to` and adds its event.
Status signup_move_logged(store::Connection& c, const SignupRecord& r, std::string_view to,
                          std::string_view event, int64_t at, const Caller& by,
                          std::string_view note = "") {
  Result<bool> moved = move_signup(c, r.id, r.status, to, at);
  if (!moved.ok()) return moved.status();
  if (!*moved) return Status::Internal("a held sign-up changed under its turn");
  return add_signup_event(c, r.id, event, at, by.user_id, note);
}

Status signup_audit(store::Connection& c, const Caller& by, const char* action,
                    const SignupRecord& r, accounts::AuditDetail detail, int64_t at) {
  detail.add("occurrence_id", r.occurrence_id);
  return accounts::append_audit(
      c, accounts::audit_entry(by, action, "activity_signup", std::to_string(r.id), detail.str()),
      at);
}

// Gives back the place a confirmed or offered sign-up held and offers it on.
Status signup_free_place(store::Connection& c, const SignupRecord& was, int64_t now) {
  if (was.status != "confirmed" && was.status != "offered") return Status::Ok();
  if (Status s = release_place(c, was.occurrence_id); !s.ok()) return s;
  Result<std::vector<Offer>> offers = offer_free_places(c, was.occurrence_id, now);
  return offers.ok() ? Status::Ok() : offers.status();
}

// A door code no active sign-up of the occurrence has.
Result<std::string> signup_unique_code(store::Connection& c, int64_t occurrence_id) {
  for (int tries = 0; tries < 100; ++tries) {
    std::string code = new_door_code();
    Result<bool> used = code_in_use(c, occurrence_id, code);
    if (!used.ok()) return used.status();
    if (!*used) return code;
  }
  return Status::Internal("no free door code on the occurrence");
}

}  // namespace

int64_t SignupService::now() const { return now_ ? now_() : core::now_unix(); }

void SignupService::write_then_read(std::function<Status(store::Connection&, int64_t* id)> job,
                                    SignupDone done) {
  auto id = std::make_shared<int64_t>(0);
  auto out = std::make_shared<SignupRecord>();
  db_.submit(
      [job = std::move(job), id, out](store::Connection& c) -> Status {
        if (Status s = job(c, id.get()); !s.ok()) return s;
        Result<std::optional<SignupRecord>> r = get_signup(c, *id);
        if (!r.ok()) return r.status();
        if (!*r) return Status::Internal("a sign-up vanished in its own write");
        *out = std::move(**r);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void SignupService::sign_up(int64_t occurrence_id, SignupRequest in, Caller by, SignupDone done,
                            SignupHook then) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  std::vector<FieldError> errors;
  if (by.is_resident()) {
    if (in.name) errors.push_back({"name", "a resident signs up as their account"});
    if (in.phone) errors.push_back({"phone", "a resident signs up as their account"});
  } else {
    std::string why;
    if (!in.name) {
      errors.push_back({"name", "required"});
    } else if (std::optional<std::string> n = signup_name(*in.name, &why)) {
      in.name = std::move(*n);
    } else {
      errors.push_back({"name", why});
    }
    if (!in.phone) {
      errors.push_back({"phone", "required"});
    } else if (!is_signup_phone(*in.phone)) {
      errors.push_back({"phone", "a mainland mobile number, 11 digits"});
    }
  }
  if (!errors.empty()) {
    return done(Status::Unprocessable("the sign-up breaks the rules", std::move(errors)));
  }
  const int64_t at = now();
  write_then_read(
      [occurrence_id, in = std::move(in), by, at, then = std::move(then)](store::Connection& c,
                                                                          int64_t* id) -> Status {
        if (Status s = hold_occurrence(c, occurrence_id); !s.ok()) return s;
        Result<std::optional<OccurrenceFacts>> f = get_occurrence_facts(c, occurrence_id);
        if (!f.ok()) return f.status();
        if (!*f) return signup_occurrence_not_found(occurrence_id);
        const OccurrenceFacts& occ = **f;
        SignupRecord r;
        r.occurrence_id = occurrence_id;
        if (by.is_resident()) {
          Result<std::optional<Contact>> k = contact_of_user(c, by.user_id);
          if (!k.ok()) return k.status();
          if (!*k) return Status::Unauthenticated("sign in first");
          if (!(*k)->phone || !is_signup_phone(*(*k)->phone)) {
            return Status::Unprocessable(
                "your account has no mobile phone",
                {{"phone", "add a mobile phone to your account, or sign in with your phone"}});
          }
          r.user_id = by.user_id;
          r.phone = *(*k)->phone;
          std::string why;
          std::optional<std::string> n = signup_name(first_chars((*k)->name, kMaxSignupName), &why);
          r.name = n ? *n : core::mask_phone(r.phone);
        } else {
          if (Status s = require_organiser(c, by, occ.organiser_org_id); !s.ok()) return s;
          r.by_user = by.user_id;
          r.name = *in.name;
          r.phone = *in.phone;
        }
        if (occ.cancelled) return Status::Conflict("occurrence_cancelled: it was cancelled");
        if (occ.starts_at <= at) return Status::Conflict("occurrence_started: it has begun");
        if (std::optional<std::string> why =
                birth_date_refusal(in.birth_date, occ.ages, occ.local_date)) {
          return Status::Unprocessable("the birth date does not fit", {{"birth_date", *why}});
        }
        Result<bool> twice = phone_is_signed_up(c, occurrence_id, r.phone);
        if (!twice.ok()) return twice.status();
        if (*twice) {
          return Status::Conflict("already_signed_up: this phone is signed up already");
        }
        Result<bool> placed = take_place(c, occurrence_id);
        if (!placed.ok()) return placed.status();
        r.status = *placed ? "confirmed" : "waiting";
        Result<std::string> code = signup_unique_code(c, occurrence_id);
        if (!code.ok()) return code.status();
        r.code = std::move(*code);
        Result<int64_t> made = insert_signup(c, r, at);
        if (!made.ok()) return made.status();
        r.id = *id = *made;
        if (Status s = add_signup_event(c, r.id, *placed ? "joined" : "waitlisted", at, by.user_id);
            !s.ok())
          return s;
        if (then)
          if (Status s = then(c, r, at); !s.ok()) return s;
        if (r.by_user) {
          accounts::AuditDetail d;
          d.add("status", r.status);
          if (Status s = signup_audit(c, by, "activity.signup_by_staff", r, std::move(d), at);
              !s.ok())
            return s;
        }
        return Status::Ok();
      },
      std::move(done));
}

void SignupService::cancel(int64_t signup_id, Caller by, SignupDone done) {
  const int64_t at = now();
  write_then_read(
      held_signup_job(signup_id,
                      [by, at](store::Connection& c, const SignupAndFacts& held) -> Status {
                        const SignupRecord& r = held.signup;
                        Result<SignupParty> p = signup_party_of(c, r, held.facts, by);
                        if (!p.ok()) return p.status();
                        if (!p->person && !p->staff) return signup_not_found(r.id);
                        if (!r.active())
                          return Status::Conflict("not_active: the sign-up is " + r.status);
                        if (held.facts.starts_at <= at) {
                          return Status::Conflict("occurrence_started: it has begun");
                        }
                        if (Status s = signup_move_logged(c, r, "cancelled", "cancelled", at, by,
                                                          p->person ? "" : "cancelled by staff");
                            !s.ok())
                          return s;
                        if (Status s = signup_free_place(c, r, at); !s.ok()) return s;
                        if (!p->person) {
                          accounts::AuditDetail d;
                          d.add("was", r.status);
                          return signup_audit(c, by, "activity.signup_cancel", r, std::move(d), at);
                        }
                        return Status::Ok();
                      }),
      std::move(done));
}

void SignupService::accept(int64_t signup_id, Caller by, SignupDone done) {
  const int64_t at = now();
  write_then_read(
      held_signup_job(
          signup_id,
          [by, at](store::Connection& c, const SignupAndFacts& held) -> Status {
            const SignupRecord& r = held.signup;
            Result<bool> staff = signup_answerer(c, r, held.facts, by);
            if (!staff.ok()) return staff.status();
            if (held.facts.starts_at <= at)
              return Status::Conflict("occurrence_started: it has begun");
            if (r.offer_expires_at && *r.offer_expires_at <= at) {
              return Status::Conflict("offer_expired: the offer's time has passed");
            }
            if (Status s = signup_move_logged(c, r, "confirmed", "accepted", at, by); !s.ok())
              return s;
            if (!*staff) return Status::Ok();
            return signup_audit(c, by, "activity.signup_accept", r, accounts::AuditDetail(), at);
          }),
      std::move(done));
}

void SignupService::decline(int64_t signup_id, Caller by, SignupDone done) {
  const int64_t at = now();
  write_then_read(
      held_signup_job(
          signup_id,
          [by, at](store::Connection& c, const SignupAndFacts& held) -> Status {
            const SignupRecord& r = held.signup;
            Result<bool> staff = signup_answerer(c, r, held.facts, by);
            if (!staff.ok()) return staff.status();
            if (Status s = signup_move_logged(c, r, "lapsed", "declined", at, by); !s.ok())
              return s;
            if (Status s = signup_free_place(c, r, at); !s.ok()) return s;
            if (!*staff) return Status::Ok();
            return signup_audit(c, by, "activity.signup_decline", r, accounts::AuditDetail(), at);
          }),
      std::move(done));
}

void SignupService::check_in(int64_t occurrence_id, std::string code, Caller by, SignupDone done) {
  const int64_t at = now();
  write_then_read(
      [occurrence_id, code = std::move(code), by, at](store::Connection& c, int64_t* id) -> Status {
        if (Status s = hold_occurrence(c, occurrence_id); !s.ok()) return s;
        Result<std::optional<OccurrenceFacts>> f = get_occurrence_facts(c, occurrence_id);
        if (!f.ok()) return f.status();
        if (!*f) return signup_occurrence_not_found(occurrence_id);
        if (Status s = require_organiser(c, by, (*f)->organiser_org_id); !s.ok()) return s;
        if ((*f)->cancelled) return Status::Conflict("occurrence_cancelled: it was cancelled");
        const int64_t day_after = core::local_midnight_unix(
            core::civil_from_days(core::days_from_civil(core::local_date_of((*f)->starts_at)) + 1));
        if (at < (*f)->starts_at - 2 * 3600 || at >= day_after) {
          return Status::Conflict(
              "check_in_closed: check-in runs from 2 hours before the start to the end of its day");
        }
        Result<std::optional<SignupRecord>> r = active_signup_with_code(c, occurrence_id, code);
        if (!r.ok()) return r.status();
        if (!*r) return Status::NotFound("unknown_code: no sign-up with that code");
        *id = (*r)->id;
        if ((*r)->status != "confirmed") {
          return Status::Conflict("not_confirmed: the sign-up is " + (*r)->status);
        }
        if ((*r)->attendance == "attended") return Status::Ok();
        if (Status s = set_signup_attendance(c, (*r)->id, "attended", by.user_id, at); !s.ok())
          return s;
        if (Status s = add_signup_event(c, (*r)->id, "attended", at, by.user_id, "check-in");
            !s.ok())
          return s;
        accounts::AuditDetail d;
        d.add("attendance", "attended");
        return signup_audit(c, by, "activity.check_in", **r, std::move(d), at);
      },
      std::move(done));
}

void SignupService::set_attendance(int64_t signup_id, std::string attendance, Caller by,
                                   SignupDone done) {
  if (attendance != "attended" && attendance != "no_show" && !attendance.empty()) {
    return done(Status::Unprocessable("bad attendance",
                                      {{"attendance", "attended, no_show or '' (clear)"}}));
  }
  const int64_t at = now();
  write_then_read(
      held_signup_job(
          signup_id,
          [attendance = std::move(attendance), by, at](store::Connection& c,
                                                       const SignupAndFacts& held) -> Status {
            const SignupRecord& r = held.signup;
            if (Status s = require_organiser(c, by, held.facts.organiser_org_id); !s.ok()) return s;
            if (!attendance.empty()) {
              if (r.status != "confirmed") {
                return Status::Conflict("not_confirmed: the sign-up is " + r.status);
              }
              if (attendance == "no_show" && at < held.facts.starts_at) {
                return Status::Conflict(
                    "not_started: a no-show is marked once the activity begins");
              }
              if (attendance == "attended" && at < held.facts.starts_at - 2 * 3600) {
                return Status::Conflict(
                    "not_started: attendance is taken from 2 hours before the start");
              }
            }
            if (r.attendance == attendance) return Status::Ok();
            if (Status s = set_signup_attendance(c, r.id, attendance, by.user_id, at); !s.ok())
              return s;
            const char* kind = attendance.empty() ? "cleared" : attendance.c_str();
            if (Status s = add_signup_event(c, r.id, kind, at, by.user_id,
                                            attendance.empty() ? "was " + r.attendance : "");
                !s.ok())
              return s;
            accounts::AuditDetail d;
            d.add("attendance", attendance).add("was", r.attendance);
            return signup_audit(c, by, "activity.attendance", r, std::move(d), at);
          }),
      std::move(done));
}

DoorList door_list_of(std::vector<SignupRecord> rows, std::vector<int64_t>& shown) {
  DoorList list;
  for (SignupRecord& r : rows) {
    if (r.status == "cancelled") {
      ++list.cancelled;
    } else if (r.status == "lapsed") {
      ++list.lapsed;
    } else {
      shown.push_back(r.id);
      (r.status == "confirmed" ? list.confirmed
       : r.status == "offered" ? list.offered
                               : list.waiting)
          .push_back(std::move(r));
    }
  }
  return list;
}

void SignupService::door_list(int64_t occurrence_id, const Caller& by,
                              std::function<void(Result<DoorList>)> done) {
  store::Connection& c = db_.reader();
  Result<std::optional<OccurrenceFacts>> f = get_occurrence_facts(c, occurrence_id);
  if (!f.ok()) return done(f.status());
  if (!*f) return done(signup_occurrence_not_found(occurrence_id));
  if (Status s = require_organiser(c, by, (*f)->organiser_org_id); !s.ok()) return done(s);
  Result<std::vector<SignupRecord>> rows = signups_of(c, occurrence_id);
  if (!rows.ok()) return done(rows.status());
  std::vector<int64_t> shown;
  auto list = std::make_shared<DoorList>(door_list_of(std::move(*rows), shown));
  // Names and masked phones of the people on the list: audited before the answer.
  accounts::AuditEntry e = accounts::audit_entry(by, "personal_data.read", "activity_occurrence",
                                                 std::to_string(occurrence_id),
                                                 accounts::AuditDetail()
                                                     .add_strings("fields", {"name", "phone"})
                                                     .add("view", "masked")
                                                     .add("purpose", "activity_door_list")
                                                     .add_ints("signup_ids", shown)
                                                     .str());
  db_.submit([e = std::move(e),
              at = now()](store::Connection& w) { return accounts::append_audit(w, e, at); },
             [list, done = std::move(done)](const Status& s) {
               if (!s.ok()) return done(s);
               done(std::move(*list));
             });
}

Result<std::optional<SignupRecord>> SignupService::my_signup(int64_t occurrence_id,
                                                             const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& c = db_.reader();
  Result<std::optional<OccurrenceFacts>> f = get_occurrence_facts(c, occurrence_id);
  if (!f.ok()) return f.status();
  if (!*f) return signup_occurrence_not_found(occurrence_id);
  return latest_signup_of(c, occurrence_id, by.user_id);
}

Result<std::vector<MySignup>> SignupService::mine(const Caller& by, bool upcoming) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  return signups_of_user(db_.reader(), by.user_id, upcoming, now(), 200);
}

void SignupService::sweep(int64_t at, std::function<void(Result<std::vector<Offer>>)> done) {
  auto out = std::make_shared<std::vector<Offer>>();
  db_.submit(
      [at, out](store::Connection& c) -> Status {
        Result<bool> mine = store::take_turn(c, "activity-offers");
        if (!mine.ok()) return mine.status();
        if (!*mine) return Status::Ok();  // another instance is sweeping
        Result<std::vector<Offer>> offers = lapse_expired_offers(c, at);
        if (!offers.ok()) return offers.status();
        *out = std::move(*offers);
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::activities
