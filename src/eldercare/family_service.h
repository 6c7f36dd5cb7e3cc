// FamilyService: family members (家属) of the elders we look after — a
// registered resident account linked to an elder, with her consent recorded,
// who may then ask for errands for her in the app and follow them
// (ErrandService takes those calls). HTTP-free.
//
// Who:
//   - links and unlinks: those who may change her record (may_change:
//     admins, the workers of her grid or community); the account must be an
//     enabled resident (kUnprocessable naming user_id otherwise); one open
//     link per pair (kConflict); her closed record takes none (kConflict).
//     Her history keeps "family_link" / "family_unlink" (ids, relation and
//     consent basis; the audit entries "elder.family_link|unlink" ids and the
//     basis only);
//   - lists her links: those who see her whole;
//   - my_elders: the resident's own elders — name, her team's phone, her
//     open errands in the family view — and nothing else of her (no phones,
//     address, health details, other family members); audited as one
//     "personal_data.read" of "elder_list" (purpose "family").
// Every call is one write job on the single writer (reads too: the audit
// entry is durable before the answer). Lifetime: REQUIRES `db` to outlive
// the service; `done` runs once, on the writer's answerer thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eldercare/elder_service.h"
#include "eldercare/errand.h"
#include "eldercare/family_store.h"

namespace warmcity::eldercare {

struct FamilyInput {
  int64_t user_id = 0;
  std::string relation;
  ConsentInput consent;  // basis consent | guardian_consent
};

// One of her open errands as her family sees it.
struct FamilyErrand {
  Errand errand;
  std::string team_phone;  // "" when no team has it
};

// One elder as her family member sees her.
struct FamilyElder {
  int64_t elder_id = 0;
  std::string name;
  std::string relation;    // the family member's relation to her
  std::string team_phone;  // her paired team's phone; "" when none
  bool closed = false;
  std::vector<FamilyErrand> open_errands;  // newest first, at most 20
};

class FamilyService {
 public:
  // The role of an enabled user (nullopt: none), on the job's connection
  // (the app passes accounts::active_user_role).
  using RoleOf =
      std::function<Result<std::optional<std::string>>(store::Connection&, int64_t user_id)>;

  FamilyService(store::Database& db, RoleOf role_of, std::function<int64_t()> now = nullptr)
      : db_(db), role_of_(std::move(role_of)), now_(std::move(now)) {}

  // kNotFound (no elder), kPermissionDenied, kConflict, kUnprocessable.
  void link(int64_t elder_id, FamilyInput in, Caller by, Done<FamilyLink> done);
  // kNotFound (no elder, or no open link of hers with that id).
  void unlink(int64_t elder_id, int64_t link_id, Caller by, Done<FamilyLink> done);
  // Her links, ended ones too (`all`), oldest first.
  void links(int64_t elder_id, bool all, Caller by, Done<std::vector<FamilyLink>> done);
  // The caller's elders (a resident's open links), oldest link first.
  void my_elders(Caller by, Done<std::vector<FamilyElder>> done);

  int64_t now() const;

 private:
  store::Database& db_;
  RoleOf role_of_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::eldercare
