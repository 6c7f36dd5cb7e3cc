// SignupService: sign-ups on an occurrence, the waitlist that moves by
// itself, and the door (docs/activities.md "Sign-ups and the waitlist", "At
// the door", and GET …/my-signup). HTTP-free.
//
// Every write is one write job that first holds the occurrence
// (places.h hold_occurrence), then reads what it decides on, so two
// instances on one PostgreSQL database never pass each other; places are
// taken, given back and offered only through places.h. Each change of a
// sign-up appends its event (add_signup_event); each act of staff appends an
// audit row in the same job (accounts::audit_entry).
//
// Who:
//   - signs up: a resident themselves (name and phone from the account; a
//     resident without a phone: 422 phone), organiser staff of the
//     activity's organiser and admins for a caller by name and phone; other
//     staff kPermissionDenied.
//   - sees, cancels: the sign-up's own person (user_id), organiser staff,
//     admins; accepts and declines: its own person only. Anyone else
//     kNotFound (a sign-up's existence is not revealed).
//   - the door list, check-in, attendance: organiser staff and admins. The
//     door list is audited (personal_data.read) before it is answered.
// Refusals with a code carry it as the message's first word before ':'
// ("already_signed_up: …"); the routes put it in the problem's `error`.
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's thread).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "activities/places.h"
#include "activities/signup.h"
#include "activities/signup_store.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::activities {

using SignupDone = std::function<void(Result<SignupRecord>)>;
// What a caller adds to a sign-up's own write job (the free clinics' health
// note): run on the writer's connection right after the sign-up row and its
// event are written, with the sign-up (its id set) and the job's time; a
// refusal undoes the whole sign-up.
using SignupHook = std::function<Status(store::Connection&, const SignupRecord&, int64_t at)>;

// The door list: the active sign-ups by status (each in line order) and
// how many were cancelled or lapsed.
struct DoorList {
  std::vector<SignupRecord> confirmed;
  std::vector<SignupRecord> offered;
  std::vector<SignupRecord> waiting;
  int64_t cancelled = 0;
  int64_t lapsed = 0;
};

// The occurrence's sign-ups (signups_of, in line order) sorted into the
// door list; the ids of those it shows (the active ones) in `shown`.
DoorList door_list_of(std::vector<SignupRecord> rows, std::vector<int64_t>& shown);

class SignupService {
 public:
  explicit SignupService(store::Database& db, std::function<int64_t()> now = nullptr)
      : db_(db), now_(std::move(now)) {}

  // `then` (optional) runs inside the sign-up's job (SignupHook).
  void sign_up(int64_t occurrence_id, SignupRequest in, accounts::Caller by, SignupDone done,
               SignupHook then = nullptr);
  void cancel(int64_t signup_id, accounts::Caller by, SignupDone done);
  void accept(int64_t signup_id, accounts::Caller by, SignupDone done);
  void decline(int64_t signup_id, accounts::Caller by, SignupDone done);
  // `code`: six digits (checked by the caller's reader).
  void check_in(int64_t occurrence_id, std::string code, accounts::Caller by, SignupDone done);
  // `attendance`: "attended", "no_show" or "" (clears the mark).
  void set_attendance(int64_t signup_id, std::string attendance, accounts::Caller by,
                      SignupDone done);
  void door_list(int64_t occurrence_id, const accounts::Caller& by,
                 std::function<void(Result<DoorList>)> done);

  // Reads, on the calling thread's reader. The caller's latest sign-up on
  // the occurrence (nullopt: none); kNotFound for an unknown occurrence.
  Result<std::optional<SignupRecord>> my_signup(int64_t occurrence_id, const accounts::Caller& by);
  Result<std::vector<MySignup>> mine(const accounts::Caller& by, bool upcoming);

  // Lapses every offer past its time and offers those places on, in one
  // write job that takes the turn "activity-offers" (another instance
  // sweeping: nothing done). `done` gets the new offers.
  void sweep(int64_t now, std::function<void(Result<std::vector<Offer>>)> done);

  int64_t now() const;

 private:
  // Runs `job` (which fills the sign-up's id into *id) and answers with the
  // sign-up as it then reads.
  void write_then_read(std::function<Status(store::Connection&, int64_t* id)> job, SignupDone done);
  store::Database& db_;
  std::function<int64_t()> now_;
};

// The sign-up routes (signup_routes.cpp): POST/GET …/activity-occurrences/
// {id}/signups, GET …/{id}/my-signup, POST …/{id}/check-in, GET
// /api/v1/my/activity-signups, POST /api/v1/activity-signups/{id}/cancel|
// accept|decline, PUT /api/v1/activity-signups/{id}/attendance.
void register_signup_routes(http::Router& router, std::shared_ptr<SignupService> service);

}  // namespace warmcity::activities
