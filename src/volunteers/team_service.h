// TeamService: the volunteer teams' public list and their certificate facts
// (docs/volunteers.md "Teams"). HTTP-free.
//
// Anyone reads the list (no personal data: the responsible person and the
// contact phone are the team's public contact, printed on certificates);
// the team admins of a team (volunteer_access.h) set its parent
// organisation, responsible person and contact phone in one write job,
// audited volunteer_team.update with the changed fields' names.
// Lifetime: REQUIRES db to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "accounts/caller.h"
#include "store/database.h"
#include "volunteers/team_store.h"

namespace warmcity::volunteers {

using TeamDone = std::function<void(Result<TeamItem>)>;

class TeamService {
 public:
  explicit TeamService(store::Database& db, std::function<int64_t()> now = nullptr);

  // Every team, by name; on the calling thread's reader.
  Result<std::vector<TeamItem>> list();
  // Team admins (an unknown team: 404). The parent: an organisation other
  // than the team (else 422 parent_org_id).
  void update(int64_t team_id, TeamPatch p, accounts::Caller by, TeamDone done);

 private:
  int64_t now() const;

  store::Database& db_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::volunteers
