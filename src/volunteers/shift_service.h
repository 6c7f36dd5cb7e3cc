// ShiftService: volunteer shifts on activity occurrences, their sign-ups,
// check-in and check-out, the organiser's confirmation of the hours and
// cancellation of a shift, and a team's list of its shifts
// (docs/volunteers.md "Shifts"). HTTP-free.
//
// Who: organiser staff of the activity's organiser
// (activities::require_organiser) make, confirm and cancel shifts; they and the
// shift's team admins (volunteer_access.h require_team_admin) keep its list
// (the view with the code, sign-ups for volunteers, check-in and check-out
// with an optional `at`); a volunteer (volunteer_of_user) signs up, cancels,
// and checks in and out with the shift's code. A team's shifts are listed to
// its team admins and the organiser staff of the organisation it belongs to
// (its parent, team_store.h). Each write is one write job
// that checks who asks and the rules (shift_rules.h) on the rows as they are
// now; the check-out writes the ledger record (ledger_write.h) in the same
// job. The shift view is read in a write job too, audited
// (personal_data.read, purpose volunteer, naming the volunteers). A wrong code
// is counted in its job and then refused (403 wrong_code). `done` runs once,
// on the writer's answerer thread (or at once on the caller's).
// Lifetime: REQUIRES db and audit to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "core/status.h"
#include "core/time.h"
#include "store/database.h"
#include "volunteers/shift_store.h"

namespace warmcity::volunteers {

using accounts::Caller;

// A new shift as the body gives it (checked for shape by shift_json.h).
struct NewShift {
  std::string title;
  int start_minute = 0;  // after the occurrence day's midnight
  int end_minute = 0;
  int64_t capacity = 0;
  std::optional<int64_t> min_age;  // default 18 when risky, else 14
  bool risky = false;
  std::optional<std::string> training;
  std::optional<int64_t> team_id;
};

// A shift with its sign-ups (the staff's view).
struct ShiftView {
  ShiftRow shift;
  std::vector<SignupRow> signups;
};

// How a check-in or check-out is given: the volunteer's `code`, or staff
// with an optional `at` (unix seconds). Both set is refused by the routes.
struct Attendance {
  std::optional<std::string> code;
  std::optional<int64_t> at;
};

// One of the caller's own sign-ups with the shift it is on.
struct MySignup {
  SignupRow signup;
  ShiftRow shift;
};
// How many of their sign-ups a volunteer's own list shows (newest first).
constexpr int64_t kMySignupsMax = 100;

// One of a team's shifts as its list shows it; `with_code` when the caller
// keeps that shift's list (shift_access.h), as the staff's view would show
// them the code.
struct TeamShift {
  ShiftRow shift;
  bool with_code = false;
};
// How many shifts a team's list shows at most.
constexpr int64_t kTeamShiftsMax = 200;

// A cancelled shift and how many open sign-ups its cancellation cancelled.
struct ShiftCancelled {
  ShiftRow shift;
  int64_t signups_cancelled = 0;
};

using ShiftDone = std::function<void(Result<ShiftView>)>;
using SignupDone = std::function<void(Result<SignupRow>)>;
using ShiftCancelDone = std::function<void(Result<ShiftCancelled>)>;

// Whom a sign-up is for: nobody named (the caller's own volunteer), a
// volunteer's id, or their volunteer number (V + 8 digits: on their
// certificates and their own page, so organiser staff who cannot read a
// team's roster can sign them up by it). At most one is given.
struct SignupFor {
  std::optional<int64_t> volunteer_id;
  std::optional<std::string> volunteer_no;
};

class ShiftService {
 public:
  // `now` (unix seconds) defaults to core::now_unix().
  ShiftService(store::Database& db, accounts::AuditLog& audit,
               std::function<int64_t()> now = nullptr);

  int64_t now() const;
  // The district's date now.
  core::LocalDate today() const;

  // 201: the shift view. kNotFound occurrence; kConflict
  // "occurrence_cancelled"; 422 team_id (no volunteer team), ends_at (not
  // after the start).
  void create(int64_t occurrence_id, NewShift f, Caller by, ShiftDone done);
  // The occurrence's active shifts (public; no code, no names). kNotFound for
  // an unknown occurrence. Read on this thread's reader.
  Result<std::vector<ShiftRow>> public_list(int64_t occurrence_id);
  // The shift with its code and sign-ups; audited.
  void view(int64_t shift_id, Caller by, ShiftDone done);
  // The caller's own sign-ups (read on a reader; their own data: no audit).
  // NotFound when the caller is no volunteer; Unauthenticated when anonymous.
  Result<std::vector<MySignup>> mine(const Caller& by);

  // Nobody named: the caller's own volunteer (none: 403 "not_a_volunteer");
  // named: staff for that volunteer (an unknown one: 422 volunteer_id or
  // volunteer_no). kConflict with the refusal's code: full,
  // already_signed_up, too_young, no_insurance, no_training, volunteer_left,
  // shift_over, shift_cancelled, occurrence_cancelled.
  void sign_up(int64_t shift_id, SignupFor who, Caller by, SignupDone done);
  // The volunteer or the shift's staff; kConflict "checked_in", "cancelled".
  void cancel(int64_t signup_id, Caller by, SignupDone done);

  // With a code: the sign-up's volunteer; 403 "wrong_code" (counted), 429
  // "too_many_codes" after five. Without: the shift's staff, `at` on the
  // shift's day, not in the future (else 422 at). Check-in: from 60 minutes
  // before the start to the end (409 "too_early", "shift_over"; an `at`
  // outside it: 422 at), once (409 "checked_in"). Check-out: after check-in
  // (409 "not_checked_in"), once (409 "checked_out"), `at` not before the
  // check-in (422 at); writes the ledger record and keeps its minutes.
  void check_in(int64_t signup_id, Attendance a, Caller by, SignupDone done);
  void check_out(int64_t signup_id, Attendance a, Caller by, SignupDone done);

  // Confirms every submitted record of the shift (organiser staff): how many.
  void confirm(int64_t shift_id, Caller by, std::function<void(Result<int64_t>)> done);
  // Cancels the shift (organiser staff of the activity's organiser, admins;
  // not the team's admins): status cancelled with `reason` (1–200, checked
  // by the routes), who and when; in the same job its sign-ups not checked
  // in are cancelled (those checked in stay, and check out as before).
  // kConflict "cancelled" when it is already, "shift_over" when it has
  // ended. Audited volunteer_shift.cancel.
  void cancel_shift(int64_t shift_id, std::string reason, Caller by, ShiftCancelDone done);

  // The team's shifts (team_id = the team) whose dates are in `p`, by date
  // and start, at most kTeamShiftsMax, cancelled ones too; no names, so no
  // audit (read on this thread's reader). Who: the team's admins and the
  // organiser staff of the team's parent organisation; NotFound for an
  // unknown team, Unauthenticated, PermissionDenied.
  Result<std::vector<TeamShift>> team_shifts(int64_t team_id, const DatePeriod& p,
                                             const Caller& by);

 private:
  store::Database& db_;
  accounts::AuditLog& audit_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
