// SQL for family members (migration module "elder_family":
// family_migrations() in eldercare.h, written in family_store.cpp):
//   elder_family         a registered resident account linked to an elder as
//                        her family member: the relation, the elder's
//                        consent to it (basis, note, who recorded it, when),
//                        and, once unlinked, who ended it and when (the row
//                        stays: the record of what was shared with whom)
//   elder_family_errands the errands a family member asked for in the app
//                        (errand id → the link it came through)
// Every function runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct FamilyLink {
  int64_t id = 0;
  int64_t elder_id = 0;
  int64_t user_id = 0;        // a resident account
  std::string relation;       // 女儿, 儿子, 侄子 …
  std::string consent_basis;  // consent | guardian_consent (is_health_consent_basis)
  std::string consent_note;   // how she agreed
  int64_t recorded_by = 0;    // the worker who recorded her consent
  int64_t recorded_at = 0;
  std::optional<int64_t> unlinked_at, unlinked_by;
};

// Inserts `l` (its id is set). kConflict when the pair is linked already.
Status insert_family_link(store::Connection& c, FamilyLink& l);
// Ends a link; false when there is no such open link of that elder.
Result<bool> end_family_link(store::Connection& c, int64_t elder_id, int64_t link_id, int64_t at,
                             int64_t by);
// Her links, open ones only unless `all`, oldest first.
Result<std::vector<FamilyLink>> family_links_of_elder(store::Connection& c, int64_t elder_id,
                                                      bool all);
// The open links of one family member, oldest first.
Result<std::vector<FamilyLink>> family_links_of_user(store::Connection& c, int64_t user_id);
// The open link between them, if any.
Result<std::optional<FamilyLink>> open_family_link(store::Connection& c, int64_t elder_id,
                                                   int64_t user_id);

Status insert_family_errand(store::Connection& c, int64_t errand_id, int64_t link_id);
// Whether a family member asked for the errand in the app.
Result<bool> is_family_errand(store::Connection& c, int64_t errand_id);

}  // namespace warmcity::eldercare
