// A community canteen (长者食堂) as the canteens module sees it: a facility of
// kind `canteen` (facilities module), and who may work at its counter.
//
// A canteen's staff are the keepers of its keeper organisation; admins act at
// every canteen. A cashier of one canteen is refused at another (403), and a
// facility that is not a canteen is not found (404), whoever asks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::canteens {

// The canteen's facility, as far as this module needs it.
struct Canteen {
  int64_t id = 0;  // the facility's id
  std::string name;
  std::optional<int64_t> keeper_org_id;
  std::optional<int64_t> community_id;
  std::optional<int64_t> subdistrict_id;
};

// Who calls: the signed-in user as the routes see them (routes.h caller_of).
struct Caller {
  int64_t user_id = 0;
  std::string role;                       // "admin", "keeper", "worker", …
  std::vector<int64_t> organisation_ids;  // the caller's organisations
  std::string client_address;
};

// The canteen with facility id `id`; NotFound when there is none or the
// facility is of another kind.
Result<Canteen> find_canteen(store::Connection& c, int64_t id);

// Whether `by` works at `canteen`: an admin, or a keeper of its keeper
// organisation. Workers, volunteers and residents do not ring up meals.
bool works_at(const Canteen& canteen, const Caller& by);

// find_canteen, then works_at: NotFound, Forbidden ("you do not work at this
// canteen") or the canteen.
Result<Canteen> canteen_for_staff(store::Connection& c, int64_t id, const Caller& by);

// The audit entry of `by`'s act (anonymous: no actor) on a subject, with
// the caller's address — every canteen part's changes and reads.
accounts::AuditEntry audit_entry(const Caller& by, std::string action, std::string subject_type,
                                 std::string subject_id, std::string detail_json);

}  // namespace warmcity::canteens
