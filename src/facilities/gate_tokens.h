// Gate devices: a parking lot's barrier or counting camera reports free
// spaces with a token of its own, so no person's session sits in a device.
//
// Owns table facility_gate_tokens (migration module "facilities", version 4):
// id, facility_id (a parking lot), label ("north gate"), token_hash (SHA-256
// hex of the token, unique — the token itself is shown once, when issued,
// and never stored, as with session tokens), created_by (user id),
// created_at, last_used_at, revoked_at (unix seconds; revoking is final).
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
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> revoked_at;
};

// kConflict unless `f` is a parking lot.
Status check_gate_kind(const Facility& f);

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
