// Gate devices: a parking lot's barrier or counting camera reports free
// spaces with a token of its own, so no person's session sits in a device.
//
// Owns table facility_gate_tokens (migration module "facilities", versions 4
// and 5): id, facility_id (a parking lot), label ("north gate"), token_hash
// (SHA-256 hex of the token, unique — the token itself is shown once, when
// issued, and never stored, as with session tokens), created_by (user id),
// keeper_org_id (the lot's keeper organisation when the token was issued;
// NULL for a lot without one), created_at, last_used_at, revoked_at (unix
// seconds; revoking is final).
//
// A token lives only as long as what it was issued under: check_gate_holds()
// refuses it, at every use, once the user who issued it is disabled (or gone)
// or no longer an admin or a keeper of that organisation, or once the lot's
// keeper organisation is another than the token's. Nothing is revoked: a
// token refused for these reasons works again if the change is undone.
//
// A device sends `X-Gate-Token: <token>` to POST /api/v1/gate/occupancy; the
// token names its lot. The report is recorded as by the user who issued the
// token (facility_occupancy.reported_by) and stamps the token's
// last_used_at. Issuing and revoking are audited
// (facility.gate_token_issue / facility.gate_token_revoke) by
// FacilityService; the SQL is here.
//
// Thread-safety: functions run on the connection given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "facilities/facility.h"
#include "store/connection.h"

namespace warmcity::facilities {

inline constexpr size_t kMaxGateLabelLength = 64;  // characters

struct GateToken {
  int64_t id = 0;
  int64_t facility_id = 0;
  std::string label;
  int64_t created_by = 0;
  std::optional<int64_t> keeper_org_id;  // the lot's keeper organisation when issued
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> revoked_at;
};

// kConflict unless `f` is a parking lot.
Status check_gate_kind(const Facility& f);

// kUnauthenticated, saying why, unless token `t` of lot `lot` still holds:
// its issuer exists, is not disabled, and is an admin or a keeper of the
// token's organisation, and that organisation is still the lot's keeper.
// One indexed read of the issuer on `c`.
Status check_gate_holds(store::Connection& c, const GateToken& t, const Facility& lot);

// Inserts `t` (id set here) stored under `token_hash`.
Status insert_gate_token(store::Connection& c, GateToken& t, const std::string& token_hash);
// The lot's tokens, revoked ones included, newest first.
Result<std::vector<GateToken>> gate_tokens_of(store::Connection& c, int64_t facility_id);
// The token stored under `token_hash` that is not revoked; nullopt otherwise.
Result<std::optional<GateToken>> find_live_gate_token(store::Connection& c,
                                                      const std::string& token_hash);
// kNotFound when lot `facility_id` has no live token `id`.
Status mark_gate_token_revoked(store::Connection& c, int64_t facility_id, int64_t id, int64_t now);
Status touch_gate_token(store::Connection& c, int64_t id, int64_t now);

}  // namespace warmcity::facilities
