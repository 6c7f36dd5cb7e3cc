// VolunteerService: the volunteer registry (docs/volunteers.md "Who",
// "Volunteers"). HTTP-free.
//
// Who (volunteer_access.h): the team admins of a team register volunteers
// into it, list its current members and add or remove a volunteer from it;
// the team admins of any of the volunteer's current teams read and edit
// them; the volunteer reads their own record. What each caller sees of the
// ID number and the phones is their Standing (volunteer_json.h masks).
//
// Every write (and every read of a volunteer by someone else than the
// volunteer) is one write job on the single writer that checks who asks,
// acts and appends its audit row: volunteer.create, volunteer.update (the
// changed fields' names), volunteer.team_join, volunteer.team_leave,
// personal_data.read (purpose volunteer; one row per volunteer, a list one
// row naming the ids). `done` runs after the commit. The volunteer's own
// read (/me/volunteer) runs on the calling thread's reader.
// Lifetime: REQUIRES db to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "accounts/caller.h"
#include "core/time.h"
#include "store/database.h"
#include "volunteers/volunteer.h"
#include "volunteers/volunteer_access.h"
#include "volunteers/volunteer_store.h"

namespace warmcity::volunteers {

// A volunteer and how the caller stands to them (what they may see).
struct VolunteerView {
  VolunteerRow row;
  Standing standing = Standing::kNone;
};

// A registration's or an edit's answer: the view, or with a 409
// already_registered the volunteer who has that ID (or that account).
struct VolunteerWritten {
  VolunteerView view;
  std::optional<int64_t> already_registered;
};

using VolunteerDone = std::function<void(Result<VolunteerView>)>;
using VolunteerWriteDone = std::function<void(Status, VolunteerWritten)>;
using VolunteerListDone = std::function<void(Result<std::vector<VolunteerView>>)>;

class VolunteerService {
 public:
  // `now` (unix seconds) defaults to core::now_unix().
  explicit VolunteerService(store::Database& db, std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;

  // Team admins of f.team_id (an unknown team: 422 team_id). 422 birth_date
  // under 14, 422 guardian_consent under 18 without one, 422 user_id for an
  // unknown user; 409 already_registered (the ID, or the account, is a
  // volunteer's already).
  void create(VolunteerFields f, Caller by, VolunteerWriteDone done);
  // Team admins of q.team_id (an unknown team: 422 team_id).
  void list(TeamVolunteerQuery q, Caller by, VolunteerListDone done);
  // Team admins of the volunteer's teams (audited), the volunteer.
  void read(int64_t id, Caller by, VolunteerDone done);
  // Team admins of the volunteer's teams; the whole is checked again after
  // the edit (volunteer.h check_volunteer) on the registration day.
  void update(int64_t id, VolunteerPatch p, Caller by, VolunteerWriteDone done);
  // Team admins of team_id (unknown: 422 team_id); 409 already_member.
  void join_team(int64_t id, int64_t team_id, Caller by, VolunteerDone done);
  // Team admins of team_id (unknown: 404); 404 when not a current member.
  void leave_team(int64_t id, int64_t team_id, Caller by, VolunteerDone done);
  // The caller's own record (ID masked, phone whole); 404 when none.
  Result<VolunteerView> mine(const Caller& by);

 private:
  store::Database& db_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
