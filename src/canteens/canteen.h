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

#include "accounts/caller.h"
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

// Who calls: the signed-in user as the routes see them (accounts/caller.h).
using accounts::Caller;

// The canteen with facility id `id`; NotFound when there is none or the
// facility is of another kind.
Result<Canteen> find_canteen(store::Connection& c, int64_t id);

// Whether `by` works at `canteen`: an admin, or a keeper of its keeper
// organisation. Workers, volunteers and residents do not ring up meals.
bool works_at(const Canteen& canteen, const Caller& by);

// find_canteen, then works_at: NotFound, Forbidden ("you do not work at this
// canteen") or the canteen.
Result<Canteen> canteen_for_staff(store::Connection& c, int64_t id, const Caller& by);

// The audit entry of `by`'s act on a subject — every canteen part's changes
// and reads (accounts/caller.h).
using accounts::audit_entry;

}  // namespace warmcity::canteens
