// Who sees how much of an elder's record. Pure; the service applies it.
//
//   full    admins, the two members of the elder's team (its worker and its
//           volunteer, team_store.h), and the workers of an organisation
//           serving the elder's grid or community (the people who serve her): every field,
//           health details included, and the right to correct, close,
//           export and issue cards.
//   masked  workers of her sub-district's organisation and district workers
//           (bound to no area): the record with name, phones, address,
//           position, emergency contacts and birth day masked, and no
//           health details.
//   none    everybody else (workers of other areas, other roles): 403.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eldercare/elder.h"

namespace warmcity::eldercare {

// Who is calling (from the session).
struct Caller {
  int64_t user_id = 0;
  std::string role;               // "admin", "worker", …
  std::vector<int64_t> area_ids;  // the areas the caller's organisations serve
  std::string client_address;
};

enum class View { kNone, kMasked, kFull };

View view_of(const Elder& e, const Caller& by);

// Who may record, correct, close, export, pair her and issue her cards:
// admins and the workers of an organisation serving her grid or community.
// Her team's membership alone gives the full view, not these rights.
bool may_change(const Elder& e, const Caller& by);

// True when `id` is set and one of `area_ids`.
bool holds_area(const std::vector<int64_t>& area_ids, std::optional<int64_t> id);

// The areas whose elders `by` may list; nullopt: every area (admins and
// district workers); an empty list: none.
std::optional<std::vector<int64_t>> listable_areas(const Caller& by);

}  // namespace warmcity::eldercare
