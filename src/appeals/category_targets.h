// A category's default target (department_org_id) must reach somebody: an
// appeal dispatched to an organisation without one active user who may act
// on it (accounts/org_actors.h: role department or worker, not disabled)
// sits there with nobody to start or reply. Saving such a category is
// refused; categories stranded since (the last such user disabled or moved)
// are listed for the dashboard, and dispatching an appeal to such an
// organisation (named, or the category's default) is refused too.
// Stateless; runs on the connection it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/org_actors.h"
#include "appeals/category.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::appeals {

struct TargetProblem {
  int64_t org_id = 0;
  std::optional<std::string> org_name;  // null: no organisation has that id
  std::string reason;                   // "no_organisation" | "no_actor"
};

// Pure: the problem of a target as accounts sees it (`org` null: it does not
// exist), or nullopt when somebody can act.
std::optional<TargetProblem> target_problem(int64_t org_id,
                                            const std::optional<accounts::OrgActors>& org);

// The field error for a problem, in Chinese then English, naming the
// organisation: "department_org_id" when a category names it (kDefault),
// "org_id" when an appeal is being dispatched to it (kDispatch).
enum class TargetUse { kDefault, kDispatch };
FieldError target_error(const TargetProblem& p, TargetUse use = TargetUse::kDefault);

// The problem of the target `org_id` now, or nullopt.
Result<std::optional<TargetProblem>> check_target(store::Connection& c, int64_t org_id);

struct StrandedCategory {
  Category category;
  TargetProblem problem;
};
// The categories among `categories` whose default target reaches nobody, in
// their order. Categories without a default target are not stranded (the
// appeal's area is the target).
Result<std::vector<StrandedCategory>> stranded_categories(store::Connection& c,
                                                          const std::vector<Category>& categories);

}  // namespace warmcity::appeals
